"""Pixels a driver hands over → the Page every consumer expects.

Drivers deliver what their API gives: a PIL image (SANE), a BMP/DIB (TWAIN native
transfer, WIA), palette or 16-bit or RGBA pixels. A Page is 8-bit H×W (grey,
lineart as 0/255) or H×W×3 (colour), so this is the one place that converts.
"""
from __future__ import annotations

import io

import numpy as np

from .errors import ScanError
from .model import ColorMode, Page, ScanSettings, Side


def decode_image(data: bytes) -> tuple[np.ndarray, int | None]:
    """An image file's bytes (BMP, PNG, TIFF, JPEG) → 8-bit pixels and the dpi it states, if any."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            dpi = img.info.get("dpi")
            return pixels(img), (round(float(dpi[0])) if dpi and dpi[0] else None)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ScanError(f"The scanner sent an image that cannot be read ({type(exc).__name__}: {exc}).") from None


def pixels(image) -> np.ndarray:
    """A PIL image or array as uint8 H×W or H×W×3."""
    if isinstance(image, np.ndarray):
        array = image
    else:
        if image.mode == "P":  # palette: grey palettes (1- and 8-bit DIBs) stay grey
            rgb = image.convert("RGB")
            arr = np.asarray(rgb)
            array = arr[..., 0] if np.array_equal(arr[..., 0], arr[..., 1]) and np.array_equal(arr[..., 1], arr[..., 2]) else arr
            return np.ascontiguousarray(array)
        if image.mode in ("I;16", "I;16B", "I;16L", "I"):
            return (np.asarray(image, dtype=np.uint32) >> 8).clip(0, 255).astype(np.uint8)
        if image.mode not in ("L", "RGB"):
            image = image.convert("L" if image.mode in ("1", "LA") else "RGB")
        array = np.asarray(image)
    if array.dtype == np.uint16:
        array = (array >> 8).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[..., 0]
    if array.ndim == 3 and array.shape[2] == 4:
        array = array[..., :3]
    return np.ascontiguousarray(array.astype(np.uint8, copy=False))


def to_page(image, settings: ScanSettings, index: int, side: Side, dpi: int | None = None) -> Page:
    """The Page for one side, with the settings' dpi unless the image states its own."""
    array = pixels(image)
    if settings.mode is ColorMode.LINEART:
        if array.ndim == 3:
            array = array.mean(axis=2)
        array = np.where(array > 127, 255, 0).astype(np.uint8)
    elif settings.mode is ColorMode.GRAY and array.ndim == 3:  # some drivers send grey as RGB
        array = np.asarray(np.round(array @ np.array([0.299, 0.587, 0.114])), dtype=np.uint8)
    return Page(image=array, dpi=dpi or settings.dpi, index=index, side=side, source=settings.source)
