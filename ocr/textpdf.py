"""One PDF page: the page image with an invisible, selectable text layer on top.

The text layer uses a font with a single empty glyph for every character (a
"glyphless" font, as Tesseract's own PDF renderer does): characters are written as
their UTF-16 code units, so ``pdftotext`` and viewers return the exact Vietnamese
text in NFC, and each word is stretched horizontally to cover its word on the image,
so selecting a word in a viewer selects that word.
"""
from __future__ import annotations

import functools
import io
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from ocr.words import Word

FONT_RESOURCE = "/OcrText"
GLYPH_ADVANCE = 500  # every character is half an em wide; Tz stretches words to fit
UNITS_PER_EM = 1000
ASCENT, DESCENT = 800, -200
# JPEG quality of page images and backgrounds (4:2:0 chroma): red seals and blue
# signatures keep their edges; print goes in the lossless mask (ocr.layers).
DEFAULT_JPEG_QUALITY = 75


@dataclass(frozen=True)
class EncodedImage:
    """An image ready to become a PDF image XObject without re-encoding."""

    data: bytes
    width: int
    height: int
    colorspace: Name
    bits: int
    filter: Name
    decode_parms: Dictionary | None = None


@functools.lru_cache(maxsize=1)
def glyphless_font_program() -> bytes:
    """A TrueType font whose one glyph (GID 1) is empty and half an em wide."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "blank"])
    builder.setupCharacterMap({0x20: "blank"})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({".notdef": empty, "blank": empty})
    builder.setupHorizontalMetrics({".notdef": (GLYPH_ADVANCE, 0), "blank": (GLYPH_ADVANCE, 0)})
    builder.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    builder.setupNameTable({"familyName": "SoHoaGlyphLess", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, usWinAscent=ASCENT, usWinDescent=-DESCENT)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=1)
def _to_unicode_cmap() -> bytes:
    # Identity from UTF-16 code units to Unicode; a bfrange may only vary its last byte.
    ranges = "\n".join(f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256))
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"256 beginbfrange\n{ranges}\nendbfrange\nendcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def make_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The glyphless Type0 font, as an indirect object of ``pdf``."""
    program = glyphless_font_program()
    font_file = pikepdf.Stream(pdf, program)
    font_file[Name.Length1] = len(program)
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/SoHoaGlyphLess"), Flags=4,
        FontBBox=Array([0, DESCENT, GLYPH_ADVANCE, ASCENT]), ItalicAngle=0, Ascent=ASCENT,
        Descent=DESCENT, CapHeight=ASCENT, StemV=80, FontFile2=font_file)
    # Every CID (UTF-16 code unit) maps to glyph 1.
    cid_to_gid = pikepdf.Stream(pdf, zlib.compress(b"\x00\x01" * 65536, 9))
    cid_to_gid[Name.Filter] = Name.FlateDecode
    cid_font = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/SoHoaGlyphLess"),
        CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor), DW=GLYPH_ADVANCE,
        CIDToGIDMap=pdf.make_indirect(cid_to_gid))
    to_unicode = pikepdf.Stream(pdf, zlib.compress(_to_unicode_cmap(), 9))
    to_unicode[Name.Filter] = Name.FlateDecode
    font = Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/SoHoaGlyphLess"), Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]), ToUnicode=pdf.make_indirect(to_unicode))
    return pdf.make_indirect(font)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def text_layer_ops(words: Sequence[Word], height_px: int, dpi: float, scale: float = 1.0) -> bytes:
    """PDF operators that draw ``words`` invisibly (render mode 3) over their boxes.

    Vertical placement comes from the whole line (its box spans ascenders to
    descenders, which is what a viewer's selection box should cover); horizontal
    placement from each word, stretched to reach the next word so the space between
    them is part of the text and extraction keeps single spaces.
    ``scale`` converts the words' pixels to page-image pixels (OCR copy of a huge page).
    """
    k = 72.0 / dpi / scale  # word pixels -> points
    page_h = height_px * 72.0 / dpi
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    out = ["BT", "3 Tr"]
    for line in lines.values():
        line.sort(key=lambda w: w.bbox[0])
        top = min(w.bbox[1] for w in line)
        bottom = max(w.bbox[3] for w in line)
        size = max(1.0, (bottom - top) * k)
        baseline = page_h - bottom * k + size * (-DESCENT / UNITS_PER_EM)
        height = bottom - top
        for i, word in enumerate(line):
            text = unicodedata.normalize("NFC", word.text)
            right = word.bbox[2]
            following = line[i + 1] if i + 1 < len(line) else None
            # Tesseract may join two columns (agency | motto) into one line: across
            # such a gap the word keeps its own width and readers infer the break.
            if following is not None and following.bbox[0] - word.bbox[2] <= height:
                right = following.bbox[0]
                text += " "
            width = max(1.0, (right - word.bbox[0]) * k)
            natural = len(text.encode("utf-16-be")) // 2 * GLYPH_ADVANCE / UNITS_PER_EM * size
            stretch = 100.0 * width / natural
            out.append(f"/OcrText {size:.2f} Tf {stretch:.2f} Tz 1 0 0 1 {word.bbox[0] * k:.2f} {baseline:.2f} Tm "
                       f"<{_utf16_hex(text)}> Tj")
    out.append("ET")
    return "\n".join(out).encode("ascii")


@dataclass(frozen=True)
class PrintMask:
    """The print layer of a mixed-raster page: 1-bit, painted in ``ink`` (RGB 0-255)."""

    data: bytes  # Flate-compressed rows, 0 = paint
    width: int
    height: int
    ink: tuple[int, int, int]


def _image_xobject(pdf: pikepdf.Pdf, image: EncodedImage) -> pikepdf.Stream:
    xobject = pikepdf.Stream(pdf, image.data)
    xobject.Type = Name.XObject
    xobject.Subtype = Name.Image
    xobject.Width, xobject.Height = image.width, image.height
    xobject.ColorSpace = image.colorspace
    xobject.BitsPerComponent = image.bits
    xobject.Filter = image.filter
    if image.decode_parms is not None:
        xobject.DecodeParms = image.decode_parms
    return xobject


def add_page(pdf: pikepdf.Pdf, image: EncodedImage, dpi: float, words: Sequence[Word] = (),
             *, mask: PrintMask | None = None, ocr_scale: float = 1.0,
             font: pikepdf.Object | None = None) -> pikepdf.Page:
    """Append a page showing ``image`` at 100 % scale (size = pixels / dpi), the print
    ``mask`` over it when the page is split in layers, and the invisible text layer."""
    width_pt = image.width * 72.0 / dpi
    height_pt = image.height * 72.0 / dpi
    place = f"{width_pt:.3f} 0 0 {height_pt:.3f} 0 0 cm"
    content = f"q {place} /Scan Do Q\n"
    xobjects = Dictionary(Scan=_image_xobject(pdf, image))
    if mask is not None:
        stencil = pikepdf.Stream(pdf, mask.data)
        stencil.Type, stencil.Subtype = Name.XObject, Name.Image
        stencil.Width, stencil.Height = mask.width, mask.height
        stencil.ImageMask, stencil.BitsPerComponent, stencil.Filter = True, 1, Name.FlateDecode
        xobjects.Print = stencil
        r, g, b = (c / 255.0 for c in mask.ink)
        content += f"q {r:.3f} {g:.3f} {b:.3f} rg {place} /Print Do Q\n"
    resources = Dictionary(XObject=xobjects)
    data = content.encode("ascii")
    if words:
        data += text_layer_ops(words, image.height, dpi, ocr_scale)
        resources.Font = Dictionary({FONT_RESOURCE: font if font is not None else make_font(pdf)})
    page = pikepdf.Dictionary(Type=Name.Page, MediaBox=Array([0, 0, round(width_pt, 3), round(height_pt, 3)]),
                              Resources=resources, Contents=pikepdf.Stream(pdf, data))
    pdf.pages.append(pikepdf.Page(page))
    return pdf.pages[-1]


def write_page_pdf(path: Path, image: EncodedImage, dpi: float, words: Sequence[Word] = (),
                   *, mask: PrintMask | None = None, ocr_scale: float = 1.0) -> None:
    """A one-page PDF, written by a worker and merged into the job's PDF later."""
    with pikepdf.new() as pdf:
        add_page(pdf, image, dpi, words, mask=mask, ocr_scale=ocr_scale)
        pdf.save(path, compress_streams=True)
