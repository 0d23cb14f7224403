"""The store commands of ``sohoa`` end to end: a real `sohoa store serve` process on loopback."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.datastore.conftest import make_pdf, metadata_for

SOHOA = [sys.executable, "-m", "desktop.launcher"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SOHOA_WORKSPACE": str(tmp_path / "workspace"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


@pytest.fixture()
def store(tmp_path: Path, env: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    data = tmp_path / "store"
    added = subprocess.run([*SOHOA, "store", "add-client", "bưu cục Hà Đông", "--data", str(data), "--json"],
                           capture_output=True, text=True, env=env, check=True)
    client = json.loads(added.stdout)
    assert not (data / "clients.json").exists() and client["client_secret"] not in _all_text(data)
    port = free_port()
    server = subprocess.Popen([*SOHOA, "store", "serve", "--data", str(data), "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{url}/v1/documents", timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("sohoa store serve did not start")
            time.sleep(0.1)
    yield url, {"SOHOA_STORE_CLIENT_ID": client["client_id"], "SOHOA_STORE_CLIENT_SECRET": client["client_secret"]}
    server.terminate()
    server.wait(timeout=10)


def _all_text(folder: Path) -> str:
    return "".join(p.read_bytes().decode("latin-1") for p in folder.rglob("*") if p.is_file())


def test_upload_then_outbox_shows_it_done(store, env: dict[str, str], tmp_path: Path) -> None:
    url, credentials = store
    pdf = make_pdf(tmp_path / "to-khai.pdf", seed=1)
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(metadata_for(pdf)), encoding="utf-8")
    sent = subprocess.run([*SOHOA, "upload", str(pdf), "--meta", str(meta), "--store", url, "--json"],
                          capture_output=True, text=True, env={**env, **credentials})
    assert sent.returncode == 0, sent.stderr
    [entry] = json.loads(sent.stdout)
    assert entry["state"] == "done" and entry["receipt"]["sha256"] == metadata_for(pdf)["sha256"]
    listed = subprocess.run([*SOHOA, "outbox", "list", "--json"], capture_output=True, text=True, env=env, check=True)
    assert [e["state"] for e in json.loads(listed.stdout)] == ["done"]
    # The personal ID in the metadata never reaches the terminal unmasked.
    assert "079123451234" not in sent.stdout + sent.stderr + listed.stdout


def test_without_credentials_the_document_waits_in_the_outbox(store, env: dict[str, str], tmp_path: Path) -> None:
    url, credentials = store
    pdf = make_pdf(tmp_path / "quyet-dinh.pdf", seed=2)
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(metadata_for(pdf, kind="result")), encoding="utf-8")
    queued = subprocess.run([*SOHOA, "upload", str(pdf), "--meta", str(meta), "--store", url],
                            capture_output=True, text=True, env=env)
    assert queued.returncode == 1 and "stay queued" in queued.stderr
    sent = subprocess.run([*SOHOA, "outbox", "send", "--store", url, "--json"], capture_output=True, text=True,
                          env={**env, **credentials})
    assert sent.returncode == 0, sent.stderr
    assert [e["state"] for e in json.loads(sent.stdout)] == ["done"]
