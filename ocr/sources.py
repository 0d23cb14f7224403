"""Read the pages of the input files: PNG, JPEG, TIFF (multi-page) and PDF.

``list_pages`` runs in the main process and only counts pages; ``load_page`` runs in
a worker and decodes one page, so images flow through the workers one at a time.
Every failure is a ``PageError`` that names the file and the page.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from ocr.errors import PageError

# Above this many pixels an image is refused as a likely decompression bomb: an
# A3 page at 1200 dpi is 14000 x 19800 = 277 Mpx; 30000 x 30000 is 900 Mpx.
MAX_IMAGE_PIXELS = 300_000_000
A4_WIDTH_IN, A4_HEIGHT_IN = 8.27, 11.69
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pnm", ".ppm", ".pgm", ".pbm", ".webp"}
# Rendering resolution for PDF pages that are not a single scanned image.
PDF_RENDER_DPI = 300


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


@dataclass(frozen=True)
class LoadedPage:
    image: np.ndarray  # BGR or grey uint8
    dpi: float
    dpi_known: bool  # False when the file did not say and the dpi was inferred from A4
    bitonal: bool  # a 1-bit (lineart) scan: kept lossless


def _open_image(path: Path) -> Image.Image:
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
    image = _open_image(path)
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


def _infer_dpi(width: int, height: int) -> float:
    """Resolution of an image that does not say, assuming an A4 sheet."""
    short, long = sorted((width, height))
    return round(max(short / A4_WIDTH_IN, long / A4_HEIGHT_IN))


def _pil_to_array(image: Image.Image) -> tuple[np.ndarray, bool]:
    image = ImageOps.exif_transpose(image) or image
    bitonal = image.mode == "1"
    if image.mode in ("1", "L", "I;16", "I", "F"):
        grey = image.convert("L")
        return np.asarray(grey).copy(), bitonal
    rgb = image.convert("RGB")
    array = np.asarray(rgb)[..., ::-1]  # RGB -> BGR for OpenCV
    return np.ascontiguousarray(array), False


def _image_dpi(image: Image.Image) -> tuple[float | None, bool]:
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 10:
        return float(dpi[0]), True
    return None, False


def load_page(ref: PageRef) -> LoadedPage:
    """Decode one page (in a worker process)."""
    if ref.kind is Kind.IMAGE:
        return _load_image_page(ref)
    return _load_pdf_page(ref)


def _load_image_page(ref: PageRef) -> LoadedPage:
    image = _open_image(ref.path)
    try:
        with image:
            if ref.index:
                image.seek(ref.index)
            image.load()
            array, bitonal = _pil_to_array(image)
            dpi, known = _image_dpi(image)
    except PageError:
        raise
    except (OSError, EOFError, ValueError, SyntaxError) as exc:
        raise PageError(ref.path, ref.index + 1, f"the image data is damaged or truncated ({exc})") from exc
    if dpi is None:
        dpi = _infer_dpi(array.shape[1], array.shape[0])
    return LoadedPage(array, dpi, known, bitonal)


def _load_pdf_page(ref: PageRef) -> LoadedPage:
    """A scanned PDF page: its image at native resolution when the page is one image."""
    import pikepdf
    from pikepdf import PdfImage

    try:
        with pikepdf.open(ref.path) as pdf:
            page = pdf.pages[ref.index]
            xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
            images = [x for x in xobjects.values() if x.get("/Subtype") == "/Image"]
            # One plain image is the scan itself; anything more (a print mask over a
            # background, vector content) is rendered so nothing is left out.
            if len(images) == 1 and not images[0].get("/ImageMask", False) and len(xobjects) == 1:
                pdfimage = PdfImage(images[0])
                width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
                pil = pdfimage.as_pil_image()
                array, bitonal = _pil_to_array(pil)
                dpi = round(array.shape[1] / (width_pt / 72.0))
                if dpi >= 70:
                    return LoadedPage(array, float(dpi), True, bitonal)
    except pikepdf.PdfError as exc:
        raise PageError(ref.path, ref.index + 1, f"the PDF page is damaged ({exc})") from exc
    except (NotImplementedError, pikepdf.models.image.UnsupportedImageTypeError):
        pass  # an image encoding Pillow cannot read: render the page instead
    return _render_pdf_page(ref)


def _render_pdf_page(ref: PageRef) -> LoadedPage:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(ref.path))
        try:
            page = doc[ref.index]
            bitmap = page.render(scale=PDF_RENDER_DPI / 72.0)
            pil = bitmap.to_pil()
            page.close()
        finally:
            doc.close()
    except pdfium.PdfiumError as exc:
        raise PageError(ref.path, ref.index + 1, f"the PDF page could not be rendered ({exc})") from exc
    array, _ = _pil_to_array(pil)
    return LoadedPage(array, float(PDF_RENDER_DPI), True, False)
