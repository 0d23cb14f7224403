"""The reference store's HTTP contract (design §5), spoken to over real loopback HTTP."""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from datastore.auth import TokenSigner, load_signing_key
from datastore.client import StoreClient
from datastore.server import create_app
from tests.datastore.conftest import make_pdf, metadata_for


def _put(url: str, token: str | None, pdf_bytes: bytes, metadata: Any, sha256: str | None = None) -> requests.Response:
    sha256 = sha256 or hashlib.sha256(pdf_bytes).hexdigest()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    meta = metadata if isinstance(metadata, (bytes, str)) else json.dumps(metadata)
    return requests.put(f"{url}/v1/documents/{sha256}", headers=headers, timeout=10,
                        files={"metadata": ("metadata.json", meta, "application/json"),
                               "file": ("doc.pdf", pdf_bytes, "application/pdf")})


def test_round_trip(client: StoreClient, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "to-khai.pdf", 50_000, seed=1)
    meta = metadata_for(pdf, dossier_code="RT-0001")
    result = client.put_document(pdf, meta, meta["sha256"])
    assert result.created and result.receipt.sha256 == meta["sha256"] and result.receipt.bytes == 50_000
    fetched = client.get_document(result.receipt.id)
    assert fetched["metadata"] == meta and fetched["id"] == result.receipt.id
    assert fetched["stored_at"] == result.receipt.stored_at
    copy = client.get_content(result.receipt.id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == pdf.read_bytes()
    listed = client.find_documents(dossier_code="RT-0001")
    assert [item["id"] for item in listed] == [result.receipt.id]


def test_same_hash_twice_is_one_document(client: StoreClient, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", seed=2)
    meta = metadata_for(pdf, dossier_code="IDEM-1")
    first = client.put_document(pdf, meta, meta["sha256"])
    second = client.put_document(pdf, meta, meta["sha256"])
    assert first.created and not second.created
    assert second.receipt == first.receipt
    assert len(client.find_documents(sha256=meta["sha256"])) == 1


def test_listing_pages_and_filters(client: StoreClient, tmp_path: Path) -> None:
    ids = []
    for seed in range(5):
        pdf = make_pdf(tmp_path / f"p{seed}.pdf", seed=100 + seed)
        kind = "result" if seed == 4 else "dossier_component"
        meta = metadata_for(pdf, dossier_code="PAGED-1", kind=kind)
        ids.append(client.put_document(pdf, meta, meta["sha256"]).receipt.id)
    first_page = requests.get(f"{client.url}/v1/documents", params={"dossier_code": "PAGED-1"},
                              headers={"Authorization": f"Bearer {client.token()}"}, timeout=10).json()
    assert len(first_page["items"]) == 2 and "page=2" in first_page["next"]
    assert [item["id"] for item in client.find_documents(dossier_code="PAGED-1")] == ids
    assert [item["id"] for item in client.find_documents(dossier_code="PAGED-1", kind="result")] == ids[4:]


def test_hash_mismatch_is_422(client: StoreClient, tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "a.pdf", seed=3).read_bytes()
    other = hashlib.sha256(b"something else").hexdigest()
    response = _put(client.url, client.token(), data, metadata_for(tmp_path / "a.pdf"), sha256=other)
    assert response.status_code == 422 and "differs" in response.json()["error"]
    assert not client.find_documents(sha256=other)


def test_bad_metadata_is_422_naming_fields(client: StoreClient, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", seed=4)
    meta = metadata_for(pdf)
    meta.update(schema="sohoa.document/0", kind="photo", pages="two", dossier_code=17)
    del meta["bytes"]
    response = _put(client.url, client.token(), pdf.read_bytes(), meta)
    assert response.status_code == 422
    named = {problem.split(":")[0] for problem in response.json()["problems"]}
    assert named == {"schema", "kind", "pages", "bytes", "dossier_code"}
    assert _put(client.url, client.token(), pdf.read_bytes(), b"{not json").status_code == 422


def test_non_pdf_is_415(client: StoreClient, tmp_path: Path) -> None:
    data = b"PK\x03\x04 a zip, not a PDF" * 10
    meta = {"schema": "sohoa.document/1", "kind": "result", "pages": 1, "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}
    assert _put(client.url, client.token(), data, meta).status_code == 415


def test_oversize_is_413_and_leaves_nothing(shared_store: Any, client: StoreClient, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "big.pdf", 300 * 1024, seed=5)
    response = _put(client.url, client.token(), pdf.read_bytes(), metadata_for(pdf))
    assert response.status_code == 413
    assert not client.find_documents(sha256=hashlib.sha256(pdf.read_bytes()).hexdigest())
    assert not list((shared_store[0].data_dir / "tmp").iterdir())


def test_tokens(shared_store: Any, client: StoreClient, tmp_path: Path) -> None:
    store, credentials = shared_store
    pdf = make_pdf(tmp_path / "a.pdf", seed=6)
    data, meta = pdf.read_bytes(), metadata_for(pdf)
    signer = TokenSigner(load_signing_key(store.data_dir))
    expired = signer.issue(credentials.client_id, now=time.time() - 7200)
    forged = TokenSigner(b"k" * 32).issue(credentials.client_id)
    for token in (None, "garbage", forged, expired):
        assert _put(store.url, token, data, meta).status_code == 401
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        assert requests.get(f"{store.url}/v1/documents", headers=headers, timeout=10).status_code == 401
    assert requests.get(f"{store.url}/v1/documents/x/content", timeout=10).status_code == 401
    assert _put(store.url, signer.issue(credentials.client_id), data, meta).status_code == 201


def test_token_endpoint(shared_store: Any) -> None:
    store, credentials = shared_store
    url = f"{store.url}/oauth/token"
    good = requests.post(url, data={"grant_type": "client_credentials", "client_id": credentials.client_id,
                                    "client_secret": credentials.client_secret}, timeout=10)
    body = good.json()
    assert good.status_code == 200 and body["token_type"] == "bearer" and body["expires_in"] == 3600
    basic = requests.post(url, data={"grant_type": "client_credentials"},
                          auth=(credentials.client_id, credentials.client_secret), timeout=10)
    assert basic.status_code == 200
    wrong = requests.post(url, data={"grant_type": "client_credentials", "client_id": credentials.client_id,
                                     "client_secret": "not-it"}, timeout=10)
    assert wrong.status_code == 401 and wrong.json() == {"error": "invalid_client"}
    assert requests.post(url, data={"grant_type": "password"}, timeout=10).status_code == 400


def test_secret_is_stored_only_as_a_hash(shared_store: Any) -> None:
    store, credentials = shared_store
    for path in store.data_dir.rglob("*"):
        if path.is_file():
            assert credentials.client_secret.encode() not in path.read_bytes()


def test_concurrent_uploads_of_one_hash_make_one_document(shared_store: Any, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    _, credentials = shared_store
    pdf = make_pdf(tmp_path / "race.pdf", 120_000, seed=8)
    meta = metadata_for(pdf, dossier_code="RACE-1")
    clients = [StoreClient(credentials) for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda c: c.put_document(pdf, meta, meta["sha256"]), clients))
    assert sum(result.created for result in results) == 1
    assert len({result.receipt.id for result in results}) == 1
    assert len(clients[0].find_documents(dossier_code="RACE-1")) == 1


def test_database_urls(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported database URL scheme: mysql"):
        create_app(tmp_path, database_url="mysql://store@localhost/sohoa")
    create_app(tmp_path, database_url=f"sqlite:///{tmp_path / 'other.sqlite'}")
    assert (tmp_path / "other.sqlite").exists()
