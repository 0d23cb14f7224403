"""What waits to go to the store: signed documents joined with their outbox entries, the
reasons sorted for a clerk, refused entries retried, and the cheap "does the store answer"
check, against the reference store on 127.0.0.1 (real HTTP, real outbox, real signatures)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from datastore.credentials import MissingCredentials, StoreCredentials
from datastore.outbox import Outbox, RetryPolicy
from dossier.model import DocumentState
from dossier.sending import Problem, documents_to_send, pending_uploads, problem_of, retry, store_answers, \
    store_credentials
from dossier.upload_lane import Upload, UploadLane
from dossier.workspace import Workspace
from tests.dossier.sending_helpers import DOSSIER_CODE, FixedPortStore, signed_documents, stored_hashes
from tests.secret_service import no_keyring  # noqa: F401 - the fixture

QUICK = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.05)


def _carry(ws: Workspace, credentials: StoreCredentials, ids: list[int]) -> dict[int, str | None]:
    done: dict[int, str | None] = {}
    lock = threading.Lock()

    def on_done(document_id: int, error: str | None) -> None:
        with lock:
            done[document_id] = error

    lane = UploadLane(ws, Upload(credentials, ws.root / "outbox", QUICK), on_done)
    lane.start()
    for document_id in ids:
        lane.submit(document_id)
    lane.finish()
    return done


def test_errors_are_sorted_for_the_clerk() -> None:
    assert problem_of(None) is None
    assert problem_of("cannot reach the store at http://127.0.0.1:9: ConnectionError") is Problem.UNREACHABLE
    assert problem_of("chưa gửi được, sẽ gửi lại: PUT /v1/documents/ab: ConnectTimeout: x") is Problem.UNREACHABLE
    assert problem_of("HTTP 503: overloaded") is Problem.STORE_ERROR
    assert problem_of("kho dữ liệu từ chối tài liệu: HTTP 422: metadata: sha256 differs") is Problem.INVALID
    assert problem_of("HTTP 413: too large") is Problem.TOO_LARGE
    assert problem_of("the store refused client abc: HTTP 401: invalid_client") is Problem.AUTHENTICATION
    assert problem_of("HTTP 403: forbidden") is Problem.REFUSED
    assert problem_of("receipt does not match: store has …") is Problem.MISMATCH


def test_pending_uploads_follow_a_document_from_signed_to_stored(tmp_path: Path, workspace: Workspace) -> None:
    store = FixedPortStore(tmp_path / "store")
    credentials = store.register()
    ids = signed_documents(workspace, tmp_path / "paper", 2)
    outbox = Outbox(workspace.root / "outbox")
    try:
        pending = pending_uploads(workspace, outbox)
        assert [p.document_id for p in pending] == ids and {p.state for p in pending} == {"signed"}
        assert pending[0].dossier_code == DOSSIER_CODE and pending[0].component.startswith("Tờ khai")
        assert documents_to_send(workspace) == ids

        # The store is not running: both wait in the outbox, the reason says so.
        assert not store_answers(store.url, timeout=0.5)
        errors = _carry(workspace, credentials, ids)
        assert set(errors) == set(ids) and all(errors.values())
        pending = pending_uploads(workspace, outbox)
        assert [p.state for p in pending] == ["queued", "queued"]
        assert pending[0].attempts == 2 and pending[0].problem is Problem.UNREACHABLE
        assert pending[1].attempts == 0 and pending[1].problem is Problem.UNREACHABLE  # not even tried

        # The store refuses the first upload (a fault it is told to make): only a retry sends it again.
        store.start(faults={"fail_first": 1, "status": 422})
        assert store_answers(store.url)
        _carry(workspace, credentials, ids)
        pending = pending_uploads(workspace, outbox)
        assert len(pending) == 1 and pending[0].refused and pending[0].problem is Problem.INVALID
        assert retry(outbox, ["not-an-entry"]) == []
        assert retry(outbox) == [pending[0].entry_id]
        assert not pending_uploads(workspace, outbox)[0].refused
        assert _carry(workspace, credentials, ids) == {pending[0].document_id: None}
        assert pending_uploads(workspace, outbox) == []
        assert all(workspace.get_document(i).state is DocumentState.UPLOADED for i in ids)
        hashes = stored_hashes(credentials)
        assert sorted(hashes) == sorted(workspace.get_document(i).signed_sha256 for i in ids)  # once each
    finally:
        outbox.close()
        store.stop()


def test_a_keyring_whose_session_bus_is_gone_means_a_missing_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import SecretService

    for name in ("SOHOA_STORE_CLIENT_SECRET", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())  # chosen while a session bus ran, which has since gone
    try:
        with pytest.raises(MissingCredentials):  # the clerk is told the secret is missing, not a D-Bus trace
            store_credentials("http://127.0.0.1:8750", "desk-1")
    finally:
        keyring.set_keyring(previous)


def test_the_environment_wins_over_the_configuration(monkeypatch: pytest.MonkeyPatch, no_keyring) -> None:  # noqa: F811
    # no_keyring sets the backend outright: keyring keeps the one it chose first in a process,
    # so an environment variable set now would not reach it.
    for name in ("SOHOA_STORE_URL", "SOHOA_STORE_CLIENT_ID", "SOHOA_STORE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(MissingCredentials):  # no secret for this client: no keyring
        store_credentials("http://127.0.0.1:8750", "desk-1")
    monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", "s3cret")
    assert store_credentials("http://127.0.0.1:8750/", "desk-1") == StoreCredentials(
        "http://127.0.0.1:8750", "desk-1", "s3cret")
    monkeypatch.setenv("SOHOA_STORE_URL", "http://127.0.0.1:9999")
    monkeypatch.setenv("SOHOA_STORE_CLIENT_ID", "headless")
    assert store_credentials("http://127.0.0.1:8750", "desk-1").url == "http://127.0.0.1:9999"
    assert store_credentials("http://127.0.0.1:8750", "desk-1").client_id == "headless"


def test_a_document_whose_metadata_is_refused_waits_for_a_person(tmp_path: Path, workspace: Workspace) -> None:
    import json

    from dossier.record_metadata import METADATA_NAME

    (document_id,) = signed_documents(workspace, tmp_path / "paper", 1)
    path = workspace.document_dir(document_id) / METADATA_NAME
    metadata = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**metadata, "sha256": "0" * 64}), encoding="utf-8")  # describes another file
    dead = StoreCredentials(FixedPortStore(tmp_path / "store").url, "desk", "secret")
    errors = _carry(workspace, dead, [document_id])
    assert "dữ liệu mô tả bị từ chối" in errors[document_id]
    outbox = Outbox(workspace.root / "outbox")
    try:
        (pending,) = pending_uploads(workspace, outbox)
        assert pending.state == "signed" and pending.entry_id is None
        assert pending.problem is Problem.INVALID and pending.refused  # not sent again by itself
        assert outbox.list() == []  # nothing half-queued
    finally:
        outbox.close()
