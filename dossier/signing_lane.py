"""One serial signing queue per token: the session opens once (one PIN for the batch) and
signs the documents handed to it, one after another, on its own thread.

A token does one thing at a time and locks after a few wrong PINs, so the PIN is asked once,
by the caller, and tried once: a refused PIN stops the lane before any document is touched
and is never retried. The signed PDF is written under a temporary name, fsynced and renamed,
and its metadata (design §4) written beside it, before the ``signed`` state is committed:
a crash in between only means the document is signed again, never a record that names a
half-written file.
"""
from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datastore.blobs import fsync_dir
from datastore.masking import mask_personal_ids
from signing.errors import DocumentRefused, SigningError
from signing.sign import SignOptions, pkcs12_session, token_session

from dossier.model import DocumentState
from dossier.record_metadata import METADATA_NAME, document_metadata
from dossier.workspace import Workspace, file_sha256, write_durably


@dataclass(frozen=True)
class Signer:
    """Which key signs, and how. ``secret`` (the PIN or the PKCS#12 password) stays in memory."""

    p12: Path | None = None
    pkcs11: str | None = None
    token_serial: str | None = None
    key_id: bytes | None = None
    secret: str | None = field(default=None, repr=False)
    options: SignOptions = SignOptions()

    def __post_init__(self) -> None:
        if (self.p12 is None) == (self.pkcs11 is None):
            raise ValueError("choose one signer: a PKCS#12 file or a PKCS#11 module")

    @property
    def name(self) -> str:
        """The lane's resource: one queue per token (module + serial) or per key file."""
        return f"p12:{self.p12}" if self.p12 else f"pkcs11:{self.pkcs11}:{self.token_serial or ''}"

    def session(self):  # -> context manager of signing.sign.SigningSession
        roots = self.options.trust_roots
        if self.p12 is not None:
            password = self.secret.encode() if self.secret is not None else None
            return pkcs12_session(self.p12, password, trust_roots=roots)
        return token_session(self.pkcs11, self.secret, serial=self.token_serial, key_id=self.key_id,  # type: ignore[arg-type]
                             trust_roots=roots)


Done = Callable[[int, str | None], None]  # (document id, error or None), on the lane's thread


class SigningLane:
    """``start()`` opens the session (raising its SigningError), ``submit(id)`` queues a
    ``reviewed`` document, ``finish()`` waits until the queue is empty and closes the session.

    ``session`` (default ``signer.session``) makes the context manager of an object with
    ``sign(src, dst, options) -> SignResult``: ``dossier.signing_worker`` signs in a child process."""

    def __init__(self, ws: Workspace, signer: Signer, on_done: Done, cancel: threading.Event | None = None,
                 session: Callable[[], Any] | None = None) -> None:
        self.ws = ws
        self.signer = signer
        self._session = session or signer.session
        self.on_done = on_done
        self.cancel = cancel or threading.Event()
        self.stopped_by: str | None = None  # why the lane stopped early (token gone, …)
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"sohoa-sign-{signer.name}")

    def start(self, timeout: float = 120.0) -> None:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise SigningError("the signing token did not answer")
        if self._error is not None:
            raise self._error

    def submit(self, document_id: int) -> None:
        self._queue.put(document_id)

    def finish(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        try:
            context = self._session()
            session = context.__enter__()
        except BaseException as exc:  # noqa: BLE001 - handed to start()'s caller
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            while (document_id := self._queue.get()) is not None:
                if self.cancel.is_set() or self.stopped_by:
                    continue  # drain: the documents stay reviewed, signed next run
                try:
                    self._sign(session, document_id)
                except Exception as exc:  # noqa: BLE001 - one document's trouble must not stop the lane
                    self._failed(document_id, mask_personal_ids(
                        f"không ký được (lỗi không mong đợi {type(exc).__name__}: {exc})"))
        finally:
            context.__exit__(None, None, None)

    def _sign(self, session, document_id: int) -> None:  # type: ignore[no-untyped-def]
        ws = self.ws
        document = ws.get_document(document_id)
        if document.state is not DocumentState.REVIEWED or not document.pdf_path:
            return
        folder = ws.document_dir(document_id)
        partial = folder / "signed.pdf.part"
        final = folder / "signed.pdf"
        try:
            result = session.sign(ws.path(document.pdf_path), partial, self.signer.options)
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, final)
            fsync_dir(folder)
            sha256 = file_sha256(final)
            signature = {"subject": result.signer_subject, "serial": result.signer_serial,
                         "at": result.signed_at.isoformat(timespec="seconds"), "level": result.level.value}
            metadata = document_metadata(ws, document, final, sha256, signature)
            write_durably(json.dumps(metadata, ensure_ascii=False, indent=1).encode(), folder / METADATA_NAME)
            ws.attach_signed_pdf(document_id, final, details={"level": result.level.value,
                                                              "signer_serial": result.signer_serial})
        except DocumentRefused as exc:
            partial.unlink(missing_ok=True)
            self._failed(document_id, f"không ký được: {exc}")
            return
        except (SigningError, OSError) as exc:
            # The token went away or broke: the rest of the batch waits, reviewed, for the next run.
            partial.unlink(missing_ok=True)
            self.stopped_by = f"không ký được: {exc}"
            self._failed(document_id, self.stopped_by)
            return
        self.on_done(document_id, None)

    def _failed(self, document_id: int, reason: str) -> None:
        self.ws.record_failure(document_id, reason)
        self.on_done(document_id, reason)
