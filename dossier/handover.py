"""The postal handover list (danh sách bàn giao hồ sơ): the paper a public-postal employee
and a one-stop officer sign when dossiers received at a post office reach the one-stop desk.

Decision 468/QĐ-TTg (2021) lets public-postal staff receive and digitize dossiers; no form
fixes the handover list's fields, so it carries what both sides need to check the stack
against the list (domain-vn.md §5.2): each dossier code (with a QR code, so the desk scans
instead of typing), the postal item number, the applicant's name and masked ID, every
component with its page count, the handover time, both people and their signature places.

This module only renders: a :class:`HandoverList` value to PDF, CSV and JSON. Recording the
handover in the workspace is :mod:`dossier.handover_store`. The list never holds a full
personal ID: the value masks it on construction (Decree 13/2023; the list leaves the office).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from datastore.masking import mask_personal_ids
from dossier.printing import qr_modules, serif_fonts

VIETNAM_TIME_NOTE = "+07:00"  # times are printed in Vietnam time, which has no DST


def mask_id(value: str) -> str:
    """``079*****1234`` for a citizen ID (datastore.masking), and the same shape for any other
    identifier (passport, tax number): first 3 and last 4 characters. Idempotent."""
    text = value.strip()
    masked = mask_personal_ids(text)
    if masked != text:
        return masked
    if len(text) > 7:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return "*" * len(text)


@dataclass(frozen=True)
class Component:
    """One paper of a dossier (thành phần hồ sơ) and how many pages it has."""

    name: str
    pages: int


@dataclass(frozen=True)
class HandoverEntry:
    """One dossier on the list. ``masked_id`` is masked here whatever the caller gave."""

    dossier_code: str
    applicant_name: str
    masked_id: str
    components: tuple[Component, ...]
    postal_item: str = ""  # số hiệu bưu gửi, the post's tracking number
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "masked_id", mask_id(self.masked_id))
        object.__setattr__(self, "components", tuple(self.components))

    @property
    def pages(self) -> int:
        return sum(c.pages for c in self.components)


@dataclass(frozen=True)
class HandoverList:
    """A handover list as printed and signed: who hands over what to whom, and when."""

    number: str
    handed_at: datetime  # timezone-aware
    post_office: str
    employee: str
    desk: str
    receiver: str
    entries: tuple[HandoverEntry, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.handed_at.tzinfo is None:
            raise ValueError("the handover time needs a time zone")
        object.__setattr__(self, "entries", tuple(self.entries))

    @property
    def pages(self) -> int:
        return sum(e.pages for e in self.entries)

    @property
    def components(self) -> int:
        return sum(len(e.components) for e in self.entries)


def _vn_time(at: datetime) -> datetime:
    from signing.stamps import VIETNAM_TIME

    return at.astimezone(VIETNAM_TIME)


def spoken_time(at: datetime) -> str:
    """``14 giờ 30 phút, ngày 12 tháng 03 năm 2025``: how a handover record states its time."""
    t = _vn_time(at)
    return f"{t.hour:02d} giờ {t.minute:02d} phút, ngày {t.day:02d} tháng {t.month:02d} năm {t.year}"


def pages_text(pages: int) -> str:
    return f"{pages} tr."


# ---- JSON and CSV --------------------------------------------------------------------------

def to_json(handover: HandoverList) -> dict[str, Any]:
    """The list as plain data (schema ``sohoa.handover/1``); IDs masked, times ISO 8601 +07:00."""
    from signing.stamps import iso_vn

    return {
        "schema": "sohoa.handover/1",
        "number": handover.number,
        "handed_at": iso_vn(handover.handed_at),
        "from": {"post_office": handover.post_office, "employee": handover.employee},
        "to": {"desk": handover.desk, "receiver": handover.receiver},
        "dossiers": [
            {"dossier_code": e.dossier_code, "postal_item": e.postal_item, "applicant": e.applicant_name,
             "personal_id": e.masked_id, "pages": e.pages, "note": e.note,
             "components": [{"name": c.name, "pages": c.pages} for c in e.components]}
            for e in handover.entries
        ],
        "totals": {"dossiers": len(handover.entries), "components": handover.components,
                   "pages": handover.pages},
    }


CSV_HEADER = ("STT", "Số danh sách", "Thời gian bàn giao", "Mã hồ sơ", "Số hiệu bưu gửi", "Chủ hồ sơ",
              "Số định danh", "Thành phần hồ sơ", "Số trang", "Ghi chú", "Bên giao", "Người giao",
              "Bên nhận", "Người nhận")


def to_csv(handover: HandoverList) -> bytes:
    """One row per dossier, components joined by "; " with their page counts.

    UTF-8 with a byte-order mark: without it Excel, which one-stop desks open CSV files with,
    reads the file as the Windows code page and garbles every diacritic.
    """
    from signing.stamps import iso_vn

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for index, e in enumerate(handover.entries, start=1):
        parts = "; ".join(f"{c.name} ({c.pages} trang)" for c in e.components)
        writer.writerow((index, handover.number, iso_vn(handover.handed_at), e.dossier_code, e.postal_item,
                         e.applicant_name, e.masked_id, parts, e.pages, e.note, handover.post_office,
                         handover.employee, handover.desk, handover.receiver))
    return out.getvalue().encode("utf-8-sig")


# ---- PDF ------------------------------------------------------------------------------------

# Column widths in mm on landscape A4 (297 mm less 15 mm margins each side = 267 mm).
COLUMNS = (("STT", 12.0), ("Mã hồ sơ", 46.0), ("Số hiệu bưu gửi", 34.0), ("Chủ hồ sơ", 38.0),
           ("Số định danh", 27.0), ("Thành phần hồ sơ (số trang)", 86.0), ("Ghi chú", 24.0))
QR_MM = 16.0  # 25 modules of a short code at 0.64 mm: read by phone cameras and 200 dpi scans
FONT_PT = 10.0
LINE_MM = 4.8
PAD_MM = 1.5


def render_pdf(handover: HandoverList) -> bytes:
    """The list as a landscape A4 PDF with the fonts embedded, ready to print or sign."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular, bold = serif_fonts()
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0  # cells are padded explicitly (PAD_MM), so widths measured are widths drawn
    pdf.add_font("serif", "", str(regular))
    pdf.add_font("serif", "B", str(bold))
    pdf.set_title(f"Danh sách bàn giao hồ sơ số {handover.number}")
    pdf.set_creator("SoHoa")
    pdf.set_lang("vi")
    pdf.alias_nb_pages()
    width = pdf.epw

    def footer_text() -> None:
        pdf.set_font("serif", "", 8)
        pdf.set_xy(pdf.l_margin, pdf.h - 9)
        pdf.cell(width, 4, f"Danh sách bàn giao số {handover.number} - trang {pdf.page_no()}/{{nb}}", align="R")

    def table_header() -> None:
        pdf.set_font("serif", "B", FONT_PT)
        y = pdf.get_y()
        x = pdf.l_margin
        for title, w in COLUMNS:
            pdf.rect(x, y, w, 10)
            lines = len(pdf.multi_cell(w - 2, 4.5, title, dry_run=True, output="LINES"))
            pdf.set_xy(x + 1, y + (10 - lines * 4.5) / 2)
            pdf.multi_cell(w - 2, 4.5, title, align="C")
            x += w
        pdf.set_xy(pdf.l_margin, y + 10)
        pdf.set_font("serif", "", FONT_PT)

    def new_page() -> None:
        pdf.add_page()
        footer_text()
        pdf.set_xy(pdf.l_margin, pdf.t_margin)

    new_page()
    # Header: sender on the left, the national motto on the right (Decree 30/2020 layout).
    half = width / 2
    top = pdf.get_y()
    pdf.set_font("serif", "B", 11)
    pdf.multi_cell(half, 5.5, handover.post_office.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + half, top)
    pdf.multi_cell(half, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    motto = "Độc lập - Tự do - Hạnh phúc"
    pdf.multi_cell(half, 5.5, motto, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # Decree 30/2020 Annex I: the motto is underlined with a line as long as itself.
    motto_w = pdf.get_string_width(motto)
    centre = pdf.l_margin + half + half / 2
    pdf.line(centre - motto_w / 2, pdf.get_y() + 0.3, centre + motto_w / 2, pdf.get_y() + 0.3)
    pdf.set_y(max(left_bottom, pdf.get_y()) + 6)
    pdf.set_font("serif", "B", 15)
    pdf.cell(width, 8, "DANH SÁCH BÀN GIAO HỒ SƠ", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("serif", "", 11)
    pdf.cell(width, 6, f"Số: {handover.number}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(width, 6, f"Thời gian bàn giao: {spoken_time(handover.handed_at)}", align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.multi_cell(width, 6, f"Bên giao: {handover.post_office} - nhân viên bưu chính: {handover.employee}",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # The officer at the desk is often not known when the post office prints the list: a
    # dotted line is left for the name, written by hand at the handover.
    receiver = handover.receiver or "." * 40
    pdf.multi_cell(width, 6, f"Bên nhận: {handover.desk} - cán bộ tiếp nhận: {receiver}",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    table_header()

    bottom = pdf.h - 14
    for index, entry in enumerate(handover.entries, start=1):
        texts = [str(index), "", entry.postal_item, entry.applicant_name, entry.masked_id,
                 "\n".join([*(f"- {c.name}: {pages_text(c.pages)}" for c in entry.components),
                            f"Cộng: {entry.pages} trang"]),
                 entry.note]
        code_lines = 1 if pdf.get_string_width(entry.dossier_code) * 7 / FONT_PT <= COLUMNS[1][1] - 2 * PAD_MM \
            else len(pdf.multi_cell(COLUMNS[1][1] - 2 * PAD_MM, LINE_MM, entry.dossier_code,
                                    dry_run=True, output="LINES"))
        heights = [len(pdf.multi_cell(w - 2 * PAD_MM, LINE_MM, t, dry_run=True, output="LINES")) * LINE_MM
                   for (_, w), t in zip(COLUMNS, texts)]
        heights[1] = QR_MM + 1 + code_lines * LINE_MM
        row_h = max(heights) + 2 * PAD_MM
        if pdf.get_y() + row_h > bottom:
            new_page()
            table_header()
        y = pdf.get_y()
        x = pdf.l_margin
        for column, ((_, w), text) in enumerate(zip(COLUMNS, texts)):
            pdf.rect(x, y, w, row_h)
            if column == 1:
                _draw_qr(pdf, entry.dossier_code, x + (w - QR_MM) / 2, y + PAD_MM, QR_MM)
                pdf.set_xy(x + PAD_MM, y + PAD_MM + QR_MM + 1)
                # On one line when it fits at 7 pt or more: a code broken in two is misread.
                size = FONT_PT
                while size > 7 and pdf.get_string_width(entry.dossier_code) > w - 2 * PAD_MM:
                    size -= 0.5
                    pdf.set_font_size(size)
                pdf.multi_cell(w - 2 * PAD_MM, LINE_MM, entry.dossier_code, align="C")
                pdf.set_font_size(FONT_PT)
            else:
                pdf.set_xy(x + PAD_MM, y + PAD_MM)
                pdf.multi_cell(w - 2 * PAD_MM, LINE_MM, text, align="C" if column in (0, 4) else "L")
            x += w
        pdf.set_xy(pdf.l_margin, y + row_h)

    # Totals and the two signature places, kept together on one page.
    block = 62.0
    if pdf.get_y() + block > bottom:
        new_page()
    pdf.ln(3)
    pdf.set_font("serif", "B", 11)
    pdf.multi_cell(width, 6, f"Tổng cộng: {len(handover.entries)} hồ sơ, {handover.components} thành phần, "
                   f"{handover.pages} trang.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("serif", "", 10)
    pdf.multi_cell(width, 5, "Hai bên đã kiểm đếm hồ sơ theo danh sách trên; danh sách lập thành hai bản, "
                   "mỗi bên giữ một bản.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    y = pdf.get_y()
    for column, (role, name) in enumerate((("NGƯỜI GIAO", handover.employee), ("NGƯỜI NHẬN", handover.receiver))):
        x = pdf.l_margin + column * half
        pdf.set_xy(x, y)
        pdf.set_font("serif", "B", 11)
        pdf.cell(half, 6, role, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font("serif", "", 10)
        pdf.cell(half, 5, "(Ký, ghi rõ họ tên)", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(x, y + 34)
        pdf.set_font("serif", "B", 11)
        pdf.cell(half, 6, name, align="C")
    return bytes(pdf.output())


def _draw_qr(pdf: Any, text: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (one rectangle per run of dark modules in a row):
    sharp at any print or scan resolution, a few KB whatever the size."""
    modules = qr_modules(text)
    step = size / len(modules)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(modules):
        start = None
        for col, dark in enumerate([*line, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                pdf.rect(x + start * step, y + row * step, (col - start) * step, step, style="F")
                start = None


def write_outputs(handover: HandoverList, pdf_path: Path | None = None, csv_path: Path | None = None) -> None:
    """Write the PDF and CSV atomically: a half-written list is never left under its name."""
    if pdf_path is not None:
        write_atomic(pdf_path, render_pdf(handover))
    if csv_path is not None:
        write_atomic(csv_path, to_csv(handover))


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file beside the target, fsync, rename: the old file or the new one, never half of one."""
    import os
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["Component", "HandoverEntry", "HandoverList", "render_pdf", "to_csv", "to_json", "spoken_time",
           "write_outputs"]
