"""The server's metadata store: clients and documents.

The SQL lives behind the small `Catalog` protocol. The embedded default is SQLite in WAL
mode; a province runs several store processes behind a load balancer on one PostgreSQL
(`PostgresCatalog`), where the UNIQUE constraint on sha256 settles concurrent uploads
across processes just as it does across threads.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from datastore.receipt import Receipt


@dataclass(frozen=True)
class ClientRecord:
    client_id: str
    name: str
    salt: bytes
    secret_hash: bytes


@dataclass(frozen=True)
class StoredDocument:
    receipt: Receipt
    metadata: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {**self.receipt.to_json(), "metadata": self.metadata}


@dataclass(frozen=True)
class DocumentQuery:
    dossier_code: str | None = None
    kind: str | None = None
    sha256: str | None = None


class Catalog(Protocol):
    def add_client(self, record: ClientRecord) -> None: ...
    def client(self, client_id: str) -> ClientRecord | None: ...
    def add_document(self, sha256: str, size: int, metadata: dict[str, Any]) -> tuple[StoredDocument, bool]: ...
    def document(self, document_id: str) -> StoredDocument | None: ...
    def find(self, query: DocumentQuery, offset: int, limit: int) -> list[StoredDocument]: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS clients (
    client_id TEXT PRIMARY KEY, name TEXT NOT NULL, salt BLOB NOT NULL, secret_hash BLOB NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL UNIQUE,
    bytes INTEGER NOT NULL, stored_at TEXT NOT NULL, metadata TEXT NOT NULL,
    dossier_code TEXT, kind TEXT);
CREATE INDEX IF NOT EXISTS documents_dossier ON documents(dossier_code);
"""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SqlCatalog:
    """The catalog's statements, shared by SQLite and PostgreSQL (written with ``?``
    placeholders, turned into ``%s`` for psycopg); a connection per call keeps it safe
    across threads and processes."""

    placeholder = "?"

    def _connect(self) -> Any:
        raise NotImplementedError

    def _sql(self, text: str) -> str:
        return text.replace("?", self.placeholder)

    def add_client(self, record: ClientRecord) -> None:
        with self._connect() as db:
            db.execute(self._sql("INSERT INTO clients VALUES (?, ?, ?, ?, ?)"),
                       (record.client_id, record.name, record.salt, record.secret_hash, utc_now()))

    def client(self, client_id: str) -> ClientRecord | None:
        with self._connect() as db:
            row = db.execute(self._sql("SELECT client_id, name, salt, secret_hash FROM clients WHERE client_id = ?"),
                             (client_id,)).fetchone()
        return ClientRecord(row[0], row[1], bytes(row[2]), bytes(row[3])) if row else None

    def add_document(self, sha256: str, size: int, metadata: dict[str, Any]) -> tuple[StoredDocument, bool]:
        """Insert a document once per hash; the UNIQUE constraint settles concurrent uploads of one hash."""
        with self._connect() as db:
            cursor = db.execute(self._sql(
                "INSERT INTO documents (id, sha256, bytes, stored_at, metadata, dossier_code, kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
                (uuid.uuid4().hex, sha256, size, utc_now(), json.dumps(metadata, ensure_ascii=False),
                 metadata.get("dossier_code"), metadata.get("kind")))
            created = cursor.rowcount == 1
            row = db.execute(self._sql(f"{_SELECT} WHERE sha256 = ?"), (sha256,)).fetchone()
        return _document(row), created

    def document(self, document_id: str) -> StoredDocument | None:
        with self._connect() as db:
            row = db.execute(self._sql(f"{_SELECT} WHERE id = ?"), (document_id,)).fetchone()
        return _document(row) if row else None

    def find(self, query: DocumentQuery, offset: int, limit: int) -> list[StoredDocument]:
        clauses, args = [], []
        for column in ("dossier_code", "kind", "sha256"):
            value = getattr(query, column)
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as db:
            rows = db.execute(self._sql(f"{_SELECT}{where} ORDER BY seq LIMIT ? OFFSET ?"),
                              (*args, limit, offset)).fetchall()
        return [_document(row) for row in rows]


class SqliteCatalog(SqlCatalog):
    """Catalog in one SQLite file in WAL mode: the embedded default."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()


_SELECT = "SELECT id, sha256, bytes, stored_at, metadata FROM documents"


def _document(row: tuple[Any, ...]) -> StoredDocument:
    document_id, sha256, size, stored_at, metadata = row
    return StoredDocument(Receipt(document_id, sha256, size, stored_at), json.loads(metadata))


_PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS clients (
    client_id TEXT PRIMARY KEY, name TEXT NOT NULL, salt BYTEA NOT NULL, secret_hash BYTEA NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL UNIQUE,
    bytes BIGINT NOT NULL, stored_at TEXT NOT NULL, metadata TEXT NOT NULL,
    dossier_code TEXT, kind TEXT);
CREATE INDEX IF NOT EXISTS documents_dossier ON documents(dossier_code);
"""


class PostgresCatalog(SqlCatalog):
    """Catalog in PostgreSQL (psycopg 3); the schema is created under an advisory lock
    so several store processes can start at once."""

    placeholder = "%s"

    def __init__(self, url: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self.url = url
        with self._connect() as db:
            db.execute("SELECT pg_advisory_xact_lock(72010001)")
            db.execute(_PG_SCHEMA)

    def _connect(self) -> Any:
        return self._psycopg.connect(self.url)  # commits and closes as a context manager
