"""A throw-away PostgreSQL cluster for the store's tests, from Debian's postgresql package.

It listens on a Unix socket in its own folder only (no TCP port to clash between
parallel test workers) and is removed afterwards. PostgreSQL refuses to run as root,
so under root the cluster runs as the ``postgres`` user the package creates.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


def _binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (Debian package postgresql); run ./setup.sh")
    return found


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    root: Path

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def start(self) -> "Cluster":
        data = self.root / "data"
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            for path in (self.root, self.socket_dir):
                os.chown(path, user.pw_uid, user.pw_gid)
        subprocess.run(_as_postgres([_binary("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                     "--no-sync", "-E", "UTF8"]), check=True, capture_output=True)
        options = f"-c listen_addresses='' -k {self.socket_dir} -c fsync=off -c max_connections=200"
        subprocess.run(_as_postgres([_binary("pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
                                     str(self.root / "log"), "start"]), check=True, capture_output=True)
        return self

    def stop(self) -> None:
        subprocess.run(_as_postgres([_binary("pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"store_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"postgresql://postgres@/postgres?host={self.socket_dir}", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@/{name}?host={self.socket_dir}"


def start_cluster() -> Cluster:
    root = Path(tempfile.mkdtemp(prefix="sohoa-pg-", dir="/tmp"))
    root.chmod(0o755)
    return Cluster(root).start()
