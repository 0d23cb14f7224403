"""The audit trail: an edit, an insertion or a deletion made behind the application's back —
directly in the SQLite file, as a person with the file could — is found by `verify`."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from dossier import audit
from dossier.cli import main
from dossier.model import DocumentState
from dossier.workspace import Workspace

PERSONAL_ID = "079185001234"


@pytest.fixture
def trail(tmp_path: Path) -> Path:
    """A workspace with a dozen events about a citizen's dossier; returns its folder."""
    folder = tmp_path / "ws"
    with Workspace.open(folder, user="Phạm Thu") as ws:
        dossier = ws.create_dossier(code="000.00.00.H38-250312-0001", applicant_name="Trần Thị Bình",
                                    applicant_personal_id=PERSONAL_ID)
        document = ws.add_document(dossier.id, component="Tờ khai")
        ws.set_state(document.id, DocumentState.PROCESSED)
        ws.save_extraction(document.id, {"document_type": "application_form", "problems": [],
                                         "fields": {"personal_id": {"value": "079185001284"},
                                                    "full_name": {"value": "Trần Thị Binh"}}})
        ws.record_correction(document.id, "personal_id", PERSONAL_ID)
        ws.record_correction(document.id, "full_name", "Trần Thị Bình")
        ws.accept_review(document.id)
        for _ in range(4):
            ws.record_failure(document.id, f"mã số {PERSONAL_ID} không khớp")
    return folder


def _raw(folder: Path) -> sqlite3.Connection:
    """The file opened the way a tamperer would: plain sqlite3, the triggers dropped."""
    db = sqlite3.connect(folder / "sohoa.db", isolation_level=None)
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("DROP TRIGGER audit_no_delete")
    return db


def _verify(folder: Path, anchor: tuple[int, str] | None = None) -> audit.AuditReport:
    with Workspace.open(folder) as ws:
        return audit.verify(ws, anchor=anchor)


def test_an_untouched_trail_is_intact_and_masks_personal_data(trail: Path) -> None:
    report = _verify(trail)
    assert report.intact and report.events == 11
    db = sqlite3.connect(trail / "sohoa.db")
    stored = "".join(row[0] for row in db.execute("SELECT details FROM audit_events"))
    assert PERSONAL_ID not in stored and "079185001284" not in stored and "Bình" not in stored
    assert "079*****1234" in stored and "T*** T*** B***" in stored
    # the records themselves keep the full values
    assert db.execute("SELECT applicant_personal_id FROM dossiers").fetchone()[0] == PERSONAL_ID
    assert db.execute("SELECT new_value FROM corrections WHERE field = 'personal_id'").fetchone()[0] == \
        f'"{PERSONAL_ID}"'


def test_the_application_cannot_change_or_remove_events(trail: Path) -> None:
    db = sqlite3.connect(trail / "sohoa.db", isolation_level=None)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit_events SET who = 'x' WHERE seq = 3")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_events WHERE seq = 3")


def test_an_edited_event_is_found(trail: Path) -> None:
    db = _raw(trail)
    db.execute("UPDATE audit_events SET who = 'Người khác' WHERE seq = 5")
    report = _verify(trail)
    assert not report.intact and report.broken_at == 5 and "sửa" in report.reason


def test_an_edited_detail_is_found(trail: Path) -> None:
    db = _raw(trail)
    details = json.loads(db.execute("SELECT details FROM audit_events WHERE seq = 7").fetchone()[0])
    details["field"] = "address"
    db.execute("UPDATE audit_events SET details = ? WHERE seq = 7", (json.dumps(details),))
    assert _verify(trail).broken_at == 7


def test_a_deleted_event_is_found(trail: Path) -> None:
    _raw(trail).execute("DELETE FROM audit_events WHERE seq = 4")
    report = _verify(trail)
    assert not report.intact and report.broken_at == 4 and "xóa" in report.reason


def test_deleting_the_last_events_is_found_by_the_head(trail: Path) -> None:
    _raw(trail).execute("DELETE FROM audit_events WHERE seq >= 9")
    report = _verify(trail)
    assert not report.intact and report.broken_at == 9 and "cuối" in report.reason


def test_an_inserted_event_is_found(trail: Path) -> None:
    db = _raw(trail)
    # A forger who knows the scheme: a well-chained event at the end, the head not updated.
    prev = db.execute("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()[0]
    event = {"seq": 12, "at": "2025-03-12T09:00:00.000+07:00", "who": "x", "action": "document.reviewed",
             "document_id": 1, "document_sha256": None, "details": {}}
    forged = hashlib.sha256(prev.encode() + audit.canonical(event)).hexdigest()
    db.execute("INSERT INTO audit_events VALUES (12, ?, 'x', 'document.reviewed', 1, NULL, '{}', ?, ?)",
               (event["at"], prev, forged))
    assert not _verify(trail).intact
    # In the middle: the events after it no longer follow.
    db.execute("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 6")
    db.execute("INSERT INTO audit_events VALUES (6, 'x', 'x', 'x', NULL, NULL, '{}', 'x', 'x')")
    assert _verify(trail).broken_at == 6


def test_a_rewritten_history_passes_alone_but_not_against_an_anchor(trail: Path) -> None:
    """The honest limit: the chain has no secret, so a rewrite of every later event and the
    head is consistent; a head recorded elsewhere before the rewrite still catches it."""
    with Workspace.open(trail) as ws:
        anchor = audit.head(ws)
    db = _raw(trail)
    rows = db.execute("SELECT seq, at, who, action, document_id, document_sha256, details FROM audit_events "
                      "ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for seq, at, who, action, document_id, sha, details in rows:
        who = "Người khác" if seq == 3 else who
        event = {"seq": seq, "at": at, "who": who, "action": action, "document_id": document_id,
                 "document_sha256": sha, "details": json.loads(details)}
        new_hash = hashlib.sha256(prev.encode() + audit.canonical(event)).hexdigest()
        db.execute("UPDATE audit_events SET who = ?, prev_hash = ?, hash = ? WHERE seq = ?", (who, prev, new_hash, seq))
        prev = new_hash
    db.execute("UPDATE audit_head SET hash = ?", (prev,))
    assert _verify(trail).intact
    report = _verify(trail, anchor=anchor)
    assert not report.intact and report.broken_at == anchor[0]


def test_audit_commands(trail: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--workspace", str(trail), "audit", "verify"]) == 0
    assert "11 sự kiện" in capsys.readouterr().out
    assert main(["--workspace", str(trail), "audit", "list", "--document", "1"]) == 0
    listed = capsys.readouterr().out
    assert "field.corrected" in listed and PERSONAL_ID not in listed
    assert main(["--workspace", str(trail), "audit", "head"]) == 0
    head = capsys.readouterr().out.strip()
    _raw(trail).execute("UPDATE audit_events SET action = 'document.added' WHERE seq = 8")
    assert main(["--workspace", str(trail), "audit", "verify", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["broken_at"] == 8 and "số 8" in captured.err
    assert main(["--workspace", str(trail), "audit", "verify", "--anchor", head]) == 1
    capsys.readouterr()
    assert main(["--workspace", str(trail.parent / "none"), "audit", "verify"]) == 1
    assert "sohoa.db" in capsys.readouterr().err
    assert not (trail.parent / "none").exists()
