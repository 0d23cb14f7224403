"""Lines of text from OCR words, kept apart where a Decree-30 page has two columns.

Tesseract groups words into lines, but on the two-column rows of an administrative page
(agency | motto, "Số:" | date line, "Nơi nhận" | signature) it sometimes joins the two
columns into one line. A line is therefore split wherever the gap between two words is
far wider than a word space, so every ``Line`` belongs to one column.

Tesseract's own order also interleaves those columns (agency line, motto line, agency
line…). ``reading_order`` puts each two-column region's left column before its right
one, and everything else top to bottom, so the motto never lands inside the agency's
name and the signature never inside the "Nơi nhận" list.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from functools import lru_cache
from statistics import median

from ocr.extract.profile import DEFAULT_PROFILE, table
from ocr.extract.vocab import letters
from ocr.words import Word

# A gap wider than this many line heights separates columns, not words (a word space
# is about 0.3 line heights; the gap between the agency block and the motto is several).
COLUMN_GAP = 2.2
# A gap of more than SPLIT_GAP line heights that is SPACE_RATIO times the line's usual
# word space also parts two columns (a justified line stretches all its spaces alike).
SPLIT_GAP = 0.9
SPACE_RATIO = 3.0
# The motto starts its column: before its first two words ("CỘNG HÒA") a gap this many
# times the line's word space parts the columns however narrow it is (an agency named
# "UBND TỈNH BÀ RỊA - VŨNG TÀU" leaves 47 px before the motto at 300 dpi, word spaces 17).
MOTTO_SPACE_RATIO = 1.8


@dataclass(frozen=True)
class Line:
    """One line of one column: its words in reading order, on page ``page`` (1-based)."""

    page: int
    words: tuple[Word, ...]

    # text, alnum, bbox and confidence are cached: the words never change, and the layout
    # asks for them thousands of times a page (bbox worked out each time was a third of
    # extraction's time; text and confidence another fifth).
    @cached_property
    def text(self) -> str:
        return unicodedata.normalize("NFC", " ".join(w.text for w in self.words))

    @cached_property
    def alnum(self) -> int:
        """How many letters and digits the line holds."""
        return sum(ch.isalnum() for ch in self.text)

    @cached_property
    def bbox(self) -> tuple[int, int, int, int]:
        return (min(w.bbox[0] for w in self.words), min(w.bbox[1] for w in self.words),
                max(w.bbox[2] for w in self.words), max(w.bbox[3] for w in self.words))

    @property
    def height(self) -> int:
        return self.bbox[3] - self.bbox[1]

    @cached_property
    def confidence(self) -> float:
        """Length-weighted mean word confidence (long words say more)."""
        total = sum(len(w.text) for w in self.words)
        return sum(w.confidence * len(w.text) for w in self.words) / total if total else 0.0

    @property
    def centre_x(self) -> float:
        x0, _, x1, _ = self.bbox
        return (x0 + x1) / 2


def page_lines(words: list[Word], page: int = 1) -> list[Line]:
    """The page's lines in Tesseract's reading order, split at column gaps."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if word.text.strip():
            groups.setdefault(word.line_key, []).append(word)
    if not groups:
        return []
    typical = median(max(1, w.bbox[3] - w.bbox[1]) for ws in groups.values() for w in ws)
    lines: list[Line] = []
    for key in groups:  # dicts keep Tesseract's order
        lines.extend(_split_row(page, sorted(groups[key], key=lambda w: w.bbox[0]), typical))
    return _join_fragments(lines, typical)


def _split_row(page: int, row: list[Word], typical: float) -> list[Line]:
    """One Tesseract line cut where a column gap runs through it.

    A mark without a letter or digit standing alone in a wide gap ("_" left of a rule, a
    speck) is dropped first, so it cannot bridge the gap; a hyphen between words stays.
    """
    row = [w for i, w in enumerate(row) if not _lone_mark(row, i, typical)]
    gaps = [row[i].bbox[0] - row[i - 1].bbox[2] for i in range(1, len(row))]
    # A long agency name leaves less than COLUMN_GAP before the motto, but still far
    # more than the line's word spaces (measured: 71 px against 16-18 px at 300 dpi).
    space = median(gaps) if len(gaps) >= 4 else typical
    lines: list[Line] = []
    start = 0
    for i in range(1, len(row)):
        gap = gaps[i - 1]
        # The narrow split needs two words on each side: one word set apart ("Dương Bá
        # Chiến" with a wide space) is not a column.
        narrow = (gap > SPLIT_GAP * typical and gap > SPACE_RATIO * space
                  and i - start >= 2 and len(row) - i >= 2)
        motto = gap > MOTTO_SPACE_RATIO * space and i - start >= 2 and _motto_starts(row[i:i + 2])
        if gap > COLUMN_GAP * typical or narrow or motto:
            lines.append(Line(page, tuple(row[start:i])))
            start = i
    if row:
        lines.append(Line(page, tuple(row[start:])))
    return lines


@lru_cache(maxsize=4)
def _motto_head(profile: str = DEFAULT_PROFILE) -> str:
    """The motto's first two words, accent-free ("CONG HOA"); empty when the profile has none."""
    motto = table("admin", profile).get("labels", {}).get("motto", [])
    return " ".join(letters(motto[0]).split()[:2]) if motto else ""


def _motto_starts(words: list[Word]) -> bool:
    head = _motto_head()
    return bool(head) and len(words) == 2 and letters(" ".join(w.text for w in words)) == head


def _lone_mark(row: list[Word], i: int, typical: float) -> bool:
    """A mark without a letter standing apart from both neighbours (a speck, a rule's end in a
    column gap). Not a dash between two words, as in "Tự do - Hạnh phúc": at 200 dpi the
    spaces around it can pass half a line height, and dropping it cut the motto in two."""
    word = row[i]
    if any(ch.isalnum() for ch in word.text) or len(row) < 3:
        return False
    left = word.bbox[0] - row[i - 1].bbox[2] if i > 0 else float("inf")
    right = row[i + 1].bbox[0] - word.bbox[2] if i + 1 < len(row) else float("inf")
    if min(left, right) <= 0.5 * typical:
        return False
    dash = set(word.text) <= set("-–—") and word.bbox[3] - word.bbox[1] <= 0.4 * typical
    return not (dash and max(left, right) <= COLUMN_GAP * typical)


def _join_fragments(lines: list[Line], typical: float) -> list[Line]:
    """One printed line that Tesseract gave as two lines side by side ("Dương Bá" | "Chiến",
    cut apart by a seal) is joined again: same row, and no wider apart than a word space."""
    out: list[Line] = []
    for line in lines:
        for i, other in enumerate(out):
            a, b = (other, line) if other.bbox[0] <= line.bbox[0] else (line, other)
            overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
            gap = b.bbox[0] - a.bbox[2]
            if overlap >= 0.5 * min(a.height, b.height) and -0.2 * typical <= gap <= 1.5 * typical \
                    and a.words[-1].line_key != b.words[0].line_key:
                out[i] = Line(line.page, tuple(sorted(a.words + b.words, key=lambda w: w.bbox[0])))
                break
        else:
            out.append(line)
    return out


def union_bbox(lines: list[Line]) -> tuple[int, int, int, int]:
    boxes = [line.bbox for line in lines]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# A line belongs to a column when its centre is within this share of the text width of
# the column's centre (lines are centred in their column: agency, motto, signature).
COLUMN_CENTRE_TOLERANCE = 0.12


@dataclass
class Region:
    """Two columns side by side, with the empty channel ``(left_edge, right_edge)`` between them."""

    left_edge: float
    right_edge: float
    left_start: float  # where the left column's lines begin (lists are left-aligned)
    left_centre: float
    right_centre: float
    left: list[Line]
    right: list[Line]

    @property
    def lines(self) -> list[Line]:
        return [*sorted(self.left, key=_top), *sorted(self.right, key=_top)]

    @property
    def top(self) -> int:
        return min(_top(line) for line in self.left + self.right)

    @property
    def bottom(self) -> int:
        return max(line.bbox[3] for line in self.left + self.right)

    def side(self, line: Line, tolerance: float) -> str | None:
        """"left", "right", or None when the line belongs to neither column.

        Lines of a column are centred in it (agency, motto, date line, signature) or, on
        the left, start where the column starts (the "Nơi nhận" list). A centred title is
        neither: its centre is the page's, far from both columns' centres.
        """
        x0, _, x1, _ = line.bbox
        slack = line.height
        if x1 < self.right_edge and (abs(line.centre_x - self.left_centre) <= tolerance
                                     or abs(x0 - self.left_start) <= slack):
            return "left"
        if x0 > self.left_edge and abs(line.centre_x - self.right_centre) <= tolerance:
            return "right"
        return None

    def add(self, line: Line, side: str) -> None:
        if side == "left":
            self.left.append(line)
            self.left_edge = max(self.left_edge, line.bbox[2])
            self.left_start = min(self.left_start, line.bbox[0])
        else:
            self.right.append(line)
            self.right_edge = min(self.right_edge, line.bbox[0])


def _top(line: Line) -> int:
    return line.bbox[1]


def side_by_side(a: Line, b: Line) -> bool:
    """Two lines on the same row of the page that do not touch: two columns."""
    ay0, ay1, by0, by1 = a.bbox[1], a.bbox[3], b.bbox[1], b.bbox[3]
    overlap = min(ay1, by1) - max(ay0, by0)
    if overlap < 0.4 * min(ay1 - ay0, by1 - by0):
        return False
    return a.bbox[2] < b.bbox[0] or b.bbox[2] < a.bbox[0]


def regions(lines: list[Line]) -> list[Line | Region]:
    """The page top to bottom: single lines, and two-column regions grown from side-by-side lines.

    A region starts at a pair of lines on the same row and takes in the lines above and
    below it that stay on one side of the channel between the columns; the first line
    that reaches across (a centred title, a body paragraph) ends it.
    """
    order = sorted(lines, key=lambda line: (line.bbox[1], line.bbox[0]))
    if not order:
        return []
    width = max(line.bbox[2] for line in order) - min(line.bbox[0] for line in order)
    tolerance = COLUMN_CENTRE_TOLERANCE * max(1, width)
    pairs: dict[int, tuple[Line, Line]] = {}
    for i, line in enumerate(order):
        if is_weak(line):
            continue
        for j in range(i + 1, len(order)):
            other = order[j]
            if other.bbox[1] > line.bbox[3]:
                break
            if not is_weak(other) and side_by_side(line, other) and _legible(line) and _legible(other):
                pair = (line, other) if line.bbox[2] < other.bbox[0] else (other, line)
                pairs.setdefault(i, pair)
                pairs.setdefault(j, pair)
    items: list[Line | Region] = []
    current: Region | None = None
    for i, line in enumerate(order):
        if is_weak(line) and (current is None or current.side(line, tolerance) is None):
            # Specks, scribble strokes and bits of a seal neither start nor end a region.
            if current is not None:
                (current.left if line.centre_x < (current.left_edge + current.right_edge) / 2 else current.right).append(line)
            else:
                items.append(line)
            continue
        side = current.side(line, tolerance) if current is not None else None
        if current is not None and side is not None and (i not in pairs or _fits(current, pairs[i], tolerance)
                                                         or not all(map(_strong, pairs[i]))):
            current.add(line, side)
            continue
        if i in pairs:
            left, right = pairs[i]
            current = Region(left.bbox[2], right.bbox[0], left.bbox[0], left.centre_x, right.centre_x, [], [])
            # Lines just above that stay on one side belong to the region too (the agency
            # block is often taller than the motto beside it).
            while items and isinstance(items[-1], Line) and current.side(items[-1], tolerance) is not None \
                    and line.bbox[1] - items[-1].bbox[3] < 3 * line.height:
                above = items.pop()
                # Taken in, but not allowed to narrow the channel: the last line of the body
                # above "Nơi nhận" may reach far into where the signature will be.
                (current.left if current.side(above, tolerance) == "left" else current.right).append(above)
            current.add(line, "left" if line is left else "right")
            items.append(current)
            continue
        current = None
        items.append(line)
    return items


def is_mark(line: Line) -> bool:
    """A speck, a stroke of the signature, a bit of a seal: almost no confidence or no letters."""
    return line.confidence < 0.3 or line.alnum < 2


def is_weak(line: Line) -> bool:
    """A mark, or a short word read with little confidence (a seal's letters, a scribble)."""
    return is_mark(line) or (line.confidence < 0.6 and line.alnum <= 4) or (line.confidence < 0.8 and line.alnum <= 2)


def _legible(line: Line) -> bool:
    """Read as text at all: a QR code in the margin read as letters, digits and brackets
    ("[e3 Bội", 0.37) beside the agency's first line is no column of the page; a title
    under a seal read as letters alone ("CHÙÈTỊCH", 0.47) is."""
    return line.confidence >= 0.5 or all(ch.isalpha() or ch.isspace() for ch in line.text)


def _strong(line: Line) -> bool:
    """Surely text: a new two-column row may only start from two such lines side by side."""
    return line.confidence >= 0.75 and line.alnum >= 4


def _fits(region: Region, pair: tuple[Line, Line], tolerance: float) -> bool:
    """A new side-by-side pair continues the region when each line falls on its own side."""
    return region.side(pair[0], tolerance) == "left" and region.side(pair[1], tolerance) == "right"


def reading_order(lines: list[Line]) -> list[Line]:
    """The lines as a person reads the page: each two-column region left column first."""
    ordered: list[Line] = []
    for item in regions(lines):
        ordered.extend(item.lines if isinstance(item, Region) else [item])
    return ordered


@dataclass(frozen=True)
class PageLayout:
    """One page ready for reading: its regions and lines in reading order, and its text area."""

    number: int
    width: int
    height: int
    items: tuple[Line | Region, ...]
    lines: tuple[Line, ...]  # reading order
    text_left: float
    text_right: float

    @property
    def text_width(self) -> float:
        return max(1.0, self.text_right - self.text_left)

    @property
    def middle(self) -> float:
        return (self.text_left + self.text_right) / 2

    def is_centred(self, line: Line, tolerance: float = 0.035) -> bool:
        """Centred on the text area and narrower than it: a title or subject, not a body line."""
        x0, _, x1, _ = line.bbox
        inset = 0.04 * self.text_width
        return (abs(line.centre_x - self.middle) <= tolerance * self.text_width
                and x0 >= self.text_left + inset and x1 <= self.text_right - inset)

    def is_full_width(self, line: Line) -> bool:
        """A body line: reaches (nearly) both edges of the text area."""
        x0, _, x1, _ = line.bbox
        return x0 <= self.text_left + 0.1 * self.text_width and x1 >= self.text_right - 0.03 * self.text_width


def layout_page(words: list[Word], number: int, width: int = 0, height: int = 0) -> PageLayout:
    lines = page_lines(words, number)
    items = tuple(regions(lines))
    ordered: list[Line] = []
    for item in items:
        ordered.extend(item.lines if isinstance(item, Region) else [item])
    solid = [line for line in lines if not is_weak(line) and line.confidence >= 0.6] or lines
    if solid:
        # Only lines read with confidence: a QR code or a seal read as text lies in the margin.
        lefts = sorted(line.bbox[0] for line in solid)
        rights = sorted(line.bbox[2] for line in solid)
        # Robust edges: a stray mark in the margin must not widen the text area.
        text_left, text_right = float(lefts[len(lefts) // 20]), float(rights[-1 - len(rights) // 20])
    else:
        text_left, text_right = 0.0, float(width)
    return PageLayout(number, width, height, items, tuple(ordered), text_left, text_right)
