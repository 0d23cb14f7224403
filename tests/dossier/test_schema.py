"""Schema migrations: a workspace made by the first release opens in this one, its records
intact and the newer tables ready; one made by a newer release is refused, not damaged."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from dossier import audit, pages, schema
from dossier.model import DocumentState
from dossier.workspace import Workspace


def _first_release_workspace(folder: Path) -> None:
    """A workspace as release 1 left it: schema v1 only, with a dossier, a document, two pages."""
    folder.mkdir(parents=True)
    (folder / "pages").mkdir()
    for name in ("a.png", "b.png"):
        (folder / "pages" / name).write_bytes(name.encode())
    db = sqlite3.connect(folder / "sohoa.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    assert schema.migrate(db, upto=1) == 1
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO dossiers (id, code, received_date, created_at) "
               "VALUES (1, '000.00.00.H38-240105-0001', '2024-01-05', '2024-01-05T08:00:00.000+07:00')")
    db.execute("INSERT INTO documents (id, dossier_id, kind, position, state, created_at, updated_at) "
               "VALUES (1, 1, 'dossier_component', 1, 'extracted', 'x', 'x')")
    for page_id, name in ((1, "a.png"), (2, "b.png")):
        db.execute("INSERT INTO pages (id, document_id, position, image_path, image_sha256, ocr_path, created_at) "
                   "VALUES (?, 1, ?, ?, 'x', 'pages/ocr.json', 'x')", (page_id, page_id, f"pages/{name}"))
    audit.append(db, "release-1", "dossier.created", details={"dossier": 1})
    db.execute("COMMIT")
    db.close()


def test_a_first_release_workspace_is_migrated_and_keeps_its_records(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    _first_release_workspace(folder)
    with Workspace.open(folder) as ws:
        assert ws.schema_version == schema.LATEST > 1
        dossier = ws.find_dossier("000.00.00.H38-240105-0001")
        assert dossier is not None and dossier.received_date == "2024-01-05"
        assert ws.get_document(1).state is DocumentState.EXTRACTED
        assert [p.id for p in ws.pages_of(1)] == [1, 2]
        pages.reorder(ws, 1, [2, 1])  # the undo log of a later version works on old records
        pages.undo(ws)
        assert [p.id for p in ws.pages_of(1)] == [1, 2]
        assert audit.verify(ws).intact  # the chain started by release 1 goes on
        assert audit.events(ws)[0].who == "release-1"
    with Workspace.open(folder) as ws:  # opening again changes nothing
        assert ws.schema_version == schema.LATEST


def test_a_workspace_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    Workspace.open(folder).close()
    db = sqlite3.connect(folder / "sohoa.db")
    db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    db.close()
    with pytest.raises(schema.SchemaTooNew, match="cập nhật SoHoa"):
        Workspace.open(folder)


def test_a_migration_that_fails_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    schema.migrate(db, upto=1)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:1], "CREATE TABLE half (x);\nNOT SQL;"))
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(db, upto=2)
    assert schema.version(db) == 1
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None


def test_several_openers_of_a_new_workspace_migrate_it_once(tmp_path: Path) -> None:
    # Twenty new workspaces, each opened by four threads at once: SQLite's switch to WAL
    # answered "database is locked" to about one round in seven before it was retried.
    for round_ in range(20):
        folder = tmp_path / f"ws{round_}"
        errors: list[BaseException] = []
        start = threading.Barrier(4)

        def open_it() -> None:
            try:
                start.wait()
                Workspace.open(folder).close()  # noqa: B023 — joined before the loop moves on
            except BaseException as exc:  # noqa: BLE001 — reported by the assertion below
                errors.append(exc)  # noqa: B023

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with Workspace.open(folder) as ws:
            assert ws.schema_version == schema.LATEST
