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
