"""The server's metadata store: clients and documents.

The SQL lives behind the small `Catalog` protocol so a PostgreSQL catalog can be added for
a province without touching the HTTP layer. The embedded default is SQLite in WAL mode.
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


class SqliteCatalog:
    """Catalog in one SQLite file; a connection per call keeps it safe across threads and processes."""

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

    def add_client(self, record: ClientRecord) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT INTO clients VALUES (?, ?, ?, ?, ?)",
                (record.client_id, record.name, record.salt, record.secret_hash, utc_now()),
            )

    def client(self, client_id: str) -> ClientRecord | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT client_id, name, salt, secret_hash FROM clients WHERE client_id = ?", (client_id,)
            ).fetchone()
        return ClientRecord(*row) if row else None

    def add_document(self, sha256: str, size: int, metadata: dict[str, Any]) -> tuple[StoredDocument, bool]:
        """Insert a document once per hash; the UNIQUE constraint settles concurrent uploads of one hash."""
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO documents (id, sha256, bytes, stored_at, metadata, dossier_code, kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
                (uuid.uuid4().hex, sha256, size, utc_now(), json.dumps(metadata, ensure_ascii=False),
                 metadata.get("dossier_code"), metadata.get("kind")),
            )
            created = cursor.rowcount == 1
            row = db.execute(f"{_SELECT} WHERE sha256 = ?", (sha256,)).fetchone()
        return _document(row), created

    def document(self, document_id: str) -> StoredDocument | None:
        with self._connect() as db:
            row = db.execute(f"{_SELECT} WHERE id = ?", (document_id,)).fetchone()
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
            rows = db.execute(f"{_SELECT}{where} ORDER BY seq LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return [_document(row) for row in rows]


_SELECT = "SELECT id, sha256, bytes, stored_at, metadata FROM documents"


def _document(row: tuple[Any, ...]) -> StoredDocument:
    document_id, sha256, size, stored_at, metadata = row
    return StoredDocument(Receipt(document_id, sha256, size, stored_at), json.loads(metadata))
