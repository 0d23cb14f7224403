"""Turn page images into a searchable Vietnamese PDF.

The chain for one page: load (``sources``) → clean up (``cleanup``) → recognise
(``engine``) → write a one-page PDF with an invisible text layer (``textpdf``).
``job`` runs pages in worker processes and assembles the final PDF (``pdfa``).
"""
from ocr.errors import JobCancelled, PageError
from ocr.job import run_ocr
from ocr.report import OcrOptions, OcrReport, PageReport

__all__ = ["JobCancelled", "OcrOptions", "OcrReport", "PageError", "PageReport", "run_ocr"]
