"""How a document's fields are shown to the clerk: Vietnamese labels, doubtful fields marked.

Shared by ``sohoa extract`` and the review screen, so both call a field by the same name.
"""
from __future__ import annotations

from ocr.extract import Extraction
from ocr.extract.profile import DEFAULT_PROFILE, table

# design.md §3 field names, in the order a clerk reads the paper.
FIELD_LABELS: dict[str, str] = {
    "type_name": "Tên loại văn bản",
    "parent_issuer": "Cơ quan chủ quản",
    "issuer": "Cơ quan ban hành",
    "number": "Số, ký hiệu",
    "place": "Địa danh",
    "issue_date": "Ngày ban hành",
    "subject": "Trích yếu",
    "urgency": "Độ khẩn",
    "confidentiality": "Độ mật",
    "signing_authority": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký",
    "signer": "Người ký",
    "recipients": "Nơi nhận",
    "valid_until": "Có hiệu lực đến",
    "full_name": "Họ và tên",
    "date_of_birth": "Ngày sinh",
    "sex": "Giới tính",
    "personal_id": "Số định danh cá nhân",
    "address": "Địa chỉ",
    "phone": "Số điện thoại",
    "email": "Thư điện tử",
    "dossier_code": "Mã hồ sơ",
    "procedure_code": "Mã thủ tục hành chính",
    "received_date": "Ngày tiếp nhận",
    "appointment_date": "Ngày hẹn trả kết quả",
}
LEVELS = {"error": "LỖI", "warning": "CẢNH BÁO"}
SOURCES = {"qr": "mã QR", "barcode": "mã vạch"}


def type_label(document_type: str, profile: str = DEFAULT_PROFILE) -> str:
    """"Quyết định" for decision: the type's first printed name, in sentence case."""
    names = table("document_types", profile).get("types", {}).get(document_type, {}).get("names", [])
    return names[0].capitalize() if names else "Không xác định"


def render_table(result: Extraction, profile: str = DEFAULT_PROFILE) -> str:
    """The extraction as a readable table; fields the clerk must check are marked with "?"."""
    lines = [f"Tệp: {result.file or '-'}   Số trang: {result.pages}",
             f"Loại văn bản: {type_label(result.document_type, profile)} ({result.document_type})", ""]
    names = [n for n in FIELD_LABELS if n in result.fields] + [n for n in result.fields if n not in FIELD_LABELS]
    width = max((len(FIELD_LABELS.get(n, n)) for n in names), default=10) + 2
    for name in names:
        item = result.fields[name]
        mark = "?" if result.flagged(name) else " "
        notes = [f"tin cậy {item.confidence:.0%}", f"trang {item.page}"]
        if item.source != "ocr":
            notes.append(f"từ {SOURCES.get(item.source, item.source)}")
        if item.corrected_from is not None:
            notes.append(f"đã sửa từ «{item.corrected_from}»")
        values = item.value if isinstance(item.value, list) else [item.value]
        label = FIELD_LABELS.get(name, name)
        for i, value in enumerate(values or [""]):
            head = f"{mark} {label:<{width}}" if i == 0 else " " * (width + 2)
            tail = f"   ({', '.join(notes)})" if i == len(values) - 1 or not values else ""
            lines.append(f"{head}{'- ' if isinstance(item.value, list) else ''}{value}{tail}")
    if not names:
        lines.append("(không đọc được trường nào)")
    if result.problems:
        lines += ["", "Vấn đề cần xem:"]
        for problem in result.problems:
            where = FIELD_LABELS.get(problem.field, problem.field) if problem.field else "văn bản"
            lines.append(f"  [{LEVELS.get(problem.level, problem.level)}] {where}: {problem.message}")
    lines += ["", "? = cần kiểm tra (độ tin cậy thấp hoặc có vấn đề)"]
    return "\n".join(lines)
