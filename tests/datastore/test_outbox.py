"""The durable outbox against the real store: retries, refusals, crashes of client and server."""
from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from datastore.client import AuthenticationFailed, StoreClient
from datastore.credentials import StoreCredentials
from datastore.outbox import Outbox, RetryPolicy, State
from tests.datastore.conftest import StoreFactory, make_pdf, metadata_for
from tests.datastore.store_process import REPO, StoreProcess

FAST = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05)


def _wait_for(condition: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.05)


def test_queue_send_done(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store()
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf", 20_000)
    meta = metadata_for(pdf)
    del meta["sha256"], meta["bytes"]  # filled in from the file
    entry_id = outbox.queue(pdf, meta)
    assert outbox.get(entry_id).state is State.QUEUED
    [entry] = outbox.send(StoreClient(credentials))
    assert entry.state is State.DONE and entry.receipt is not None and entry.receipt.bytes == 20_000
    assert not (outbox.entries_dir / entry_id).exists()
    assert outbox.send(StoreClient(credentials)) == []


def test_retries_through_503(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store(faults={"fail_first": 2, "status": 503, "retry_after": 0})
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf")
    entry_id = outbox.queue(pdf, metadata_for(pdf))
    client = StoreClient(credentials)
    [entry] = outbox.send(client, entry_id, FAST)
    assert entry.state is State.DONE and entry.attempts == 3
    assert len(client.find_documents(sha256=entry.sha256)) == 1


def test_outage_longer_than_the_attempts_keeps_the_entry_queued(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store(faults={"fail_first": 10, "status": 429, "retry_after": 0})
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf")
    outbox.queue(pdf, metadata_for(pdf))
    [entry] = outbox.send(StoreClient(credentials), policy=FAST)
    assert entry.state is State.QUEUED and entry.attempts == 4 and "429" in (entry.last_error or "")


def test_unreachable_store_keeps_the_entry_queued(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf")
    outbox.queue(pdf, metadata_for(pdf))
    client = StoreClient(StoreCredentials("http://127.0.0.1:9", "c_x", "s"))
    [entry] = outbox.send(client, policy=RetryPolicy(max_attempts=2, base_delay=0.01))
    assert entry.state is State.QUEUED and "cannot reach" in (entry.last_error or "")


def test_refusal_is_kept_as_failed_then_retried(shared_store: Any, tmp_path: Path) -> None:
    _, credentials = shared_store
    outbox = Outbox(tmp_path / "outbox")
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"GIF89a not a pdf at all")
    meta = metadata_for(fake)
    entry_id = outbox.queue(fake, meta)
    [entry] = outbox.send(StoreClient(credentials), policy=FAST)
    assert entry.state is State.FAILED and entry.attempts == 1
    assert "415" in (entry.last_error or "") and "not a PDF" in (entry.last_error or "")
    assert (outbox.entries_dir / entry_id / "document.pdf").exists()  # kept for the user
    outbox.retry(entry_id)
    assert outbox.get(entry_id).state is State.QUEUED


def test_wrong_secret_stops_sending_and_keeps_entries(shared_store: Any, tmp_path: Path) -> None:
    _, credentials = shared_store
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf")
    entry_id = outbox.queue(pdf, metadata_for(pdf))
    bad = StoreClient(StoreCredentials(credentials.url, credentials.client_id, "wrong"))
    with pytest.raises(AuthenticationFailed):
        outbox.send(bad)
    assert outbox.get(entry_id).state is State.QUEUED
    assert "wrong" not in (outbox.get(entry_id).last_error or "")


def test_token_renewed_after_401(shared_store: Any, tmp_path: Path) -> None:
    _, credentials = shared_store
    client = StoreClient(credentials)
    client.token()
    client._token = "revoked-by-the-store"  # noqa: SLF001 - simulate a token the store no longer accepts
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf", seed=77)
    outbox.queue(pdf, metadata_for(pdf))
    [entry] = outbox.send(client)
    assert entry.state is State.DONE and entry.attempts == 1


_CHILD = """
import sys
from pathlib import Path
from datastore.client import StoreClient
from datastore.credentials import load_credentials
from datastore.outbox import Outbox
Outbox(Path(sys.argv[1])).send(StoreClient(load_credentials()))
"""


def test_client_killed_mid_send_then_send_again(start_store: StoreFactory, tmp_path: Path) -> None:
    """Killed after the store kept the document but before the receipt arrived: the resend is a 200."""
    store, credentials = start_store(faults={"stall_first": 1, "stall_seconds": 60})
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf", 100_000)
    entry_id = outbox.queue(pdf, metadata_for(pdf))
    sha256 = outbox.get(entry_id).sha256
    env = {**os.environ, "SOHOA_STORE_URL": credentials.url, "SOHOA_STORE_CLIENT_ID": credentials.client_id,
           "SOHOA_STORE_CLIENT_SECRET": credentials.client_secret}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(outbox.path)], cwd=REPO, env=env)
    client = StoreClient(credentials)
    try:
        _wait_for(lambda: client.find_documents(sha256=sha256))
        assert outbox.get(entry_id).state is State.SENDING
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    [entry] = outbox.send(client)
    assert entry.state is State.DONE and entry.attempts == 2
    [stored] = client.find_documents(sha256=sha256)
    assert entry.receipt is not None and entry.receipt.id == stored["id"]


def test_server_killed_mid_upload_leaves_no_half_document(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store()
    pdf = make_pdf(tmp_path / "a.pdf", 400_000)
    meta = metadata_for(pdf)
    boundary = "sohoa-test-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{json.dumps(meta)}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode()
    token = StoreClient(credentials).token()
    connection = http.client.HTTPConnection(store.url.removeprefix("http://"), timeout=10)
    connection.putrequest("PUT", f"/v1/documents/{meta['sha256']}")
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + 400_000 + len(boundary) + 8))
    connection.endheaders()
    connection.send(head + pdf.read_bytes()[:150_000])  # half the PDF, then the power goes
    temp_dir = store.data_dir / "tmp"
    _wait_for(lambda: any(path.stat().st_size > 0 for path in temp_dir.iterdir()))
    store.kill()
    connection.close()
    assert not list((store.data_dir / "documents").rglob("*.pdf"))

    restarted = StoreProcess(store.data_dir).start()
    try:
        assert not list(temp_dir.iterdir())
        client = StoreClient(StoreCredentials(restarted.url, credentials.client_id, credentials.client_secret))
        assert client.find_documents() == []
        outbox = Outbox(tmp_path / "outbox")
        outbox.queue(pdf, meta)
        [entry] = outbox.send(client)
        assert entry.state is State.DONE
        [stored] = client.find_documents()
        assert stored["sha256"] == meta["sha256"]
        assert client.get_content(stored["id"], tmp_path / "back.pdf").read_bytes() == pdf.read_bytes()
    finally:
        restarted.stop()


def test_receipt_that_does_not_match_keeps_the_document(tmp_path: Path) -> None:
    from datastore.receipt import Receipt

    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf")
    entry_id = outbox.queue(pdf, metadata_for(pdf))
    entry = outbox.get(entry_id)
    outbox._finish(entry, Receipt("x", entry.sha256, entry.bytes - 1, "2025-01-01T00:00:00+00:00"))  # noqa: SLF001
    kept = outbox.get(entry_id)
    assert kept.state is State.FAILED and "does not match" in (kept.last_error or "")
    assert (outbox.entries_dir / entry_id / "document.pdf").exists()


def test_expired_token_is_renewed(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store(token_ttl=1)
    client = StoreClient(credentials)
    first = client.token()
    time.sleep(1.1)
    outbox = Outbox(tmp_path / "outbox")
    pdf = make_pdf(tmp_path / "a.pdf")
    outbox.queue(pdf, metadata_for(pdf))
    [entry] = outbox.send(client)
    assert entry.state is State.DONE and entry.attempts == 1 and client.token() != first


def _vm_hwm_kib(pid: int) -> int:
    """Peak resident memory of a process (Linux), to show a large upload is streamed, not buffered."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_large_upload_is_streamed(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store()
    client = StoreClient(credentials)
    client.find_documents()  # warm the server up before taking its baseline
    assert store.process is not None
    before = _vm_hwm_kib(store.process.pid)
    pdf = make_pdf(tmp_path / "big.pdf", 64 * 1024 * 1024)
    outbox = Outbox(tmp_path / "outbox")
    outbox.queue(pdf, metadata_for(pdf))
    [entry] = outbox.send(client)
    assert entry.state is State.DONE
    grown = _vm_hwm_kib(store.process.pid) - before
    assert grown < 16 * 1024


def test_client_gone_mid_body_leaves_no_temp_file(start_store: StoreFactory, tmp_path: Path) -> None:
    store, credentials = start_store()
    token = StoreClient(credentials).token()
    connection = http.client.HTTPConnection(store.url.removeprefix("http://"), timeout=10)
    connection.putrequest("PUT", "/v1/documents/" + "ab" * 32)
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", "multipart/form-data; boundary=b")
    connection.putheader("Content-Length", "1000000")
    connection.endheaders()
    connection.send(b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7' + b"x" * 100_000)
    temp_dir = store.data_dir / "tmp"
    _wait_for(lambda: any(temp_dir.iterdir()))
    connection.close()
    _wait_for(lambda: not any(temp_dir.iterdir()))
