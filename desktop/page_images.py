"""The page image a field's bbox refers to, for the review screen's page view, crops and
region OCR.

Extraction's boxes are in the pixels of the page as OCR read it: the cleaned page (trimmed,
straightened, turned), which the workspace keeps as a one-page PDF, at the size the words
file states. Rendering that PDF at that size gives the same frame; a page without OCR output
(or whose output is gone after a rotation) falls back to the scan turned by the clerk's
rotation. Called in workers: PIL and QImage only, never QPixmap.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image
from PySide6.QtGui import QImage

from dossier.model import Page
from dossier.workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True)
class PageImage:
    """Where to get a page in extraction's frame (hashable: the key of the view's caches)."""

    path: Path  # the scan, or the cleaned page's PDF when ``size`` is given
    rotation: int = 0  # the clerk's quarter-turn, clockwise, for a scan
    size: tuple[int, int] | None = None  # (width, height) OCR read the cleaned page at
    dpi: float | None = None


def page_image(workspace: Workspace, page: Page) -> PageImage:
    if page.cleaned_path and page.ocr_path and page.cleaned_path.lower().endswith(".pdf"):
        try:
            words = json.loads(workspace.path(page.ocr_path).read_text(encoding="utf-8"))
            size = (int(words["width"]), int(words["height"]))
            return PageImage(workspace.path(page.cleaned_path), 0, size, float(words.get("dpi") or 0) or None)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # an unreadable words file: the scan still shows the page
    return PageImage(workspace.path(page.image_path), page.rotation)


def render(page: PageImage) -> Image.Image:
    """The page as a PIL image in extraction's frame."""
    if page.size is not None:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(page.path))
        try:
            pdf_page = document[0]
            width_pt = pdf_page.get_width()
            bitmap = pdf_page.render(scale=page.size[0] / width_pt)
            image = bitmap.to_pil().convert("RGB")
            pdf_page.close()
        finally:
            document.close()
        if image.size != page.size:  # a pixel of rounding
            image = image.resize(page.size)
        if page.dpi:
            image.info["dpi"] = (page.dpi, page.dpi)
        return image
    with Image.open(page.path) as opened:
        turns = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
        turn = turns.get(page.rotation % 360)
        image = (opened.transpose(turn) if turn is not None else opened.copy())  # PIL turns counter-clockwise
        image.info["dpi"] = opened.info.get("dpi", (0, 0))
        return image.convert("RGB") if image.mode not in ("L", "RGB") else image


def to_qimage(image: Image.Image) -> QImage:
    """A QImage owning its pixels (the PIL buffer may go away)."""
    if image.mode == "L":
        return QImage(image.tobytes(), image.width, image.height, image.width, QImage.Format.Format_Grayscale8).copy()
    rgb = image.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()


def _read(page: PageImage, how: Callable[[PageImage], T]) -> T:
    try:
        return how(page)
    except Exception as exc:  # noqa: BLE001 - any decoder's failure means the same to the clerk
        raise OSError(f"không đọc được ảnh trang {page.path.name}") from exc


def load_page_image(page: PageImage) -> QImage:
    if page.size is not None:
        return _read(page, _rendered_qimage)
    return to_qimage(_read(page, render))


# PDFium's pixels straight into a QImage: one copy, where the PIL route made four (to PIL,
# to RGB, to bytes, into the QImage), several holding the interpreter lock. An A4 page at
# 300 dpi: 150-170 ms instead of 380 ms on this worker, and the UI thread waited over 10 ms
# for the lock 1-4 times in 8 renders instead of 14 (load 6.5 on 2 cores).
_QIMAGE_FORMATS = {"RGB": QImage.Format.Format_RGB888, "RGBX": QImage.Format.Format_RGBX8888,
                   "RGBA": QImage.Format.Format_RGBA8888, "L": QImage.Format.Format_Grayscale8}


def _rendered_qimage(page: PageImage) -> QImage:
    """The cleaned page's PDF rendered at the size OCR read it (``page.size``), as a QImage."""
    import pypdfium2 as pdfium

    assert page.size is not None
    width, height = page.size
    document = pdfium.PdfDocument(str(page.path))
    try:
        pdf_page = document[0]
        image = pdf_page_qimage(pdf_page, width / pdf_page.get_width())
        pdf_page.close()
    finally:
        document.close()
    if (image.width(), image.height()) == (width, height):
        return image
    if image.width() >= width and image.height() >= height:  # PDFium rounds the size up: a pixel over
        return image.copy(0, 0, width, height)
    return image.scaled(width, height)


def pdf_page_qimage(pdf_page: Any, scale: float) -> QImage:
    """A pypdfium2 page rendered at ``scale`` (pixels per point), as a QImage owning its pixels."""
    bitmap = pdf_page.render(scale=scale, rev_byteorder=True)
    return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, _QIMAGE_FORMATS[bitmap.mode]).copy()


def load_crops(page: PageImage, boxes: dict[str, tuple[int, int, int, int]]) -> dict[str, QImage]:
    """Each field's crop of one page: the bbox's own pixels."""
    image = _read(page, render)
    return {name: to_qimage(image.crop(box)) for name, box in boxes.items()}
