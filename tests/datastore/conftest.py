"""Fixtures for the data-store tests: a real store process, registered credentials, sample PDFs."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from datastore.client import StoreClient
from datastore.credentials import StoreCredentials
from datastore.server import add_client
from tests.datastore.postgres import Cluster, start_cluster
from tests.datastore.store_process import StoreProcess


def make_pdf(path: Path, size: int = 4096, seed: int = 0) -> Path:
    """A file the store accepts as a PDF (it checks the header and the hash, not the structure)."""
    body = hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1)
    path.write_bytes(b"%PDF-1.7\n" + body[: max(0, size - 16)] + b"\n%%EOF\n")
    return path


def metadata_for(pdf: Path, **extra: Any) -> dict[str, Any]:
    data = pdf.read_bytes()
    return {"schema": "sohoa.document/1", "kind": "dossier_component", "dossier_code": "000.00.21.H12-250312-0001",
            "pages": 1, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "owner": {"personal_id": "079123451234", "full_name": "Nguyễn Văn An"}, **extra}


StoreFactory = Callable[..., tuple[StoreProcess, StoreCredentials]]


@pytest.fixture
def start_store(tmp_path: Path) -> Iterator[StoreFactory]:
    """Start a store with the given create_app options; returns it and a registered client's credentials."""
    started: list[StoreProcess] = []

    def start(data_dir: Path | None = None, **options: Any) -> tuple[StoreProcess, StoreCredentials]:
        data_dir = data_dir or tmp_path / f"store{len(started)}"
        client_id, secret = add_client(data_dir, "test workstation")
        store = StoreProcess(data_dir, options).start()
        started.append(store)
        return store, StoreCredentials(store.url, client_id, secret)

    yield start
    for store in started:
        store.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """One throw-away PostgreSQL cluster per test worker; each store gets its own database."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_store(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StoreProcess, StoreCredentials]]:
    """One store for the tests that do not break it: 200 KiB limit, two items per listing page.

    The same API tests run against the embedded SQLite catalog and against PostgreSQL,
    the configuration a province scales out on.
    """
    data_dir = tmp_path_factory.mktemp("shared-store")
    options: dict[str, Any] = {"max_bytes": 200 * 1024, "page_size": 2}
    if request.param == "postgresql":
        options["database_url"] = request.getfixturevalue("postgres").new_database()
    client_id, secret = add_client(data_dir, "test workstation", database_url=options.get("database_url"))
    store = StoreProcess(data_dir, options).start()
    yield store, StoreCredentials(store.url, client_id, secret)
    store.stop()


@pytest.fixture
def client(shared_store: tuple[StoreProcess, StoreCredentials]) -> StoreClient:
    return StoreClient(shared_store[1])


@pytest.fixture(autouse=True)
def _no_env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SOHOA_STORE_URL", "SOHOA_STORE_CLIENT_ID", "SOHOA_STORE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
