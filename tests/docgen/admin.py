"""Administrative documents in the Decree 30/2020 layout: decisions, letters, notices, reports,
submissions, plans, certificates and licences, with their field ground truth."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import codes, phrases, vocab
from .agencies import MERGER_DAY, Agency, pick_agency
from .flow import Cell, CellLine, Item, Look, Para, Row, Run, para
from .people import address, person_name
from .phrases import Context

TYPE_NAMES: dict[str, str] = {
    "decision": "QUYẾT ĐỊNH",
    "official_letter": "",
    "notice": "THÔNG BÁO",
    "report": "BÁO CÁO",
    "submission": "TỜ TRÌNH",
    "plan": "KẾ HOẠCH",
}
# Annex III abbreviations; GP/GCN are not in the decree but are what permits and certificates print.
TYPE_SYMBOLS: dict[str, str] = {
    "decision": "QĐ", "notice": "TB", "report": "BC", "submission": "TTr", "plan": "KH",
    "license": "GP", "certificate": "GCN",
}
ADMIN_TYPES = ("decision", "official_letter", "notice", "report", "submission", "plan", "certificate", "license")

FIRST_DATE = date(2019, 1, 1)
LAST_DATE = date(2026, 6, 30)


def issue_date(rng: random.Random) -> date:
    """Half the documents after the 07/2025 merger (34 provinces, two-tier), half from the archive
    years before it (63 provinces), so both generations of names and headers are exercised."""
    if rng.random() < 0.5:
        return codes.random_weekday(rng, MERGER_DAY, LAST_DATE)
    return codes.random_weekday(rng, FIRST_DATE, MERGER_DAY - timedelta(days=1))


@dataclass(frozen=True)
class DocPlan:
    """A document's content: fixed front and end, and a middle whose length sets the page count."""

    document_type: str
    type_name: str
    fields: dict[str, object]
    front: tuple[Item, ...]
    middle: tuple[Para, ...]
    end: tuple[Item, ...]

    def items(self, k: int) -> list[Item]:
        """The document with its first `k` middle paragraphs; a list's last item ends in '.'."""
        middle = list(self.middle[:k])
        if middle and middle[-1].text.endswith(";"):
            last = middle[-1]
            runs = last.runs[:-1] + (Run(last.runs[-1].text[:-1] + ".", last.runs[-1].style),)
            middle[-1] = replace(last, runs=runs)
        return [*self.front, *middle, *self.end]


@dataclass(frozen=True)
class Body:
    """What a type-specific builder contributes between the header rows and the signature row."""

    front: list[Item]
    middle: tuple[Para, ...]
    end: list[Item]
    subject: str | None
    type_name: str | None = None  # when not the fixed name of the type (licences, certificates)
    valid_until: date | None = None


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]  # caps lines above the signature ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    authority: str | None  # "KT."
    title: str  # "PHÓ CHỦ TỊCH"
    name: str


def pick_signature(rng: random.Random, agency: Agency, document_type: str, collective: bool | None = None) -> Signature:
    """Who signs and how; `collective` forces (True) or forbids (False) a TM. signature."""
    name = person_name(rng, rng.random() < 0.65)
    options = ["head", "deputy"]
    if agency.collective and document_type in ("decision", "plan", "notice", "report", "official_letter"):
        options += ["tm", "tm_deputy"]
    if collective:
        options = ["tm", "tm_deputy"]
    elif collective is False:
        options = [o for o in options if not o.startswith("tm")]
    if document_type in ("official_letter", "notice"):
        options += ["tl", "tuq"]
    if agency.kind in ("department", "office", "service_centre"):
        options += ["acting"]
    choice = rng.choice(options)
    head, deputy = agency.head, agency.deputy
    if choice == "head":
        return Signature((head,), None, head, name)
    if choice == "deputy":
        return Signature((f"KT. {head}", deputy), "KT.", deputy, name)
    if choice == "tm":
        return Signature((f"TM. {agency.collective}", head), "TM.", head, name)
    if choice == "tm_deputy":
        # Three lines; the prefix directly above the title goes to signing_authority.
        return Signature((f"TM. {agency.collective}", f"KT. {head}", deputy), "KT.", deputy, name)
    if choice == "acting":
        return Signature((f"Q. {head}",), "Q.", head, name)
    office_head = "CHÁNH VĂN PHÒNG" if agency.kind != "ministry" else "VỤ TRƯỞNG VỤ PHÁP CHẾ"
    if choice == "tl":
        return Signature((f"TL. {head}", office_head), "TL.", office_head, name)
    return Signature((f"TUQ. {head}", office_head), "TUQ.", office_head, name)


def recipients(rng: random.Random, agency: Agency, document_type: str) -> list[str]:
    """'Nơi nhận' entries without '- ' and the final ';'/'.'; the archive copy line comes last."""
    first = "Như Điều 3" if document_type == "decision" else "Như trên"
    by_kind = {
        "province_committee": ["Bộ Nội vụ (để b/c)", "TT Tỉnh ủy, TT HĐND tỉnh (để b/c)", "CT, các PCT UBND tỉnh",
                               "Các sở, ban, ngành tỉnh", "UBND các xã, phường", "Cổng thông tin điện tử tỉnh",
                               "LĐVP, các phòng chuyên môn"],
        "commune_committee": ["TT Đảng ủy, TT HĐND xã (để b/c)", "CT, các PCT UBND xã",
                              "Các ban, ngành, đoàn thể xã", "Trưởng các thôn, tổ dân phố",
                              "Trang thông tin điện tử xã"],
        "department": ["UBND tỉnh (để b/c)", "Giám đốc, các PGĐ Sở", "Các phòng, đơn vị thuộc Sở",
                       "Trang thông tin điện tử Sở", "Sở Nội vụ", "Sở Tài chính"],
        "office": ["Chủ tịch, các PCT UBND tỉnh", "LĐVP", "Các phòng, đơn vị thuộc Văn phòng", "Cổng TTĐT tỉnh"],
        "service_centre": ["UBND tỉnh (để b/c)", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Bưu điện tỉnh"],
        "ministry": ["Thủ tướng Chính phủ (để b/c)", "Bộ trưởng (để b/c)", "Các Thứ trưởng", "Cổng TTĐT Bộ",
                     "Các vụ, cục, đơn vị thuộc Bộ"],
    }
    pool = [r for r in by_kind[agency.kind] if r != agency.name]
    if agency.commune:  # "TT HĐND xã" becomes "TT HĐND phường" for a ward
        pool = [r.replace(" xã", " " + agency.commune.split()[0]) for r in pool]
    chosen = sorted(rng.sample(pool, k=min(len(pool), rng.randint(2, 5))), key=pool.index)
    items = ([first] if document_type != "report" or rng.random() < 0.3 else []) + chosen
    return items + [f"Lưu: VT, {rng.choice(agency.units)}"]


def header_rows(look: Look, agency: Agency, number: str, date_line: str, subject_vv: str | None,
                marks: list[str]) -> list[Row]:
    """Agency | Quốc hiệu and Tiêu ngữ; then Số | địa danh, ngày; V/v and urgency marks under Số."""
    issuer_lines = [CellLine(line, "regular", look.header_pt) for line in agency.parent_lines]
    issuer_lines += [CellLine(line, "bold", look.header_pt) for line in agency.lines]
    issuer = Cell("issuer", tuple(issuer_lines), rule_frac=look.issuer_rule_frac)
    motto = Cell("motto", (
        CellLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", look.header_pt),
        CellLine("Độc lập - Tự do - Hạnh phúc", "bold", look.motto_pt, underline=True),
    ))
    left = [Cell("number", (CellLine(f"Số: {number}", "regular", 13),), gap_before_mm=1.0)]
    if subject_vv:
        left.append(Cell("subject", (CellLine(subject_vv, "regular", look.header_pt),), gap_before_mm=1.5))
    for kind, mark in marks:
        left.append(Cell(kind, (CellLine(mark, "bold", 13),), frame=True, gap_before_mm=5.0))
    right = [Cell("date_line", (CellLine(date_line, "italic", look.motto_pt, nowrap=True),), gap_before_mm=1.0)]
    return [
        Row((issuer,), (motto,), None, after_pt=4),
        Row(tuple(left), tuple(right), None, after_pt=6),
    ]


def closing_row(look: Look, signature: Signature, recips: list[str] | None, rng: random.Random) -> Row:
    """Nơi nhận (left, 12/11 pt) | signature block (right) with room for the handwritten signature."""
    sig_lines = [CellLine(line, "bold", look.title_pt) for line in signature.lines]
    sig_lines.append(CellLine("", "regular", look.title_pt, blank_mm=rng.uniform(20, 28), scribble=True))
    sig_lines.append(CellLine(signature.name, "bold", look.title_pt))
    sig = Cell("signature", tuple(sig_lines))
    left: tuple[Cell, ...] = ()
    if recips:
        lines = [CellLine("Nơi nhận:", "bold_italic", 12)]
        lines += [CellLine(f"- {r}{'.' if i == len(recips) - 1 else ';'}", "regular", 11)
                  for i, r in enumerate(recips)]
        left = (Cell("recipients", tuple(lines), align="left", hang_mm=2.0, gap_before_mm=1.0),)
    return Row(left, (sig,), 0.45, before_pt=10)


class Builder:
    """Shared paragraph styles for one document."""

    def __init__(self, rng: random.Random, look: Look, pages: int = 1, compact: bool = False,
                 collective: bool = False) -> None:
        self.rng = rng
        self.look = look
        self.compact = compact  # fewer 'Căn cứ' lines when the fixed parts alone overflow
        self.collective = collective  # a decision issued by the committee as a body (TM.)
        # Enough expandable paragraphs to fill `pages` even with short list items.
        self.middle_len = 30 * pages + 20

    def body(self, text: str | tuple[Run, ...], name: str = "body", **kw: object) -> Para:
        runs = (Run(text),) if isinstance(text, str) else text
        lk = self.look
        base = dict(size_pt=lk.body_pt, align="justify" if lk.justify else "left", indent_mm=lk.indent_mm,
                    spacing=lk.line_spacing, after_pt=lk.para_after_pt)
        base.update(kw)
        return Para(name=name, runs=runs, **base)  # type: ignore[arg-type]

    def article(self, number: int, text: str) -> Para:
        return self.body((Run(f"Điều {number}.", "bold"), Run(" " + text)))

    def heading(self, text: str, align: str = "left") -> Para:
        lk = self.look
        indent = lk.indent_mm if align == "left" else 0.0
        return para("heading", text, lk.body_pt, "bold", align=align, indent_mm=indent, spacing=lk.line_spacing,
                    before_pt=4, after_pt=lk.para_after_pt, keep_with_next=True)

    def title(self, text: str) -> Para:
        return para("title", text, self.look.title_pt, "bold", align="center", balance=True, max_width_mm=150,
                    before_pt=14, after_pt=0)

    def subject(self, text: str, rule: bool = True) -> Para:
        """Trích yếu in bold with a short centred rule."""
        return para("subject", text, self.look.title_pt, "bold", align="center", balance=True, max_width_mm=135,
                    after_pt=10, rule_mm=self.rng.uniform(30, 55) if rule else 0.0)

    def addressee(self, names: list[str]) -> Para:
        """'Kính gửi: …' centred for one addressee, a dashed list aligned after the label for several."""
        lk = self.look
        if len(names) == 1:
            return para("addressee", f"Kính gửi: {names[0]}.", lk.body_pt, align="center", max_width_mm=140,
                        after_pt=10, before_pt=4)
        lines = [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]
        return Para("addressee", (Run("Kính gửi: " + "\n".join(lines)),), lk.body_pt, align="left",
                    indent_mm=self.rng.uniform(25, 40), hang_to_label=True, before_pt=4, after_pt=10)


def _subject_slots(rng: random.Random, ctx: Context) -> dict[str, object]:
    amount = phrases.money(rng)
    return {
        "topic": ctx.topic,
        "year": ctx.issued.year,
        "prev_year": ctx.issued.year - 1,
        "area": ctx.agency.area,
        "agency": ctx.agency.name,
        "leader": ctx.agency.leader,
        "pfield": rng.choice(vocab.PROCEDURE_FIELDS),
        "period": rng.choice(phrases.PERIODS),
        "money": codes.thousands(amount),
        "money_words": codes.number_words(amount),
        "award": "Bằng khen" if ctx.agency.kind in ("province_committee", "ministry") else "Giấy khen",
        "person": (person := phrases.official(rng)),
        "person_lower": person[0].lower() + person[1:],
        "position": rng.choice(phrases.POSITIONS),
        "date1": codes.date_words(ctx.issued + timedelta(days=rng.randint(1, 15))),
        "birth": codes.date_words(codes.random_date(rng, date(1968, 1, 1), date(1990, 12, 31))),
    }


DECISION_SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("Về việc phê duyệt Kế hoạch {topic} năm {year}",
     "Phê duyệt Kế hoạch {topic} năm {year} trên địa bàn {area} (có Kế hoạch chi tiết kèm theo), "
     "với các nội dung chủ yếu sau:",
     "generic"),
    ("Về việc thành lập Tổ công tác triển khai công tác {topic}",
     "Thành lập Tổ công tác triển khai công tác {topic} trên địa bàn {area}, gồm các thành viên sau:", "team"),
    ("Về việc công bố danh mục thủ tục hành chính lĩnh vực {pfield} thuộc phạm vi chức năng quản lý của {agency}",
     "Công bố kèm theo Quyết định này danh mục thủ tục hành chính lĩnh vực {pfield} thuộc phạm vi chức năng "
     "quản lý của {agency}, gồm:",
     "procedures"),
    ("Về việc tặng {award} cho các cá nhân có thành tích xuất sắc trong công tác {topic} năm {prev_year}",
     "Tặng {award} của {leader} cho các cá nhân đã có thành tích xuất sắc trong công tác {topic} năm {prev_year}, gồm:",
     "awards"),
    ("Về việc phân bổ kinh phí thực hiện nhiệm vụ {topic} năm {year}",
     "Phân bổ kinh phí thực hiện nhiệm vụ {topic} năm {year} cho các cơ quan, đơn vị với tổng số tiền là {money} đồng "
     "(Bằng chữ: {money_words} đồng), cụ thể như sau:", "budget"),
    ("Về việc ban hành Quy chế làm việc của {agency}",
     "Ban hành kèm theo Quyết định này Quy chế làm việc của {agency}, với các nội dung chính sau:", "generic"),
    ("Về việc bổ nhiệm công chức lãnh đạo",
     "Bổ nhiệm {person_lower}, sinh {birth}, {position}, giữ chức vụ Trưởng phòng Hành chính - Tổng hợp kể từ {date1}. "
     "Thời hạn giữ chức vụ là 05 năm kể từ ngày quyết định bổ nhiệm có hiệu lực.", "generic"),
)


def _middle(b: Builder, ctx: Context, kind: str, count: int, numbered: bool = True) -> tuple[Para, ...]:
    rng = b.rng
    out: list[Para] = []
    roles = ["Tổ trưởng", "Tổ phó"] + ["Thành viên"] * count
    for i in range(1, count + 1):
        if kind == "team":
            text = phrases.titled_list_item(rng, i, roles[i - 1])
        elif kind == "awards":
            text = phrases.titled_list_item(rng, i)
        elif kind == "procedures":
            text = phrases.procedure_item(rng, i)
        elif kind == "budget":
            text = phrases.budget_item(rng, i, ctx)
        elif kind == "bullets":
            text = "- " + phrases.sentence(rng, ctx)[:-1] + ";"
        else:
            body = phrases.paragraph(rng, ctx, (1, 3))
            text = f"{i}. {body}" if numbered else body
        out.append(b.body(text))
    return tuple(out)


def _executors(agency: Agency) -> str:
    if agency.kind == "province_committee":
        return ("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các sở: Nội vụ, Tài chính, Tư pháp; Chủ tịch Ủy ban "
                "nhân dân các xã, phường và các cơ quan, đơn vị, cá nhân có liên quan chịu trách nhiệm thi hành "
                "Quyết định này./.")
    if agency.kind == "commune_committee":
        return ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, công chức chuyên môn và các cá nhân có liên quan "
                "chịu trách nhiệm thi hành Quyết định này./.")
    if agency.kind == "ministry":
        return ("Chánh Văn phòng Bộ, Thủ trưởng các cơ quan, đơn vị thuộc Bộ và các cá nhân có liên quan chịu trách "
                "nhiệm thi hành Quyết định này./.")
    return ("Chánh Văn phòng, Trưởng các phòng, đơn vị và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
            "Quyết định này./.")


def decision_authority(a: Agency, collective: bool) -> str:
    """The centred line above 'Căn cứ': the collective or the head issuing the decision."""
    if collective and a.collective:
        return f"{a.collective} {' '.join(a.lines[1:])}"
    if a.kind == "office":
        return "CHÁNH " + a.name.upper()
    return f"{a.head} {' '.join(a.lines)}"


def _decision(b: Builder, ctx: Context) -> Body:
    rng = b.rng
    subject_t, article_t, kind = rng.choice(DECISION_SUBJECTS)
    slots = _subject_slots(rng, ctx)
    subject = subject_t.format(**slots)
    a = ctx.agency
    authority = decision_authority(a, b.collective)
    lk = b.look
    front: list[Item] = [b.title("QUYẾT ĐỊNH"), b.subject(subject, rule=True)]
    front.append(para("authority", authority, lk.title_pt, "bold", align="center", balance=True,
                      max_width_mm=150, after_pt=8))
    n_bases = rng.randint(1, 2) if b.compact else rng.randint(2, 4)
    for basis in phrases.bases(rng, ctx, n_bases) + [phrases.proposal_basis(rng, ctx)]:
        front.append(b.body((Run(basis, "italic"),), name="basis"))
    front.append(replace(b.heading("QUYẾT ĐỊNH:", align="center"), before_pt=6))
    front.append(b.article(1, article_t.format(**slots)))
    middle = _middle(b, ctx, kind, 2 * b.middle_len if kind != "generic" else b.middle_len)
    end: list[Item] = [
        b.article(2, rng.choice((
            f"Giao {rng.choice(phrases.UNITS)} chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tổ chức triển "
            "khai, hướng dẫn, kiểm tra việc thực hiện Quyết định này.",
            "Các cơ quan, đơn vị, cá nhân có tên tại Điều 1 có trách nhiệm thực hiện nhiệm vụ được giao theo đúng "
            "quy định của pháp luật.",
        ))),
        b.article(3, "Quyết định này có hiệu lực kể từ ngày ký."),
        b.body(_executors(a)),
    ]
    return Body(front, middle, end, subject)


def _letter(b: Builder, ctx: Context) -> Body:
    rng = b.rng
    slots = _subject_slots(rng, ctx)
    subject = rng.choice((
        "V/v triển khai thực hiện công tác {topic} năm {year}",
        "V/v báo cáo kết quả công tác {topic} {period} năm {year}",
        "V/v tăng cường công tác {topic}",
        "V/v đề nghị cung cấp thông tin phục vụ công tác {topic}",
        "V/v góp ý dự thảo Kế hoạch {topic} năm {year}",
    )).format(**slots)
    names = rng.sample(phrases.UNITS[:12], k=rng.choice((1, 1, 2, 3, 4)))
    if rng.random() < 0.3:
        names = ["Ủy ban nhân dân các xã, phường"]
    front: list[Item] = [b.addressee(names)]
    front.append(b.body(f"Thực hiện {phrases.doc_reference(rng, ctx)}, {ctx.agency.name} đề nghị các cơ quan, "
                        f"đơn vị quan tâm triển khai thực hiện một số nội dung sau:"))
    middle = _middle(b, ctx, "generic", b.middle_len)
    end: list[Item] = [b.body(rng.choice((
        f"Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện; kết quả gửi về {ctx.agency.name} trước "
        f"{codes.date_words(ctx.issued + timedelta(days=rng.randint(7, 45)))} để tổng hợp./.",
        f"{ctx.agency.name} đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
    )))]
    return Body(front, middle, end, subject)


def _notice(b: Builder, ctx: Context) -> Body:
    rng = b.rng
    slots = _subject_slots(rng, ctx)
    subject = rng.choice((
        "Về việc tuyển dụng công chức năm {year}",
        "Kết luận của {leader} tại cuộc họp về công tác {topic}",
        "Về việc tiếp nhận hồ sơ trực tuyến đối với thủ tục hành chính lĩnh vực {pfield}",
        "Về việc tổ chức kiểm tra công tác {topic} năm {year}",
        "Về việc nghỉ Tết Nguyên đán năm {year}",
    )).format(**slots)
    front: list[Item] = [b.title("THÔNG BÁO"), b.subject(subject)]
    front.append(b.body(f"Thực hiện {phrases.doc_reference(rng, ctx)}, {ctx.agency.name} thông báo như sau:"))
    middle = _middle(b, ctx, "generic", b.middle_len)
    end: list[Item] = [b.body(f"{ctx.agency.name} thông báo để các cơ quan, đơn vị, cá nhân biết, thực hiện./.")]
    return Body(front, middle, end, subject)


def _report(b: Builder, ctx: Context) -> Body:
    rng = b.rng
    slots = _subject_slots(rng, ctx)
    subject = rng.choice((
        "Kết quả thực hiện công tác {topic} {period} năm {year}",
        "Tình hình thực hiện nhiệm vụ {period} năm {year} và phương hướng, nhiệm vụ thời gian tới",
        "Kết quả công tác {topic} trên địa bàn {area} năm {prev_year}",
    )).format(**slots)
    front: list[Item] = [b.title("BÁO CÁO"), b.subject(subject)]
    front.append(b.body(f"Thực hiện {phrases.doc_reference(rng, ctx)}, {ctx.agency.name} báo cáo kết quả thực hiện "
                        f"như sau:"))
    front.append(b.heading("I. KẾT QUẢ ĐẠT ĐƯỢC"))
    middle = _middle(b, ctx, "generic", b.middle_len)
    end: list[Item] = [
        b.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        b.body(phrases.paragraph(rng, ctx, (2, 3))),
        b.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI"),
        b.body(phrases.paragraph(rng, ctx, (1, 3))),
        b.body(f"Trên đây là báo cáo {subject[0].lower() + subject[1:]} của {ctx.agency.name}./."),
    ]
    return Body(front, middle, end, subject)


def _submission(b: Builder, ctx: Context) -> Body:
    rng = b.rng
    slots = _subject_slots(rng, ctx)
    subject = rng.choice((
        "Về việc đề nghị phê duyệt Kế hoạch {topic} năm {year}",
        "Về việc đề nghị bổ sung kinh phí thực hiện nhiệm vụ {topic}",
        "Về việc đề nghị ban hành Quyết định công bố danh mục thủ tục hành chính lĩnh vực {pfield}",
    )).format(**slots)
    superior = (f"Ủy ban nhân dân {ctx.province_full}" if ctx.agency.kind != "commune_committee"
                else f"Hội đồng nhân dân {ctx.agency.commune}")
    front: list[Item] = [b.title("TỜ TRÌNH"), b.subject(subject), b.addressee([superior])]
    for basis in phrases.bases(rng, ctx, rng.randint(1, 3)):
        front.append(b.body(basis))
    front.append(b.body(f"{ctx.agency.name} kính trình {superior} xem xét, {subject[len('Về việc đề nghị '):]} "
                        f"với các nội dung chủ yếu như sau:"))
    middle = _middle(b, ctx, "generic", b.middle_len)
    end: list[Item] = [b.body(f"{ctx.agency.name} kính trình {superior} xem xét, quyết định./.")]
    return Body(front, middle, end, subject)


def _plan(b: Builder, ctx: Context) -> Body:
    rng = b.rng
    slots = _subject_slots(rng, ctx)
    subject = rng.choice((
        "Triển khai công tác {topic} năm {year}",
        "Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm {year}",
        "Tổ chức kiểm tra công tác {topic} năm {year}",
        "Tuyên truyền, phổ biến pháp luật về {topic} năm {year}",
    )).format(**slots)
    front: list[Item] = [b.title("KẾ HOẠCH"), b.subject(subject)]
    front.append(b.body(f"Thực hiện {phrases.doc_reference(rng, ctx)}, {ctx.agency.name} ban hành Kế hoạch "
                        f"{subject[0].lower() + subject[1:]}, cụ thể như sau:"))
    front.append(b.heading("I. MỤC ĐÍCH, YÊU CẦU"))
    front.append(b.body("- " + phrases.sentence(rng, ctx)))
    front.append(b.heading("II. NHIỆM VỤ, GIẢI PHÁP"))
    middle = _middle(b, ctx, "generic", b.middle_len)
    end: list[Item] = [
        b.heading("III. TỔ CHỨC THỰC HIỆN"),
        b.body(phrases.paragraph(rng, ctx, (1, 2))),
        b.body(f"Trên đây là Kế hoạch {subject[0].lower() + subject[1:]}; yêu cầu các cơ quan, đơn vị nghiêm túc "
               f"triển khai thực hiện./."),
    ]
    return Body(front, middle, end, subject)


BRANDS: tuple[str, ...] = ("Thành Đạt", "Phú Gia", "Hoàng Long", "Minh Phát", "An Khang", "Việt Hưng", "Sao Mai",
                           "Tân Tiến", "Hưng Thịnh", "Bình An", "Đại Phát", "Kim Ngân")
CONDITIONS: tuple[str, ...] = (
    "- Chấp hành đầy đủ các quy định của pháp luật về {pfield} và các quy định khác có liên quan;",
    "- Thực hiện chế độ báo cáo định kỳ theo quy định;",
    "- Chịu sự kiểm tra, thanh tra của cơ quan nhà nước có thẩm quyền;",
    "- Thông báo bằng văn bản cho cơ quan cấp phép khi có thay đổi nội dung đã được cấp phép;",
    "- Lưu giữ bản chính tại trụ sở và xuất trình khi cơ quan có thẩm quyền yêu cầu;",
    "- Bảo đảm an toàn lao động, phòng cháy, chữa cháy và vệ sinh môi trường trong suốt quá trình hoạt động;",
    "- Niêm yết công khai giấy phép tại địa điểm hoạt động;",
)


def _licence(b: Builder, ctx: Context, certificate: bool) -> Body:
    """Permits and certificates: holder details, conditions, and usually a 'có giá trị đến ngày' line."""
    rng = b.rng
    a = ctx.agency
    title = rng.choice(a.licence_titles)
    male = rng.random() < 0.6
    owner = person_name(rng, male)
    brand = rng.choice(BRANDS)
    holder = rng.choice((f"Hộ kinh doanh {owner}", f"Công ty TNHH {brand}", f"Công ty cổ phần {brand}"))
    province = a.province or vocab.PROVINCES_2025[0]
    lk = b.look
    front: list[Item] = [replace(b.title(title), after_pt=10, rule_mm=rng.uniform(30, 55))]
    label = "Chứng nhận:" if certificate else "Cấp cho:"
    lines = [
        f"{label} {holder}",
        f"Người đại diện: {'Ông' if male else 'Bà'} {owner}",
        f"Địa chỉ: {address(rng, province, ctx.issued)}",
        f"Số điện thoại: {codes.phone_number(rng)}",
    ]
    if "XÂY DỰNG" in title:
        lines += [
            "Được phép xây dựng công trình: Nhà ở riêng lẻ",
            f"Vị trí xây dựng: Thửa đất số {rng.randint(10, 999)}, tờ bản đồ số {rng.randint(1, 60)}, "
            f"{address(rng, province, ctx.issued).split(', ', 1)[1]}",
            f"Diện tích xây dựng tầng 1: {rng.randint(45, 180)},{rng.randint(0, 9)} m²; số tầng: "
            f"{codes.doc_number(rng.randint(2, 6))} tầng",
        ]
    elif "AN TOÀN THỰC PHẨM" in title:
        lines.append("Đủ điều kiện an toàn thực phẩm theo quy định để: " + rng.choice((
            "sản xuất bánh, kẹo các loại", "kinh doanh dịch vụ ăn uống", "sản xuất nước uống đóng chai")))
    else:
        lines.append(f"Phạm vi hoạt động: trên địa bàn {province.full}")
    front += [b.body(line, align="left", after_pt=2) for line in lines]
    front.append(b.body("Chủ giấy phép có trách nhiệm:" if not certificate else "Cơ sở có trách nhiệm:",
                        indent_mm=lk.indent_mm, before_pt=4))
    slots = _subject_slots(rng, ctx)
    pool = list(CONDITIONS)
    rng.shuffle(pool)
    middle = tuple(b.body(c.format(**slots)) for c in pool) + _middle(b, ctx, "bullets", b.middle_len)
    valid_until: date | None = None
    end: list[Item] = []
    if rng.random() < 0.7:
        years = rng.choice((3, 5))
        anniversary = ctx.issued.replace(year=ctx.issued.year + years, day=min(ctx.issued.day, 28))
        valid_until = anniversary - timedelta(days=1)
        word = "Giấy chứng nhận" if certificate else "Giấy phép"
        end.append(b.body(f"{word} này có giá trị đến {codes.date_words(valid_until)}./."))
    else:
        end.append(b.body("Giấy phép này có hiệu lực kể từ ngày ký./." if not certificate
                          else "Giấy chứng nhận này có hiệu lực kể từ ngày ký./."))
    return Body(front, middle, end, None, title, valid_until)


def _certificate(b: Builder, ctx: Context) -> Body:
    return _licence(b, ctx, certificate=True)


def _license(b: Builder, ctx: Context) -> Body:
    return _licence(b, ctx, certificate=False)


BODY_BUILDERS: dict[str, Callable[[Builder, Context], Body]] = {
    "decision": _decision,
    "official_letter": _letter,
    "notice": _notice,
    "report": _report,
    "submission": _submission,
    "plan": _plan,
    "certificate": _certificate,
    "license": _license,
}


def build_admin(rng: random.Random, document_type: str, look: Look, pages: int = 1,
                compact: bool = False) -> DocPlan:
    """Content for `document_type`; its middle can fill `pages` pages, generate.fit() trims it."""
    issued = issue_date(rng)
    agency = pick_agency(rng, document_type, issued)
    ctx = Context(agency, issued, rng.choice(phrases.TOPICS))
    collective = bool(agency.collective) and rng.random() < 0.5
    b = Builder(rng, look, pages, compact, collective)
    n = rng.choice((rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 2400)))
    if document_type == "official_letter":
        number = f"{codes.doc_number(n)}/{agency.symbol}-{rng.choice(agency.units)}"
    else:
        number = f"{codes.doc_number(n)}/{TYPE_SYMBOLS[document_type]}-{agency.symbol}"
    date_line = f"{agency.place}, {codes.date_words(issued)}"
    marks: list[tuple[str, str]] = []
    if document_type in ("official_letter", "notice", "decision", "plan") and rng.random() < 0.12:
        marks.append(("confidentiality", "MẬT"))
    if document_type in ("official_letter", "notice", "decision") and rng.random() < 0.15:
        marks.append(("urgency", rng.choice(("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"))))
    body = BODY_BUILDERS[document_type](b, ctx)
    type_name = body.type_name or TYPE_NAMES.get(document_type, "")
    subject, valid_until = body.subject, body.valid_until
    signature = pick_signature(rng, agency, document_type, collective if document_type == "decision" else None)
    recips = recipients(rng, agency, document_type)
    if document_type in ("license", "certificate") and rng.random() < 0.4:
        recips = []
    vv = subject if document_type == "official_letter" else None
    rows = header_rows(look, agency, number, date_line, vv, marks)
    items_front: list[Item] = [*rows, *body.front]
    items_end: list[Item] = [*body.end, closing_row(look, signature, recips, rng)]

    fields: dict[str, object] = {}
    if agency.parent:
        fields["parent_issuer"] = agency.parent
    fields.update(issuer=agency.issuer, number=number, place=agency.place, issue_date=issued.isoformat())
    if type_name:
        fields["type_name"] = type_name
    if subject:
        fields["subject"] = subject
    for kind, mark in marks:
        fields[kind] = mark
    if signature.authority:
        fields["signing_authority"] = signature.authority
    fields["signer_title"] = signature.title
    fields["signer"] = signature.name
    if recips:
        fields["recipients"] = recips
    if valid_until:
        fields["valid_until"] = valid_until.isoformat()
    return DocPlan(document_type, type_name, fields, tuple(items_front), body.middle, tuple(items_end))
