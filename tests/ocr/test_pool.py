"""The OCR pool that stays up across documents: same page chain as run_ocr, crash isolation."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from PIL import Image

from ocr import OcrOptions
from ocr.job import OcrPool, PageJob
from ocr.sources import list_pages


def _drain(pool: OcrPool, timeout: float = 120.0) -> dict:
    done = {}
    deadline = time.monotonic() + timeout
    while pool.pending and time.monotonic() < deadline:
        for job, report in pool.results(timeout=1.0):
            done[job.key] = report
    return done


def _new_children(before: set, count: int, timeout: float = 60.0) -> set:
    """The processes started since ``before`` was taken, once there are ``count`` (or the timeout)."""
    deadline = time.monotonic() + timeout
    while len(set(multiprocessing.active_children()) - before) != count and time.monotonic() < deadline:
        time.sleep(0.05)
    return set(multiprocessing.active_children()) - before


@pytest.mark.slow
def test_pool_keeps_its_workers_and_isolates_a_crashing_page(decision_png: Path, tmp_path: Path) -> None:
    narrow = tmp_path / "narrow.png"
    with Image.open(decision_png) as image:
        image.crop((0, 0, image.width * 3 // 4, image.height)).save(narrow, dpi=(300, 300))
    options = OcrOptions(jobs=2, keep_words=True, engine="tests.ocr.faulty_engine:CrashOnNarrowPage")
    with OcrPool(options) as pool:
        pool.submit(PageJob("good", list_pages(decision_png)[0], 1, tmp_path))
        pool.submit(PageJob("narrow", list_pages(narrow)[0], 2, tmp_path))
        first = _drain(pool)
        assert first["good"].status == "ocr" and first["good"].word_boxes
        assert first["narrow"].status == "failed" and "crashed" in (first["narrow"].error or "")
        assert Path(first["narrow"].pdf).exists()  # its image is kept, without text
        # The pool starts fresh workers after the crash: the next document is OCR'd as usual.
        pool.submit(PageJob("after", list_pages(decision_png)[0], 3, tmp_path))
        after = _drain(pool)
    assert after["after"].status == "ocr" and Path(after["after"].pdf).name == "page-00003.pdf"
    assert [w.text for w in after["after"].word_boxes] == [w.text for w in first["good"].word_boxes]


def test_a_pool_started_early_has_its_workers_up_before_the_first_page(decision_png: Path, tmp_path: Path) -> None:
    """``start`` spawns the workers at once (``sohoa process`` starts them before importing the
    signing stack); pages then go through them as usual, and closing leaves no process behind."""
    before = set(multiprocessing.active_children())
    with OcrPool(OcrOptions(jobs=2, keep_words=True)) as pool:
        pool.start()
        assert len(_new_children(before, 2)) == 2  # up with no page submitted
        pool.submit(PageJob("page", list_pages(decision_png)[0], 1, tmp_path))
        done = _drain(pool)
    assert done["page"].status == "ocr" and any(w.text == "QUYẾT" for w in done["page"].word_boxes)
    assert not _new_children(before, 0, timeout=30)  # other tests in this process may have children of their own


def test_a_worker_that_dies_before_the_first_page_costs_no_page(decision_png: Path, tmp_path: Path) -> None:
    """A worker started early that dies idle (killed, out of memory) breaks its executor; the
    first page is then read by fresh workers rather than failing or raising."""
    before = set(multiprocessing.active_children())
    with OcrPool(OcrOptions(jobs=2, keep_words=True)) as pool:
        pool.start()
        victim = next(iter(_new_children(before, 2)))
        os.kill(victim.pid, signal.SIGKILL)
        victim.join(10)
        time.sleep(0.5)  # the executor notices the death and marks itself broken
        pool.submit(PageJob("page", list_pages(decision_png)[0], 1, tmp_path))
        done = _drain(pool)
    assert done["page"].status == "ocr" and any(w.text == "QUYẾT" for w in done["page"].word_boxes)
