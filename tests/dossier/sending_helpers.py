"""Helpers of the sending tests: signed documents made the way the app makes them (the signing
lane, with the demo identity), and the reference store on a loopback port that stays the same
across a restart (a workstation's configured URL does not change when the store comes back).
"""
from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datastore.credentials import StoreCredentials
from datastore.server import add_client
from dossier.model import DocumentState
from dossier.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
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
class FixedPortStore:
    """The reference store (``datastore.server.create_app``) in a child process on one port;
    ``stop()`` then ``start()`` brings it back at the same URL, with the same data."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    options: dict[str, Any] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def register(self, name: str = "máy trạm thử") -> StoreCredentials:
        client_id, secret = add_client(self.data_dir, name)
        return StoreCredentials(self.url, client_id, secret)

    def start(self, **options: Any) -> FixedPortStore:
        self.options = options or self.options
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.dossier.sending_helpers", str(self.data_dir), str(self.port),
             json.dumps(self.options)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)  # a store that never starts fails
        line = self.process.stdout.readline() if ready else "(no answer in 60 s)"
        if line.strip() != "ready":
            self.process.kill()
            raise RuntimeError(f"store did not start: {line!r}")
        return self

    def kill(self) -> None:
        """SIGKILL: the store dies as in a power cut, answering nothing more."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


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


def _serve(data_dir: str, port: str, options_json: str) -> None:
    import uvicorn

    from datastore.faults import FaultPlan
    from datastore.server import create_app

    options = json.loads(options_json)
    if "faults" in options:
        options["faults"] = FaultPlan(**options["faults"])
    app = create_app(Path(data_dir), **options)
    # IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted sockets only then (see store_process.py).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # the same port right after a stop
    sock.bind(("127.0.0.1", int(port)))
    sock.listen(64)
    print("ready", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off",
                                  timeout_graceful_shutdown=1)).run(sockets=[sock])


if __name__ == "__main__":
    _serve(sys.argv[1], sys.argv[2], sys.argv[3])
