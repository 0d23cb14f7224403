"""What a clerk reads when a scan stops: each ScanError in Vietnamese.

The errors carry English text for logs and developers; the desktop shows this
instead. Every message says what happened, where (which page, which scanner),
what to do next, and, after a failure mid-batch, that the pages already scanned
are kept. "Tiếp tục" and "Quét lại" are the buttons the desktop offers.
Qt-free so the CLI, the tests and the GUI share one wording.
"""
from __future__ import annotations

from collections.abc import Callable

from .collate import CollationMismatch
from .errors import (
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    PageNotSaved,
    PaperJam,
    ScanError,
    UnsupportedSetting,
)
from .escl import UnreadableReply
from .files import UnreadableFile
from .profiles import ProfileRefused

SOURCE_VI = {"flatbed": "mặt kính", "adf": "khay nạp giấy tự động", "duplex": "khay nạp giấy quét hai mặt"}
MODE_VI = {"color": "màu", "gray": "xám", "lineart": "đen trắng"}


def vietnamese_message(error: ScanError, *, saved_pages: int | None = None, device_name: str = "") -> str:
    """The clerk's message for ``error``. ``saved_pages``: pages of the batch already on disk
    (ScanOperation.saved_in_batch()); ``device_name``: the scanner as the clerk knows it."""
    scanner = f"Máy quét {device_name or error.device_id}".rstrip() if (device_name or error.device_id) else "Máy quét"
    page = error.page_index + 1 if error.page_index is not None else None
    for cls in type(error).__mro__:
        build = _BUILDERS.get(cls)
        if build:
            return build(error, scanner, page, _kept(saved_pages))
    return _generic(error, scanner, page, _kept(saved_pages))  # pragma: no cover - ScanError is in the table


def turn_over_message(fronts: int, action: str = "bấm Tiếp tục") -> str:
    """What the clerk reads between the passes of a two-pass (manual) duplex batch: the backs
    pass must read the last sheet first (collate.py), so the whole stack is turned over as it is.
    ``action``: how this front end resumes (the desktop's button, Enter in a terminal)."""
    return (f"Đã quét xong {fronts} mặt trước. Hãy lấy cả xấp giấy ra, lật ngược cả xấp (giữ nguyên thứ tự "
            f"các tờ), đặt lại vào khay nạp giấy rồi {action} để quét mặt sau.")


def _kept(saved: int | None) -> str:
    if not saved:
        return ""
    return f"; {saved} trang đã quét vẫn được giữ nguyên" if saved > 1 else "; trang đã quét vẫn được giữ nguyên"


def _at(page: int | None) -> str:
    return f" ở trang {page}" if page else ""


def _paper_jam(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    return (f"Kẹt giấy{_at(page)}. Hãy mở khay nạp, gỡ tờ giấy bị kẹt, đặt lại tờ đó lên đầu xấp giấy "
            f"rồi bấm Tiếp tục{kept}.")


def _feeder_empty(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    return f"Khay nạp giấy đang trống. Hãy đặt giấy vào khay (mặt cần quét theo hướng dẫn trên máy) rồi bấm Quét lại{kept}."


def _cover_open(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    return f"Nắp máy quét đang mở{_at(page)}. Hãy đóng nắp cho khít rồi bấm Tiếp tục{kept}."


def _busy(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    return (f"{scanner} đang bận với một chương trình khác. Hãy đóng chương trình đó hoặc chờ nó quét xong "
            f"rồi bấm Quét lại{kept}.")


def _gone(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    if e.details.get("reason") == "certificate":  # an https network scanner whose certificate is not trusted
        return (f"Chứng chỉ bảo mật của {scanner[0].lower() + scanner[1:]} không được tin cậy nên phần mềm không "
                "gửi gì tới máy. Hãy báo quản trị viên thêm chứng chỉ của máy quét vào cấu hình (SOHOA_ESCL_CA).")
    what = f"{scanner} bị mất kết nối khi đang quét trang {page}" if page else f"Không kết nối được với {scanner[0].lower() + scanner[1:]}"
    return f"{what}. Hãy kiểm tra cáp và nguồn điện của máy, cắm lại nếu cần, rồi bấm Tiếp tục{kept}."


def _hung(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    where = f" khi đang quét trang {page}" if page else ""
    again = f" để quét tiếp từ trang {page}" if page else ""
    return (f"{scanner} không phản hồi{where} nên phần mềm đã dừng trình điều khiển. "
            f"Hãy tắt máy quét, bật lại rồi bấm Tiếp tục{again}{kept}.")


def _unsupported(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    d = e.details
    setting, value, offered = d.get("setting"), d.get("value"), d.get("offered") or ()
    if setting == "source":
        options = ", ".join(SOURCE_VI.get(str(o), str(o)) for o in offered)
        have = f" (máy chỉ có: {options})" if options else ""
        if value == "flatbed":  # two-pass duplex asked for the flatbed
            return "Quét hai mặt theo hai lượt cần khay nạp giấy tự động, không dùng được mặt kính. Hãy chọn khay nạp giấy."
        return f"{scanner} không có {SOURCE_VI.get(str(value), str(value))}{have}. Hãy chọn nguồn giấy khác rồi quét lại."
    if setting == "mode":
        options = ", ".join(MODE_VI.get(str(o), str(o)) for o in offered)
        return (f"{scanner} không quét được ở chế độ {MODE_VI.get(str(value), str(value))}"
                f"{f' (chỉ có: {options})' if options else ''}. Hãy chọn chế độ màu khác rồi quét lại.")
    if setting == "dpi":
        options = ", ".join(str(o) for o in offered)
        return (f"{scanner} không quét được ở độ phân giải {value} dpi. Hãy chọn một trong các mức: "
                f"{options} dpi rồi quét lại.")
    if setting == "page_size" and isinstance(value, tuple) and isinstance(offered, tuple) and len(offered) == 2:
        return (f"Khổ giấy {value[0]:.0f}×{value[1]:.0f} mm lớn hơn vùng quét của máy "
                f"({offered[0]:.0f}×{offered[1]:.0f} mm). Hãy chọn khổ giấy nhỏ hơn hoặc dùng máy quét khác.")
    return f"{scanner} không hỗ trợ thiết lập này. Hãy chọn nguồn giấy, độ phân giải hoặc chế độ màu khác{kept}."


def _mismatch(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    fronts, backs = e.details.get("fronts"), e.details.get("backs")
    counts = f": lượt mặt trước có {fronts} trang, lượt mặt sau có {backs} trang" if fronts is not None else ""
    return (f"Số trang của hai lượt quét không khớp{counts}. Hãy kiểm tra xem có tờ nào bị kéo hai tờ một lúc "
            f"hoặc bị sót không, rồi quét lại mặt sau{kept}.")


def _not_saved(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    if e.details.get("reason") == "exists":
        return (f"Thư mục của lô đã có sẵn một tệp trang {page} do chương trình khác ghi vào; tệp đó được giữ nguyên "
                f"và việc quét đã dừng. Hãy kiểm tra thư mục rồi quét lại{kept}.")
    return (f"Không lưu được trang{f' {page}' if page else ''} vào thư mục của lô (ổ đĩa đầy hoặc không có quyền ghi). "
            f"Hãy giải phóng dung lượng hoặc chọn thư mục khác rồi bấm Tiếp tục{kept}.")


def _refused(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    reason = e.details.get("reason")
    if reason == "unknown_profile":
        return f"Không có cấu hình quét tên “{e.details.get('name')}”. Hãy chọn một cấu hình có trong danh sách."
    if reason == "unknown_setting":
        return "Thiết lập quét không hợp lệ. Hãy chọn lại nguồn giấy và chế độ màu trong danh sách."
    return ("Thiết lập quét này không đạt yêu cầu bản sao điện tử theo Nghị định 30/2020/NĐ-CP (ảnh màu, "
            "độ phân giải từ 200 dpi). Hãy chọn chế độ màu và độ phân giải từ 200 dpi trở lên, "
            "hoặc đánh dấu là bản nháp nếu chỉ để xem trước.")


def _unreadable(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    name = e.details.get("file")
    which = f"Tệp “{name}”" if name else "Tệp này"
    return f"{which} không đọc được thành các trang. Hãy kiểm tra đó là tệp PNG, JPEG, TIFF hoặc PDF còn nguyên vẹn."


def _unreadable_reply(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    """A network scanner's reply SoHoa cannot read: a damaged page or a firmware bug. A sheet
    the feeder already let out is not in the stack any more, so the clerk puts it back."""
    if page:
        return (f"{scanner} gửi về trang {page} ở dạng không đọc được (dữ liệu bị hỏng). Hãy tắt máy quét, "
                f"bật lại, đặt tờ đó lên đầu xấp giấy (hoặc lên mặt kính) rồi bấm Tiếp tục{kept}.")
    return (f"{scanner} trả lời theo cách phần mềm không đọc được. Hãy tắt máy quét, bật lại rồi quét lại; "
            f"nếu vẫn lỗi, hãy báo quản trị viên cập nhật phần mềm (firmware) của máy quét{kept}.")


def _generic(e: ScanError, scanner: str, page: int | None, kept: str) -> str:
    where = f" ở trang {page}" if page else ""
    return (f"{scanner} báo lỗi{where} (chi tiết kỹ thuật: {e.message}). "
            f"Hãy kiểm tra máy quét rồi bấm Tiếp tục{kept}.")


_BUILDERS: dict[type, Callable[[ScanError, str, int | None, str], str]] = {
    PaperJam: _paper_jam,
    FeederEmpty: _feeder_empty,
    CoverOpen: _cover_open,
    DeviceBusy: _busy,
    DeviceGone: _gone,
    DriverHung: _hung,
    UnsupportedSetting: _unsupported,
    CollationMismatch: _mismatch,
    PageNotSaved: _not_saved,
    ProfileRefused: _refused,
    UnreadableFile: _unreadable,
    UnreadableReply: _unreadable_reply,
    ScanError: _generic,
}
