"""OCR of one region of a page: the box a clerk draws around a value the extraction missed.

The region is cropped from the page image and read alone, so the words around it cannot
pull it into another line or block; a white border is added because Tesseract finds no
text on glyphs that touch the image edge.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ocr.engine import OcrEngine, make_engine

if TYPE_CHECKING:
    from PIL import Image as PILImage

# Tesseract's layout analysis needs some margin around the glyphs; 10 px at 200-300 dpi is
# about a third of a text line.
BORDER_PX = 10
DEFAULT_DPI = 300


def read_region(image_path: Path | str | PILImage.Image, bbox: tuple[int, int, int, int], dpi: float | None = None, *,
                rotation: int = 0, engine: OcrEngine | None = None, timeout_s: float = 20.0) -> tuple[str, float]:
    """The text inside ``bbox`` (x0, y0, x1, y1 in the pixels of the image turned ``rotation``
    degrees clockwise, as the page was OCR'd) and its mean word confidence (0-1); lines are
    joined by newlines. ("", 0.0) when nothing is read. ``image_path`` may be an image
    already in memory (a page rendered from its cleaned PDF).

    ``dpi`` defaults to what the file states (else 300). Raises ValueError for a box that
    lies outside the image or is empty."""
    import numpy as np
    from PIL import Image, ImageOps

    turns = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    if rotation % 360 not in turns:
        raise ValueError(f"rotation must be a quarter turn, not {rotation}")
    with (image_path.copy() if isinstance(image_path, Image.Image) else Image.open(image_path)) as opened:
        stated = opened.info.get("dpi")
        turn = turns[rotation % 360]
        image = opened.transpose(turn) if turn is not None else opened.copy()  # PIL turns counter-clockwise
        width, height = image.size
        x0, y0 = max(0, int(bbox[0])), max(0, int(bbox[1]))
        x1, y1 = min(width, int(bbox[2])), min(height, int(bbox[3]))
        if x1 - x0 < 2 or y1 - y0 < 2:
            raise ValueError(f"the region {tuple(bbox)} is empty or outside the {width}x{height} page")
        crop = ImageOps.grayscale(image.crop((x0, y0, x1, y1)))
    if dpi is None:
        dpi = float(stated[0]) if stated and stated[0] and float(stated[0]) > 10 else DEFAULT_DPI
    padded = ImageOps.expand(crop, border=BORDER_PX, fill=255)
    words = (engine or make_engine()).recognize(np.asarray(padded, dtype=np.uint8), int(dpi), timeout_s)
    if not words:
        return "", 0.0
    lines: dict[tuple[int, int, int], list[str]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word.text)
    text = "\n".join(" ".join(parts) for parts in lines.values())
    return text, sum(w.confidence for w in words) / len(words)
