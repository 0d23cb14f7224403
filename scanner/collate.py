"""Duplex from a single-sided feeder: the clerk feeds the stack twice.

Pass one reads the fronts 1, 2, …, n; the stack is turned over and pass two
reads the backs n, …, 2, 1. Interleaving fronts with reversed backs restores
reading order. Unequal counts are refused rather than guessed: a page is
never silently dropped or mismatched.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .errors import ScanError
from .model import Page, Side


class CollationMismatch(ScanError):
    default_message = "The two passes have different page counts. Check for a double-fed or missed sheet and rescan."


def collate_duplex(fronts: Sequence[Page], backs: Sequence[Page]) -> list[Page]:
    """Interleave front pages with back pages scanned in reverse; reindex from 0."""
    if len(fronts) != len(backs):
        raise CollationMismatch(
            f"The fronts pass has {len(fronts)} pages but the backs pass has {len(backs)}. "
            "Check for a double-fed or missed sheet and rescan."
        )
    ordered: list[Page] = []
    for front, back in zip(fronts, reversed(backs)):
        ordered.append(replace(front, index=len(ordered), side=Side.FRONT))
        ordered.append(replace(back, index=len(ordered), side=Side.BACK))
    return ordered
