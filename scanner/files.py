"""Pages from files a citizen or another office already scanned: PNG, JPEG, TIFF, PDF.

A PDF page that is just one embedded image (the usual output of a scanner's
"scan to PDF") is taken at its native pixels, so importing never resamples a
scan; anything else (text, vector, several images) is rendered at ``pdf_dpi``.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ScanError
from .model import Page, Source

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = IMAGE_SUFFIXES | PDF_SUFFIXES
DEFAULT_DPI = 300  # assumed when an image states none; the Decree 30 default for OCR


class UnreadableFile(ScanError):
    default_message = "The file cannot be read as pages. Check that it is a PNG, JPEG, TIFF or PDF."


def import_file(path: Path, pdf_dpi: int = DEFAULT_DPI) -> Iterator[Page]:
    """Yield every page of ``path`` in order; raise UnreadableFile with the reason otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in PDF_SUFFIXES:
            yield from _pdf_pages(path, pdf_dpi)
        elif suffix in IMAGE_SUFFIXES:
            yield from _image_pages(path)
        else:
            raise UnreadableFile(f"'{path.name}' is not a PNG, JPEG, TIFF or PDF file.", details={"file": path.name})
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - PIL and pdfium raise many kinds
        raise UnreadableFile(f"'{path.name}' cannot be read: {type(exc).__name__}: {exc}",
                             details={"file": path.name}) from None


def _normalise(image) -> np.ndarray:
    """8-bit gray or RGB, the two layouts the rest of SoHoa handles."""
    if image.mode in ("1", "L", "I;16", "I", "F"):
        image = image.convert("L")
    elif image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image)


def _image_pages(path: Path) -> Iterator[Page]:
    from PIL import Image, ImageSequence

    with Image.open(path) as img:
        for index, frame in enumerate(ImageSequence.Iterator(img)):
            dpi = frame.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0] or DEFAULT_DPI
            yield Page(_normalise(frame), dpi=int(round(float(dpi))), index=index, source=Source.FLATBED)


def _pdf_pages(path: Path, dpi: int) -> Iterator[Page]:
    for index, (image, page_dpi) in enumerate(pdf_page_images(path, dpi)):
        yield Page(_normalise(image), dpi=page_dpi, index=index)


def pdf_page_images(document: Path | bytes, dpi: int) -> Iterator[tuple[Any, int]]:
    """Each page of a PDF file or of PDF bytes (an eSCL scanner's reply) as (PIL image, dpi):
    a page that is one scanned image at its own pixels and dpi, anything else rendered at ``dpi``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(document)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                native = _single_image(page)
                yield native if native is not None else (page.render(scale=dpi / 72).to_pil(), dpi)
            finally:
                page.close()
    finally:
        pdf.close()


def _single_image(page):
    """The page's only content as (PIL image, dpi) when it is one image covering the page."""
    import pypdfium2.raw as raw

    objects = list(page.get_objects(max_depth=2))
    if len(objects) != 1 or objects[0].type != raw.FPDF_PAGEOBJ_IMAGE:
        return None
    image_obj = objects[0]
    left, bottom, right, top = image_obj.get_bounds()
    page_w, page_h = page.get_size()
    if (right - left) < 0.95 * page_w or (top - bottom) < 0.95 * page_h:
        return None  # a small picture on a page: render the page instead
    pil = image_obj.get_bitmap(render=False).to_pil()
    dpi = pil.width / ((right - left) / 72)
    return pil, int(round(dpi))
