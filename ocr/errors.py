"""Errors a person can act on: what happened, to which file and page, what to do next."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PageError(Exception):
    """A page (or a whole input file, when ``page`` is None) that could not be processed."""

    file: Path | str
    page: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}" if self.page is None else f"{self.file}, page {self.page}"
        return f"{where}: {self.reason}"


class JobCancelled(Exception):
    """The person cancelled the job; nothing was written."""
