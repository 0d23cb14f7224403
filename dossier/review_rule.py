"""When a batch may accept a document without a person (``sohoa process --auto-accept``).

A document is accepted automatically only when nothing about it asks for a look: every
field read at or above ``REVIEW_THRESHOLD`` (the confidence below which the review screen
shows a field in yellow), no problem of any level, and every page read by OCR. Warnings
block too: ``ocr.extract.validate`` defines a warning as a value that "may be right but
deserves a look", and in an unattended batch nobody looks later unless the document waits
in ``extracted``. The rule errs towards waiting: a wrong record in the data store costs far
more than a clerk's glance.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ocr.extract import REVIEW_THRESHOLD


@dataclass(frozen=True)
class ReviewVerdict:
    accept: bool
    reasons: tuple[str, ...]  # why it waits, Vietnamese, for the clerk (no personal data)


def review_verdict(extraction: Mapping[str, Any], failed_pages: Sequence[int] = ()) -> ReviewVerdict:
    """Whether an extraction (its saved JSON, ``Extraction.to_json()``) may be accepted without
    a person, and if not why; ``failed_pages`` are the pages OCR could not read (1-based)."""
    from dossier.fields import FIELD_LABELS

    reasons: list[str] = []
    for page in failed_pages:
        reasons.append(f"trang {page}: không nhận dạng được chữ")
    fields = extraction.get("fields", {})
    for name, item in fields.items():
        if float(item.get("confidence", 0.0)) < REVIEW_THRESHOLD:
            reasons.append(f"{FIELD_LABELS.get(name, name)}: độ tin cậy {float(item['confidence']):.0%}")
    for problem in extraction.get("problems", []):
        name = problem.get("field")
        where = FIELD_LABELS.get(name, name) if name else "văn bản"
        reasons.append(f"{where}: {problem.get('message', problem.get('code', ''))}")
    if not fields and not reasons:
        reasons.append("không đọc được trường nào")
    return ReviewVerdict(accept=not reasons, reasons=tuple(reasons))
