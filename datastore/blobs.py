"""The server's document files: written to a temp file, made durable, then moved into place atomically.

A file is fully on disk (fsynced, renamed, directory fsynced) before its catalog row exists,
so a crash can leave an unreferenced file or a temp file, never a row pointing at half a PDF.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.documents = root / "documents"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.documents.mkdir(parents=True, exist_ok=True)

    def clear_temp(self) -> int:
        """Remove uploads interrupted by a crash; called at start-up, before any request is served."""
        removed = 0
        for leftover in self.tmp.iterdir():
            leftover.unlink(missing_ok=True)
            removed += 1
        return removed

    def new_temp(self) -> tuple[BinaryIO, Path]:
        """Open a temp file on the same file system as the documents, so the final rename is atomic."""
        fd, name = tempfile.mkstemp(dir=self.tmp, suffix=".part")
        return os.fdopen(fd, "wb"), Path(name)

    def path(self, sha256: str) -> Path:
        return self.documents / sha256[:2] / f"{sha256}.pdf"

    def commit(self, temp: Path, sha256: str) -> Path:
        """Make a finished temp file durable under its hash (idempotent: same hash, same bytes)."""
        final = self.path(sha256)
        final.parent.mkdir(exist_ok=True)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)
        fsync_dir(final.parent)
        return final


def fsync_dir(path: Path) -> None:
    """Persist a rename: on Linux the directory entry is durable only after the directory is fsynced."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
