"""The audit trail: who did what to which document, when — append-only and chained by hash.

Each event's hash is SHA-256 over the previous event's hash and a canonical JSON of the event
(seq, at, who, action, document id and sha256, details), so changing, inserting or removing an
event breaks the chain from there on. Removing the *last* events leaves a shorter chain that
is still consistent; to catch that, ``audit_head`` keeps the count and the hash of the last
event, updated in the same transaction as every append, and ``verify`` compares the chain's
end with it.

The limit, honestly: the chain has no secret. Someone who can write the database file and
knows this scheme can rewrite every event after the one they change, and the head, and nothing
in the file will show it. What the chain guarantees is that any such change must rewrite
everything after it, so a head recorded *outside* the workspace (``sohoa audit head``, written
on a handover list, in the store's metadata or on paper) pins the history up to that point:
``verify(..., anchor=(count, hash))`` then fails unless event ``count`` still has that hash.
The triggers of the schema refuse UPDATE and DELETE through SQL, which stops mistakes, not an
editor that drops them.

Personal IDs and citizens' names are masked in the stored details (Decree 13/2023: the trail
is read by auditors, who need the facts, not the personal data); the records themselves
(dossiers, corrections) keep the full values.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from datastore.masking import mask_personal_ids

from dossier.model import AuditEvent, now_iso

if TYPE_CHECKING:
    from dossier.workspace import Workspace

GENESIS = "0" * 64

# Keys of details that hold a citizen's name; their values are stored as initials.
NAME_KEYS = frozenset({"applicant_name", "full_name", "owner_name", "name"})
# Extracted fields that are personal data: a correction's old and new values are masked.
PERSONAL_FIELDS = frozenset({"full_name", "personal_id", "date_of_birth", "address", "phone", "email"})


def mask_name(name: str) -> str:
    """'Nguyễn Văn An' → 'N*** V*** A***': enough to tell two events apart, not to identify anyone."""
    return " ".join(word[0] + "***" for word in name.split())


def _mask_field_value(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field == "full_name" and isinstance(value, str):
        return mask_name(value)
    if field == "personal_id" and isinstance(value, str):
        digits = re.sub(r"\D", "", value)
        return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:] if len(digits) > 7 else "***"
    return "***"


def mask_details(details: Any, *, field: str | None = None) -> Any:
    """Details as stored: names as initials, personal IDs as 079*****1234 in every string, and
    the old/new values of a correction to a personal field hidden."""
    if isinstance(details, Mapping):
        field = details.get("field") if isinstance(details.get("field"), str) else field
        out = {}
        for key, value in details.items():
            if key in NAME_KEYS and isinstance(value, str):
                out[key] = mask_name(value)
            elif key in ("old", "new", "old_value", "new_value") and field in PERSONAL_FIELDS:
                out[key] = _mask_field_value(field, value)
            else:
                out[key] = mask_details(value, field=field)
        return out
    if isinstance(details, list | tuple):
        return [mask_details(item, field=field) for item in details]
    if isinstance(details, str):
        return mask_personal_ids(details)
    return details


def canonical(event: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8 (the same on every machine)."""
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _chain_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(event)).hexdigest()


def _hashed_part(seq: int, at: str, who: str, action: str, document_id: int | None,
                 document_sha256: str | None, details: Mapping[str, Any]) -> dict[str, Any]:
    return {"seq": seq, "at": at, "who": who, "action": action, "document_id": document_id,
            "document_sha256": document_sha256, "details": details}


def append(db: sqlite3.Connection, who: str, action: str, *, document_id: int | None = None,
           document_sha256: str | None = None, details: Mapping[str, Any] | None = None) -> AuditEvent:
    """Add an event; must run inside the caller's write transaction, so the event and the
    change it records commit together (or neither does)."""
    if not db.in_transaction:
        raise RuntimeError("audit events are appended inside the transaction of the change they record")
    count, head = db.execute("SELECT count, hash FROM audit_head WHERE id = 1").fetchone()
    prev_hash = head or GENESIS
    seq, at = count + 1, now_iso()
    stored = mask_details(dict(details or {}))
    event_hash = _chain_hash(prev_hash, _hashed_part(seq, at, who, action, document_id, document_sha256, stored))
    db.execute("INSERT INTO audit_events (seq, at, who, action, document_id, document_sha256, details, "
               "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (seq, at, who, action, document_id, document_sha256, canonical(stored).decode("utf-8"),
                prev_hash, event_hash))
    db.execute("UPDATE audit_head SET count = ?, hash = ? WHERE id = 1", (seq, event_hash))
    return AuditEvent(seq, at, who, action, document_id, document_sha256, stored, prev_hash, event_hash)


def _event(row: tuple[Any, ...]) -> AuditEvent:
    seq, at, who, action, document_id, document_sha256, details, prev_hash, event_hash = row
    return AuditEvent(seq, at, who, action, document_id, document_sha256, json.loads(details), prev_hash, event_hash)


_COLUMNS = "seq, at, who, action, document_id, document_sha256, details, prev_hash, hash"


def events(workspace: Workspace, *, document_id: int | None = None, limit: int | None = None) -> list[AuditEvent]:
    """Events in order, optionally only those about one document, optionally the last ``limit``."""
    query, args = f"SELECT {_COLUMNS} FROM audit_events", []
    if document_id is not None:
        query += " WHERE document_id = ?"
        args.append(document_id)
    if limit is not None:
        query = f"SELECT * FROM ({query} ORDER BY seq DESC LIMIT ?)"
        args.append(limit)
    with workspace.reading() as db:
        rows = db.execute(query + " ORDER BY seq", args).fetchall()
    return [_event(row) for row in rows]


def head(workspace: Workspace) -> tuple[int, str]:
    """(number of events, hash of the last): record it elsewhere to pin the history so far."""
    with workspace.reading() as db:
        count, event_hash = db.execute("SELECT count, hash FROM audit_head WHERE id = 1").fetchone()
    return count, event_hash or GENESIS


@dataclass(frozen=True)
class AuditReport:
    """The result of ``verify``: intact, or the first event where the chain breaks and why."""

    intact: bool
    events: int
    head_hash: str
    broken_at: int | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"intact": self.intact, "events": self.events, "head_hash": self.head_hash,
                "broken_at": self.broken_at, "reason": self.reason}


def verify(workspace: Workspace, *, anchor: tuple[int, str] | None = None) -> AuditReport:
    """Recompute the chain and compare it with the head (and with ``anchor``, a head recorded
    elsewhere earlier). Reasons are Vietnamese, for the person who reads the report."""
    with workspace.reading() as db:
        head_count, head_hash = db.execute("SELECT count, hash FROM audit_head WHERE id = 1").fetchone()
        cursor = db.execute(f"SELECT {_COLUMNS} FROM audit_events ORDER BY seq")
        prev_hash, expected_seq, last_hash = GENESIS, 1, GENESIS
        anchored = anchor is None
        for row in cursor:
            seq, at, who, action, document_id, document_sha256, details_text, stored_prev, stored_hash = row
            if seq != expected_seq:
                missing = "đã bị xóa" if seq > expected_seq else "bị chèn thêm"
                return AuditReport(False, expected_seq - 1, last_hash, expected_seq,
                                   f"sự kiện số {expected_seq} {missing} (tiếp theo là số {seq})")
            if stored_prev != prev_hash:
                return AuditReport(False, seq - 1, last_hash, seq,
                                   f"sự kiện số {seq} không nối với sự kiện trước (có sự kiện bị xóa, "
                                   f"chèn hoặc sửa)")
            try:
                details = json.loads(details_text)
            except json.JSONDecodeError:
                return AuditReport(False, seq - 1, last_hash, seq, f"nội dung sự kiện số {seq} bị hỏng")
            computed = _chain_hash(prev_hash, _hashed_part(seq, at, who, action, document_id,
                                                           document_sha256, details))
            if computed != stored_hash:
                return AuditReport(False, seq - 1, last_hash, seq, f"sự kiện số {seq} đã bị sửa sau khi ghi")
            if anchor is not None and seq == anchor[0]:
                if stored_hash != anchor[1]:
                    return AuditReport(False, seq - 1, last_hash, seq,
                                       f"sự kiện số {seq} không khớp với mốc đã ghi lại bên ngoài")
                anchored = True
            prev_hash, last_hash, expected_seq = stored_hash, stored_hash, seq + 1
    count = expected_seq - 1
    if count != head_count or (head_hash or GENESIS) != last_hash:
        return AuditReport(False, count, last_hash, count + 1 if count < head_count else count,
                           f"nhật ký có {count} sự kiện nhưng bản ghi đầu chuỗi ghi {head_count}: "
                           f"các sự kiện cuối đã bị xóa hoặc đầu chuỗi bị sửa")
    if not anchored:
        return AuditReport(False, count, last_hash, anchor[0] if anchor else None,
                           f"nhật ký không còn sự kiện số {anchor[0] if anchor else 0} của mốc đã ghi lại "
                           f"bên ngoài: các sự kiện đã bị xóa")
    return AuditReport(True, count, last_hash)
