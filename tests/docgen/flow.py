"""What a document says and how it is styled, before any geometry: the typesetter's input.

Builders (admin.py, forms.py) produce a sequence of `Para` (flowing text, may split across pages)
and `Row` (two-column groups such as agency | Quốc hiệu, kept together on one page).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .fonts import FONTS


@dataclass(frozen=True)
class Look:
    """Page and type settings drawn per document, inside the ranges of Decree 30/2020 Annex I."""

    family: str
    dpi: int
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    body_pt: float  # 13-14
    header_pt: float  # agency name and Quốc hiệu, 12-13
    motto_pt: float  # Tiêu ngữ, 13-14
    title_pt: float  # type name and subject, 13-14
    line_spacing: float  # 1.0-1.5
    para_after_pt: float  # space between paragraphs, >= 6 pt by the decree, often less in practice
    indent_mm: float  # first-line indent 10 or 12.7 mm
    justify: bool
    issuer_rule_frac: float  # rule under the agency name: 1/3-1/2 of the name width
    leaders: bool  # forms: dotted leaders after the values


def draw_look(rng: random.Random, dpi: int, family: str | None) -> Look:
    return Look(
        family=family or rng.choice(sorted(FONTS)),
        dpi=dpi,
        margin_top_mm=rng.uniform(20, 25),
        margin_bottom_mm=rng.uniform(20, 25),
        margin_left_mm=rng.uniform(30, 35),
        margin_right_mm=rng.uniform(15, 20),
        body_pt=rng.choice((13, 14, 14)),
        header_pt=rng.choice((12, 13)),
        motto_pt=rng.choice((13, 14)),
        title_pt=rng.choice((13, 14, 14)),
        line_spacing=rng.choice((1.0, 1.0, 1.1, 1.15, 1.2, 1.3, 1.5)),
        para_after_pt=rng.choice((3, 6, 6, 6, 8)),
        indent_mm=rng.choice((10.0, 12.7)),
        justify=rng.random() < 0.8,
        issuer_rule_frac=rng.uniform(1 / 3, 1 / 2),
        leaders=rng.random() < 0.5,
    )


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; '\\n' inside forces a line break."""

    text: str
    style: str = "regular"  # regular | bold | italic | bold_italic


@dataclass(frozen=True)
class Para:
    """A paragraph of flowing text that becomes one Block per page it lands on."""

    name: str
    runs: tuple[Run, ...]
    size_pt: float
    align: str = "justify"  # justify | left | center | right
    indent_mm: float = 0.0  # first line
    hang_mm: float = 0.0  # continuation lines
    hang_to_label: bool = False  # continuation lines start under the word after the first "label:"
    before_pt: float = 0.0
    after_pt: float = 0.0
    spacing: float = 1.0
    max_width_mm: float | None = None  # centred paragraphs set narrower than the text area
    balance: bool = False  # equalise line lengths (titles) instead of greedy filling
    leader: bool = False  # fill the rest of the last line with dots
    keep_with_next: bool = False
    rule_mm: float = 0.0  # centred rule of this length below the paragraph

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class CellLine:
    """One semantic line of a column cell; wraps inside the column when too wide."""

    text: str
    style: str
    size_pt: float
    underline: bool = False  # Tiêu ngữ: a rule as long as the text
    blank_mm: float = 0.0  # vertical space instead of text (room for the signature)
    scribble: bool = False  # draw a handwritten signature in that blank space
    nowrap: bool = False  # never wrap (date lines); shifted left instead when too long


@dataclass(frozen=True)
class Cell:
    """A Block inside one column of a Row."""

    name: str
    lines: tuple[CellLine, ...]
    align: str = "center"  # center | left
    rule_frac: float = 0.0  # centred rule under the cell, as a fraction of its widest line
    hang_mm: float = 0.0  # continuation indent when a left-aligned line wraps
    frame: bool = False  # rectangle around the text (urgency / confidentiality marks)
    gap_before_mm: float = 0.0
    spacing: float = 1.0


@dataclass(frozen=True)
class Row:
    """Two columns laid out side by side and kept on one page.

    `split` is the left column's share of the text width; None means the decree's header
    geometry: the right column is as wide as the Quốc hiệu, right-aligned.
    """

    left: tuple[Cell, ...]
    right: tuple[Cell, ...]
    split: float | None = None
    before_pt: float = 0.0
    after_pt: float = 0.0


Item = Para | Row


def para(name: str, text: str, size_pt: float, style: str = "regular", **kwargs: object) -> Para:
    """A single-style paragraph."""
    return Para(name=name, runs=(Run(text, style),), size_pt=size_pt, **kwargs)  # type: ignore[arg-type]
