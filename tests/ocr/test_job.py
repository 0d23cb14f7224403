"""The job around the pages: progress, cancel, lineart pages, huge pages."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pikepdf
import pytest

from ocr import JobCancelled, OcrOptions, run_ocr
from ocr.cleanup import MAX_OCR_PIXELS, make_ocr_copy
from ocr.textpdf import text_layer_ops
from ocr.words import Word
from tests.metrics import blockwise_cer, pdf_words


def test_progress_reports_every_page_and_cancel_writes_nothing(decision_png: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    run_ocr([decision_png, decision_png], tmp_path / "two.pdf", OcrOptions(jobs=2),
            progress=lambda done, total, page: seen.append((done, total)))
    assert sorted(seen) == [(1, 2), (2, 2)]

    cancel = threading.Event()
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(JobCancelled):
        run_ocr([decision_png] * 4, out, OcrOptions(jobs=1),
                progress=lambda done, total, page: cancel.set(), cancel=cancel)
    assert not out.exists() and not list(tmp_path.glob(".cancelled.pdf*"))


def test_lineart_scan_stays_lossless_one_bit(decision, tmp_path: Path) -> None:
    lineart = tmp_path / "lineart.png"
    decision.image.convert("L").point(lambda v: 255 if v > 140 else 0).convert("1").save(lineart, dpi=(300, 300))
    out = tmp_path / "lineart.pdf"
    run_ocr([lineart], out, OcrOptions(jobs=1))
    with pikepdf.open(out) as pdf:
        xobjects = pdf.pages[0].obj.Resources.XObject
        assert list(xobjects.keys()) == ["/Scan"]
        assert int(xobjects.Scan.BitsPerComponent) == 1 and xobjects.Scan.Filter == pikepdf.Name.FlateDecode
    assert blockwise_cer(decision.blocks, pdf_words(out, decision.dpi)) <= 0.01


def test_huge_pages_are_downscaled_for_ocr_only() -> None:
    page = np.full((9000, 6000), 255, np.uint8)  # 54 Mpx, a large-format scan
    ocr, scale = make_ocr_copy(page, 600)
    assert scale < 1 and ocr.shape[0] * ocr.shape[1] <= MAX_OCR_PIXELS
    # The words found on the small copy land on the full-size page image.
    word = Word("Điều", (100, 200, 300, 260), 0.9, 1, 1, 1)
    ops = text_layer_ops([word], height_px=9000, dpi=600, scale=scale).decode()
    x = float(ops.split(" Tm")[0].split()[-2])
    assert abs(x - 100 / scale * 72 / 600) < 0.05
