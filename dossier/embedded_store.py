"""The reference data store run inside this process, on 127.0.0.1, for ``sohoa demo``.

The same server as ``sohoa store serve`` (datastore.server.create_app) under uvicorn in a
thread, on a port the kernel picks, so a demo never collides with a store already running.
The demo's client is registered in-process: its secret lives in memory only, never in a file.
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from datastore.credentials import StoreCredentials


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

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None
