"""A scan batch as an operation, and one serial queue per scanner.

Design §2, after NAPS2's ScanController and Vorta's per-repository jobs: long work
is an operation with progress, cancel, success and failure, and jobs for the same
scanner run one after another while different scanners run in parallel. Nothing
here imports Qt: the desktop turns the callbacks into signals, `sohoa scan` waits.

A batch is a folder. Every page is written (fsynced, pagefile.write_page) under its
final name ``page-NNNN`` before anyone hears of it, and an operation on a folder that
already holds pages starts after the highest number. So a batch stopped by a jam, an
open cover or an unplugged cable keeps its pages, and the operation that continues
it appends; no page is ever overwritten.

Manual duplex (a single-sided feeder) is one operation with two passes: the fronts,
a ``TURN_OVER`` pause while the clerk turns the stack over, then the backs, each page
written straight to its place in reading order (collate.py).
"""
from __future__ import annotations

import logging
import queue
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from .backend import Backend, split_device_id
from .collate import back_position, front_position, mismatch
from .errors import DriverHung, PageNotSaved, ScanError, UnsupportedSetting
from .model import Page, ScanSettings, Side, Source
from .pagefile import PageFormat, page_filename, write_page

log = logging.getLogger(__name__)

BackendFor = Callable[[str], Backend]
PageListener = Callable[["ScanOperation", Path, Page], None]
StateListener = Callable[["ScanOperation"], None]

_PAGE_FILE = re.compile(r"^page-(\d{4,})\.(?:tif|png)$")


class OperationState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    TURN_OVER = "turn_over"  # manual duplex: fronts done, waiting for resume() after the stack is turned
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (OperationState.DONE, OperationState.FAILED, OperationState.CANCELLED)


def batch_pages(folder: Path) -> list[Path]:
    """The page files of the batch in ``folder``, in page order (half-written ``.part`` files excluded)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _PAGE_FILE.match(p.name))]
    return [p for _, p in sorted(found)]


def next_page_index(folder: Path) -> int:
    """0-based index for the next page: after the highest number, so a gap is never refilled."""
    pages = batch_pages(folder)
    return int(_PAGE_FILE.match(pages[-1].name).group(1)) if pages else 0  # page-0007 → index 7 is next


@dataclass(frozen=True)
class TwoPass:
    """Where a manual-duplex batch stands, so a continuation picks up the right pass and sheet."""

    first: int  # batch index of the first sheet's front
    fronts: int = 0
    backs: int = 0
    sheets: int | None = None  # fixed when the fronts pass ends


class ScanOperation:
    """One batch from one scanner into one folder.

    ``on_page(op, path, page)`` runs after each page is on disk (``page.index`` is its
    place in the batch); ``on_state(op)`` after each state change. Both run on the
    queue's thread for this scanner. ``error`` is the ScanError of a failed operation,
    with ``page_index`` rewritten to the batch page that was not read.
    """

    def __init__(
        self,
        device_id: str,
        settings: ScanSettings,
        folder: Path,
        *,
        fmt: PageFormat = PageFormat.TIFF,
        manual_duplex: bool = False,
        on_page: PageListener | None = None,
        on_state: StateListener | None = None,
        two_pass: TwoPass | None = None,
    ):
        split_device_id(device_id)  # refuse a malformed id now, not on the scanner's thread
        if manual_duplex and settings.source is Source.FLATBED:
            raise UnsupportedSetting("Two-pass duplex needs the document feeder, not the flatbed.",
                                     device_id=device_id, details={"setting": "source", "value": "flatbed"})
        self.device_id = device_id
        self.settings = settings
        self.folder = Path(folder)
        self.fmt = fmt
        self.manual_duplex = manual_duplex
        self.two_pass = two_pass
        self.state = OperationState.QUEUED
        self.error: ScanError | None = None
        self._on_page = on_page
        self._on_state = on_state
        self._written: dict[int, Path] = {}
        self._next_index: int | None = None  # the batch index the next page would take, for error reports
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._resume = threading.Event()
        self._finished = threading.Event()

    # -- what the GUI and the CLI call ------------------------------------------------

    @property
    def pages(self) -> list[Path]:
        """The pages this operation wrote, in batch order."""
        return [self._written[i] for i in sorted(self._written)]

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def saved_in_batch(self) -> int:
        """Pages of the whole batch on disk (earlier operations on the folder included)."""
        return len(batch_pages(self.folder))

    def cancel(self) -> None:
        """Stop after the page being read (a queued operation never starts). Pages stay."""
        self._cancel.set()
        self._resume.set()
        with self._lock:
            queued = self.state is OperationState.QUEUED
            if queued:
                self.state = OperationState.CANCELLED
        if queued:
            self._notify_state()
            self._finished.set()

    def resume(self) -> None:
        """Manual duplex: the clerk has turned the stack over and loaded the backs."""
        self._resume.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the operation finished; False if ``timeout`` passed first."""
        return self._finished.wait(timeout)

    def continuation(self, on_page: PageListener | None = None, on_state: StateListener | None = None) -> ScanOperation:
        """A new operation that carries on this batch (after the jam is cleared, the cover
        closed, the scanner plugged back in): same scanner, settings and folder, pages
        appended; a two-pass batch resumes the pass and sheet where it stopped."""
        return ScanOperation(
            self.device_id, self.settings, self.folder, fmt=self.fmt, manual_duplex=self.manual_duplex,
            on_page=on_page or self._on_page, on_state=on_state or self._on_state,
            two_pass=self.two_pass if self.manual_duplex else None,
        )

    # -- run on the scanner's queue thread -----------------------------------------------

    def run(self, backend_for: BackendFor) -> None:
        """Scan the batch now, on this thread; never raises (the outcome is in state/error)."""
        with self._lock:
            if self.state is not OperationState.QUEUED:
                return
            self.state = OperationState.RUNNING
        self._notify_state()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.manual_duplex:
                self._two_passes(backend_for)
            else:
                self._one_pass(backend_for)
        except ScanError as exc:
            self._finish(OperationState.FAILED, exc)
        except OSError as exc:  # the disk, not the scanner: the pages written so far stay
            self._finish(OperationState.FAILED, PageNotSaved(
                f"The page could not be saved in the batch folder ({exc.strerror or type(exc).__name__}). "
                "Free some disk space or choose another folder, then continue.",
                device_id=self.device_id, page_index=self._next_index, details={"reason": exc.strerror or ""},
            ))
        except Exception as exc:  # noqa: BLE001 - a bug must fail the batch, not kill the queue thread
            log.exception("scan operation failed unexpectedly")
            self._finish(OperationState.FAILED, ScanError(
                f"The scan stopped on an unexpected error: {type(exc).__name__}.", device_id=self.device_id,
            ))
        else:
            self._finish(OperationState.CANCELLED if self._cancel.is_set() else OperationState.DONE)

    def _one_pass(self, backend_for: BackendFor) -> None:
        first = next_page_index(self.folder)
        count = 0
        self._next_index = first
        with closing(self._read(backend_for, self.settings)) as pages:
            for page in pages:
                self._save(page, first + count, page.side)
                count += 1
                self._next_index = first + count

    def _two_passes(self, backend_for: BackendFor) -> None:
        progress = self.two_pass or TwoPass(first=next_page_index(self.folder))
        self.two_pass = progress
        settings = replace(self.settings, source=Source.ADF)  # each pass is one side through the feeder
        if progress.sheets is None:
            self._next_index = front_position(progress.first, progress.fronts)
            with closing(self._read(backend_for, settings)) as pages:
                for page in pages:
                    self._save(page, front_position(progress.first, progress.fronts), Side.FRONT)
                    progress = self.two_pass = replace(progress, fronts=progress.fronts + 1)
                    self._next_index = front_position(progress.first, progress.fronts)
            if self._cancel.is_set():
                return
            progress = self.two_pass = replace(progress, sheets=progress.fronts)
            if not self._turn_over():
                return
        sheets = progress.sheets
        assert sheets is not None
        if progress.backs < sheets:
            self._next_index = back_position(progress.first, sheets, progress.backs)
        with closing(self._read(backend_for, settings)) as pages:
            for page in pages:
                index = back_position(progress.first, sheets, progress.backs)  # more backs than fronts: refused
                self._save(page, index, Side.BACK)
                progress = self.two_pass = replace(progress, backs=progress.backs + 1)
                if progress.backs < sheets:
                    self._next_index = back_position(progress.first, sheets, progress.backs)
        if progress.backs != sheets and not self._cancel.is_set():
            raise mismatch(sheets, progress.backs)

    def _turn_over(self) -> bool:
        """Pause between the passes until the clerk resumes; False when cancelled instead."""
        self._set_state(OperationState.TURN_OVER)
        self._resume.wait()
        if self._cancel.is_set():
            return False
        self._set_state(OperationState.RUNNING)
        return True

    def _read(self, backend_for: BackendFor, settings: ScanSettings) -> Iterator[Page]:
        """The driver's pages; its errors name this scanner and the batch page that was not read."""
        backend = backend_for(self.device_id)
        try:
            yield from backend.scan(self.device_id, settings, self._cancel)
        except ScanError as exc:
            exc.device_id = exc.device_id or self.device_id
            if exc.page_index is not None or isinstance(exc, DriverHung):  # the sheet being read
                exc.page_index = self._next_index
            raise

    def _save(self, page: Page, index: int, side: Side) -> None:
        name = page_filename(index, self.fmt)
        try:
            path = write_page(page, self.folder, self.fmt, name=name)
        except FileExistsError:  # another program wrote into the batch: keep its file, stop
            raise PageNotSaved(f"'{name}' already exists in the batch folder; it was kept and the scan stopped.",
                               device_id=self.device_id, page_index=index, details={"reason": "exists"}) from None
        self._written[index] = path
        if self._on_page:
            try:
                self._on_page(self, path, replace(page, index=index, side=side))
            except Exception:  # noqa: BLE001 - a listener's bug must not stop the scanner
                log.exception("page listener failed")

    # -- state --------------------------------------------------------------------------------

    def _set_state(self, state: OperationState) -> None:
        with self._lock:
            self.state = state
        self._notify_state()

    def _finish(self, state: OperationState, error: ScanError | None = None) -> None:
        self.error = error
        self._set_state(state)
        self._finished.set()

    def _notify_state(self) -> None:
        if self._on_state:
            try:
                self._on_state(self)
            except Exception:  # noqa: BLE001
                log.exception("state listener failed")


def _default_backend(device_id: str) -> Backend:
    from .service import make_backend  # service is the one driver factory; it does not import this module

    return make_backend(split_device_id(device_id)[0])


class ScannerQueue:
    """One serial lane (a thread) per scanner: operations for the same device run one after
    another, different devices in parallel. ``backend_for(device_id)`` gives the driver for
    each pass (by default the factory's, behind a WorkerBridge)."""

    def __init__(self, backend_for: BackendFor | None = None):
        self._backend_for = backend_for or _default_backend
        self._lanes: dict[str, tuple[queue.Queue, threading.Thread]] = {}
        self._ops: list[ScanOperation] = []
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, operation: ScanOperation) -> ScanOperation:
        """Queue ``operation`` behind the others for its scanner; returns it."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the scanner queue is closed")
            if operation.state is not OperationState.QUEUED or operation in self._ops:
                raise ValueError("an operation runs once; use continuation() for the next one")
            lane = self._lanes.get(operation.device_id)
            if lane is None:
                jobs: queue.Queue = queue.Queue()
                thread = threading.Thread(target=self._drain, args=(jobs,), daemon=True,
                                          name=f"sohoa-scan-{operation.device_id}")
                lane = self._lanes[operation.device_id] = (jobs, thread)
                thread.start()
            self._ops = [op for op in self._ops if not op.finished] + [operation]
            lane[0].put(operation)
        return operation

    def pending(self, device_id: str | None = None) -> list[ScanOperation]:
        """Operations not finished yet, in submission order."""
        with self._lock:
            return [op for op in self._ops if not op.finished and (device_id is None or op.device_id == device_id)]

    def close(self, timeout: float | None = 30.0) -> None:
        """Cancel what is queued or running and stop the lanes (pages already written stay)."""
        with self._lock:
            self._closed = True
            ops, lanes = list(self._ops), list(self._lanes.values())
        for op in ops:
            op.cancel()
        for jobs, _ in lanes:
            jobs.put(None)
        for _, thread in lanes:
            thread.join(timeout)

    def _drain(self, jobs: queue.Queue) -> None:
        while (op := jobs.get()) is not None:
            op.run(self._backend_for)
