"""Reviewing a document: its fields as they stand, why each is flagged, a clerk's corrections
and the acceptance, the same for the review screen and ``sohoa review`` (headless).

The fields come from the workspace (the extraction as read, the clerk's corrections on top) and
are validated again with ``ocr.extract.validate`` after every edit, so the flags follow the
values. A correction is recorded with the value before, the new value, who and when
(``Workspace.record_correction``, in the audit trail); an accepted document is read-only: its
fields are what gets signed and sent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ocr.extract.model import REVIEW_THRESHOLD, Field, Problem
from ocr.extract.validate import validate

from dossier.fields import FIELD_LABELS
from dossier.model import Correction, Document, DocumentState, FieldValue
from dossier.workspace import Workspace, WorkspaceError

Flag = Literal["error", "warning", "doubt"]
LIST_FIELDS = frozenset({"recipients"})
DATE_FIELDS = frozenset({"issue_date", "date_of_birth", "received_date", "appointment_date", "valid_until"})
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


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


def stored_value(name: str, text: str) -> str | list[str]:
    """What the clerk typed, as the workspace stores it: a list for recipients (one a line), ISO
    for a date typed dd/mm/yyyy (anything else is kept as typed, for validation to judge)."""
    if name in LIST_FIELDS:
        return [line.strip() for line in text.splitlines() if line.strip()]
    text = " ".join(text.split())
    match = _DMY.match(text) if name in DATE_FIELDS else None
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1])).isoformat()
        except ValueError:
            return text
    return text


def _reviewable(workspace: Workspace, document_id: int) -> Document:
    document = workspace.get_document(document_id)
    if document.state is not DocumentState.EXTRACTED:
        if document.state > DocumentState.EXTRACTED:
            raise WorkspaceError(f"tài liệu số {document_id} đã được chấp nhận ({document.state.value}): "
                                 "các trường không sửa được nữa")
        raise WorkspaceError(f"tài liệu số {document_id} chưa đọc xong các trường ({document.state.value}); "
                             "chạy sohoa process trước")
    return document


def correct_field(workspace: Workspace, document_id: int, name: str, value: FieldValue | str, *,
                  who: str | None = None) -> Correction:
    """Record a clerk's value for one field of a document waiting for review. A ``str`` is taken
    as typed (``stored_value``: dates dd/mm/yyyy, recipients one a line); an empty one clears the
    field. Refused for an unknown field name and for a document no longer waiting."""
    _reviewable(workspace, document_id)
    known = set(FIELD_LABELS) | set(workspace.fields(document_id))
    if name not in known:
        raise WorkspaceError(f"không có trường “{name}”; các trường: {', '.join(FIELD_LABELS)}")
    if isinstance(value, str):
        value = stored_value(name, value) or None
    return workspace.record_correction(document_id, name, value, who=who)


def accept_document(workspace: Workspace, document_id: int, *, with_errors: bool = False,
                    who: str | None = None) -> Document:
    """The document's fields are accepted by a person: state ``reviewed``. With validation
    errors left it is refused unless ``with_errors`` (the screen asks the clerk first)."""
    _reviewable(workspace, document_id)
    state = review_state(workspace, document_id)
    errors = state.errors if state is not None else []
    if errors and not with_errors:
        listed = "; ".join(f"{FIELD_LABELS.get(p.field, p.field) if p.field else 'văn bản'}: {p.message}"
                           for p in errors)
        raise WorkspaceError(f"tài liệu số {document_id} còn lỗi ({listed}); sửa các trường trước khi "
                             "chấp nhận")
    return workspace.accept_review(document_id, who=who)
