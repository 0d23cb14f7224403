"""Separator sheets end to end: printed by the real ``sohoa separator`` command, rendered from
the PDF, scanned (skew, blur, noise, JPEG; turned over) and read back with their dossier code."""
from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from dossier.separator import patch_bars, separator_sheet_pdf
from ocr.separators import NARROW_MM, PATCH_WIDTH_MM, WIDE_MM, read_marks
from tests.docgen import GeneratedPage, degrade, rotate_page
from tests.docgen.model import IDENTITY

SOHOA = [sys.executable, "-m", "desktop.launcher"]
CODE = "000.00.00.H38-251201-0001"


def sohoa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SOHOA, *args], capture_output=True, text=True, timeout=60)


def render(pdf: bytes, dpi: int) -> GeneratedPage:
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()
    return GeneratedPage(image=image, dpi=dpi, blocks=(), page_no=1, transform=IDENTITY)


def bgr(page: GeneratedPage) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(page.image.convert("RGB"))[:, :, ::-1])


@lru_cache(maxsize=None)
def printed(tmp: str, *args: str) -> bytes:
    out = Path(tmp) / f"sheet{abs(hash(args))}.pdf"
    done = sohoa("separator", *args, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("sheets"))


@pytest.mark.parametrize("dpi", [200, 300])
def test_dossier_sheet_round_trip(tmp: str, dpi: int) -> None:
    pdf = printed(tmp, "--dossier", CODE)
    clean = render(pdf, dpi)
    for seed in (1, 2, 3):
        scan = degrade(clean, seed + dpi, jpeg_quality=40)
        marks = read_marks(bgr(scan), dpi)
        assert marks.sheet is not None, seed
        assert (marks.sheet.level, marks.sheet.dossier_code) == ("dossier", CODE)
        # A Kodak reader separates too: Patch 3 at the top and, turned, at the bottom.
        assert sorted((p.patch, p.edge) for p in marks.patches) == [("3", "bottom"), ("3", "top")]


def test_a_sheet_fed_upside_down_or_sideways_reads_the_same(tmp: str) -> None:
    scan = degrade(render(printed(tmp, "--dossier", CODE), 200), 11)
    for turns in (1, 2, 3):
        marks = read_marks(bgr(rotate_page(scan, turns)), 200)
        assert marks.sheet is not None and marks.sheet.dossier_code == CODE
        assert {p.patch for p in marks.patches} == {"3"}


def test_document_sheet_carries_patch_t_and_no_code(tmp: str) -> None:
    marks = read_marks(bgr(degrade(render(printed(tmp), 300), 5)), 300)
    assert marks.sheet is not None and (marks.sheet.level, marks.sheet.dossier_code) == ("document", None)
    assert marks.patch_types == ("T",)


def test_patch_two_and_no_patch_on_request(tmp: str) -> None:
    two = read_marks(bgr(degrade(render(printed(tmp, "--level", "dossier", "--patch", "2"), 200), 6)), 200)
    assert two.patch_types == ("2",) and two.sheet is not None and two.sheet.level == "dossier"
    none = read_marks(bgr(degrade(render(printed(tmp, "--patch", "none"), 200), 7)), 200)
    assert none.patch_types == () and none.sheet is not None


def test_the_sheet_says_what_it_is_in_vietnamese(tmp: str) -> None:
    document = pdfium.PdfDocument(printed(tmp, "--dossier", CODE))
    try:
        page = document[0]
        width, height = page.get_size()
        text = page.get_textpage().get_text_range()
    finally:
        document.close()
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297
    flat = " ".join(text.split())
    assert "TỜ PHÂN CÁCH HỒ SƠ" in flat
    assert "TỜ PHÂN CÁCH – đặt trước tài liệu đầu tiên của hồ sơ" in flat
    assert CODE in flat


def test_patch_bars_are_kodaks_sizes() -> None:
    for patch in ("1", "2", "3", "4", "6", "T"):
        bars = patch_bars(patch)  # type: ignore[arg-type]
        assert len(bars) == 4 and bars[0][0] == 0
        assert bars[-1][1] == pytest.approx(PATCH_WIDTH_MM)
        widths = sorted(round(end - start, 2) for start, end in bars)
        assert widths == [round(NARROW_MM, 2)] * 2 + [round(WIDE_MM, 2)] * 2


def test_a_wrong_dossier_code_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    done = sohoa("separator", "--dossier", "HS-12", "-o", str(out))
    assert done.returncode == 2
    assert "Mã hồ sơ" in done.stderr and done.stderr.count("\n") == 1
    assert not out.exists()
    both = sohoa("separator", "--dossier", CODE, "--level", "document", "-o", str(out))
    assert both.returncode == 2 and not out.exists()


def test_the_library_refuses_a_code_the_qr_cannot_carry() -> None:
    with pytest.raises(ValueError):
        separator_sheet_pdf("dossier", "000;level=document")
