"""The durable upload queue: every signed document waits here, on disk, until the store's receipt
matches its hash.

Each state change is committed before and after the network step, so a process killed at any
moment leaves an entry that the next `send()` completes; because the store's PUT is idempotent
by hash, completing it again never creates a second document.

States: queued -> sending -> done (receipt verified, files removed), or failed (the store
refused the document; kept with its reason until a person retries or removes it).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from datastore.blobs import fsync_dir
from datastore.client import AuthenticationFailed, PermanentError, StoreClient, TransientError
from datastore.masking import mask_personal_ids
from datastore.metadata import metadata_problems
from datastore.receipt import Receipt

log = logging.getLogger("sohoa.datastore.outbox")

# A folder without an entry row this old is a queue() killed mid-copy, not one still running.
ORPHAN_AGE_SECONDS = 3600.0


class State(str, Enum):
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Entry:
    id: str
    state: State
    sha256: str
    bytes: int
    source: str
    attempts: int
    last_error: str | None
    receipt: Receipt | None
    queued_at: float
    updated_at: float


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, at least the server's Retry-After, within one send() call.

    An entry that runs out of attempts stays queued (a network outage is not the document's fault).
    """

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 60.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        backoff = random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))
        return min(self.max_delay, max(backoff, retry_after or 0.0))


class InvalidDocument(ValueError):
    """The document cannot be queued as given (metadata problems or hash mismatch)."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY, state TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
    source TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, receipt TEXT,
    queued_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS entries_state ON entries(state);
"""


def _copy_durably(source: Path, destination: Path) -> tuple[str, int]:
    """Copy while hashing, fsync, rename into place; returns (sha256, size)."""
    digest, size = hashlib.sha256(), 0
    partial = destination.with_suffix(destination.suffix + ".part")
    with open(source, "rb") as reader, open(partial, "wb") as writer:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, destination)
    return digest.hexdigest(), size


def _write_durably(data: bytes, destination: Path) -> None:
    partial = destination.with_suffix(destination.suffix + ".part")
    with open(partial, "wb") as writer:
        writer.write(data)
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, destination)


class Outbox:
    """The upload queue in one folder: outbox.sqlite (WAL) plus entries/<id>/{document.pdf,metadata.json}."""

    def __init__(self, path: Path, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.path = path
        self.entries_dir = path / "entries"
        self.entries_dir.mkdir(parents=True, exist_ok=True)
        self._sleep = sleep
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """The outbox's one connection (autocommit: each statement is durable when it returns), guarded by
        a lock so the uploader thread and a GUI listing can share it. Opening one per call cost ~1 ms."""
        with self._lock:
            if self._connection is None:
                self._connection = sqlite3.connect(self.path / "outbox.sqlite", timeout=30,
                                                   isolation_level=None, check_same_thread=False)
                self._connection.execute("PRAGMA synchronous=FULL")
            yield self._connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _set(self, entry_id: str, **values: Any) -> None:
        values["updated_at"] = time.time()
        columns = ", ".join(f"{name} = ?" for name in values)
        with self._db() as db:
            db.execute(f"UPDATE entries SET {columns} WHERE id = ?", (*values.values(), entry_id))

    def queue(self, pdf_path: Path, metadata: dict[str, Any]) -> str:
        """Copy the PDF and its metadata into the outbox (durably) and record the entry as queued.

        `sha256` and `bytes` are filled in from the file when absent; when present they must match.
        """
        entry_id = uuid.uuid4().hex
        folder = self.entries_dir / entry_id
        folder.mkdir()
        try:
            sha256, size = _copy_durably(pdf_path, folder / "document.pdf")
            metadata = {"bytes": size, "sha256": sha256, **metadata}
            problems = metadata_problems(metadata, sha256)
            if metadata["bytes"] != size:
                problems.append(f"bytes: says {metadata['bytes']}, the file has {size}")
            if problems:
                raise InvalidDocument(mask_personal_ids(f"{pdf_path.name}: {'; '.join(problems)}"))
            _write_durably(json.dumps(metadata, ensure_ascii=False).encode(), folder / "metadata.json")
            fsync_dir(folder)
            fsync_dir(self.entries_dir)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        now = time.time()
        with self._db() as db:
            db.execute("INSERT INTO entries (id, state, sha256, bytes, source, queued_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", (entry_id, State.QUEUED.value, sha256, size,
                                                         str(pdf_path), now, now))
        return entry_id

    def list(self, states: tuple[State, ...] | None = None) -> list[Entry]:
        """Entries in queue order, optionally only those in the given states."""
        query, args = "SELECT * FROM entries", []
        if states:
            query += f" WHERE state IN ({', '.join('?' * len(states))})"
            args = [state.value for state in states]
        with self._db() as db:
            rows = db.execute(query + " ORDER BY queued_at, id", args).fetchall()
        return [_entry(row) for row in rows]

    def get(self, entry_id: str) -> Entry:
        with self._db() as db:
            row = db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(f"no outbox entry {entry_id}")
        return _entry(row)

    def retry(self, entry_id: str) -> None:
        """Put a failed entry back in the queue (after the person fixed the cause)."""
        if self.get(entry_id).state is not State.FAILED:
            raise ValueError(f"entry {entry_id} is not failed")
        self._set(entry_id, state=State.QUEUED.value, attempts=0)

    def send(self, client: StoreClient, entry_id: str | None = None,
             policy: RetryPolicy = RetryPolicy()) -> list[Entry]:
        """Send one entry, or every queued entry (including ones a crash left `sending`); returns them after.

        Raises AuthenticationFailed when the store refuses the credentials (entries stay queued).
        """
        self._clean_done()
        if entry_id is not None:
            targets = [self.get(entry_id)]
        else:
            targets = self.list((State.QUEUED, State.SENDING))
        results = []
        for entry in targets:
            if entry.state in (State.QUEUED, State.SENDING):
                self._send_one(client, entry, policy)
            results.append(self.get(entry.id))
        return results

    def _send_one(self, client: StoreClient, entry: Entry, policy: RetryPolicy) -> None:
        folder = self.entries_dir / entry.id
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        attempts = entry.attempts
        for attempt in range(1, policy.max_attempts + 1):
            attempts += 1
            self._set(entry.id, state=State.SENDING.value, attempts=attempts)
            try:
                result = client.put_document(folder / "document.pdf", metadata, entry.sha256)
            except TransientError as exc:
                self._set(entry.id, state=State.QUEUED.value, last_error=str(exc))
                log.warning("outbox %s: attempt %d failed: %s", entry.id, attempts, exc)
                if attempt < policy.max_attempts:
                    self._sleep(policy.delay(attempt, exc.retry_after))
                continue
            except PermanentError as exc:
                self._set(entry.id, state=State.FAILED.value, last_error=str(exc))
                log.error("outbox %s: refused by the store: %s", entry.id, exc)
                return
            except AuthenticationFailed as exc:
                self._set(entry.id, state=State.QUEUED.value, last_error=str(exc))
                raise
            self._finish(entry, result.receipt)
            return

    def _finish(self, entry: Entry, receipt: Receipt) -> None:
        if receipt.sha256 != entry.sha256 or receipt.bytes != entry.bytes:
            self._set(entry.id, state=State.FAILED.value, receipt=json.dumps(receipt.to_json()),
                      last_error=f"receipt does not match: store has {receipt.sha256} ({receipt.bytes} bytes), "
                                 f"local file is {entry.sha256} ({entry.bytes} bytes)")
            return
        self._set(entry.id, state=State.DONE.value, last_error=None, receipt=json.dumps(receipt.to_json()))
        shutil.rmtree(self.entries_dir / entry.id, ignore_errors=True)

    def _clean_done(self) -> None:
        """Remove files a crash left behind: of entries already done, and of queue() calls that died
        before recording their entry. Only the (small) folder of pending entries is listed."""
        folders = {folder.name: folder for folder in self.entries_dir.iterdir()}
        if not folders:
            return
        with self._db() as db:
            states = dict(db.execute(
                f"SELECT id, state FROM entries WHERE id IN ({', '.join('?' * len(folders))})", list(folders)))
        stale_before = time.time() - ORPHAN_AGE_SECONDS
        for name, folder in folders.items():
            state = states.get(name)
            if state == State.DONE.value or (state is None and folder.stat().st_mtime < stale_before):
                shutil.rmtree(folder, ignore_errors=True)


def _entry(row: tuple[Any, ...]) -> Entry:
    entry_id, state, sha256, size, source, attempts, last_error, receipt, queued_at, updated_at = row
    return Entry(entry_id, State(state), sha256, size, source, attempts, last_error,
                 Receipt.from_json(json.loads(receipt)) if receipt else None, queued_at, updated_at)
