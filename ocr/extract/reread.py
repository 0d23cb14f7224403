"""A second reading of the doubtful lines that hold fields (the vote is ``ocr.extract.vote``).

Tesseract reads a line differently when it sees it alone: on generated pages a crop of
the agency block read "SỞ Y TẾ" where the whole page had given "SƠ Y TE", "Kiều Thị Yến"
for "Kiêu Thị Yên", "tuyển" for "tuyến" (bench/extract_bench.py, tuning seeds). So the
OCR worker, which still holds the page's OCR image, reads a line that may hold a field
once more as a crop, and extraction lets the readings vote word by word, each with its
confidence. A word the readings disagree on is marked doubtful, so the clerk is shown
the field.

Only a line with a doubtful word is read again: one below DOUBT_CONFIDENCE, or one no
Vietnamese syllable is spelt like. A line the page read surely gains nothing from a
second look, and a crop of its own costs 10-30 ms. Measured on the 240 tuning documents
(bench/extract_bench.py, cached readings filtered): every field line read at its size and
enlarged 1.5 times (10,532 crops) gave fields 97.1 %, caught 91.8 %; the doubtful lines,
at their size and small type enlarged too (3,750 crops, 36 %), give 97.3 % and 89.6 %.

The enlarged crop is a tie-breaker: it is read only where the crop at its size has not
``settled`` the line, that is where a third reading could still change a word the vote
keeps. Where it is settled, a third reading could at most lower a word's confidence; on
the benchmark sets that never decided whether a wrong value was caught. Measured with
cached readings filtered (bench/extract_bench.py, rules of the time): every doubtful line
at both sizes gave tune 97.15 % fields, caught 88.9 %, held-out 96.70 %, caught 81.0 %,
at 17.2 crops a page; the tie-breaker gives the same four figures at 10.4 crops a page
(the process benchmark's 100 pages: 18.1 -> 10.9). Reading again
only the lines where the page's own reading found a field (extraction in the worker,
~40 ms a page) saved three crops a page more but lost 6 of 2,524 tuning fields: a field
whose label the page misread is found by its second reading only.

Nor is a "line" many rows tall (TALL: a paragraph or a seal the layout ran into one line).
Nor is a line whose doubt is only a word read 0.85-0.94 sure, with two exceptions. A name's
line keeps the bar at 0.94: its tone marks are what a crop mends. A centred title keeps it
at 0.90 ("bố nhiệm" for "bổ nhiệm"). See DOUBT_CONFIDENCE.

The bar was 0.92 for every line but names. Leaving each re-read line out in turn on tune,
tune-2 and tune-3 showed what it bought: the lines doubtful only at 0.85-0.92 held 54 % of the
crops and mended 7 fields net of ~7,600. Measured with cached readings filtered by
``still_read`` (bench/extract_bench.py --readings eb4b966d,7124d4cb,98c1704b,945540e4,c221c059,
without --unread-codes), from 0.92 to today's bars:
- crops a page: tune 8.2 -> 4.7, tune-2 9.8 -> 6.0, tune-3 8.1 -> 5.4;
- fields: tune 2484 -> 2483, tune-2 2518 -> 2519, tune-3 2467 -> 2466;
- wrong values left uncaught: one more on each of tune, tune-2 and tune-3 (two communes'
  tone marks in an agency block, "PHƯỜNG TẤN LẬP", and a short archive-copy entry);
- held-out to held-out-4: the same fields and catches;
- held-out-5, scored once after the bars were chosen: fields 2449 -> 2451, the same 7
  uncaught values, crops 7.5 -> 5.0 a page.
In the OCR worker (bench/process_bench.py --only worker, the batch's first 20 pages, load
0.3): crops at size 5.8 -> 2.9 a page, enlarged 1.6 -> 1.1, second readings 121 -> 68 CPU
ms a page.
Once the crops lost their neighbours' pieces (below), the bars went down again, 0.88 -> 0.85
and 0.92 -> 0.90 for centred lines (names' stays 0.94), on fresh readings filtered by
``still_read``: the same fields and catches on tune (2488 of 2524, 35 of 36 caught),
held-out-3 (1246 of 1276, 28 of 30) and held-out-4 (1256 of 1276, 20 of 20), with crops a
page 4.85 -> 3.89, 5.03 -> 4.18 and 5.10 -> 4.11. Lower, at 0.80, tune lost a catch.

A crop reaches half a line height above and below its line, for the accents, so it holds the
bottoms of the line above and the tops of the line below; Tesseract read those as lines of
their own (1.3 a crop), each costing as much as a whole line (a line's reading costs by its
length in line heights), and they sometimes pulled a word of the line off. They are whitened
first (``_without_neighbours``), and the crop reader skips Tesseract's white-on-black retry of
unsure lines (``tessedit_do_invert``: the crops are the unsure lines, and no field is printed
white on black). Measured fresh, without and with both (bench/extract_bench.py --set tune,
then --set held-out-3, --unread-codes): tune fields 2480 -> 2488 of 2524, wrong values left
uncaught 2 -> 1, subject 91.7 -> 95.8 %; held-out-3 fields 1245 -> 1246 of 1276, the same two
uncaught. Second readings on the process benchmark's first 40 pages: 74.6 -> 61.2 CPU ms a page
(5.1 -> 5.05 crops a page).

Body paragraphs are not read again: no field but the validity date lives in them; nor is the
national motto (the same on every paper; leaving it out saved 0.7 crops a page, with the
same figures on both sets).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import median

import numpy as np

from ocr.extract.layout import Line, Region, layout_page, page_lines
from ocr.extract.orthography import is_syllable
from ocr.extract.profile import DEFAULT_PROFILE, table
from ocr.extract.vocab import letters
from ocr.words import Word

# A doubtful line is read at its size and, where that reading and the page's disagree,
# enlarged 1.5 times: three readings, so the vote has a majority. With the crop at its size
# alone (small type only enlarged), the tuning set gave 97.3 %, but the sample decision of
# resources/samples lost the slash of "97/QĐ-UBND" and the accent of "Chiềng": page and crop
# disagreed, one against one.
SCALES = (1.0, 1.5)
# A line whose words all read at least this sure is not read again. Tesseract's word
# confidences on these pages bunch at 0.93-0.97, and the misread field words sit below
# them, with the words no syllable is spelt like. Below 0.85 a crop mends most of them; at
# 0.85-0.94 it mends the tone marks of names ("Phan My Trang" for "Phan Mỹ Trang" at 0.93)
# and, below 0.90, those of centred titles and subjects, and hardly any other line's, for
# half of all crops (module doc).
DOUBT_CONFIDENCE = 0.85
CENTRED_DOUBT_CONFIDENCE = 0.90
NAME_DOUBT_CONFIDENCE = 0.94
# A crop reaches this many line heights around its line (accents above, descenders below).
PAD = 0.5
# A "line" more than this many times as tall as the page's median line is no line: rows the
# layout ran together (a body paragraph 726-1089 px tall with 104-107 words on the process
# benchmark's batch, a seal's ring over the signature), up to 400 ms of crops on one page. It
# is not read again. Two rows of small type run together (ocr.extract.vote's split, from 1.7
# line heights) still are.
TALL = 2.5


@dataclass(frozen=True)
class Reading:
    """Another reading of one line: the line's box (page pixels) and the words read in it."""

    bbox: tuple[int, int, int, int]
    words: tuple[Word, ...]


def field_lines(words: list[Word], width: int, height: int) -> list[tuple[Line, float]]:
    """The lines worth a second look, each with the confidence under which one of its words
    makes it doubtful: both columns of two-column regions, centred lines, labelled lines
    ("Số:", "Họ và tên:", "Nơi nhận:") and the right half's lines."""
    layout = layout_page(words, 1, width, height)
    chosen: list[tuple[Line, float]] = []
    for item in layout.items:
        if isinstance(item, Region):
            chosen.extend((line, _bar(line, False)) for line in item.left + item.right if _readable(line))
            continue
        line = item
        if not _readable(line):
            continue
        head = " ".join(w.text for w in line.words[:7])
        centred = layout.is_centred(line, 0.06)
        if centred or ":" in head or line.bbox[0] > layout.middle - 0.05 * layout.text_width:
            chosen.append((line, _bar(line, centred)))
    return chosen


def _bar(line: Line, centred: bool) -> float:
    """DOUBT_CONFIDENCE for the line's kind: a name's, a centred title's, or any other."""
    if _name_like(line):
        return NAME_DOUBT_CONFIDENCE
    return CENTRED_DOUBT_CONFIDENCE if centred else DOUBT_CONFIDENCE


def _readable(line: Line) -> bool:
    return line.alnum >= 2 and line.height > 4 and not _motto(line)


def _motto(line: Line) -> bool:
    """A line of the national motto, read letter for letter (accents aside): printed the same
    on every paper and no field's, though its dashes and underline leave it doubtful on
    three pages in four (bench/process_bench.py's batch)."""
    return letters(line.text) in _motto_letters()


@lru_cache(maxsize=1)
def _motto_letters() -> frozenset[str]:
    # The default profile's: the worker's second readings are chosen before any profile is applied.
    return frozenset(letters(text) for text in table("admin", DEFAULT_PROFILE).get("labels", {}).get("motto", []))


_LEAD = re.compile(r"^[\W_]+")
_TAIL = re.compile(r"[\W_]+$")


def word_core(text: str) -> str:
    """A word without what a crop's edge or a speck adds at its ends ('_ỦY', 'NỘI,', '2022_')."""
    return _TAIL.sub("", _LEAD.sub("", unicodedata.normalize("NFC", text)))


def doubtful(line: Line, bar: float = DOUBT_CONFIDENCE) -> bool:
    """Whether a line holds a word the page's reading may have got wrong: one read less
    sure than ``bar``, or spelt like no syllable."""
    for word in line.words:
        core = word_core(word.text)
        if core and (word.confidence < bar or is_syllable(core) is False):
            return True
    return False


def _name_like(line: Line) -> bool:
    """Two to five words each capitalised as a person's name is ("Phan Mỹ Trang")."""
    texts = line.text.split()
    return 2 <= len(texts) <= 5 and all(t[:1].isupper() and (len(t) == 1 or t[1:].islower()) for t in texts)


def settled(line: Line, words: tuple[Word, ...]) -> bool:
    """Whether a third reading could no longer change any word ``ocr.extract.vote`` keeps.

    So it is when the crop read every word as the page did (punctuation at the ends aside,
    as the vote compares them), each a spelling a syllable may have, and the two readings'
    confidences add up to at least 1 on each word: a third reading, no surer than 1, cannot
    outweigh them (the vote keeps the page's word on a tie). Two low-confidence readings
    that agree are not settled: on the sample decision of resources/samples page and crop
    both read "Chiồng" unsure, and the enlarged crop's surer "Chiềng" wins the vote.
    """
    page = [w for w in line.words if word_core(w.text)]
    other = [w for w in words if word_core(w.text)]
    if len(page) != len(other):
        return False
    for mine, theirs in zip(page, other):
        core = word_core(mine.text)
        if core != word_core(theirs.text) or is_syllable(core) is False or mine.confidence + theirs.confidence < 1.0:
            return False
    return True


def lines_to_read(words: list[Word], width: int, height: int) -> list[Line]:
    """The ``field_lines`` read again: doubtful ones of no more than TALL line heights."""
    lines = field_lines(words, width, height)
    typical = median(line.height for line in page_lines(words)) if lines else 0
    return [line for line, bar in lines if doubtful(line, bar) and line.height <= TALL * typical]


def still_read(readings: list[Reading], words: list[Word], width: int, height: int) -> list[Reading]:
    """Saved ``readings`` of a page less those of lines that are no longer read again: how a
    benchmark scores today's choice of lines on readings an earlier worker cached, which holds
    while a change of that choice only leaves lines out."""
    boxes = {line.bbox for line in lines_to_read(words, width, height)}
    return [reading for reading in readings if tuple(reading.bbox) in boxes]


def reread(image: np.ndarray, ocr_scale: float, words: list[Word], width: int, height: int,
           recognize) -> list[Reading]:
    """Read the doubtful ``field_lines`` again on ``image`` (the OCR copy, ``ocr_scale`` ×
    page pixels): at their size, and enlarged only where that reading disagrees with the page.

    ``recognize(crop, dpi_factor)`` is the worker's engine; it returns words in crop pixels.
    """
    import cv2

    readings: list[Reading] = []
    for line in lines_to_read(words, width, height):
        x0, y0, x1, y1 = line.bbox
        pad_y, pad_x = PAD * line.height, 0.6 * line.height
        cx0 = max(0, int((x0 - pad_x) * ocr_scale))
        cy0 = max(0, int((y0 - pad_y) * ocr_scale))
        cx1 = min(image.shape[1], int((x1 + pad_x) * ocr_scale) + 1)
        cy1 = min(image.shape[0], int((y1 + pad_y) * ocr_scale) + 1)
        if cx1 - cx0 < 4 or cy1 - cy0 < 4:
            continue
        crop = _without_neighbours(image[cy0:cy1, cx0:cx1], int(y0 * ocr_scale) - cy0, int(y1 * ocr_scale) - cy0 + 1)
        crop = np.pad(crop, 12, constant_values=255)
        for scale in SCALES:
            piece = crop if scale == 1.0 else cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            found = []
            for word in recognize(piece, scale):
                bx0, by0, bx1, by1 = word.bbox
                box = (round((bx0 / scale - 12 + cx0) / ocr_scale), round((by0 / scale - 12 + cy0) / ocr_scale),
                       round((bx1 / scale - 12 + cx0) / ocr_scale), round((by1 / scale - 12 + cy0) / ocr_scale))
                centre_y = (box[1] + box[3]) / 2
                if y0 <= centre_y <= y1 and box[2] > x0 - pad_x and box[0] < x1 + pad_x and word.text.strip():
                    found.append(replace(word, bbox=box))
            readings.append(Reading(line.bbox, tuple(found)))
            if settled(line, readings[-1].words):
                break  # the vote's words are decided: no tie to break (module doc)
    return readings


def _without_neighbours(crop: np.ndarray, top: int, bottom: int) -> np.ndarray:
    """The crop with the pieces of the lines above and below whitened: ink cut by the crop's
    top or bottom edge that does not reach the line's own rows ``top:bottom``. A tone mark
    above the line touches neither edge and stays; a descender reaching into the line stays.
    ``crop`` (a view of the page's OCR image) is not written to."""
    import cv2

    out = None
    # (the rows above or below the line, their row on the crop's edge, their row beside the line)
    for rows, outer, inner in ((slice(0, max(0, top)), 0, -1), (slice(max(0, bottom), None), -1, 0)):
        part = crop[rows]
        if part.shape[0] < 2:
            continue
        _, ink = cv2.threshold(part, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
        count, labels = cv2.connectedComponents(ink, connectivity=8)
        if count < 2:
            continue
        drop = sorted(set(np.unique(labels[outer])) - set(np.unique(labels[inner])) - {0})
        if drop:
            if out is None:
                out = crop.copy()
            out[rows][np.isin(labels, drop)] = 255
    return crop if out is None else out


_line_apis: dict[str, object] = {}


def line_reader(language: str):
    """``recognize(crop, dpi) -> words`` with Tesseract told the crop is one block, or None.

    The page engine would analyse each crop's page layout first, which costs several
    times the reading itself (measured: 75-100 ms a line against 10-30 ms); one
    single-block Tesseract per worker, kept loaded, avoids that. Single-block, not
    single-line: a crop holds the accents above its line and the bottoms of the line
    above, and a single-line reading mixes those in; as a block they become lines of
    their own, which ``reread`` leaves out. None without tesserocr: the caller then uses
    the page engine.
    """
    try:
        import tesserocr
    except ImportError:
        return None
    from ocr.engine import TESSERACT_VARIABLES, _set_image, parse_tsv, tessdata_dir

    api = _line_apis.get(language)
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=language, psm=tesserocr.PSM.SINGLE_BLOCK,
                                      oem=tesserocr.OEM.LSTM_ONLY)
        for name, value in TESSERACT_VARIABLES.items():
            api.SetVariable(name, value)
        api.SetVariable("tessedit_do_invert", "0")  # no white-on-black retry (module doc)
        _line_apis[language] = api

    def recognize(crop: np.ndarray, dpi: int) -> list[Word]:
        _set_image(api, crop)
        api.SetSourceResolution(int(dpi))
        try:
            api.Recognize()
            return parse_tsv(api.GetTSVText(0))
        finally:
            api.Clear()

    return recognize
