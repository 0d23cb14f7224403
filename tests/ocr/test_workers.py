"""OCR worker processes: a lower CPU priority than their parent, and the split's page analysis."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from PIL import Image

from ocr.errors import PageError
from ocr.job import WORKER_NICENESS, _init_worker, analyse_pages
from ocr.separators import PageAnalysis
from ocr.sources import list_pages
from tests.docgen import blank_page, generate_document


def test_workers_run_below_their_parent_s_priority():
    with ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=_init_worker,
                             initargs=("none", "vie")) as pool:
        niceness = pool.submit(os.nice, 0).result()
    assert niceness == min(19, os.nice(0) + WORKER_NICENESS)


def test_pages_are_analysed_in_workers_in_order(tmp_path: Path):
    text = generate_document(3, "notice", dpi=150).pages[0].image.convert("RGB")
    paths = []
    for i, image in enumerate([text, blank_page(1, 150).image.convert("RGB"), text]):
        paths.append(tmp_path / f"{i}.png")
        image.save(paths[-1], dpi=(150, 150))
    refs = [list_pages(p, force=True)[0] for p in paths]
    paths[2].write_bytes(paths[2].read_bytes()[:2000])  # cut short after it was listed
    results = analyse_pages(refs, workers=2)
    assert isinstance(results[0], PageAnalysis) and isinstance(results[1], PageAnalysis)
    assert results[1].blank_score < 1.0 < results[0].blank_score
    assert not results[0].marks.any
    assert isinstance(results[2], PageError)
