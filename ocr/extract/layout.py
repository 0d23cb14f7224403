"""Lines of text from OCR words, kept apart where a Decree-30 page has two columns.

Tesseract groups words into lines, but on the two-column rows of an administrative page
(agency | motto, "Số:" | date line, "Nơi nhận" | signature) it sometimes joins the two
columns into one line. A line is therefore split wherever the gap between two words is
far wider than a word space, so every ``Line`` belongs to one column.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from statistics import median

from ocr.words import Word

# A gap wider than this many line heights separates columns, not words (a word space
# is about 0.3 line heights; the gap between the agency block and the motto is several).
COLUMN_GAP = 2.2


@dataclass(frozen=True)
class Line:
    """One line of one column: its words in reading order, on page ``page`` (1-based)."""

    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return unicodedata.normalize("NFC", " ".join(w.text for w in self.words))

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return (min(w.bbox[0] for w in self.words), min(w.bbox[1] for w in self.words),
                max(w.bbox[2] for w in self.words), max(w.bbox[3] for w in self.words))

    @property
    def height(self) -> int:
        return self.bbox[3] - self.bbox[1]

    @property
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
        row = sorted(groups[key], key=lambda w: w.bbox[0])
        start = 0
        for i in range(1, len(row)):
            if row[i].bbox[0] - row[i - 1].bbox[2] > COLUMN_GAP * typical:
                lines.append(Line(page, tuple(row[start:i])))
                start = i
        lines.append(Line(page, tuple(row[start:])))
    return lines


def union_bbox(lines: list[Line]) -> tuple[int, int, int, int]:
    boxes = [line.bbox for line in lines]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
