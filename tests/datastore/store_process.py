"""Run the real reference store in a child process on a free loopback port, so tests can SIGKILL it.

As a script: `python -m tests.datastore.store_process DATA_DIR OPTIONS_JSON` binds 127.0.0.1:0,
prints the port, then serves. The port comes from the kernel, so parallel xdist workers never clash.
"""
from __future__ import annotations

import json
import os
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

    def start(self) -> "StoreProcess":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.datastore.store_process", str(self.data_dir), json.dumps(self.options)],
            cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.strip().isdigit():
            self.process.kill()
            raise RuntimeError(f"store did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line)}"
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


def _main(data_dir: str, options_json: str) -> None:
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
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    print(sock.getsockname()[1], flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)).run(sockets=[sock])


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2])
