"""Fixtures of the pipeline tests: small generated documents, the test PKI with its SoftHSM2
token, and the reference store on 127.0.0.1. Import them into a test module with
``from tests.dossier.pipeline_fixtures import *``.

The PKI is built with the signing tests' own ``build_pki``; unlike their fixture it does not
set ``SOFTHSM2_CONF`` for the whole test process (another PKI's token would then be looked up
in this one's folder): subprocesses get it in their environment, from ``sohoa_env``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from datastore.client import StoreClient
from datastore.credentials import StoreCredentials
from datastore.server import add_client
from tests.datastore.store_process import StoreProcess
from tests.signing.pki_setup import TestPki, build_pki

SOHOA = [sys.executable, "-m", "desktop.launcher"]
DOCUMENTS = (("decision", 31), ("official_letter", 32), ("application_form", 33))
DPI = 200  # the smallest resolution Decree 30/2020 allows: the cheapest pages to OCR


@pytest.fixture(scope="session")
def small_documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three one-page generated documents as PNGs (dpi stated, as a scanner writes them)."""
    from tests.docgen import generate_document

    folder = tmp_path_factory.mktemp("paper")
    paths = []
    for kind, seed in DOCUMENTS:
        page = generate_document(seed=seed, document_type=kind, dpi=DPI, pages=1).pages[0]
        path = folder / f"{kind}-{seed}.png"
        page.image.save(path, dpi=(DPI, DPI))
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def pipeline_pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPki]:
    pki, services = build_pki(tmp_path_factory.mktemp("pipeline-pki"))
    yield pki
    services.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StoreProcess, StoreCredentials]]:
    """A reference store process for the module, with a registered workstation."""
    data = tmp_path_factory.mktemp("store")
    client_id, secret = add_client(data, "máy trạm thử")
    process = StoreProcess(data).start()
    yield process, StoreCredentials(process.url, client_id, secret)
    process.stop()


def stored(credentials: StoreCredentials) -> list[dict]:
    return StoreClient(credentials).find_documents()


def sohoa_env(pki: TestPki | None = None, credentials: StoreCredentials | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOHOA_", "SOFTHSM2_CONF"))}
    if "SOHOA_CONFIG" in os.environ:  # the test's own configuration (tests/conftest.py), never the developer's
        env["SOHOA_CONFIG"] = os.environ["SOHOA_CONFIG"]
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    if pki is not None:
        env["SOFTHSM2_CONF"] = str(pki.softhsm_conf)
    if credentials is not None:
        env.update(SOHOA_STORE_URL=credentials.url, SOHOA_STORE_CLIENT_ID=credentials.client_id,
                   SOHOA_STORE_CLIENT_SECRET=credentials.client_secret)
    env.update(extra)
    return env


def sohoa(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([*SOHOA, *args], capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


def journal(workspace: Path) -> list[tuple[str, int]]:
    """The workspace's OCR journal as (what, page id): ``start`` and ``done`` lines."""
    path = workspace / "ocr-journal.log"
    if not path.exists():
        return []
    return [(line.split()[0], int(line.split()[1])) for line in path.read_text().splitlines() if line.strip()]


def redone_after_done(entries: list[tuple[str, int]]) -> list[int]:
    """Pages whose OCR started again after it had been saved: what must never happen."""
    finished: set[int] = set()
    redone = []
    for what, page in entries:
        if what == "done":
            finished.add(page)
        elif what == "start" and page in finished:
            redone.append(page)
    return redone


__all__ = ["DPI", "SOHOA", "journal", "pipeline_pki", "redone_after_done", "small_documents", "sohoa", "sohoa_env",
           "store", "stored"]
