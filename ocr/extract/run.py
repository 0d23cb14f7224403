"""Extraction from a file: the OCR job with its words kept, then ``extract_pages``.

The OCR runs exactly as ``sohoa ocr`` does (same clean-up, same workers), into a
temporary folder that is removed afterwards; only the words, the codes and the page
sizes come back. Bad input fails the same way and with the same messages as the OCR:
a ``PageError`` naming the file and page.
"""
from __future__ import annotations

import tempfile
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

from ocr.errors import PageError
from ocr.extract.document import PageWords, extract_pages
from ocr.extract.model import Extraction
from ocr.extract.profile import DEFAULT_PROFILE, load_profile
from ocr.job import Progress, run_ocr
from ocr.report import OcrOptions


def extract_file(path: Path | str, *, options: OcrOptions = OcrOptions(), profile: str = DEFAULT_PROFILE,
                 today: date | None = None, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> Extraction:
    """The document type and fields of one image or PDF (``sohoa extract``).

    PDF pages that already carry text are OCRed all the same (``force``): extraction needs
    the words' positions and confidences, which an existing text layer does not give.
    """
    load_profile(profile)  # an unknown profile is a usage error, before any OCR
    path = Path(path)
    # One file: a page that cannot be read is the command's error (PageError), not a page skipped.
    options = replace(options.for_extraction(), keep_going=False)
    with tempfile.TemporaryDirectory(prefix="sohoa-extract-") as workdir:
        report = run_ocr([path], Path(workdir) / "ocr.pdf", options, progress=progress, cancel=cancel)
    pages = [PageWords(number=i + 1, words=list(page.word_boxes), width=page.width, height=page.height,
                       codes=list(page.codes), rereads=list(page.rereads))
             for i, page in enumerate(report.pages)]
    if not pages:
        raise PageError(path, None, "the file has no page")
    result = extract_pages(pages, profile=profile, today=today)
    result.file = path.name
    return result
