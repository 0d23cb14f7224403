"""Scan-to-folder: take files a network scanner drops into an inbox.

A scanner writes its file over seconds (SMB/FTP), so a file is taken only
when its size and mtime have stopped changing for ``settle_seconds``. The
original is never deleted: after every page was handed over it moves to
``done/``; a file that cannot be read moves to ``failed/`` with a
``<name>.reason.txt`` a clerk can read.
"""
from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .files import SUFFIXES, UnreadableFile, import_file
from .model import Page

DONE = "done"
FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: where the original went and, on failure, why."""

    source: Path
    moved_to: Path
    pages: int
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


class HotFolder:
    """Watches ``inbox`` (with watchdog) and hands each settled file's pages to ``on_page``.

    ``on_page(path, page)`` must return only after the page is safely written;
    if it raises, the original stays in the inbox and is retried later.
    """

    def __init__(
        self,
        inbox: Path,
        on_page: Callable[[Path, Page], None],
        settle_seconds: float = 2.0,
        pdf_dpi: int = 300,
        on_outcome: Callable[[Outcome], None] | None = None,
    ):
        self.inbox = Path(inbox)
        self.on_page = on_page
        self.on_outcome = on_outcome
        self.settle_seconds = settle_seconds
        self.pdf_dpi = pdf_dpi
        self._seen: dict[Path, tuple[int, int, float]] = {}  # path → (size, mtime_ns, stable since)
        self._wake = threading.Event()
        for sub in (DONE, FAILED):
            (self.inbox / sub).mkdir(parents=True, exist_ok=True)

    # -- one pass, usable without threads (tests, cron) ----------------------------

    def poll(self, now: float | None = None) -> list[Outcome]:
        """Process every file that has settled; return what happened to each."""
        now = time.monotonic() if now is None else now
        outcomes = []
        for path in sorted(self.inbox.iterdir()):
            if not path.is_file() or path.name.startswith("."):
                continue
            if self._settled(path, now):
                try:
                    outcomes.append(self.ingest(path))
                except Exception:  # noqa: BLE001 - the writer failed: keep the original, retry later
                    continue
        return outcomes

    def _settled(self, path: Path, now: float) -> bool:
        try:
            st = path.stat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return False
        key = (st.st_size, st.st_mtime_ns)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != key:
            self._seen[path] = (*key, now)
            return False
        return st.st_size > 0 and now - previous[2] >= self.settle_seconds

    def ingest(self, path: Path) -> Outcome:
        """Hand over every page of one file, then move the original out of the inbox."""
        self._seen.pop(path, None)
        if path.suffix.lower() not in SUFFIXES:
            return self._fail(path, 0, f"'{path.name}' is not a PNG, JPEG, TIFF or PDF file.")
        count = 0
        try:
            for page in import_file(path, self.pdf_dpi):
                self.on_page(path, page)
                count += 1
        except UnreadableFile as exc:
            return self._fail(path, count, str(exc))
        outcome = Outcome(path, _move(path, self.inbox / DONE), count)
        self._report(outcome)
        return outcome

    def _fail(self, path: Path, pages: int, reason: str) -> Outcome:
        target = _move(path, self.inbox / FAILED)
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        outcome = Outcome(path, target, pages, reason)
        self._report(outcome)
        return outcome

    def _report(self, outcome: Outcome) -> None:
        if self.on_outcome:
            self.on_outcome(outcome)

    # -- watching ------------------------------------------------------------------

    def run(self, stop: threading.Event, interval: float = 0.5) -> None:
        """Process files until ``stop`` is set; watchdog events wake the loop early."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        wake = self._wake

        class _Wake(FileSystemEventHandler):
            def on_any_event(self, event):  # noqa: D401 - watchdog callback
                wake.set()

        observer = Observer()
        observer.schedule(_Wake(), str(self.inbox), recursive=False)
        observer.start()
        try:
            while not stop.is_set():
                self.poll()
                # While a file is settling, look again soon; otherwise sleep until an event.
                wait = min(interval, self.settle_seconds) if self._seen else interval * 4
                wake.wait(wait)
                wake.clear()
        finally:
            observer.stop()
            observer.join(5)


def _move(path: Path, folder: Path) -> Path:
    """Move without overwriting: a second 'scan.pdf' becomes 'scan-1.pdf'."""
    target = folder / path.name
    n = 1
    while target.exists():
        target = folder / f"{path.stem}-{n}{path.suffix}"
        n += 1
    shutil.move(str(path), str(target))
    return target
