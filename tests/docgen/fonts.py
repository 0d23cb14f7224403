"""Serif fonts that carry every Vietnamese glyph, loaded once per pixel size.

Only these three are complete on the target machines: fonts-liberation (v1) lacks ơ, ư and
U+1EA0-1EF9, so its files must never be used (toolchain-notes.md §1).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class FontFamily:
    """The four faces of one family; `path(style)` picks one by style name.

    `scale` multiplies nominal point sizes: Decree 30/2020 sizes are meant for Times New Roman, and
    DejaVu Serif is about 17 % wider, so it is set smaller to give Times-like line lengths.
    """

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    scale: float = 1.0

    def path(self, style: str) -> Path:
        if style not in STYLES:
            raise ValueError(f"unknown font style {style!r}; expected one of {STYLES}")
        return getattr(self, style)


_LIB = Path("/usr/share/fonts/truetype/liberation2")
_DEJ = Path("/usr/share/fonts/truetype/dejavu")
_FREE = Path("/usr/share/fonts/truetype/freefont")

FONTS: dict[str, FontFamily] = {
    "liberation_serif": FontFamily(
        "liberation_serif",
        _LIB / "LiberationSerif-Regular.ttf",
        _LIB / "LiberationSerif-Bold.ttf",
        _LIB / "LiberationSerif-Italic.ttf",
        _LIB / "LiberationSerif-BoldItalic.ttf",
    ),
    "dejavu_serif": FontFamily(
        "dejavu_serif",
        _DEJ / "DejaVuSerif.ttf",
        _DEJ / "DejaVuSerif-Bold.ttf",
        _DEJ / "DejaVuSerif-Italic.ttf",
        _DEJ / "DejaVuSerif-BoldItalic.ttf",
        scale=0.88,
    ),
    "freeserif": FontFamily(
        "freeserif",
        _FREE / "FreeSerif.ttf",
        _FREE / "FreeSerifBold.ttf",
        _FREE / "FreeSerifItalic.ttf",
        _FREE / "FreeSerifBoldItalic.ttf",
    ),
}


def pt_to_px(pt: float, dpi: int) -> int:
    """Typographic points to whole pixels at `dpi` (1 pt = 1/72 inch)."""
    return max(1, round(pt * dpi / 72))


@lru_cache(maxsize=256)
def _load(path: str, size_px: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: identical output whether or not libraqm is present; every Vietnamese letter
    # has a precomposed NFC code point, so no shaping is needed.
    return ImageFont.truetype(path, size_px, layout_engine=ImageFont.Layout.BASIC)


def load_font(family: str, style: str, size_pt: float, dpi: int) -> ImageFont.FreeTypeFont:
    """The face `style` of `family` at `size_pt` nominal points rendered at `dpi`."""
    fam = FONTS[family]
    return _load(str(fam.path(style)), pt_to_px(size_pt * fam.scale, dpi))


@lru_cache(maxsize=200_000)
def text_width(family: str, style: str, size_pt: float, dpi: int, text: str) -> float:
    """Advance width of `text` in pixels; cached because layout measures the same words often."""
    return load_font(family, style, size_pt, dpi).getlength(text)
