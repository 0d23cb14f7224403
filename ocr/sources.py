"""Read the pages of the input files: PNG, JPEG, TIFF (multi-page) and PDF.

``list_pages`` runs in the main process and only counts pages (``ocr.loading``
decodes them, in the workers), so the main process never holds a page image.
Every failure is a ``PageError`` that names the file and the page.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PIL import Image

from ocr.errors import PageError

# Above this many pixels an image is refused as a likely decompression bomb: an
# A3 page at 1200 dpi is 14000 x 19800 = 277 Mpx; 30000 x 30000 is 900 Mpx.
MAX_IMAGE_PIXELS = 300_000_000
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pnm", ".ppm", ".pgm", ".pbm", ".webp"}


class Kind(str, Enum):
    IMAGE = "image"
    PDF_SCAN = "pdf_scan"  # a PDF page to OCR
    PDF_TEXT = "pdf_text"  # a PDF page that already has text: copied as it is


@dataclass(frozen=True)
class PageRef:
    """Where one page of the job comes from."""

    path: Path
    index: int  # 0-based page (or frame) within the file
    kind: Kind

    @property
    def label(self) -> str:
        return f"{self.path.name} page {self.index + 1}"


def open_image(path: Path) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PageError(path, None, "the image is too large to be a scanned page "
                        f"(over {MAX_IMAGE_PIXELS // 1_000_000} megapixels); scan it at a lower resolution") from exc
    except FileNotFoundError as exc:
        raise PageError(path, None, "file not found") from exc
    except OSError as exc:
        raise PageError(path, None, f"not a readable image ({exc})") from exc
    if width * height > MAX_IMAGE_PIXELS:
        raise PageError(path, None, f"the image is too large to be a scanned page ({width} x {height} pixels)")
    return image


def _pdf_page_has_text(page: object) -> bool:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        return textpage.count_chars() > 0
    finally:
        textpage.close()


def list_pages(path: Path, *, force: bool = False) -> list[PageRef]:
    """The pages of one input file, without decoding their images."""
    path = Path(path)
    if not path.exists():
        raise PageError(path, None, "file not found")
    if path.is_dir():
        raise PageError(path, None, "is a folder, not a file")
    if path.stat().st_size == 0:
        raise PageError(path, None, "the file is empty")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF"):
        return _list_pdf_pages(path, force)
    image = open_image(path)
    with image:
        frames = getattr(image, "n_frames", 1)
    return [PageRef(path, i, Kind.IMAGE) for i in range(frames)]


def _list_pdf_pages(path: Path, force: bool) -> list[PageRef]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise PageError(path, None, "the PDF is encrypted (password protected); "
                            "ask for an unprotected copy or remove the password first") from exc
        raise PageError(path, None, f"not a readable PDF ({message}); the file may be damaged or truncated") from exc
    try:
        if len(doc) == 0:
            raise PageError(path, None, "the PDF has no pages")
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                has_text = _pdf_page_has_text(page)
            finally:
                page.close()
            pages.append(PageRef(path, i, Kind.PDF_TEXT if has_text and not force else Kind.PDF_SCAN))
        return pages
    finally:
        doc.close()
