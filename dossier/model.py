"""The records of the workflow: a scanning batch, a dossier, its documents and their pages,
the clerk's corrections and the audit trail's events.

Values only (frozen dataclasses): the workspace (dossier/workspace.py) reads and writes them,
so a GUI thread and a worker can pass them around without sharing mutable state. Times are
ISO 8601 strings with their offset (Vietnam time, +07:00), dates ISO ``YYYY-MM-DD``, as they
are stored and as the document metadata (design §4) carries them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Literal

# Circular 01/2018 Art. 19 dates a dossier code by the day of receipt, in Vietnam (UTC+7, no DST).
VIETNAM = timezone(timedelta(hours=7), "ICT")

DocumentKind = Literal["dossier_component", "result"]
NoteRole = Literal["with_note", "without_note"]
FieldValue = str | list[str] | None


def now_vn() -> datetime:
    return datetime.now(VIETNAM)


def now_iso() -> str:
    """The time a record is made, as stored: '2025-03-12T09:41:07.123+07:00'."""
    return now_vn().isoformat(timespec="milliseconds")


def today_vn() -> date:
    """Today in Vietnam, which is the receipt day even when the machine's clock is set to UTC."""
    return now_vn().date()


class DocumentState(str, Enum):
    """Where a document is on its way from paper to a stored record (design §2).

    Each state is persisted before the next step starts, so a crash resumes from it. States
    are ordered: ``DocumentState.PROCESSED < DocumentState.SIGNED``.
    """

    CAPTURED = "captured"    # pages on disk, nothing done yet
    PROCESSED = "processed"  # every page cleaned and OCR'd
    EXTRACTED = "extracted"  # type and fields read; waits here for a person unless accepted
    REVIEWED = "reviewed"    # accepted by a person (or automatically, every field confident)
    SIGNED = "signed"        # searchable PDF signed (PAdES)
    QUEUED = "queued"        # in the upload outbox
    UPLOADED = "uploaded"    # the store's receipt matches the hash

    @property
    def rank(self) -> int:
        return _ORDER[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, DocumentState):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, DocumentState):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, DocumentState):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, DocumentState):
            return NotImplemented
        return self.rank >= other.rank


_ORDER = {state: rank for rank, state in enumerate(DocumentState)}


@dataclass(frozen=True)
class Batch:
    """One scanning or import session: who ran it, on which device, with which profile."""

    id: int
    operator: str
    device: str | None
    profile: str | None
    started_at: str


@dataclass(frozen=True)
class Dossier:
    """A TTHC dossier (hồ sơ thủ tục hành chính) as received at the one-stop desk.

    ``code_issued`` is True when this workstation issued the code (the province's system was
    not connected), False when the code came from the system or from the paper. ``handover``
    names the postal handover list the dossier is on, once it is on one.
    """

    id: int
    code: str | None
    procedure_code: str | None
    applicant_name: str | None
    applicant_personal_id: str | None
    received_date: str
    appointment_date: str | None
    code_issued: bool
    handover: str | None
    handed_over_at: str | None
    created_at: str


@dataclass(frozen=True)
class Document:
    """A dossier component (thành phần hồ sơ) or a result (kết quả giải quyết).

    Paths are relative to the workspace folder. ``last_error`` is the latest failure of the
    next step; the state reached is kept beside it. The extraction JSON and the corrections
    are read separately (``Workspace.extraction``, ``Workspace.corrections``): they are large
    and work-queue listings do not need them.
    """

    id: int
    dossier_id: int | None
    batch_id: int | None
    kind: DocumentKind
    component: str | None
    document_type: str | None
    position: int
    state: DocumentState
    last_error: str | None
    reviewed_by: str | None
    reviewed_at: str | None
    review_automatic: bool
    pdf_path: str | None
    sha256: str | None
    signed_pdf_path: str | None
    signed_sha256: str | None
    outbox_entry_id: str | None
    receipt: dict[str, Any] | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Page:
    """One scanned page image of a document, in document order (``position`` from 1).

    ``rotation`` is the clerk's quarter-turn, clockwise, applied before clean-up and OCR.
    A page with handwritten notes is scanned twice (Circular 01/2023 Art. 8.3.d): the two
    images are ``note`` "with_note" then "without_note", side by side, sharing ``note_pair``.
    ``ocr_path``/``cleaned_path`` are the processing outputs; None means OCR is still to do.
    """

    id: int
    document_id: int
    position: int
    image_path: str
    image_sha256: str
    source_file: str | None
    source_page: int | None
    rotation: int
    blank: bool
    separator: bool
    note: NoteRole | None
    note_pair: int | None
    ocr_path: str | None
    cleaned_path: str | None
    created_at: str


@dataclass(frozen=True)
class Correction:
    """A clerk's change to an extracted field: the value before, the value after, who, when."""

    id: int
    document_id: int
    field: str
    old_value: FieldValue
    new_value: FieldValue
    who: str
    at: str


@dataclass(frozen=True)
class AuditEvent:
    """One entry of the append-only audit trail, chained to the one before by ``hash``.

    ``details`` are stored with personal IDs and names masked.
    """

    seq: int
    at: str
    who: str
    action: str
    document_id: int | None
    document_sha256: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str
