"""What the review screen shows of one document: each field as it stands and why it is flagged.

Built from the workspace (the extraction as read, the clerk's corrections on top) and
re-validated with ``ocr.extract.validate`` after every edit, so the colours follow the values.
No Qt here: the rule "which field needs the clerk" is testable and shared by the form and by
the jump to the next flagged field of the dossier.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from dossier.fields import FIELD_LABELS
from dossier.workspace import Workspace
from ocr.extract.model import REVIEW_THRESHOLD, Field, Problem
from ocr.extract.validate import validate

Flag = Literal["error", "warning", "doubt"]


@dataclass(frozen=True)
class FieldState:
    """One field on the form. ``confirmed``: a person corrected or vouched for the value, so a
    low reading confidence no longer flags it (validation still does)."""

    name: str
    value: str | list[str] | None
    confidence: float
    page: int | None
    bbox: tuple[int, int, int, int] | None
    source: str = "ocr"
    corrected_from: str | None = None
    confirmed: bool = False
    problems: tuple[Problem, ...] = ()

    @property
    def flag(self) -> Flag | None:
        if any(p.level == "error" for p in self.problems):
            return "error"
        if self.problems:
            return "warning"
        if not self.confirmed and self.confidence < REVIEW_THRESHOLD:
            return "doubt"
        return None


@dataclass(frozen=True)
class ReviewState:
    document_id: int
    document_type: str
    fields: tuple[FieldState, ...]
    problems: tuple[Problem, ...] = field(default=())  # every problem, the document's own included

    def get(self, name: str) -> FieldState | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def flagged(self) -> list[str]:
        return [f.name for f in self.fields if f.flag is not None]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def document_problems(self) -> list[Problem]:
        """Problems that name no field (e.g. an unknown document type)."""
        return [p for p in self.problems if p.field is None]


def field_order(names: list[str]) -> list[str]:
    """The design's order (as a clerk reads the paper), unknown names after, alphabetically."""
    known = [n for n in FIELD_LABELS if n in names]
    return known + sorted(n for n in names if n not in FIELD_LABELS)


def review_state(workspace: Workspace, document_id: int) -> ReviewState | None:
    """The document's fields as they stand, validated; None when it has not been extracted."""
    extraction = workspace.extraction(document_id)
    if extraction is None:
        return None
    document = workspace.get_document(document_id)
    document_type = document.document_type or extraction.get("document_type") or "unknown"
    values = workspace.fields(document_id)
    confirmed = {c.field for c in workspace.corrections(document_id)}
    read = extraction.get("fields", {})
    fields: dict[str, Field] = {}
    for name, value in values.items():
        item = read.get(name, {})
        bbox = item.get("bbox")
        fields[name] = Field(value=value if value is not None else "",
                             confidence=1.0 if name in confirmed else float(item.get("confidence", 0.0)),
                             page=int(item.get("page", 1)), bbox=tuple(bbox) if bbox else (0, 0, 0, 0),
                             source=item.get("source", "ocr"), corrected_from=item.get("corrected_from"))
    problems = validate(document_type, fields)
    names = field_order(list(fields) + [p.field for p in problems if p.field and p.field not in fields])
    states = []
    for name in names:
        item = read.get(name, {})
        bbox = item.get("bbox")
        states.append(FieldState(
            name=name, value=values.get(name), confidence=float(item.get("confidence", 0.0)) if item else 0.0,
            page=int(item["page"]) if "page" in item else None,
            bbox=tuple(bbox) if bbox and bbox[2] > bbox[0] and bbox[3] > bbox[1] else None,
            source=item.get("source", "ocr"), corrected_from=item.get("corrected_from"),
            confirmed=name in confirmed, problems=tuple(p for p in problems if p.field == name)))
    return ReviewState(document_id, document_type, tuple(states), tuple(problems))
