"""Separator marks read from page images: Kodak patch codes drawn from Kodak's own zone tables
(not from the module's table), scanned (skew, blur, noise, JPEG) at 200 and 300 dpi and turned
every way; SoHoa's QR payload; and no mark at all on ordinary generated papers."""
from __future__ import annotations

import time
from functools import lru_cache

import cv2
import numpy as np
import pytest
from PIL import ImageDraw

from ocr.extract.codes import read_codes
from ocr.separators import (find_patch_codes, find_separator_sheet, parse_separator_payload, read_marks,
                            separator_payload, sheet_from_codes)
from tests.docgen import DOCUMENT_TYPES, GeneratedPage, blank_page, degrade, generate_document, photograph, rotate_page

# Kodak, "Patch Code Information for Kodak Scanners" (A-61599, A-61670): where each bar starts
# and ends, in inches from the feed edge.
KODAK_ZONES = {
    "1": ((0.00, 0.20), (0.28, 0.48), (0.56, 0.64), (0.72, 0.80)),
    "2": ((0.00, 0.20), (0.28, 0.36), (0.44, 0.52), (0.60, 0.80)),
    "3": ((0.00, 0.20), (0.28, 0.36), (0.44, 0.64), (0.72, 0.80)),
    "4": ((0.00, 0.08), (0.16, 0.36), (0.44, 0.64), (0.72, 0.80)),
    "6": ((0.00, 0.08), (0.16, 0.24), (0.32, 0.52), (0.60, 0.80)),
    "T": ((0.00, 0.08), (0.16, 0.36), (0.44, 0.52), (0.60, 0.80)),
}


def grey(page: GeneratedPage) -> np.ndarray:
    return np.asarray(page.image.convert("L"))


def bgr(page: GeneratedPage) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(page.image.convert("RGB"))[:, :, ::-1])


@lru_cache(maxsize=None)
def patch_sheet(patch: str, dpi: int, seed: int = 1) -> GeneratedPage:
    """A sheet of paper with one patch, bars 2.5 in long, parallel to the top edge 12 mm in."""
    page = blank_page(seed, dpi)
    image = page.image.copy()
    draw = ImageDraw.Draw(image)
    px = dpi / 25.4
    left, top = 70 * px, 12 * px
    for start, end in KODAK_ZONES[patch]:
        draw.rectangle([left, top + start * dpi, left + 2.5 * dpi, top + end * dpi - 1], fill=(0, 0, 0))
    return GeneratedPage(image=image, dpi=dpi, blocks=(), page_no=1, transform=page.transform)


@lru_cache(maxsize=None)
def scanned(patch: str, dpi: int, seed: int) -> GeneratedPage:
    return degrade(patch_sheet(patch, dpi), seed, stamp=False)


# ---- patch codes -----------------------------------------------------------------------------

@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("patch", sorted(KODAK_ZONES))
def test_each_patch_code_is_read_on_a_scanned_sheet(patch: str, dpi: int) -> None:
    page = scanned(patch, dpi, seed=len(patch) + dpi + ord(patch))
    found = find_patch_codes(bgr(page), dpi)
    assert [p.patch for p in found] == [patch]
    assert found[0].edge == "top"
    # The box is where the bars are: 2.5 in by 0.8 in near the top of the sheet.
    x0, y0, x1, y1 = found[0].bbox
    assert 2.3 * dpi < x1 - x0 < 2.8 * dpi and 0.7 * dpi < y1 - y0 < 1.0 * dpi and y0 < 0.9 * dpi


@pytest.mark.parametrize("patch", ["T", "3", "1", "6", "2"])
def test_a_patch_reads_the_same_whichever_way_the_sheet_was_fed(patch: str) -> None:
    """T backwards is 3, and 1 backwards is 6: read from the nearest edge, a sheet turned over
    or fed sideways still gives its own patch, and the edge says where the patch was."""
    page = scanned(patch, 200, seed=7)
    for turns, edge in zip(range(4), ("top", "left", "bottom", "right")):
        found = find_patch_codes(grey(rotate_page(page, turns)), 200)
        assert [(p.patch, p.edge) for p in found] == [(patch, edge)], turns


def test_a_patch_on_a_skewed_photocopied_scan_without_dpi() -> None:
    page = degrade(patch_sheet("T", 300, seed=4), 4, skew_deg=-4.5, photocopy=True, jpeg_quality=35)
    assert [p.patch for p in find_patch_codes(bgr(page))] == ["T"]  # dpi from the A4 size


def test_bars_of_the_wrong_width_are_no_patch() -> None:
    """Four bars all of one width (a hatching, a bar chart) or five bars are not a patch."""
    dpi = 200
    page = blank_page(3, dpi)
    image = page.image.copy()
    draw = ImageDraw.Draw(image)
    px = dpi / 25.4
    for i in range(4):  # four equal 3.5 mm bars
        y = 20 * px + i * 5.5 * px
        draw.rectangle([40 * px, y, 110 * px, y + 3.5 * px], fill=(0, 0, 0))
    for start, end in (*KODAK_ZONES["T"], (0.88, 0.96)):  # a patch with a fifth bar after it
        draw.rectangle([40 * px, 150 * px + start * dpi, 40 * px + 2.5 * dpi, 150 * px + end * dpi], fill=(0, 0, 0))
    found = find_patch_codes(np.asarray(image.convert("L")), dpi)
    assert found == []


# ---- no separator on ordinary papers ---------------------------------------------------------

def table_page(seed: int, dpi: int) -> GeneratedPage:
    """A ruled table with a solid header row and thick outer rules, as reports print them."""
    page = blank_page(seed, dpi)
    image = page.image.copy()
    draw = ImageDraw.Draw(image)
    px = dpi / 25.4
    x0, x1 = 20 * px, 190 * px
    draw.rectangle([x0, 30 * px, x1, 42 * px], fill=(20, 20, 20))  # header band
    for r in range(16):
        y = 42 * px + r * 9 * px
        draw.line([x0, y, x1, y], fill=(0, 0, 0), width=max(1, round(0.3 * px)))
        for c in range(6):
            draw.text((x0 + (c * 28 + 3) * px, y + 2 * px), f"{r * 6 + c}", fill=(0, 0, 0))
    for x in np.linspace(x0, x1, 7):
        draw.line([x, 30 * px, x, 186 * px], fill=(0, 0, 0), width=max(1, round(0.3 * px)))
    draw.rectangle([x0, 30 * px, x1, 186 * px], outline=(0, 0, 0), width=round(1.2 * px))
    for i in range(3):  # three heavy rules of a signature block, 2 mm thick
        y = 200 * px + i * 4 * px
        draw.rectangle([30 * px, y, 100 * px, y + 2 * px], fill=(0, 0, 0))
    return GeneratedPage(image=image, dpi=dpi, blocks=(), page_no=1, transform=page.transform)


@lru_cache(maxsize=1)
def ordinary_pages() -> tuple[tuple[str, np.ndarray, int], ...]:
    """Every document type, clean and scanned, receipts with a QR code and a Code 128 barcode,
    a photographed form, ruled tables and blank sheets: 28 pages."""
    pages: list[tuple[str, GeneratedPage]] = []
    for i, kind in enumerate(DOCUMENT_TYPES):
        dpi = 200 if i % 2 else 300
        doc = generate_document(40 + i, kind, dpi=dpi, pages=1 if kind in ("application_form", "receipt") else None)
        pages.append((f"{kind}", doc.pages[0]))
        pages.append((f"{kind} scanned", degrade(doc.pages[0], 40 + i)))
    for seed in (5, 6):  # receipts printed with a QR code and a Code 128 barcode under it
        doc = generate_document(seed, "receipt", dpi=200)
        assert {c.kind for c in doc.codes} == {"qr", "barcode"}
        pages.append((f"receipt {seed} with codes", degrade(doc.pages[0], seed, skew_deg=1.0)))
    pages.append(("photographed form", photograph(generate_document(9, "application_form", dpi=200).pages[0], 9)))
    pages.append(("table", table_page(1, 300)))
    pages.append(("table scanned", degrade(table_page(2, 200), 2)))
    pages.append(("blank with bleed-through", blank_page(8, 200, near_blank=True)))
    return tuple((name, bgr(page), page.dpi) for name, page in pages)


def test_no_separator_on_ordinary_papers() -> None:
    pages = ordinary_pages()
    assert len(pages) >= 24
    spent = []
    for name, image, dpi in pages:
        started = time.perf_counter()
        marks = read_marks(image, dpi)
        spent.append(time.perf_counter() - started)
        assert not marks.any, (name, marks)
    # It runs on every page of every batch: a few ms, not the 60-80 ms of a full code read.
    assert float(np.median(spent)) < 0.05, spent


def test_a_provinces_receipt_qr_is_no_separator_sheet() -> None:
    doc = generate_document(2, "receipt", dpi=300)
    image = bgr(doc.pages[0])
    codes = read_codes(image)
    assert codes and codes[0].kind == "qr"  # the receipt's QR is read...
    assert sheet_from_codes([(c.text, c.bbox) for c in codes]) is None  # ...and is not a separator
    assert read_marks(image, 300, codes=[(c.text, c.bbox) for c in codes]) == read_marks(image, 300)
    assert not read_marks(image, 300).any


# ---- the QR payload --------------------------------------------------------------------------

def test_payload_round_trip() -> None:
    text = separator_payload("dossier", "000.00.00.H38-251201-0001")
    assert text == "SOHOA-SEPARATOR/1;level=dossier;dossier=000.00.00.H38-251201-0001"
    sheet = parse_separator_payload(text)
    assert sheet is not None and (sheet.level, sheet.dossier_code) == ("dossier", "000.00.00.H38-251201-0001")
    document = parse_separator_payload(separator_payload("document"))
    assert document is not None and (document.level, document.dossier_code) == ("document", None)


@pytest.mark.parametrize(("payload", "expected"), [
    ("SOHOA-SEPARATOR/1;dossier=000.00.00.H38-251201-0001", ("dossier", "000.00.00.H38-251201-0001")),
    ("SOHOA-SEPARATOR/2;level=document;colour=blue", ("document", None)),  # a later version's extra key
    ("SOHOA-SEPARATOR/1;level=dossier;dossier=mã;hồ", ("dossier", None)),  # a damaged code is dropped
    ("SOHOA-SEPARATOR/1;level=nonsense", ("document", None)),
    ("SOHOA-SEPARATOR/x;level=dossier", None),
    ("MaHoSo=000.00.00.H38-251201-0001;MaTTHC=1.001234", None),
    ("https://dichvucong.gov.vn/tra-cuu?SOHOA-SEPARATOR/1", None),
])
def test_payloads_of_other_versions_and_other_systems(payload: str, expected: tuple[str, str | None] | None) -> None:
    sheet = parse_separator_payload(payload)
    assert (None if sheet is None else (sheet.level, sheet.dossier_code)) == expected


def test_payload_refuses_what_cannot_be_read_back() -> None:
    with pytest.raises(ValueError):
        separator_payload("document", "000.00.00.H38-251201-0001")
    with pytest.raises(ValueError):
        separator_payload("dossier", "000;dossier=other")


@pytest.mark.parametrize("image", [None, np.zeros((0, 0), np.uint8), np.zeros((30, 30), np.uint8),
                                   np.full((400, 300), np.nan, np.float32), "page.png"])
def test_what_is_not_a_page_has_no_marks(image: object) -> None:
    assert find_patch_codes(image) == []  # type: ignore[arg-type]
    assert find_separator_sheet(image) is None  # type: ignore[arg-type]


def test_a_dark_photo_of_the_desk_is_no_patch() -> None:
    """A phone photo's dark background and a page full of solid blocks give nothing."""
    dpi = 200
    dark = np.full((2339, 1654), 30, np.uint8)
    cv2.rectangle(dark, (300, 300), (1300, 2000), 240, -1)
    assert find_patch_codes(dark, dpi) == []
