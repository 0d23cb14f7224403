"""The workspace: one folder holding the records (``sohoa.db``, SQLite in WAL mode) and the
files they name (page images in ``pages/``, a document's PDFs in ``documents/<id>/``).

Durability rule: a file is written to a temp name, fsynced, renamed into place and its folder
fsynced *before* the row that names it is committed; so a crash leaves at worst a file without
a row (``orphan_files`` lists them), never a row without its file. Every change commits with
its audit event in one transaction (``synchronous=FULL``: a commit survives a power cut).

Several threads (the GUI and the pipeline's workers) may share one ``Workspace``: its single
connection is guarded by a lock. Several processes may open the same folder: SQLite's locks
serialise writers and the busy timeout makes them wait rather than fail.
"""
from __future__ import annotations

import getpass
import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from datastore.blobs import fsync_dir

from dossier import audit, schema
from dossier.model import (Batch, Correction, Document, DocumentKind, DocumentState, Dossier, FieldValue, Page,
                           now_iso, today_vn)

DB_NAME = "sohoa.db"
# A worker holding the write lock for a long batch commit must not make the GUI fail a click.
BUSY_TIMEOUT_S = 30.0


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """Put a new database in WAL mode, waiting for other openers of the same new workspace.

    The switch needs the database to itself, and SQLite answers "database is locked" at once
    instead of calling the busy handler while another connection is reading or switching it,
    so several processes opening a new workspace together would fail. Retried here until the
    usual busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class WorkspaceError(ValueError):
    """A request the workspace refuses (unknown record, a rule broken); the message is Vietnamese."""


def copy_durably(source: Path, destination: Path) -> str:
    """Copy while hashing, fsync, rename into place, fsync the folder; returns the sha256."""
    digest = hashlib.sha256()
    partial = destination.with_name(destination.name + ".part")
    with open(source, "rb") as reader, open(partial, "wb") as writer:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, destination)
    fsync_dir(destination.parent)
    return digest.hexdigest()


def link_durably(source: Path, destination: Path, sha256: str | None = None) -> str:
    """``destination`` as a second name of ``source`` (a hard link), made durable; returns the
    sha256. Falls back to ``copy_durably`` where the file system has no hard links.

    For files the workspace already holds (an import's stored original, a page split out of
    it): writing an A4 scan again costs about 6 ms of kernel time a megabyte on a VM's disk,
    1.5 s for the process benchmark's 245 MB batch. Only for those: a file outside the
    workspace may be edited in place later, and a link would let that change the page. The
    workspace itself never writes a file in place (every write goes to a new name, then a
    rename), so the two names keep the same bytes. ``sha256``: the source's, when the caller
    has just hashed it (an import's stored original), so it is not read a third time.
    """
    try:
        os.link(source, destination)
    except OSError:
        return copy_durably(source, destination)
    with open(destination, "rb") as handle:
        os.fsync(handle.fileno())  # a page split out just now may not be on disk yet
    fsync_dir(destination.parent)
    return sha256 if sha256 is not None else file_sha256(destination)


def write_durably(data: bytes, destination: Path) -> str:
    """Write bytes atomically (temp, fsync, rename, fsync folder); returns their sha256."""
    partial = destination.with_name(destination.name + ".part")
    with open(partial, "wb") as writer:
        writer.write(data)
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, destination)
    fsync_dir(destination.parent)
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def synced_sha256(path: Path) -> str:
    """The sha256 of a file already in place, once its bytes are on the disk (fsync)."""
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
    return file_sha256(path)


_DOSSIER_COLUMNS = ("id, code, procedure_code, applicant_name, applicant_personal_id, received_date, "
                    "appointment_date, code_issued, handover, handed_over_at, created_at")
_DOCUMENT_COLUMNS = ("id, dossier_id, batch_id, kind, component, document_type, position, state, last_error, "
                     "reviewed_by, reviewed_at, review_automatic, pdf_path, sha256, signed_pdf_path, signed_sha256, "
                     "outbox_entry_id, receipt, created_at, updated_at")
_PAGE_COLUMNS = ("id, document_id, position, image_path, image_sha256, source_file, source_page, rotation, blank, "
                 "separator, note, note_pair, ocr_path, cleaned_path, created_at")


def _dossier(row: tuple[Any, ...]) -> Dossier:
    (id_, code, procedure, name, personal_id, received, appointment, issued, handover, handed_over_at,
     created) = row
    return Dossier(id_, code, procedure, name, personal_id, received, appointment, bool(issued), handover,
                   handed_over_at, created)


def _document(row: tuple[Any, ...]) -> Document:
    values = list(row)
    values[7] = DocumentState(values[7])
    values[11] = bool(values[11])
    values[17] = json.loads(values[17]) if values[17] else None
    return Document(*values)


def _page(row: tuple[Any, ...]) -> Page:
    values = list(row)
    values[8], values[9] = bool(values[8]), bool(values[9])
    return Page(*values)


def _json_value(value: FieldValue) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


class Workspace:
    """The records and files of one user's work. Open with ``Workspace.open(folder)``."""

    def __init__(self, root: Path, connection: sqlite3.Connection, user: str) -> None:
        self.root = root
        self.user = user
        self._db = connection
        self._lock = threading.RLock()
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []
        self._writer: int | None = None  # the thread inside the outermost write transaction
        self._readers = threading.local()  # each other thread's own read-only connection
        self._reader_connections: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str | None = None, *, user: str | None = None) -> Workspace:
        """Open (creating it when new) the workspace in ``folder``, default
        ``dossier.settings.workspace_dir()``, and bring its schema up to date.

        ``user`` is who the audit trail names for changes made without an explicit ``who``
        (default: the configured operator's name, else the operating-system account).
        """
        if folder is None:
            from dossier.settings import workspace_dir

            folder = workspace_dir()
        root = Path(folder)
        for sub in ("", "pages", "documents"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(root / DB_NAME, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                             check_same_thread=False)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            _switch_to_wal(db)
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            schema.migrate(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise WorkspaceError(f"{root / DB_NAME}: không phải cơ sở dữ liệu của kho làm việc SoHoa "
                                 f"hoặc đã bị hỏng ({exc})") from exc
        except BaseException:
            db.close()
            raise
        return cls(root, db, user or _configured_operator() or _os_user())

    def close(self) -> None:
        with self._lock:
            with self._readers_lock:
                for reader in self._reader_connections:
                    reader.close()
                self._reader_connections.clear()
            self._db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self.reading() as db:
            return schema.version(db)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for reads (each statement sees the last committed state).

        The thread inside a write transaction reads through it (and sees its own changes);
        any other thread reads through its own query-only connection, without the lock: in
        WAL mode a reader never waits for a writer, so a window's thread is not held up by
        the scanner's or the pipeline's durable commits (bench/gui_latency.py measured lock
        waits of tens of ms per read while they commit).
        """
        if self._writer == threading.get_ident():  # only this thread sets it to its own id
            with self._lock:
                yield self._db
            return
        reader = getattr(self._readers, "db", None)
        if reader is None:
            reader = sqlite3.connect(self.root / DB_NAME, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                     check_same_thread=False)
            reader.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            reader.execute("PRAGMA foreign_keys=ON")
            reader.execute("PRAGMA query_only = ON")
            self._readers.db = reader
            with self._readers_lock:
                self._reader_connections.append(reader)
        yield reader

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: the write lock is taken at once, so two
        writers never deadlock upgrading), committed on success, rolled back on any error.

        Nested inside another, it is a savepoint: an error undoes only its own part, and the
        outer transaction decides whether everything commits.
        """
        with self._lock:
            if self._db.in_transaction:
                self._depth += 1
                name = f"nested_{self._depth}"
                self._db.execute(f"SAVEPOINT {name}")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute(f"ROLLBACK TO {name}")
                    self._db.execute(f"RELEASE {name}")
                    raise
                finally:
                    self._depth -= 1
                self._db.execute(f"RELEASE {name}")
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._writer = threading.get_ident()
            try:
                yield self._db
            except BaseException:
                self._writer = None
                self._db.execute("ROLLBACK")
                self._after_commit.clear()
                raise
            self._writer = None
            self._db.execute("COMMIT")
            actions, self._after_commit = self._after_commit, []
            for action in actions:
                action()

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the current write transaction has committed (at once outside one);
        dropped if it rolls back. For removing files only when no row names them any more."""
        with self._lock:
            if self._db.in_transaction:
                self._after_commit.append(action)
                return
        action()

    def path(self, relative: str) -> Path:
        """The absolute path of a file a record names (records hold paths relative to the root)."""
        return self.root / relative

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _who(self, who: str | None) -> str:
        return who or self.user

    # -- batches ---------------------------------------------------------------------------

    def create_batch(self, operator: str | None = None, device: str | None = None,
                     profile: str | None = None) -> Batch:
        operator = self._who(operator)
        at = now_iso()
        with self.writing() as db:
            batch_id = db.execute("INSERT INTO batches (operator, device, profile, started_at) VALUES (?, ?, ?, ?)",
                                  (operator, device, profile, at)).lastrowid
            audit.append(db, operator, "batch.created", details={"batch": batch_id, "device": device,
                                                                  "profile": profile})
        return Batch(batch_id, operator, device, profile, at)

    def get_batch(self, batch_id: int) -> Batch:
        with self.reading() as db:
            row = db.execute("SELECT id, operator, device, profile, started_at FROM batches WHERE id = ?",
                             (batch_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"không có đợt quét số {batch_id}")
        return Batch(*row)

    # -- dossiers --------------------------------------------------------------------------

    def create_dossier(self, *, code: str | None = None, issue_code: bool = False, agency: str | None = None,
                       procedure_code: str | None = None, applicant_name: str | None = None,
                       applicant_personal_id: str | None = None, received_date: date | str | None = None,
                       appointment_date: date | str | None = None, who: str | None = None) -> Dossier:
        """Record a dossier, under the code the province's system gave (``code``, checked:
        a lenient form is accepted), or with a code issued here (``issue_code``: from
        ``agency``, default ``SOHOA_AGENCY_CODE``, the received date and the day's sequence,
        in this same transaction), or with no code yet.
        """
        from dossier import codes

        who = self._who(who)
        received = _as_date(received_date)
        appointment = _as_date(appointment_date)
        if code is not None and issue_code:
            raise WorkspaceError("một hồ sơ hoặc đã có mã, hoặc được cấp mã mới, không thể cả hai")
        warning = None
        if code is not None:  # the code states the day of receipt: the two must agree
            parsed = codes.parse_code(code, received=received)
            code, received, warning = parsed.text, received or parsed.received, parsed.warning
        received = received or today_vn()
        if issue_code:
            agency = codes.validate_agency(agency) if agency else codes.configured_agency()
        at = now_iso()
        try:
            with self.writing() as db:
                if issue_code:
                    code = codes.next_code(db, agency, received)  # type: ignore[arg-type]
                dossier_id = db.execute(
                    "INSERT INTO dossiers (code, procedure_code, applicant_name, applicant_personal_id, "
                    "received_date, appointment_date, code_issued, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (code, procedure_code, applicant_name, applicant_personal_id, received.isoformat(),
                     appointment.isoformat() if appointment else None, int(issue_code), at)).lastrowid
                audit.append(db, who, "dossier.created", details={
                    "dossier": dossier_id, "code": code, "code_issued": issue_code, "procedure_code": procedure_code,
                    "applicant_name": applicant_name, "personal_id": applicant_personal_id,
                    **({"code_warning": warning} if warning else {})})
        except sqlite3.IntegrityError as exc:
            if "dossiers.code" in str(exc):
                raise WorkspaceError(f"mã hồ sơ {code} đã có trong kho làm việc") from exc
            raise
        return self.get_dossier(dossier_id)

    def get_dossier(self, dossier_id: int) -> Dossier:
        with self.reading() as db:
            row = db.execute(f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"không có hồ sơ số {dossier_id}")
        return _dossier(row)

    def find_dossier(self, code: str) -> Dossier | None:
        """The dossier with this code (as printed, spaces around it ignored), or None."""
        with self.reading() as db:
            row = db.execute(f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE code = ?", (code.strip(),)).fetchone()
        return _dossier(row) if row else None

    def dossiers_of_day(self, received: date | str) -> list[Dossier]:
        """The dossiers received on a day, in the order they were recorded."""
        day = _as_date(received)
        with self.reading() as db:
            rows = db.execute(f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE received_date = ? ORDER BY id",
                              (day.isoformat(),)).fetchall()  # type: ignore[union-attr]
        return [_dossier(row) for row in rows]

    def update_dossier(self, dossier_id: int, *, who: str | None = None, **values: Any) -> Dossier:
        """Fill in or correct a dossier's procedure code, applicant, dates (a code is set only once)."""
        allowed = {"procedure_code", "applicant_name", "applicant_personal_id", "received_date", "appointment_date",
                   "code"}
        unknown = set(values) - allowed
        if unknown:
            raise TypeError(f"update_dossier: unknown fields {sorted(unknown)}")
        current = self.get_dossier(dossier_id)
        if "code" in values:
            from dossier import codes

            if current.code is not None:
                raise WorkspaceError(f"hồ sơ {current.code} đã có mã; mã hồ sơ không được đổi")
            values["code"] = codes.parse_code(values["code"]).text
        for key in ("received_date", "appointment_date"):
            if key in values and values[key] is not None:
                values[key] = _as_date(values[key]).isoformat()  # type: ignore[union-attr]
        if not values:
            return current
        with self.writing() as db:
            db.execute(f"UPDATE dossiers SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                       (*values.values(), dossier_id))
            audit.append(db, self._who(who), "dossier.updated", details={"dossier": dossier_id, **{
                ("personal_id" if k == "applicant_personal_id" else k): v for k, v in values.items()}})
        return self.get_dossier(dossier_id)

    def record_handover(self, dossier_ids: Sequence[int], handover: str, *, who: str | None = None) -> None:
        """Put dossiers on the postal handover list ``handover``: all or none, and a dossier
        already on a list is refused (it travels on one list only)."""
        at = now_iso()
        with self.writing() as db:
            for dossier_id in dossier_ids:
                row = db.execute("SELECT code, handover FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
                if row is None:
                    raise WorkspaceError(f"không có hồ sơ số {dossier_id}")
                if row[1] is not None and row[1] != handover:
                    raise WorkspaceError(f"hồ sơ {row[0] or dossier_id} đã có trong danh sách bàn giao {row[1]}")
                db.execute("UPDATE dossiers SET handover = ?, handed_over_at = ? WHERE id = ?",
                           (handover, at, dossier_id))
            audit.append(db, self._who(who), "dossier.handed_over",
                         details={"handover": handover, "dossiers": list(dossier_ids)})

    # -- documents -------------------------------------------------------------------------

    def add_document(self, dossier_id: int | None, *, kind: DocumentKind = "dossier_component",
                     component: str | None = None, document_type: str | None = None, batch_id: int | None = None,
                     who: str | None = None) -> Document:
        """A new document (state ``captured``), last in its dossier."""
        at = now_iso()
        with self.writing() as db:
            position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents WHERE dossier_id IS ?",
                                  (dossier_id,)).fetchone()[0] if dossier_id is not None else 0
            document_id = db.execute(
                "INSERT INTO documents (dossier_id, batch_id, kind, component, document_type, position, state, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (dossier_id, batch_id, kind, component, document_type, position, DocumentState.CAPTURED.value,
                 at, at)).lastrowid
            audit.append(db, self._who(who), "document.added", document_id=document_id,
                         details={"dossier": dossier_id, "batch": batch_id, "kind": kind, "component": component})
        return self.get_document(document_id)

    def move_to_dossier(self, document_id: int, dossier_id: int, *, who: str | None = None,
                        reason: str | None = None) -> Document:
        """Put a document last in a dossier (an import into the selected dossier, a split's
        dossiers), in the audit trail with where it came from. Refused for a dossier already on
        a postal handover list, on either side: the list records its components and pages."""
        with self.writing() as db:
            document = self.get_document(document_id)
            if document.dossier_id == dossier_id:
                return document
            for side in {dossier_id, document.dossier_id} - {None}:
                dossier = self.get_dossier(side)  # type: ignore[arg-type]
                if dossier.handover:
                    raise WorkspaceError(f"hồ sơ {dossier.code or dossier.id} đã có trong danh sách bàn giao "
                                         f"{dossier.handover}: không thêm hay bớt tài liệu được nữa")
            position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents WHERE dossier_id = ? "
                                  "AND removed = 0", (dossier_id,)).fetchone()[0]
            self._update(document_id, who, "document.dossier_set", {"dossier_id": dossier_id, "position": position},
                         {"dossier": dossier_id, "position": position, "previous": document.dossier_id,
                          **({"from": reason} if reason else {})})
        return self.get_document(document_id)

    def get_document(self, document_id: int) -> Document:
        with self.reading() as db:
            row = db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ? AND removed = 0",
                             (document_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"không có tài liệu số {document_id}")
        return _document(row)

    def documents_of(self, dossier_id: int) -> list[Document]:
        """A dossier's documents in their order."""
        with self.reading() as db:
            rows = db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE dossier_id = ? AND removed = 0 "
                              "ORDER BY position, id", (dossier_id,)).fetchall()
        return [_document(row) for row in rows]

    def documents_of_batch(self, batch_id: int) -> list[Document]:
        with self.reading() as db:
            rows = db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE batch_id = ? AND removed = 0 "
                              "ORDER BY id", (batch_id,)).fetchall()
        return [_document(row) for row in rows]

    def documents_in_state(self, *states: DocumentState, limit: int | None = None) -> list[Document]:
        """The pipeline's work queues: documents in any of ``states``, oldest first."""
        if not states:
            raise TypeError("documents_in_state needs at least one state")
        marks = ", ".join("?" * len(states))
        query = (f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE state IN ({marks}) AND removed = 0 "
                 "ORDER BY id")
        args: list[Any] = [s.value for s in states]
        if limit is not None:
            query += " LIMIT ?"
            args.append(limit)
        with self.reading() as db:
            rows = db.execute(query, args).fetchall()
        return [_document(row) for row in rows]

    def count_by_state(self) -> dict[DocumentState, int]:
        with self.reading() as db:
            rows = db.execute("SELECT state, COUNT(*) FROM documents WHERE removed = 0 GROUP BY state").fetchall()
        counts = dict.fromkeys(DocumentState, 0)
        counts.update({DocumentState(state): n for state, n in rows})
        return counts

    def update_document(self, document_id: int, *, who: str | None = None, **values: Any) -> Document:
        """Set a document's ``component``, ``document_type`` or ``kind`` (classification, the clerk)."""
        unknown = set(values) - {"component", "document_type", "kind"}
        if unknown:
            raise TypeError(f"update_document: unknown fields {sorted(unknown)}")
        if values:
            self._update(document_id, who, "document.updated", values, dict(values))
        return self.get_document(document_id)

    def _update(self, document_id: int, who: str | None, action: str, values: Mapping[str, Any],
                details: Mapping[str, Any], *, expected: Iterable[DocumentState] | None = None,
                sha256: str | None = None) -> None:
        with self.writing() as db:
            row = db.execute("SELECT state, sha256 FROM documents WHERE id = ? AND removed = 0",
                             (document_id,)).fetchone()
            if row is None:
                raise WorkspaceError(f"không có tài liệu số {document_id}")
            if expected is not None:
                allowed = tuple(expected)
                if DocumentState(row[0]) not in allowed:
                    raise WorkspaceError(f"tài liệu số {document_id} đang ở trạng thái {row[0]}, "
                                         f"không phải {', '.join(s.value for s in allowed)}")
            assignments = {**values, "updated_at": now_iso()}
            db.execute(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in assignments)} WHERE id = ?",
                       (*assignments.values(), document_id))
            audit.append(db, self._who(who), action, document_id=document_id,
                         document_sha256=sha256 or values.get("sha256") or row[1], details=details)

    def set_state(self, document_id: int, state: DocumentState, *, expected: DocumentState | None = None,
                  who: str | None = None) -> Document:
        """Record the state a document reached (clears its last error). With ``expected``, only
        from that state (a worker that lost a race is told, not silently wrong)."""
        self._update(document_id, who, "document.state", {"state": state.value, "last_error": None},
                     {"state": state.value}, expected=(expected,) if expected else None)
        return self.get_document(document_id)

    def record_failure(self, document_id: int, error: str, *, who: str | None = None) -> Document:
        """Record why the next step failed; the state reached is kept."""
        self._update(document_id, who, "document.failed", {"last_error": error}, {"error": error})
        return self.get_document(document_id)

    # -- extraction, review ----------------------------------------------------------------

    def save_extraction(self, document_id: int, extraction: Mapping[str, Any], *,
                        state: DocumentState | None = DocumentState.EXTRACTED, who: str | None = None) -> Document:
        """Store the Extraction JSON of ocr.extract (``Extraction.to_json()``) and, in the same
        transaction, move the document to ``state`` (default ``extracted``; None keeps it)."""
        text = json.dumps(extraction, ensure_ascii=False)
        values: dict[str, Any] = {"document_type": extraction.get("document_type")}
        if state is not None:
            values.update(state=state.value, last_error=None)
        with self.writing() as db:
            self._update(document_id, who, "document.extracted", values,
                         {"document_type": extraction.get("document_type"),
                          "fields": sorted(extraction.get("fields", {})),
                          "problems": len(extraction.get("problems", []))})
            db.execute("INSERT INTO extractions (document_id, json, saved_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (document_id) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at",
                       (document_id, text, now_iso()))
        return self.get_document(document_id)

    def extraction(self, document_id: int) -> dict[str, Any] | None:
        """The Extraction JSON as saved (values as read, before corrections), or None."""
        with self.reading() as db:
            row = db.execute("SELECT json FROM extractions WHERE document_id = ?", (document_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def fields(self, document_id: int) -> dict[str, FieldValue]:
        """The document's field values as they stand: as read, with the clerk's corrections applied."""
        extraction = self.extraction(document_id) or {}
        values: dict[str, FieldValue] = {name: item.get("value") for name, item in extraction.get("fields", {}).items()}
        for correction in self.corrections(document_id):
            if correction.new_value is None:
                values.pop(correction.field, None)
            else:
                values[correction.field] = correction.new_value
        return values

    def record_correction(self, document_id: int, field: str, new_value: FieldValue, *,
                          who: str | None = None) -> Correction:
        """A clerk's correction of one field: the value before (as it stood), the new value, who, when."""
        who = self._who(who)
        at = now_iso()
        with self.writing() as db:
            old_value = self.fields(document_id).get(field)
            correction_id = db.execute(
                "INSERT INTO corrections (document_id, field, old_value, new_value, who, at) VALUES (?, ?, ?, ?, ?, ?)",
                (document_id, field, _json_value(old_value), _json_value(new_value), who, at)).lastrowid
            self._update(document_id, who, "field.corrected", {},
                         {"correction": correction_id, "field": field, "old": old_value, "new": new_value})
        return Correction(correction_id, document_id, field, old_value, new_value, who, at)

    def corrections(self, document_id: int) -> list[Correction]:
        with self.reading() as db:
            rows = db.execute("SELECT id, document_id, field, old_value, new_value, who, at FROM corrections "
                              "WHERE document_id = ? ORDER BY id", (document_id,)).fetchall()
        return [Correction(id_, doc, field, json.loads(old) if old is not None else None,
                           json.loads(new) if new is not None else None, who, at)
                for id_, doc, field, old, new, who, at in rows]

    def accept_review(self, document_id: int, *, who: str | None = None, automatic: bool = False) -> Document:
        """The document's fields are accepted (by ``who``, or automatically because every field
        was confident and valid): state ``reviewed``. Only from ``extracted``."""
        who = self._who(who)
        self._update(document_id, who, "document.reviewed",
                     {"state": DocumentState.REVIEWED.value, "last_error": None, "reviewed_by": who,
                      "reviewed_at": now_iso(), "review_automatic": int(automatic)},
                     {"automatic": automatic}, expected=(DocumentState.EXTRACTED,))
        return self.get_document(document_id)

    # -- files of a document ---------------------------------------------------------------

    def document_dir(self, document_id: int) -> Path:
        """``documents/<id>/``, where a document's PDFs live (created on demand)."""
        folder = self.root / "documents" / str(document_id)
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            fsync_dir(folder.parent)
        return folder

    def _place(self, document_id: int, source: Path, name: str) -> tuple[str, str]:
        """The file as ``documents/<id>/<name>``: hashed in place when already there, else
        copied durably. Returns (relative path, sha256)."""
        destination = self.document_dir(document_id) / name
        if source.resolve() == destination.resolve():
            return self._relative(destination), synced_sha256(destination)
        return self._relative(destination), copy_durably(source, destination)

    def attach_pdf(self, document_id: int, pdf: Path, *, state: DocumentState | None = None,
                   who: str | None = None) -> Document:
        """The document's searchable PDF (unsigned), with its sha256."""
        relative, sha256 = self._place(document_id, Path(pdf), "document.pdf")
        values: dict[str, Any] = {"pdf_path": relative, "sha256": sha256}
        if state is not None:
            values.update(state=state.value, last_error=None)
        self._update(document_id, who, "document.pdf", values, {"path": relative}, sha256=sha256)
        return self.get_document(document_id)

    def attach_signed_pdf(self, document_id: int, pdf: Path, *, state: DocumentState | None = DocumentState.SIGNED,
                          who: str | None = None, details: Mapping[str, Any] | None = None) -> Document:
        """The signed PDF and its sha256 (the hash that travels to the store); default state ``signed``.
        ``details`` (signer subject, level) go to the audit trail."""
        relative, sha256 = self._place(document_id, Path(pdf), "signed.pdf")
        values: dict[str, Any] = {"signed_pdf_path": relative, "signed_sha256": sha256}
        if state is not None:
            values.update(state=state.value, last_error=None)
        self._update(document_id, who, "document.signed", values, {"path": relative, **(details or {})},
                     sha256=sha256)
        return self.get_document(document_id)

    def attach_outbox_entry(self, document_id: int, entry_id: str, *,
                            state: DocumentState | None = DocumentState.QUEUED, who: str | None = None) -> Document:
        """The upload outbox entry that carries this document; default state ``queued``."""
        values: dict[str, Any] = {"outbox_entry_id": entry_id}
        if state is not None:
            values.update(state=state.value, last_error=None)
        self._update(document_id, who, "document.queued", values, {"outbox_entry": entry_id},
                     sha256=self._signed_sha(document_id))
        return self.get_document(document_id)

    def attach_receipt(self, document_id: int, receipt: Mapping[str, Any], *,
                       state: DocumentState | None = DocumentState.UPLOADED, who: str | None = None) -> Document:
        """The store's receipt (``Receipt.to_json()``); default state ``uploaded``."""
        values: dict[str, Any] = {"receipt": json.dumps(dict(receipt), ensure_ascii=False)}
        if state is not None:
            values.update(state=state.value, last_error=None)
        self._update(document_id, who, "document.uploaded", values,
                     {"receipt": receipt.get("id"), "stored_sha256": receipt.get("sha256")},
                     sha256=self._signed_sha(document_id))
        return self.get_document(document_id)

    def _signed_sha(self, document_id: int) -> str | None:
        document = self.get_document(document_id)
        return document.signed_sha256 or document.sha256

    # -- pages -----------------------------------------------------------------------------

    def import_page_file(self, image: Path, sha256: str | None = None) -> tuple[str, str]:
        """An image into ``pages/`` under a fresh name, durably; (relative path, sha256). Copied,
        or linked when the workspace already holds it (``link_durably``, which takes the
        ``sha256`` the caller knows of a file the workspace holds)."""
        destination = self.root / "pages" / f"{uuid.uuid4().hex}{image.suffix.lower() or '.png'}"
        if image.resolve().is_relative_to(self.root.resolve()):
            return self._relative(destination), link_durably(image, destination, sha256)
        return self._relative(destination), copy_durably(image, destination)

    def add_pages(self, document_id: int, images: Sequence[Path | str], *, move: bool = False,
                  sources: Sequence[tuple[str | None, int | None]] | None = None,
                  who: str | None = None, sha256s: Sequence[str | None] | None = None) -> list[Page]:
        """Append page images to a document, in order, in one transaction.

        Each image is copied into the workspace and made durable before its row is committed.
        With ``move``, the originals are removed only after the commit, so a crash at any moment
        leaves every page either in the workspace or where it was. ``sources`` gives each page's
        (source file, page number in it); default the image file itself, page 1. ``sha256s``:
        the images' hashes where the caller knows them (files the workspace holds).
        """
        images = [Path(p) for p in images]
        if sources is not None and len(sources) != len(images):
            raise TypeError("add_pages: one source per image")
        if sha256s is not None and len(sha256s) != len(images):
            raise TypeError("add_pages: one sha256 (or None) per image")
        self.get_document(document_id)
        imported = [self.import_page_file(image, sha) for image, sha in zip(images, sha256s or [None] * len(images))]
        at = now_iso()
        ids = []
        try:
            with self.writing() as db:
                position = db.execute("SELECT COALESCE(MAX(position), 0) FROM pages WHERE document_id = ? "
                                      "AND removed = 0", (document_id,)).fetchone()[0]
                for index, (image, (relative, sha256)) in enumerate(zip(images, imported)):
                    source_file, source_page = sources[index] if sources else (str(image), 1)
                    ids.append(db.execute(
                        "INSERT INTO pages (document_id, position, image_path, image_sha256, source_file, "
                        "source_page, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (document_id, position + index + 1, relative, sha256, source_file, source_page,
                         at)).lastrowid)
                from dossier.pages import settle

                settle(db, document_id, DocumentState.CAPTURED)
                audit.append(db, self._who(who), "pages.added", document_id=document_id,
                             details={"pages": ids, "sha256": [sha for _, sha in imported]})
            if move:  # the originals go only once the rows naming the copies are committed
                self.after_commit(lambda: [image.unlink(missing_ok=True) for image in images])
        except BaseException:
            for relative, _ in imported:
                self.path(relative).unlink(missing_ok=True)
            raise
        return [self.get_page(page_id) for page_id in ids]

    def add_page(self, document_id: int, image: Path | str, *, move: bool = False, source_file: str | None = None,
                 source_page: int | None = None, who: str | None = None) -> Page:
        sources = [(source_file, source_page)] if source_file is not None else None
        return self.add_pages(document_id, [image], move=move, sources=sources, who=who)[0]

    def get_page(self, page_id: int) -> Page:
        with self.reading() as db:
            row = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE id = ? AND removed = 0",
                             (page_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"không có trang số {page_id}")
        return _page(row)

    def pages_of(self, document_id: int) -> list[Page]:
        """A document's pages in order."""
        with self.reading() as db:
            rows = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE document_id = ? AND removed = 0 "
                              "ORDER BY position, id", (document_id,)).fetchall()
        return [_page(row) for row in rows]

    def save_page_ocr(self, page_id: int, ocr: bytes, *, suffix: str = ".json", cleaned: Path | None = None,
                      who: str | None = None) -> Page:
        """Store a page's OCR result (the words file) and optionally its cleaned image, durably,
        then record them: a resumed pipeline sees the page done and does not OCR it again."""
        page = self.get_page(page_id)
        folder = self.root / "pages" / "ocr"
        folder.mkdir(exist_ok=True)
        stem = Path(page.image_path).stem
        ocr_file = folder / f"{stem}-r{page.rotation}{suffix}"
        write_durably(ocr, ocr_file)
        cleaned_relative = None
        if cleaned is not None:
            target = folder / f"{stem}-r{page.rotation}-clean{Path(cleaned).suffix.lower() or '.png'}"
            if Path(cleaned).resolve() != target.resolve():
                copy_durably(Path(cleaned), target)
            cleaned_relative = self._relative(target)
        with self.writing() as db:
            db.execute("UPDATE pages SET ocr_path = ?, cleaned_path = ? WHERE id = ?",
                       (self._relative(ocr_file), cleaned_relative, page_id))
            audit.append(db, self._who(who), "page.ocr", document_id=page.document_id, details={"page": page_id})
        return self.get_page(page_id)

    def pages_without_ocr(self, document_id: int) -> list[Page]:
        """The pages the processing step still has to do (after a crash, or a rotate or rescan)."""
        return [page for page in self.pages_of(document_id) if page.ocr_path is None]

    def orphan_files(self) -> list[Path]:
        """Page files no record names: what a crash between writing a file and committing its
        row leaves behind. Listed, never deleted here (a person or ``drop_undo_history`` decides)."""
        with self.reading() as db:
            named = {row[0] for row in db.execute("SELECT image_path FROM pages")}
            named |= {row[0] for row in db.execute("SELECT ocr_path FROM pages WHERE ocr_path IS NOT NULL")}
            named |= {row[0] for row in db.execute("SELECT cleaned_path FROM pages WHERE cleaned_path IS NOT NULL")}
        found = []
        for path in sorted((self.root / "pages").rglob("*")):
            if path.is_file() and self._relative(path) not in named:
                found.append(path)
        return found


def _configured_operator() -> str:
    """The operator named in the workstation's configuration (the settings screen), if any."""
    from dossier.settings import _configured

    return _configured("operator_name")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor the password database
        return "unknown"


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise WorkspaceError(f"ngày “{value}” không đúng dạng YYYY-MM-DD") from exc

