"""Page thumbnails: made once off the UI thread, kept on disk in the workspace, read lazily.

A thumbnail is named by the page image's hash and the clerk's rotation
(``thumbnails/<sha256>-r<rotation>.png``), so it never goes stale: a rescanned page has a new
hash, a rotated page a new name, and the same image in two documents shares one file. The
model asks for a thumbnail only when the view paints its row, so a 200-page batch costs the
rows on screen, not 200 decodes.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QTransform

from dossier.model import Page
from dossier.workspace import Workspace

THUMBNAIL_DIR = "thumbnails"
THUMBNAIL_SIZE = 160  # pixels on the long side: an A4 page reads as a page, 5 across on a laptop


def thumbnail_path(ws: Workspace, page: Page) -> Path:
    return ws.root / THUMBNAIL_DIR / f"{page.image_sha256}-r{page.rotation}.png"


def page_image(ws: Workspace, page: Page, longest: int | None = None) -> QImage:
    """The page as the clerk sees it (rotation applied), scaled so its long side is ``longest``.
    Any thread (QImage, not QPixmap). Raster files are decoded at the reduced size by Qt's
    reader; a PDF page is rendered through the OCR loader."""
    path = ws.path(page.image_path)
    image = QImage()
    if path.suffix.lower() != ".pdf":
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        if longest and size.isValid() and max(size.width(), size.height()) > longest:
            reader.setScaledSize(size.scaled(QSize(longest, longest), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
    if image.isNull():
        image = _loaded(path)
        if longest and not image.isNull():
            image = image.scaled(longest, longest, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
    if page.rotation and not image.isNull():
        image = image.transformed(QTransform().rotate(page.rotation))
    return image


def _loaded(path: Path) -> QImage:
    """A page Qt cannot read itself (a PDF page), through ``ocr.loading``."""
    import numpy as np

    from ocr.loading import load_page
    from ocr.sources import list_pages

    try:
        array = load_page(list_pages(path, force=True)[0]).image
    except Exception:  # noqa: BLE001 - an unreadable page shows as a blank tile, the OCR step says why
        return QImage()
    if array.ndim == 2:
        array = np.ascontiguousarray(array)
        return QImage(array.data, array.shape[1], array.shape[0], array.strides[0], QImage.Format.Format_Grayscale8).copy()
    array = np.ascontiguousarray(array[:, :, ::-1])  # BGR → RGB
    return QImage(array.data, array.shape[1], array.shape[0], array.strides[0], QImage.Format.Format_RGB888).copy()


def make_thumbnail(ws: Workspace, page: Page) -> QImage:
    """The page's thumbnail, from the disk cache or made (and cached) now. Any thread."""
    target = thumbnail_path(ws, page)
    if target.exists():
        cached = QImage(str(target))
        if not cached.isNull():
            return cached
    image = page_image(ws, page, THUMBNAIL_SIZE)
    if not image.isNull():
        target.parent.mkdir(exist_ok=True)
        partial = target.with_suffix(f".{threading.get_ident()}.part")
        if image.save(str(partial), "PNG"):
            partial.replace(target)  # a reader never sees a half-written file
    return image


@dataclass(frozen=True)
class Thumbnail:
    page_id: int
    image: QImage


def make_thumbnails(ws: Workspace, pages: list[Page], report: Callable[[object], None],
                    cancel: threading.Event) -> int:
    """Worker body: each page's thumbnail reported as it is ready, in order."""
    for count, page in enumerate(pages, start=1):
        if cancel.is_set():
            return count - 1
        report(Thumbnail(page.id, make_thumbnail(ws, page)))
    return len(pages)
