"""Helpers of the sending tests: signed documents made the way the app makes them (the signing
lane, with the demo identity), and the reference store on a loopback port that stays the same
across a restart (a workstation's configured URL does not change when the store comes back).
"""
from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datastore.credentials import StoreCredentials
from datastore.server import add_client
from dossier.model import DocumentState
from dossier.workspace import Workspace
from tests.datastore.store_process import StoreProcess

DOSSIER_CODE = "000.00.21.H12-250312-0001"


def _pdf(path: Path, title: str) -> Path:
    import pikepdf

    with pikepdf.new() as out:
        out.add_blank_page(page_size=(595, 842))
        out.docinfo["/Title"] = title
        out.save(path)
    return path


def reviewed_documents(ws: Workspace, scratch: Path, count: int, *, code: str = DOSSIER_CODE) -> list[int]:
    """``count`` reviewed documents of one dossier (a one-page PDF each, an accepted extraction)."""
    dossier = ws.find_dossier(code) or ws.create_dossier(code=code)
    scratch.mkdir(parents=True, exist_ok=True)
    ids = []
    for _ in range(count):
        document = ws.add_document(dossier.id, component="Tờ khai đăng ký hộ kinh doanh")
        pdf = _pdf(scratch / f"doc-{document.id}.pdf", f"Tài liệu {document.id}")
        ws.attach_pdf(document.id, pdf, state=DocumentState.PROCESSED)
        ws.save_extraction(document.id, {"file": None, "document_type": "application_form", "pages": 1,
                                         "fields": {}, "problems": [], "text": ""})
        ws.accept_review(document.id, who="cán bộ thử")
        ids.append(document.id)
    return ids


def sign(ws: Workspace, document_ids: list[int], key_folder: Path) -> None:
    """Sign with the demo identity through the signing lane, as the app's sign action does."""
    from dossier.demo_identity import DEMO_P12_PASSWORD, demo_identity
    from dossier.signing_lane import Signer, SigningLane
    from signing.sign import SignOptions

    signer = Signer(p12=demo_identity(key_folder), secret=DEMO_P12_PASSWORD.decode(),
                    options=SignOptions(stamp="none"))
    errors: list[str] = []
    lane = SigningLane(ws, signer, lambda _id, error: errors.append(error) if error else None)
    lane.start()
    for document_id in document_ids:
        lane.submit(document_id)
    lane.finish()
    assert not errors, errors
    assert all(ws.get_document(i).state is DocumentState.SIGNED for i in document_ids)


def signed_documents(ws: Workspace, scratch: Path, count: int, *, keys: Path | None = None,
                     **kwargs: Any) -> list[int]:
    """``keys``: the folder of the demo key (made once there; making an RSA key costs ~1 s)."""
    ids = reviewed_documents(ws, scratch, count, **kwargs)
    sign(ws, ids, keys or scratch)
    return ids


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class FixedPortStore(StoreProcess):
    """The reference store in a child process (``StoreProcess``) on a port chosen before it
    first starts, so its URL can be configured first; ``stop()`` then ``start()`` brings it
    back at that URL, with the same data."""

    def __post_init__(self) -> None:
        self.port = self.port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def register(self, name: str = "máy trạm thử") -> StoreCredentials:
        client_id, secret = add_client(self.data_dir, name)
        return StoreCredentials(self.url, client_id, secret)

    def start(self, **options: Any) -> FixedPortStore:  # type: ignore[override]
        self.options = options or self.options
        super().start()
        return self


def stored_hashes(credentials: StoreCredentials) -> list[str]:
    """The store's side: the hash of every document it holds (a hash twice would be a duplicate)."""
    from datastore.client import StoreClient

    return [item["sha256"] for item in StoreClient(credentials).find_documents()]


def wait_until(condition, timeout: float = 15.0, step: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())
