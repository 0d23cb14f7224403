"""The uploader: signed documents into the durable outbox, then to the data store, on one thread.

Exactly once, across crashes: the store keeps one document per hash, the outbox keeps an
entry until the store's receipt matches it, and this lane closes the one gap left between
them, a crash after ``Outbox.queue`` but before the workspace recorded the entry. A document
found ``signed`` is first looked up in the outbox by the SHA-256 of its signed PDF; an entry
already there is adopted, never queued a second time.
"""
from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from datastore.client import AuthenticationFailed, StoreClient
from datastore.credentials import StoreCredentials
from datastore.masking import mask_personal_ids
from datastore.outbox import Entry, InvalidDocument, Outbox, RetryPolicy, State

from dossier.model import DocumentState
from dossier.record_metadata import METADATA_NAME
from dossier.workspace import Workspace


# A batch does not wait minutes on a store that does not answer: a few quick tries, then the
# documents wait in the outbox (durably) for the next run or ``sohoa outbox send``.
BATCH_RETRIES = RetryPolicy(max_attempts=4, base_delay=0.5, max_delay=8.0)


@dataclass(frozen=True)
class Upload:
    """Where signed documents go; the client secret stays in memory (``StoreCredentials``)."""

    credentials: StoreCredentials
    outbox_dir: Path
    policy: RetryPolicy = BATCH_RETRIES


Done = Callable[[int, str | None], None]  # (document id, error or None), on the lane's thread


class UploadLane:
    def __init__(self, ws: Workspace, upload: Upload, on_done: Done, cancel: threading.Event | None = None) -> None:
        self.ws = ws
        self.upload = upload
        self.on_done = on_done
        self.cancel = cancel or threading.Event()
        self.stopped_by: str | None = None  # the store refused the workstation's credentials
        self.unreachable: str | None = None  # the store did not answer: no more tries this run
        self.outbox = Outbox(upload.outbox_dir)
        self.client = StoreClient(upload.credentials)
        self._by_sha: dict[str, Entry] | None = None
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True, name="sohoa-upload")

    def start(self) -> None:
        self._thread.start()

    def submit(self, document_id: int) -> None:
        self._queue.put(document_id)

    def finish(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self.outbox.close()

    def _run(self) -> None:
        while (document_id := self._queue.get()) is not None:
            if self.cancel.is_set():
                continue  # drain: what is queued stays in the outbox, sent next run
            try:
                self._carry(document_id)
            except Exception as exc:  # noqa: BLE001 - one document's trouble must not stop the lane
                reason = mask_personal_ids(f"không gửi được: {type(exc).__name__}: {exc}")
                self.ws.record_failure(document_id, reason)
                self.on_done(document_id, reason)

    def _existing(self, sha256: str) -> Entry | None:
        """The outbox entry of this hash, if a run died between queueing and recording it.

        The outbox is listed once per run, the first time a document arrives ``signed``."""
        if self._by_sha is None:
            self._by_sha = {}
            for entry in self.outbox.list():
                if entry.state is not State.FAILED or entry.sha256 not in self._by_sha:
                    self._by_sha[entry.sha256] = entry
        return self._by_sha.get(sha256)

    def _carry(self, document_id: int) -> None:
        ws = self.ws
        document = ws.get_document(document_id)
        if document.state is DocumentState.SIGNED:
            assert document.signed_sha256 and document.signed_pdf_path
            entry = self._existing(document.signed_sha256)
            if entry is None:
                try:
                    entry_id = self.outbox.queue(ws.path(document.signed_pdf_path), self._metadata(document))
                except InvalidDocument as exc:
                    reason = f"dữ liệu mô tả bị từ chối: {exc}"
                    ws.record_failure(document_id, reason)
                    self.on_done(document_id, reason)
                    return
            else:
                entry_id = entry.id
            document = ws.attach_outbox_entry(document_id, entry_id)
        if document.state is not DocumentState.QUEUED or not document.outbox_entry_id:
            return
        if self.stopped_by or self.unreachable:
            reason = self.stopped_by or self.unreachable
            ws.record_failure(document_id, reason)  # type: ignore[arg-type]
            self.on_done(document_id, reason)
            return
        try:
            entry = self.outbox.send(self.client, document.outbox_entry_id, self.upload.policy)[0]
        except AuthenticationFailed as exc:
            self.stopped_by = f"kho dữ liệu từ chối máy trạm ({exc}); tài liệu vẫn chờ trong hàng đợi gửi"
            ws.record_failure(document_id, self.stopped_by)
            self.on_done(document_id, self.stopped_by)
            return
        if entry.state is State.DONE and entry.receipt is not None:
            ws.attach_receipt(document_id, entry.receipt.to_json())
            self.on_done(document_id, None)
            return
        if entry.state is State.FAILED:
            reason = f"kho dữ liệu từ chối tài liệu: {entry.last_error}"
        else:
            reason = f"chưa gửi được, sẽ gửi lại: {entry.last_error}"
            # The store does not answer: the next documents go into the outbox without trying.
            self.unreachable = ("kho dữ liệu không trả lời; tài liệu chờ trong hàng đợi gửi, sẽ gửi ở lần chạy "
                                "sau (hoặc: sohoa outbox send)")
        ws.record_failure(document_id, mask_personal_ids(reason))
        self.on_done(document_id, reason)

    def _metadata(self, document) -> dict:  # type: ignore[no-untyped-def]
        """The metadata written beside the signed PDF when it was signed (before ``signed`` was
        committed, so a crash cannot leave a signed document without it)."""
        path = self.ws.document_dir(document.id) / METADATA_NAME
        metadata = json.loads(path.read_text(encoding="utf-8"))
        if metadata.get("sha256") != document.signed_sha256:
            raise InvalidDocument(f"{path.name} does not describe the signed PDF")
        return metadata
