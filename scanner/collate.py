"""Duplex from a single-sided feeder: the clerk feeds the stack twice.

Pass one reads the fronts 1, 2, …, n; the stack is turned over and pass two
reads the backs n, …, 2, 1. Interleaving fronts with reversed backs restores
reading order. Unequal counts are refused rather than guessed: a page is
never silently dropped or mismatched.

``front_position``/``back_position`` give each page its place in the batch as
soon as it is read, so a two-pass operation can write every page once, under
its final name (scanner/operation.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .errors import ScanError
from .model import Page, Side


class CollationMismatch(ScanError):
    default_message = "The two passes have different page counts. Check for a double-fed or missed sheet and rescan."


def front_position(first: int, nth: int) -> int:
    """Batch index of the ``nth`` front read (0-based) when the batch starts at ``first``."""
    return first + 2 * nth


def back_position(first: int, sheets: int, nth: int) -> int:
    """Batch index of the ``nth`` back read: the stack was turned over, so it is sheet ``sheets - 1 - nth``."""
    if not 0 <= nth < sheets:
        raise CollationMismatch(
            f"The backs pass has more pages than the {sheets} fronts. "
            "Check for a double-fed sheet and rescan the backs.",
            details={"fronts": sheets, "backs": nth + 1},
        )
    return first + 2 * (sheets - 1 - nth) + 1


def mismatch(fronts: int, backs: int) -> CollationMismatch:
    return CollationMismatch(
        f"The fronts pass has {fronts} pages but the backs pass has {backs}. "
        "Check for a double-fed or missed sheet and rescan.",
        details={"fronts": fronts, "backs": backs},
    )


def collate_duplex(fronts: Sequence[Page], backs: Sequence[Page]) -> list[Page]:
    """Interleave front pages with back pages scanned in reverse; reindex from 0."""
    if len(fronts) != len(backs):
        raise mismatch(len(fronts), len(backs))
    n = len(fronts)
    placed = [(front_position(0, i), replace(p, side=Side.FRONT)) for i, p in enumerate(fronts)]
    placed += [(back_position(0, n, j), replace(p, side=Side.BACK)) for j, p in enumerate(backs)]
    return [replace(page, index=index) for index, page in sorted(placed, key=lambda item: item[0])]
