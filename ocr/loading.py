"""Decode one page of an input file into an OpenCV array, in a worker process."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from ocr.errors import PageError
from ocr.sources import Kind, PageRef, open_image

A4_WIDTH_IN, A4_HEIGHT_IN = 8.27, 11.69
# Rendering resolution for PDF pages that are not a single scanned image.
PDF_RENDER_DPI = 300


@dataclass(frozen=True)
class LoadedPage:
    image: np.ndarray  # BGR or grey uint8
    dpi: float
    dpi_known: bool  # False when the file did not say and the dpi was inferred from A4
    bitonal: bool  # a 1-bit (lineart) scan: kept lossless


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
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    return cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2BGR), False  # OpenCV order


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


def _decode_with_opencv(path: Path, image_format: str | None) -> np.ndarray | None:
    """PNG and JPEG straight into an OpenCV array: a third of Pillow's peak memory
    (Pillow keeps RGB as 4 bytes a pixel, then the array is copied), and faster."""
    if image_format not in ("PNG", "JPEG"):
        return None
    if image_format == "JPEG":
        with path.open("rb") as fh:
            fh.seek(-2, 2)
            if fh.read(2) != b"\xff\xd9":  # libjpeg would fill a truncated file with grey
                raise PageError(path, 1, "the image data is damaged or truncated (no end of image)")
    array = cv2.imread(str(path), cv2.IMREAD_UNCHANGED | cv2.IMREAD_IGNORE_ORIENTATION
                       if image_format == "PNG" else cv2.IMREAD_COLOR)
    if array is None:
        raise PageError(path, 1, "the image data is damaged or truncated")
    if array.dtype != np.uint8:
        array = (array / 257).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 4:
        array = cv2.cvtColor(array, cv2.COLOR_BGRA2BGR)
    return array


def _load_image_page(ref: PageRef) -> LoadedPage:
    image = open_image(ref.path)
    if ref.index == 0 and getattr(image, "n_frames", 1) == 1 and image.mode not in ("1", "P", "LA", "PA"):
        with image:
            dpi, known = _image_dpi(image)
            image_format = image.format
        array = _decode_with_opencv(ref.path, image_format)
        if array is not None:
            return LoadedPage(array, dpi or _infer_dpi(array.shape[1], array.shape[0]), known, False)
        image = open_image(ref.path)
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
