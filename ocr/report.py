"""The options of an OCR job and what it reports, page by page."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace

from ocr.words import Word

# Below this the page is too coarse for Decree 30/2020 Annex I (colour, >= 200 dpi, 100 %).
MIN_DPI = 200
# Blank when less than this much ink per mille of the page remains after dropping specks.
BLANK_THRESHOLD = 0.3


@dataclass(frozen=True)
class OcrOptions:
    language: str = "vie"
    engine: str = "auto"  # "tesserocr", "pytesseract", "auto", or "module:Class" for a plug-in engine
    jobs: int = 0  # 0 = one per core
    pdfa: bool = False
    force: bool = False  # OCR PDF pages that already have text
    keep_going: bool = False
    drop_blank: bool = False
    deskew: bool = True
    orient: bool = True
    page_timeout_s: float = 300.0
    jpeg_quality: int = 0  # 0 = the writer's default
    image_mode: str = "mrc"  # "mrc": lossless print mask over a JPEG background; "jpeg": one JPEG
    title: str | None = None
    keep_words: bool = False  # return each page's words (page-image pixels) for field extraction

    def for_extraction(self) -> OcrOptions:
        """These options for pages that go on to extraction (``dossier.pipeline``): words kept,
        every page read even where a PDF has text, a page that fails kept without text instead
        of ending the run, blank pages kept, no PDF/A (the pipeline assembles its own PDFs)."""
        return replace(self, keep_words=True, force=True, keep_going=True, drop_blank=False, pdfa=False)

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else max(1, os.cpu_count() or 1)


@dataclass
class PageReport:
    """What happened to one page; ``number`` is its place in the job (1-based)."""

    number: int
    source: str
    source_page: int
    status: str = "pending"  # ocr | kept_text | blank | failed
    dpi: float = 0.0
    dpi_known: bool = True
    width: int = 0
    height: int = 0
    deskew_deg: float = 0.0
    rotated_deg: int = 0
    photo: bool = False
    blank_score: float = 0.0
    blank: bool = False
    dropped: bool = False
    words: int = 0
    mean_confidence: float = 0.0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    pdf: str | None = None  # the worker's one-page PDF (internal)
    # With ``OcrOptions.keep_words``: the words in pixels of the page image as it is in the PDF
    # (straightened, trimmed, turned upright), for field extraction; not part of the JSON report.
    word_boxes: list[Word] = field(default_factory=list)
    # With ``keep_words``: the QR codes and barcodes found on the page image (``ocr.extract.codes.Code``),
    # in the same pixels; not part of the JSON report.
    codes: list = field(default_factory=list)
    # With ``keep_words``: second readings of the lines that may hold fields
    # (``ocr.extract.reread.Reading``); not part of the JSON report.
    rereads: list = field(default_factory=list)


@dataclass
class OcrReport:
    output: str | None
    pages: list[PageReport]
    errors: list[str]
    seconds: float
    bytes: int
    pdfa: bool
    engine: str

    @property
    def blank_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.blank]

    @property
    def pages_per_minute(self) -> float:
        return 60.0 * len(self.pages) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        pages = []
        for page in self.pages:
            data = asdict(page)
            data.pop("pdf")
            data.pop("word_boxes")
            data.pop("codes")
            data.pop("rereads")
            pages.append(data)
        return {"output": self.output, "pages": pages, "blank_pages": self.blank_pages, "errors": self.errors,
                "seconds": round(self.seconds, 3), "pages_per_minute": round(self.pages_per_minute, 2),
                "bytes": self.bytes, "pdfa": self.pdfa, "engine": self.engine}
