"""Visible signature stamps, as data: one profile per regulation.

- ``digitizer``: Circular 01/2023/TT-VPCP Art. 8 — the person who scanned signs with a personal
  certificate; top-left of page 1 shows the digitizer's name and the time of digitizing.
- ``copy``: Decree 30/2020 Appendix I Part II §I.3 — electronic copy (sao y) signed by the agency;
  top-right of page 1, no image, three lines (copy form, agency, signing time ISO 8601 +07:00),
  Times-metric regular 10 pt black.
- ``none``: invisible signature.
"""
from __future__ import annotations

import enum
import functools
import io
import logging
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

if TYPE_CHECKING:
    import numpy as np
    import pypdfium2 as pdfium
    from pyhanko.pdf_utils.generic import IndirectObject
    from pyhanko.pdf_utils.writer import BasePdfFileWriter

# fontTools warns on stderr for every stamp about tables it drops while subsetting.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")  # no DST in Vietnam
# A Times-like serif with every Vietnamese glyph, embedded in the stamp. FreeSerif
# (fonts-freefont-ttf) rather than Liberation Serif 2: pyHanko 0.38's glyph accumulator
# writes glyph widths unscaled for fonts of 2048 units per em (Liberation, DejaVu), so
# their stamps render with letters spread apart and lines cut off (seen on rendered
# pages); FreeSerif has 1000 units per em. pyHanko's built-in Courier lacks ễ, ồ, ư.
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/freefont/FreeSerif.ttf"),
    Path("/usr/share/fonts/opentype/freefont/FreeSerif.otf"),
)


class Corner(enum.Enum):
    TOP_LEFT = "top-left"
    TOP_RIGHT = "top-right"


# Profiles are plain data so a province can add one (e.g. the older TT 01/2019 rule) without code.
STAMP_PROFILES: dict[str, dict | None] = {
    "digitizer": {
        "corner": "top-left",
        "lines": ["Người số hóa: {digitizer}", "Thời gian số hóa: {digitized_at}"],
        "font_size": 10,
        "width": 230,
    },
    "copy": {
        "corner": "top-right",
        "lines": ["SAO Y", "{agency}", "{signed_at}"],
        "font_size": 10,
        "width": 230,
    },
    "none": None,
}

MARGIN = 20.0
LEADING = 1.25


@dataclass(frozen=True)
class StampPlan:
    """What to draw and where: the box on page 1 and the final text."""

    box: tuple[float, float, float, float]
    text: str
    font_size: int


def iso_vn(at: datetime) -> str:
    """ISO 8601 in Vietnam time, seconds precision, e.g. 2024-03-15T14:30:05+07:00."""
    return at.astimezone(VIETNAM_TIME).replace(microsecond=0).isoformat()


def font_path() -> Path:
    for candidate in FONT_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("no FreeSerif font found; install fonts-freefont-ttf")


def plan_stamp(profile: str, page_box: tuple[float, float, float, float],
               values: Mapping[str, str]) -> StampPlan | None:
    """Resolve a profile to a box and text; ``None`` for an invisible signature."""
    if profile not in STAMP_PROFILES:
        raise ValueError(f"unknown stamp {profile!r}; use one of {sorted(STAMP_PROFILES)}")
    spec = STAMP_PROFILES[profile]
    if spec is None:
        return None
    try:
        lines = [line.format(**values) for line in spec["lines"]]
    except KeyError as exc:
        raise ValueError(f"stamp {profile!r} needs a value for {exc.args[0]}") from None
    size = int(spec["font_size"])
    width = float(spec["width"])
    height = len(lines) * size * LEADING + 8
    x0, y0, x1, y1 = page_box
    top = y1 - MARGIN
    left = x0 + MARGIN if Corner(spec["corner"]) is Corner.TOP_LEFT else x1 - MARGIN - width
    return StampPlan(box=(left, top - height, left + width, top), text="\n".join(lines), font_size=size)


# What a stamp's text is written in: ASCII, Latin-1, the Latin Extended-A letters, Ơ ơ Ư ư,
# the combining tone marks and Latin Extended Additional (every precomposed Vietnamese letter),
# typographic quotes and dashes.
STAMP_REPERTOIRE = "".join(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x1A0, 0x1B1),
                                     *range(0x300, 0x324), *range(0x1EA0, 0x1EFA),
                                     *range(0x2010, 0x2027), 0x2030, 0x20AB]))


_CUT_VERSION = 1  # of _cut_font's options: a change of them must change it, so cached fonts are cut again


@functools.lru_cache(maxsize=4)
def _repertoire_font(path: str) -> bytes:
    """The cut-down font (``_cut_font``), kept in the user's cache folder: cutting it costs
    0.5-0.7 s of CPU, paid by the first signature of every run otherwise."""
    import hashlib
    import os

    from platformdirs import user_cache_dir

    source = Path(path)
    stat = source.stat()
    # The key names what was cut: a font file replaced or updated, another repertoire or
    # another cut (_CUT_VERSION) is cut again, never read from a stale file.
    key = hashlib.sha256(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{STAMP_REPERTOIRE}|{_CUT_VERSION}"
                         .encode()).hexdigest()[:24]
    cached = Path(user_cache_dir("sohoa", appauthor=False)) / "stamp-fonts" / f"{key}.ttf"
    try:
        kept = cached.read_bytes()
        if _whole_font(kept):  # a file cut short (a crash before the disk had it) would fail every stamp
            return kept
    except OSError:
        pass
    font = _cut_font(path)
    try:  # a cache: written whole or not at all, and a failure only means cutting again next run
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(font)
        os.replace(partial, cached)
    except OSError:
        pass
    return font


def _whole_font(data: bytes) -> bool:
    """Whether ``data`` is a font file whose every table is there (its table directory read: 0.1 ms)."""
    from fontTools import ttLib

    try:
        tables = ttLib.TTFont(io.BytesIO(data), lazy=True).reader.tables
    except ttLib.TTLibError:
        return False
    return bool(tables) and all(entry.offset + entry.length <= len(data) for entry in tables.values())


def _cut_font(path: str) -> bytes:
    """FreeSerif cut down (0.7 s) to the stamp repertoire: 514 glyphs, 37 KB.
    pyHanko subsets the font it is given for every signature; on the whole FreeSerif that
    made a stamp cost 0.20-0.24 CPU s more than an invisible signature (fontTools reading and
    compacting every table), on the cut-down font 0.04 s. Layout tables are dropped, as
    pyHanko does when it embeds the font; HarfBuzz still composes a decomposed letter into
    its precomposed glyph."""
    from fontTools import subset, ttLib

    options = subset.Options()
    options.drop_tables += ["GPOS", "GDEF", "GSUB"]
    options.layout_features = []
    options.name_IDs = ["*"]  # keeps the PostScript name pyHanko reads
    options.notdef_outline = True
    # The source font's own timestamp kept, not the time of the cut: the same font gives the
    # same bytes on every run (a cut again after a broken cache file is the file it replaces).
    font = ttLib.TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(text=STAMP_REPERTOIRE)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _RepertoireFontFactory(GlyphAccumulatorFactory):
    """Hands pyHanko the cut-down font from memory instead of opening the font file."""

    def create_font_engine(self, writer, obj_stream=None):  # type: ignore[no-untyped-def]
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _RepertoireGlyphs(self.font_file, writer=writer, font_handle=io.BytesIO(_repertoire_font(self.font_file)),
                                 font_size=self.font_size, obj_stream=obj_stream)


# Glyphs every stamp's font subset holds, whether its text uses them or not: a stamp's text
# differs from the last one's only in the digits of its time, so with all ten digits in it the
# subset is the same for a whole batch and is made once (``_RepertoireGlyphs``).
SUBSET_ALWAYS = "0123456789"
_SUBSETS: dict[tuple[str, frozenset[int]], bytes] = {}  # (font, glyph ids) -> the subset, deflated


class _RepertoireGlyphs(GlyphAccumulator):
    """pyHanko's glyph accumulator, with the font subset it embeds made once per set of glyphs.

    pyHanko cuts and writes the font anew for every signature; made once, a stamped signature
    costs 5.9-6.6 CPU ms less (38.5 -> 32.6 and 44.1 -> 37.5 in two side-by-side runs of
    bench/sign_bench.py --pdfs on the process batch's 75 documents). The subset is a function of the font and the glyph
    ids alone (a TrueType subset keeps its glyph ids), so the bytes of the first stamp with a
    given set of glyphs are embedded in the next ones too. ``source`` names the font file.
    """

    def __init__(self, source: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.source = source
        self.shape(SUBSET_ALWAYS)

    def prepare_write(self) -> None:
        from pyhanko.pdf_utils.font.opentype import CIDFontType2

        if self._write_prepared or not isinstance(self.cidfont_obj, CIDFontType2):  # a CFF font: as pyHanko does
            return super().prepare_write()
        key = (self.source, frozenset(self._glyphs))
        deflated = _SUBSETS.get(key)
        if deflated is None:
            self._extract_subset()
            out = io.BytesIO()
            self.tt.save(out)
            deflated = zlib.compress(out.getvalue())
            if len(_SUBSETS) >= 64:  # another signer or agency: the oldest sets go
                _SUBSETS.pop(next(iter(_SUBSETS)))
            _SUBSETS[key] = deflated
        self._subset_created = True  # the font is not cut (again) by pyHanko
        self.cidfont_obj.set_font_file = functools.partial(_embed_font_file, self.cidfont_obj, deflated)
        super().prepare_write()


def _embed_font_file(cidfont, deflated: bytes, writer):  # type: ignore[no-untyped-def]
    """pyHanko's ``CIDFontType2.set_font_file`` with the subset's bytes already made."""
    from pyhanko.pdf_utils.generic import StreamObject, pdf_name

    stream = StreamObject({pdf_name("/Filter"): pdf_name("/FlateDecode")}, encoded_data=deflated)
    ref = writer.add_object(stream)
    cidfont._font_descriptor[pdf_name("/FontFile2")] = ref
    return ref


def stamp_style(plan: StampPlan) -> TextStampStyle:
    """No border, no background, black text in an embedded Vietnamese-capable font."""
    path = str(font_path())
    if set(plan.text) - set(STAMP_REPERTOIRE) - {"\n"}:
        font = GlyphAccumulatorFactory(path, font_size=plan.font_size)  # a rare letter: the whole font
    else:
        font = _RepertoireFontFactory(path, font_size=plan.font_size)
    return TextStampStyle(
        stamp_text="%(body)s",
        text_box_style=TextBoxStyle(font=font, font_size=plan.font_size,
                                    leading=round(plan.font_size * LEADING), border_width=0),
        border_width=0,
        background=None,
    )


def stamp_corner(profile: str) -> str | None:
    """The corner a profile's stamp belongs in ("top-left", "top-right"), None when invisible."""
    spec = STAMP_PROFILES.get(profile)
    return spec["corner"] if spec else None


def place_clear_of_print(pdf: bytes, plan: StampPlan, corner_left: bool) -> tuple[StampPlan, str | None]:
    """Move the stamp off printed content: down, then inward, within its corner.

    The regulations fix the corner, not the exact spot, and a stamp over print makes
    both unreadable. Page 1 is rendered (with earlier signatures' stamps) at one pixel
    per point, its scanned JPEG images read apart (``_scans_taken_out``); the first
    clear position nearest the profile's spot wins. Returns the
    plan to use and a note for the person when the stamp moved or could not.
    """
    import numpy as np
    import pypdfium2 as pdfium

    reach = 0.4  # how far down the stamp may move, as a share of the page's height
    doc = pdfium.PdfDocument(pdf)
    try:
        doc.init_forms()
        page = doc[0]
        width, height = page.get_size()
        # Only the band the stamp can end up in is rendered: 0.03 s instead of 0.07-0.12 s for
        # the whole page (measured on the pipeline's A4 pages at 300 dpi).
        band = min(height, reach * height + (height - plan.box[1]) + 4)
        scans = _scans_taken_out(page, height, band)
        grey = np.asarray(page.render(scale=1, may_draw_forms=True, crop=(0, height - band, 0, 0))
                          .to_pil().convert("L"))
        page.close()
    finally:
        doc.close()
    ink = grey < 160
    for (left, top), scan in scans:
        _add_ink(ink, scan < 160, left, top)

    def covers_print(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        rows = slice(max(0, int(height - y1) - 2), min(ink.shape[0], int(height - y0) + 2))
        cols = slice(max(0, int(x0) - 2), min(ink.shape[1], int(x1) + 2))
        return bool(ink[rows, cols].any())

    if not covers_print(plan.box):
        return plan, None
    x0, y0, x1, y1 = plan.box
    step = 6.0
    for down in np.arange(0.0, height * reach, step):
        for inward in np.arange(0.0, width * 0.3, step):
            dx = inward if corner_left else -inward
            box = (x0 + dx, y0 - down, x1 + dx, y1 - down)
            if box[0] < 0 or box[2] > width or box[1] < 0:
                continue
            if not covers_print(box):
                moved = StampPlan(box=box, text=plan.text, font_size=plan.font_size)
                return moved, f"the stamp was moved {down:.0f} pt down and {inward:.0f} pt in to keep clear of print"
    return plan, "the corner is full of print: the stamp covers some of it"


def _scans_taken_out(page: pdfium.PdfPage, height: float, band: float) -> list[tuple[tuple[int, int], np.ndarray]]:
    """Decode page 1's JPEG images (a scan's background) at about one pixel per point and take
    them out of the page before it is rendered; returns each one's band part, grey, with its
    top-left corner in the rendered band's pixels.

    pdfium decodes a JPEG at its full size before scaling it down: 17 of the 27 ms of the band's
    render on the pipeline's 300-dpi pages. libjpeg's DCT scaling (Pillow's ``draft``) reads it
    at a quarter of the size in 2.6 ms, the same area average a one-pixel-per-point render
    makes. Only upright, unskewed images are taken out; anything else is left to pdfium."""
    import numpy as np
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    out: list[tuple[tuple[int, int], np.ndarray]] = []
    for obj in list(page.get_objects(max_depth=0)):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        try:
            a, b, c, d, e, f = obj.get_matrix().get()
            if b or c or a <= 1 or d <= 1 or obj.get_filters() != ["DCTDecode"]:
                continue
            top = height - (f + d)  # the image's first row, in pixels from the page's top
            if top >= band:
                continue  # below the band
            image = Image.open(io.BytesIO(bytes(obj.get_data(decode_simple=False))))
            image.draft("L", (max(1, round(a)), max(1, round(d))))
            grey = image.convert("L").resize((max(1, round(a)), max(1, round(d))), Image.Resampling.BILINEAR)
        except (pdfium.PdfiumError, OSError, ValueError):
            continue  # pdfium renders it, as before
        rows = max(0, min(grey.height, round(band - top)))
        grey = grey.crop((0, 0, grey.width, rows))
        page.remove_obj(obj)
        obj.close()
        out.append(((round(e), round(top)), np.asarray(grey)))
    return out


def _add_ink(ink: np.ndarray, more: np.ndarray, left: int, top: int) -> None:
    """``ink |= more`` with ``more``'s top-left corner at (left, top), clipped to ``ink``."""
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(ink.shape[0], top + more.shape[0]), min(ink.shape[1], left + more.shape[1])
    if y1 > y0 and x1 > x0:
        ink[y0:y1, x0:x1] |= more[y0 - top:y1 - top, x0 - left:x1 - left]
