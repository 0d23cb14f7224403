"""Run the real reference store in a child process on a free loopback port, so tests can SIGKILL it.

As a script: `python -m tests.datastore.store_process DATA_DIR OPTIONS_JSON [PORT]` binds
127.0.0.1:PORT (default 0: the kernel's choice, so parallel xdist workers never clash), prints the
port, then serves. A second ``start()`` binds the port of the first: the store comes back at the
same URL with the same data.
"""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


@dataclass
class StoreProcess:
    data_dir: Path
    options: dict[str, Any] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None
    url: str = ""
    port: int = 0  # 0 until the first start: the kernel's choice

    def start(self) -> "StoreProcess":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.datastore.store_process", str(self.data_dir), json.dumps(self.options),
             str(self.port)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)  # a store that never starts fails
        line = self.process.stdout.readline() if ready else "(no answer in 60 s)"
        if not line.strip().isdigit():
            self.process.kill()
            raise RuntimeError(f"store did not start: {line!r}")
        self.port = int(line)
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as in a power cut."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()


def _main(data_dir: str, options_json: str, port: str = "0") -> None:
    import uvicorn

    from datastore.faults import FaultPlan
    from datastore.server import create_app

    options = json.loads(options_json)
    if "faults" in options:
        options["faults"] = FaultPlan(**options["faults"])
    app = create_app(Path(data_dir), **options)
    # proto must be IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY on accepted sockets only
    # then, and without it every keep-alive request waits ~40 ms for a delayed ACK (measured).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # the same port right after a stop
    sock.bind(("127.0.0.1", int(port)))
    sock.listen(64)
    print(sock.getsockname()[1], flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)).run(sockets=[sock])


if __name__ == "__main__":
    _main(*sys.argv[1:4])
