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


def serve(data: Path, env: dict[str, str], *tls: str) -> tuple[subprocess.Popen, str]:
    """`sohoa store serve` on a free port; returns the process and its URL once it answers."""
    port = free_port()
    server = subprocess.Popen([*SOHOA, "store", "serve", "--data", str(data), "--port", str(port), *tls], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, url
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("sohoa store serve did not start")
            time.sleep(0.1)


def add_client(data: Path, env: dict[str, str]) -> dict[str, str]:
    added = subprocess.run([*SOHOA, "store", "add-client", "bưu cục Hà Đông", "--data", str(data), "--json"],
                           capture_output=True, text=True, env=env, check=True)
    client = json.loads(added.stdout)
    assert client["client_secret"] not in _all_text(data)  # only its hash is kept
    return {"SOHOA_STORE_CLIENT_ID": client["client_id"], "SOHOA_STORE_CLIENT_SECRET": client["client_secret"]}


@pytest.fixture()
def store(tmp_path: Path, env: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    data = tmp_path / "store"
    credentials = add_client(data, env)
    server, url = serve(data, env)
    yield url, credentials
    server.terminate()
    server.wait(timeout=10)


def _all_text(folder: Path) -> str:
    return "".join(p.read_bytes().decode("latin-1") for p in folder.rglob("*") if p.is_file())


def test_upload_then_outbox_shows_it_done(store, env: dict[str, str], tmp_path: Path) -> None:
    url, credentials = store
    pdf = make_pdf(tmp_path / "to-khai cccd 079123451234.pdf", seed=1)  # clerks name files after the citizen
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(metadata_for(pdf)), encoding="utf-8")
    sent = subprocess.run([*SOHOA, "upload", str(pdf), "--meta", str(meta), "--store", url, "--json"],
                          capture_output=True, text=True, env={**env, **credentials})
    assert sent.returncode == 0, sent.stderr
    [entry] = json.loads(sent.stdout)
    assert entry["state"] == "done" and entry["receipt"]["sha256"] == metadata_for(pdf)["sha256"]
    listed = subprocess.run([*SOHOA, "outbox", "list", "--json"], capture_output=True, text=True, env=env, check=True)
    assert [e["state"] for e in json.loads(listed.stdout)] == ["done"]
    # The citizen's ID in the file name never reaches the terminal whole.
    plain = subprocess.run([*SOHOA, "outbox", "list"], capture_output=True, text=True, env=env, check=True)
    for output in (sent.stdout, sent.stderr, listed.stdout, plain.stdout):
        assert "079123451234" not in output
    assert "079*****1234" in plain.stdout and "079*****1234" in listed.stdout


def test_a_refused_upload_names_the_file_with_the_id_masked(env: dict[str, str], tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "cccd 079123451234.pdf", seed=4)
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps(metadata_for(pdf, kind="not-a-kind")), encoding="utf-8")
    refused = subprocess.run([*SOHOA, "upload", str(pdf), "--meta", str(meta), "--store", "http://127.0.0.1:9"],
                             capture_output=True, text=True, env=env)
    assert refused.returncode == 1 and "kind" in refused.stderr
    assert "079*****1234" in refused.stderr and "079123451234" not in refused.stderr


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


def test_the_api_is_described_in_openapi(store) -> None:
    url, _ = store
    description = requests.get(f"{url}/openapi.json", timeout=5).json()
    assert description["openapi"].startswith("3.")
    assert {"/oauth/token", "/v1/documents/{sha256}", "/v1/documents/{id}", "/v1/documents/{id}/content",
            "/v1/documents"} <= set(description["paths"])
    assert description["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_tls_is_verified_by_default(tmp_path: Path, env: dict[str, str]) -> None:
    cert, key = tmp_path / "store.crt", tmp_path / "store.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    data = tmp_path / "store"
    credentials = add_client(data, env)
    server, url = serve(data, env, "--tls-cert", str(cert), "--tls-key", str(key))
    try:
        pdf = make_pdf(tmp_path / "ban-sao.pdf", seed=3)
        meta = tmp_path / "meta.json"
        meta.write_text(json.dumps(metadata_for(pdf)), encoding="utf-8")
        # An unknown certificate is refused: nothing is sent, the document waits.
        refused = subprocess.run([*SOHOA, "upload", str(pdf), "--meta", str(meta), "--store", url, "--json"],
                                 capture_output=True, text=True, env={**env, **credentials})
        assert refused.returncode != 0
        assert [e["state"] for e in json.loads(refused.stdout)] == ["queued"]
        # Trusting the store's certificate, the same outbox entry goes through.
        sent = subprocess.run([*SOHOA, "outbox", "send", "--store", url, "--json"], capture_output=True, text=True,
                              env={**env, **credentials, "REQUESTS_CA_BUNDLE": str(cert)})
        assert sent.returncode == 0, sent.stderr
        assert [e["state"] for e in json.loads(sent.stdout)] == ["done"]
    finally:
        server.terminate()
        server.wait(timeout=10)
