"""Citizen application forms (tờ khai, đơn) and one-stop receipts (Mẫu số 01, TT 01/2018/TT-VPCP):
labelled lines, each its own "form_field" Block, with the citizen's data as field ground truth."""

from __future__ import annotations

import random
from datetime import date, datetime

from . import codes, vocab
from .admin import LAST_DATE, Builder, DocPlan, header_rows, issue_date
from .agencies import MERGER_DAY, pick_agency
from .flow import Cell, CellLine, Item, Look, Para, Row, Run
from .people import Person, citizen, person_name

RECEIPT_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"

COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Tờ khai theo mẫu", "bản chính"),
    ("Giấy tờ chứng minh nơi cư trú", "bản chụp"),
    ("Bản sao Giấy khai sinh", "bản sao"),
    ("Giấy ủy quyền (nếu có)", "bản chính"),
    ("Bản vẽ thiết kế xây dựng", "bản chính"),
    ("Giấy chứng nhận quyền sử dụng đất", "bản sao có chứng thực"),
    ("Văn bản xác nhận của cơ quan có thẩm quyền", "bản chính"),
    ("Ảnh chân dung cỡ 4 x 6 cm", "02 ảnh"),
)


JOBS: tuple[str, ...] = ("Giáo viên", "Công nhân", "Nông dân", "Kinh doanh tự do", "Nhân viên văn phòng",
                         "Kỹ sư xây dựng", "Hưu trí", "Sinh viên", "Bác sĩ", "Lao động tự do", "Công chức")


def birth_province(personal_id: str) -> str:
    """Where the birth was registered, read back from the ID's first three digits."""
    code = personal_id[:3]
    return next(p.full for p in vocab.PROVINCES_BEFORE_2025 if p.id_code == code)


def field_para(b: Builder, label: str, value: str, value_style: str = "regular") -> Para:
    """'Label: value' as one Block; long values wrap, to the margin or under the value."""
    lk = b.look
    return Para(
        name="form_field",
        runs=(Run(f"{label}:"), Run(" " + value, value_style)),
        size_pt=lk.body_pt,
        align="left",
        hang_to_label=b.rng.random() < 0.4,
        spacing=lk.line_spacing,
        after_pt=min(lk.para_after_pt, 4),
        leader=lk.leaders,
    )


def motto_row() -> Row:
    """Citizen forms carry only the Quốc hiệu, centred across the page."""
    return Row((), (Cell("motto", (
        CellLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 13),
        CellLine("Độc lập - Tự do - Hạnh phúc", "bold", 14, underline=True),
    )),), 0.0, after_pt=10)


def signer_cell(name: str, role: str, person: str, rng: random.Random, look: Look) -> Cell:
    return Cell(name, (
        CellLine(role, "bold", look.title_pt),
        CellLine("(Ký và ghi rõ họ tên)" if rng.random() < 0.5 else "(Ký, ghi rõ họ tên)", "italic", look.body_pt - 1),
        CellLine("", "regular", look.body_pt, blank_mm=rng.uniform(18, 24), scribble=True),
        CellLine(person, "bold", look.title_pt),
    ))


def _citizen_fields(b: Builder, who: Person, with_birth: bool) -> tuple[list[Para], dict[str, object]]:
    rng = b.rng
    name_caps = rng.random() < 0.7
    shown_name = who.full_name.upper() if name_caps else who.full_name
    paras = [field_para(b, rng.choice(("Họ, chữ đệm và tên", "Họ và tên", "Họ, chữ đệm, tên người yêu cầu")),
                        shown_name, "bold" if name_caps and rng.random() < 0.5 else "regular")]
    fields: dict[str, object] = {"full_name": shown_name}
    if with_birth:
        paras.append(field_para(b, "Ngày, tháng, năm sinh", codes.date_slash(who.birth)))
        paras.append(field_para(b, "Giới tính", who.sex))
        fields.update(date_of_birth=who.birth.isoformat(), sex=who.sex)
        if rng.random() < 0.5:
            paras.append(field_para(b, "Dân tộc", rng.choice(("Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường",
                                                                  "Khmer", "Hoa", "Nùng", "H'Mông"))))
            paras.append(field_para(b, "Quốc tịch", "Việt Nam"))
    paras.append(field_para(b, rng.choice(("Số định danh cá nhân", "Số định danh cá nhân/Số CCCD")), who.personal_id))
    fields["personal_id"] = who.personal_id
    paras.append(field_para(b, rng.choice(("Nơi cư trú", "Nơi thường trú", "Địa chỉ liên hệ", "Địa chỉ")), who.address))
    fields["address"] = who.address
    if rng.random() < 0.9:
        paras.append(field_para(b, rng.choice(("Số điện thoại", "Số điện thoại liên hệ", "Điện thoại")), who.phone))
        fields["phone"] = who.phone
    if rng.random() < 0.7:
        paras.append(field_para(b, rng.choice(("Email", "Thư điện tử")), who.email))
        fields["email"] = who.email
    return paras, fields


def build_application(rng: random.Random, look: Look) -> DocPlan:
    b = Builder(rng, look)
    issued = codes.random_weekday(rng, MERGER_DAY, LAST_DATE)  # current forms: two-tier addresses
    province = rng.choice(vocab.PROVINCES_2025)
    who = citizen(rng, province, issued)
    title, to_whom = rng.choice(vocab.APPLICATION_TITLES)
    commune = who.address.split(", ")[-2]
    addressee = to_whom.format(province=province.full, commune=f"{commune}, {province.full}")
    field_paras, fields = _citizen_fields(b, who, with_birth=True)
    extras = [field_para(b, "Nơi sinh", birth_province(who.personal_id)),
              field_para(b, "Nghề nghiệp", rng.choice(JOBS))]
    field_paras[3:3] = extras[: rng.randint(0, 2)]
    items: list[Item] = [motto_row(),
                         Para("title", (Run(title, "bold"),), look.title_pt, align="center", balance=True,
                              max_width_mm=150, after_pt=8),
                         Para("addressee", (Run(f"Kính gửi: {addressee}."),), look.body_pt, align="center",
                              max_width_mm=150, after_pt=10)]
    items += field_paras
    purpose = rng.choice(("bổ sung hồ sơ xin việc", "hoàn thiện hồ sơ đăng ký kết hôn", "bổ túc hồ sơ vay vốn",
                          "xây dựng nhà ở cho gia đình", "hưởng chính sách trợ giúp xã hội theo quy định"))
    items.append(field_para(b, "Mục đích sử dụng", purpose))
    if rng.random() < 0.5:
        items.append(field_para(b, "Số lượng bản đề nghị cấp", f"{codes.doc_number(rng.randint(1, 3))} bản"))
    items.append(b.body(f"Đề nghị {addressee} xem xét, giải quyết theo quy định. Kèm theo đơn này, tôi xin gửi "
                        f"các giấy tờ sau:", before_pt=4, after_pt=2))
    attached = rng.sample(COMPONENTS[1:], k=rng.randint(2, 4))
    for i, (name, form) in enumerate(attached):
        items.append(b.body(f"- {name} ({form}){'.' if i == len(attached) - 1 else ';'}", after_pt=2))
    items.append(b.body("Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
                        "pháp luật về lời khai của mình.", before_pt=4))
    place = commune.split(" ", 1)[1]
    date_line = f"{place}, {codes.date_words(issued)}"
    role = rng.choice(("NGƯỜI YÊU CẦU", "NGƯỜI LÀM ĐƠN", "NGƯỜI KÊ KHAI"))
    items.append(Row((), (
        Cell("date_line", (CellLine(date_line, "italic", look.body_pt, nowrap=True),)),
        signer_cell("applicant_signature", role, who.full_name, rng, look),
    ), 0.45, before_pt=8))
    fields.update(place=place, issue_date=issued.isoformat(), type_name=title)
    return DocPlan("application_form", title, fields, tuple(items), (), ())


def _at(day: date, rng: random.Random, first_hour: int, last_hour: int) -> datetime:
    """A time during office hours; appointments are often on the quarter hour, receipts are not."""
    hour = rng.randint(first_hour, last_hour)
    minute = rng.choice((0, 15, 30, 45)) if rng.random() < 0.5 else rng.randint(0, 59)
    return datetime(day.year, day.month, day.day, hour, minute)


def _when(moment: datetime, rng: random.Random, slash: bool) -> str:
    day = codes.date_slash(moment.date()) if slash else codes.date_words(moment.date())[5:]
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, ngày {day}"


def build_receipt(rng: random.Random, look: Look) -> DocPlan:
    b = Builder(rng, look)
    received_day = issue_date(rng)
    agency = pick_agency(rng, "receipt", received_day)
    province = agency.province or vocab.PROVINCES_2025[0]
    who = citizen(rng, province, received_day)
    procedure, _field = rng.choice(vocab.PROCEDURES)
    pcode = codes.procedure_code(rng)
    dossier = codes.dossier_code(rng, received_day, commune_level=agency.commune is not None)
    days = rng.choice((1, 3, 5, 7, 10, 15, 20))
    received = _at(received_day, rng, 7, 16)
    due = _at(codes.add_working_days(received_day, days), rng, 8, 16)
    slash = rng.random() < 0.6

    number = f"{codes.doc_number(rng.randint(1, 2400))}/{agency.symbol}" if rng.random() < 0.5 else None
    date_line = f"{agency.place}, {codes.date_words(received_day)}"
    rows = header_rows(look, agency, number or "", date_line, None, [])
    if number is None:  # the "Số:" cell is dropped, the date line stays
        rows[1] = Row((), rows[1].right, None, after_pt=6)
    items: list[Item] = list(rows)
    items.append(Para("title", (Run(RECEIPT_TITLE, "bold"),), look.title_pt, align="center", balance=True,
                      max_width_mm=rng.choice((110, 150)), before_pt=12, after_pt=6))
    code_para = field_para(b, "Mã hồ sơ", dossier)
    if rng.random() < 0.5:
        code_para = Para("form_field", code_para.runs, look.body_pt, align="center", after_pt=8)
    items.append(code_para)
    items.append(b.body(f"{agency.name} tiếp nhận hồ sơ của:", indent_mm=0.0))
    field_paras, fields = _citizen_fields(b, who, with_birth=False)
    items += field_paras
    items.append(field_para(b, "Nội dung yêu cầu giải quyết", procedure))
    items.append(field_para(b, rng.choice(("Mã thủ tục", "Mã thủ tục hành chính")), pcode))
    items.append(b.body("Thành phần hồ sơ nộp gồm:", indent_mm=0.0, after_pt=2))
    for i, (name, form) in enumerate(rng.sample(COMPONENTS, k=rng.randint(2, 4)), start=1):
        count = "" if form.endswith("ảnh") else f": {codes.doc_number(rng.randint(1, 2))} bản"
        items.append(b.body(f"{i}. {name} ({form}){count}", indent_mm=look.indent_mm, after_pt=2, align="left"))
    items.append(field_para(b, "Số lượng hồ sơ", "01 (bộ)"))
    items.append(field_para(b, "Thời gian giải quyết hồ sơ theo quy định", f"{codes.doc_number(days)} ngày làm việc"))
    items.append(field_para(b, "Thời gian nhận hồ sơ", _when(received, rng, slash)))
    items.append(field_para(b, "Thời gian trả kết quả giải quyết hồ sơ", _when(due, rng, slash)))
    items.append(field_para(b, "Đăng ký nhận kết quả tại", rng.choice((
        "Bộ phận Một cửa", "Trung tâm Phục vụ hành chính công", "nhà riêng qua dịch vụ bưu chính công ích"))))
    items.append(b.body(f"Vào Sổ theo dõi hồ sơ, Quyển số: {codes.doc_number(rng.randint(1, 12))}, "
                        f"Số thứ tự: {rng.randint(1, 999)}.", indent_mm=0.0))
    clerk = person_name(rng, rng.random() < 0.4)
    items.append(Row(
        (signer_cell("submitter_signature", "NGƯỜI NỘP HỒ SƠ", who.full_name, rng, look),),
        (signer_cell("signature", "NGƯỜI TIẾP NHẬN HỒ SƠ", clerk, rng, look),),
        0.5, before_pt=10,
    ))
    if agency.parent:
        fields["parent_issuer"] = agency.parent
    fields.update(issuer=agency.issuer, place=agency.place, issue_date=received_day.isoformat(),
                  type_name=RECEIPT_TITLE, dossier_code=dossier, procedure_code=pcode,
                  received_date=received_day.isoformat(), appointment_date=due.date().isoformat())
    if number:
        fields["number"] = number
    return DocPlan("receipt", RECEIPT_TITLE, fields, tuple(items), (), ())
