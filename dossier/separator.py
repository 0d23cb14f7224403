"""Separator sheets to print: the clerk puts one in front of each dossier (or document) of a
stack, and SoHoa proposes the split there (dossier.split).

One A4 sheet carries three things a reader can find, so that one damaged mark still leaves two:

* a QR code (ocr.separators' ``SOHOA-SEPARATOR/1`` payload) with the level and the dossier code,
  printed 50 mm wide so it reads on a reduced 100 dpi copy in a few ms;
* Kodak patch codes at the standard size (bars 0.08/0.20 in, 0.80 in across, 2.5 in long) at the
  top and, turned, at the bottom edge, 10 mm in (Kodak: at least 0.25 in, at most 3.75 in from the
  feed edge), so that a scanner's own patch reader separates too, whichever edge is fed first;
* the dossier code in large print and what to do with the sheet, in Vietnamese.

Which patch: Patch 3 on a dossier sheet, Patch T on a document sheet (their meaning in Kodak's
capture software; the table is in dossier.split). Patch 2 can be asked for where scanners are
set up for it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from dossier.printing import qr_modules, serif_fonts
from ocr.separators import NARROW_MM, PATCH_LENGTH_MM, PATTERNS, WIDE_MM, Level, PatchType, separator_payload

A4_MM = (210.0, 297.0)
PATCH_EDGE_MM = 10.0  # from the sheet's edge to the first bar
QR_MM = 50.0
# Wide (1) and narrow (0) bars of each patch from the feed edge, as ocr.separators reads them.
_BITS = {patch: bits for bits, patch in PATTERNS.items()}

DEFAULT_PATCH: dict[Level, PatchType] = {"dossier": "3", "document": "T"}

TITLES: dict[Level, str] = {"dossier": "TỜ PHÂN CÁCH HỒ SƠ", "document": "TỜ PHÂN CÁCH TÀI LIỆU"}
INSTRUCTIONS: dict[Level, str] = {
    "dossier": "TỜ PHÂN CÁCH – đặt trước tài liệu đầu tiên của hồ sơ khi quét. SoHoa nhận ra tờ này, "
               "đề xuất bắt đầu một hồ sơ mới{code} và chờ người dùng xác nhận. Tờ phân cách không "
               "thuộc tài liệu nào, nhưng vẫn được giữ lại trong lô quét.",
    "document": "TỜ PHÂN CÁCH – đặt trước mỗi tài liệu của hồ sơ khi quét (tài liệu đầu tiên đã có tờ "
                "phân cách hồ sơ thì không cần). SoHoa đề xuất tách tài liệu tại tờ này và chờ người "
                "dùng xác nhận. Tờ phân cách không thuộc tài liệu nào, nhưng vẫn được giữ lại trong lô quét.",
}
CARE = ("Dùng bản in gốc, không dùng bản photo (photo làm sai độ rộng các vạch). Không viết, không "
        "đóng dấu lên các vạch và mã QR; tờ bị nhàu, rách thì in tờ mới.")


def patch_bars(patch: PatchType) -> list[tuple[float, float]]:
    """The four bars of a patch as (start, end) in mm from the feed edge, Kodak's zones."""
    bars: list[tuple[float, float]] = []
    at = 0.0
    for bit in _BITS[patch]:
        width = WIDE_MM if bit == "1" else NARROW_MM
        bars.append((at, at + width))
        at += width + NARROW_MM
    return bars


def separator_sheet_pdf(level: Level, dossier_code: str | None = None,
                        patch: PatchType | Literal["none"] | None = None) -> bytes:
    """One A4 separator sheet as PDF bytes; ``patch`` None prints the level's usual patch."""
    from fpdf import FPDF

    payload = separator_payload(level, dossier_code)  # refuses a code that cannot go into the QR
    patch_type = DEFAULT_PATCH[level] if patch is None else patch
    regular, bold = serif_fonts()
    width, height = A4_MM
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("serif", "", str(regular))
    pdf.add_font("serif", "B", str(bold))
    pdf.set_title(TITLES[level].capitalize() + (f" {dossier_code}" if dossier_code else ""))
    pdf.set_creator("SoHoa")
    pdf.set_lang("vi")
    pdf.add_page()
    pdf.set_fill_color(0, 0, 0)

    if patch_type != "none":
        left = (width - PATCH_LENGTH_MM) / 2
        for start, end in patch_bars(patch_type):
            pdf.rect(left, PATCH_EDGE_MM + start, PATCH_LENGTH_MM, end - start, style="F")
            # The same patch turned for the bottom edge: its bar 1 is nearest that edge.
            pdf.rect(left, height - PATCH_EDGE_MM - end, PATCH_LENGTH_MM, end - start, style="F")
        pdf.set_font("serif", "B", 10)
        for y in (PATCH_EDGE_MM + 8, height - PATCH_EDGE_MM - 12):
            pdf.set_xy(left + PATCH_LENGTH_MM + 8, y)
            pdf.cell(30, 4, f"PATCH {patch_type}")

    pdf.set_font("serif", "B", 22)
    pdf.set_xy(20, 44)
    pdf.cell(width - 40, 10, TITLES[level], align="C")

    modules = qr_modules(payload)
    pitch = QR_MM / len(modules)
    qx, qy = (width - QR_MM) / 2, 60.0
    for r, row in enumerate(modules):
        c = 0
        while c < len(row):  # one rectangle per run of dark modules: smaller file, no seams
            if row[c]:
                run = c
                while run < len(row) and row[run]:
                    run += 1
                pdf.rect(qx + c * pitch, qy + r * pitch, (run - c) * pitch, pitch, style="F")
                c = run
            else:
                c += 1

    y = qy + QR_MM + 10
    if level == "dossier":
        pdf.set_font("serif", "", 14)
        pdf.set_xy(20, y)
        pdf.cell(width - 40, 7, "Mã hồ sơ", align="C")
        pdf.set_xy(20, y + 8)
        if dossier_code:
            size = 30.0
            pdf.set_font("serif", "B", size)
            while pdf.get_string_width(dossier_code) > width - 40 and size > 14:
                size -= 1
                pdf.set_font_size(size)
            pdf.cell(width - 40, 14, dossier_code, align="C")
        else:
            pdf.set_font("serif", "", 14)
            pdf.cell(width - 40, 14, "(chưa có mã: SoHoa cấp mã khi tiếp nhận, hoặc người dùng nhập)", align="C")
        y += 30
    pdf.set_font("serif", "", 14)
    pdf.set_xy(25, y + 6)
    text = INSTRUCTIONS[level].format(code=f" mang mã {dossier_code}" if dossier_code else "")
    pdf.multi_cell(width - 50, 7, text, align="J")
    pdf.set_xy(25, pdf.get_y() + 6)
    pdf.set_font("serif", "", 12)
    pdf.multi_cell(width - 50, 6, CARE, align="J")
    pdf.set_font("serif", "", 8)
    pdf.set_xy(20, height - PATCH_EDGE_MM - 34)
    pdf.cell(width - 40, 4, payload, align="C")
    return bytes(pdf.output())


def write_separator_sheet(path: Path, level: Level, dossier_code: str | None = None,
                          patch: PatchType | Literal["none"] | None = None) -> Path:
    """Write the sheet to ``path`` (temp file, fsync, rename: never a half-written PDF)."""
    from dossier.workspace import write_durably

    write_durably(separator_sheet_pdf(level, dossier_code, patch), path)
    return path
