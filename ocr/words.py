"""What OCR returns: words with their boxes, shared by the engines and the PDF writer."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One recognised word, in pixels of the image given to the engine."""

    text: str
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1
    confidence: float  # 0..1
    block: int
    paragraph: int
    line: int

    @property
    def line_key(self) -> tuple[int, int, int]:
        return (self.block, self.paragraph, self.line)


def drop_fragments(words: list[Word]) -> list[Word]:
    """Words that are only stray marks: tiny and read with almost no confidence.

    With tight line spacing Tesseract may cut the tall accents of a Vietnamese line
    (Ộ, Ề, Ố) from their letters and read them as a line of their own ("_ÐÒ").
    Such fragments are far shorter than the page's words and near zero confidence;
    a real dash or full stop is short too but read with confidence, so it stays.
    """
    if len(words) < 5:
        return words
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    typical = heights[len(heights) // 2]
    return [w for w in words if not (w.bbox[3] - w.bbox[1] < 0.4 * typical and w.confidence < 0.5)]
