"""What waits to go to the data store, why it has not gone yet, and which store it goes to.

The upload lane (``dossier.upload_lane``) carries documents; this module answers the
questions a person asks about them, for the desktop's outbox view and the command line
alike: which documents are on their way (``pending_uploads``: the workspace's documents
joined with their outbox entries), what went wrong in words a clerk can act on
(``problem_of``), put refused entries back in the queue (``retry``), whether the store
answers at all (``store_answers``: cheap, no credentials) and where the store is
(``store_credentials``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import requests

from datastore.credentials import StoreCredentials, load_credentials
from datastore.outbox import Entry, Outbox, State

from dossier.model import DocumentState
from dossier.workspace import Workspace


class Problem(str, Enum):
    """Why a document has not reached the store; the words on screen belong to the caller."""

    UNREACHABLE = "unreachable"  # no answer: network down, store stopped; waits, goes out by itself
    STORE_ERROR = "store_error"  # the store answered 5xx, 408 or 429: busy or broken; retried
    AUTHENTICATION = "authentication"  # the workstation's client id or secret was refused
    INVALID = "invalid"  # the document or its metadata was refused (400, 409, 422)
    TOO_LARGE = "too_large"  # 413: over the store's size limit
    REFUSED = "refused"  # another 4xx
    MISMATCH = "mismatch"  # the receipt does not match the local file
    OTHER = "other"


@dataclass(frozen=True)
class Pending:
    """One document on its way to the store (or an outbox entry queued from the command line,
    with no document: ``document_id`` None). ``state`` is the outbox entry's ("queued",
    "sending", "failed"), or "signed" for a document not in the outbox yet."""

    document_id: int | None
    dossier_id: int | None
    dossier_code: str | None
    position: int | None
    component: str | None
    document_type: str | None
    entry_id: str | None
    state: str
    attempts: int
    last_error: str | None
    problem: Problem | None
    source: str

    @property
    def refused(self) -> bool:
        """Refused (by the store, or its metadata by the outbox before queueing): sending it
        again unchanged would be refused again, so only a person's retry does."""
        return self.state == State.FAILED.value or (self.entry_id is None and self.problem is Problem.INVALID)


_HTTP = re.compile(r"HTTP (\d{3})")


def problem_of(error: str | None) -> Problem | None:
    """Sort an outbox or upload-lane error text into a ``Problem`` (None: no error).

    The outbox keeps the client's own words (``datastore.client``), the workspace the lane's
    Vietnamese sentence around them; both are read here so a view needs neither."""
    if not error:
        return None
    text = error.lower()
    if "receipt does not match" in text or "unreadable receipt" in text:
        return Problem.MISMATCH
    if "refused client" in text or "từ chối máy trạm" in text:
        return Problem.AUTHENTICATION
    if "dữ liệu mô tả bị từ chối" in text:
        return Problem.INVALID
    match = _HTTP.search(error)
    if match:
        status = int(match.group(1))
        if status == 401:
            return Problem.AUTHENTICATION
        if status == 413:
            return Problem.TOO_LARGE
        if status in (400, 409, 422):
            return Problem.INVALID
        if status in (408, 429) or status >= 500:
            return Problem.STORE_ERROR
        return Problem.REFUSED
    if ("cannot reach" in text or "connectionerror" in text or "timeout" in text
            or "không trả lời" in text):
        return Problem.UNREACHABLE
    return Problem.OTHER


def documents_to_send(ws: Workspace) -> list[int]:
    """The documents the uploader has to carry: signed ones and those already queued."""
    return [d.id for d in ws.documents_in_state(DocumentState.SIGNED, DocumentState.QUEUED)]


def pending_uploads(ws: Workspace, outbox: Outbox) -> list[Pending]:
    """Every document not yet in the store, oldest first: signed documents not queued yet, the
    queued ones with their outbox entry's attempts and error, and outbox entries no document
    names (queued by ``sohoa upload``)."""
    entries = {e.id: e for e in outbox.list((State.QUEUED, State.SENDING, State.FAILED))}
    codes: dict[int, str | None] = {}
    found: list[Pending] = []
    for document in ws.documents_in_state(DocumentState.SIGNED, DocumentState.QUEUED):
        code = None
        if document.dossier_id is not None:
            if document.dossier_id not in codes:
                codes[document.dossier_id] = ws.get_dossier(document.dossier_id).code
            code = codes[document.dossier_id]
        entry = entries.pop(document.outbox_entry_id, None) if document.outbox_entry_id else None
        if entry is None and document.state is DocumentState.QUEUED:
            continue  # its entry is done: the receipt is being recorded right now
        error = (entry.last_error if entry is not None else None) or document.last_error
        found.append(Pending(
            document.id, document.dossier_id, code, document.position, document.component,
            document.document_type, entry.id if entry else None,
            entry.state.value if entry else DocumentState.SIGNED.value, entry.attempts if entry else 0,
            error, problem_of(error), document.signed_pdf_path or ""))
    for entry in entries.values():
        found.append(_loose(entry))
    return found


def _loose(entry: Entry) -> Pending:
    return Pending(None, None, None, None, None, None, entry.id, entry.state.value, entry.attempts,
                   entry.last_error, problem_of(entry.last_error), Path(entry.source).name)


def retry(outbox: Outbox, entry_ids: Iterable[str] | None = None) -> list[str]:
    """Put refused entries back in the queue (every refused one when ``entry_ids`` is None);
    returns those re-queued. Entries that are only waiting need no retry: they are sent as
    soon as the store answers."""
    failed = {e.id for e in outbox.list((State.FAILED,))}
    chosen = failed if entry_ids is None else [i for i in entry_ids if i in failed]
    for entry_id in chosen:
        outbox.retry(entry_id)
    return sorted(chosen)


def store_answers(url: str, timeout: float = 3.0) -> bool:
    """True when something answers HTTP at the store's address (any status below 500).

    No credentials and no body: the cheap check a workstation repeats while offline, before
    it tries an upload. The listing answers 401 without a token, which is an answer."""
    try:
        response = requests.get(f"{url.rstrip('/')}/v1/documents", timeout=(timeout, timeout))
    except requests.RequestException:
        return False
    response.close()
    return response.status_code < 500


def store_credentials(store_url: str, store_client_id: str) -> StoreCredentials:
    """The configured store's credentials; ``SOHOA_STORE_*`` in the environment win (headless
    runs), then the configuration, the secret from the OS keyring. Raises
    ``datastore.credentials.MissingCredentials`` when something is missing."""
    import os

    return load_credentials(os.environ.get("SOHOA_STORE_URL") or store_url or None,
                            os.environ.get("SOHOA_STORE_CLIENT_ID") or store_client_id or None)
