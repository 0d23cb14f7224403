"""The reference data store run inside this process, on 127.0.0.1, for ``sohoa demo``.

The same server as ``sohoa store serve`` (datastore.server.create_app) under uvicorn in a
thread, on a port the kernel picks, so a demo never collides with a store already running.
Clients are registered in-process: a secret is never written to a file. The app's own client
(``workstation_client``) is the same at every start: its id is kept beside the store's data
(an id is no secret), its secret in the OS keyring (``dossier.store_secret``), so the store
does not gain an account each time the app opens.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

from datastore.credentials import StoreCredentials
from dossier.workspace import write_durably

CLIENT_FILE = "workstation-client.json"  # {"client_id": ..., "name": ...}: the app's account here, no secret


class EmbeddedStore:
    """``with EmbeddedStore(folder) as store:`` serves until the block ends; ``store.url``."""

    def __init__(self, data_dir: Path, *, host: str = "127.0.0.1") -> None:
        self.data_dir = Path(data_dir)
        self.host = host
        self.url = ""
        self._server: object | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> EmbeddedStore:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 20.0) -> None:
        import uvicorn

        from datastore.server import create_app

        app = create_app(self.data_dir)
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted sockets only then; without it
        # every keep-alive request waits ~40 ms for a delayed ACK (measured in the store's tests).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind((self.host, 0))
        sock.listen(64)
        port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                                        name="sohoa-embedded-store")
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the embedded data store did not start")
            time.sleep(0.02)
        self.url = f"http://{self.host}:{port}"

    def register_client(self, name: str) -> StoreCredentials:
        """A workstation account on this store; the secret is only in the returned value."""
        from datastore.server import add_client

        client_id, secret = add_client(self.data_dir, name)
        return StoreCredentials(self.url, client_id, secret)

    def workstation_client(self, name: str) -> StoreCredentials:
        """This workstation's account on the store: the one kept from the previous start when
        its secret is still in the keyring and the store still accepts it, else a new one (kept
        for the next start: its secret in the keyring, or for this session only without one,
        when the next start registers again)."""
        from datastore.auth import check_client
        from datastore.server import open_catalog

        from dossier.store_secret import forget_secret, keep_secret, kept_secret

        kept = kept_client_id(self.data_dir)
        if kept:
            secret = kept_secret(kept)
            if secret and check_client(open_catalog(self.data_dir), kept, secret):
                return StoreCredentials(self.url, kept, secret)
            forget_secret(kept)  # a secret the store no longer knows is of no use to keep
        credentials = self.register_client(name)
        keep_secret(credentials.client_id, credentials.client_secret)
        record = {"client_id": credentials.client_id, "name": name}
        write_durably(json.dumps(record, ensure_ascii=False).encode("utf-8"), self.data_dir / CLIENT_FILE)
        return credentials

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None


def kept_client_id(data_dir: Path) -> str | None:
    """The id of the app's account on the embedded store in ``data_dir`` (None: none kept yet)."""
    try:
        value = json.loads((Path(data_dir) / CLIENT_FILE).read_text(encoding="utf-8")).get("client_id")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None


def forget_workstation_client(data_dir: Path) -> None:
    """Before the store in ``data_dir`` is deleted (``sohoa demo`` empties its folder): remove
    its account's secret from the keyring, which would otherwise outlive the store."""
    from dossier.store_secret import forget_secret

    kept = kept_client_id(data_dir)
    if kept:
        forget_secret(kept)
