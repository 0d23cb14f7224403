"""What every printed sheet of the desk needs: a serif with the Vietnamese glyphs, and QR modules.

The handover list and the separator sheets are both printed through fpdf2; they share the font
search and the QR encoder so that a font installed or a QR setting changed serves both.
"""

from __future__ import annotations

from pathlib import Path

# A serif with every Vietnamese glyph (Decree 30/2020 wants Times New Roman or an
# equivalent Unicode serif): FreeSerif (fonts-freefont-ttf), Liberation Serif 2
# (fonts-liberation2; version 1 lacks ơ and ư), Times New Roman on Windows.
FONT_FAMILIES: tuple[tuple[Path, Path], ...] = (
    (Path("/usr/share/fonts/truetype/freefont/FreeSerif.ttf"),
     Path("/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf")),
    (Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
     Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")),
    (Path("C:/Windows/Fonts/times.ttf"), Path("C:/Windows/Fonts/timesbd.ttf")),
)


def serif_fonts() -> tuple[Path, Path]:
    """The first installed (regular, bold) pair of FONT_FAMILIES."""
    for regular, bold in FONT_FAMILIES:
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FileNotFoundError("no serif font with Vietnamese glyphs found; install fonts-freefont-ttf "
                            "or fonts-liberation2")


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), without quiet zone, from zxing-cpp's writer.

    Error correction M: a 64-byte payload stays a 37-module symbol, 1.35 mm a module at 50 mm.
    """
    import numpy as np
    import zxingcpp

    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return (np.asarray(symbol.to_image(scale=1, add_quiet_zones=False)) < 128).tolist()
