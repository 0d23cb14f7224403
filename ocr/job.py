"""An OCR job: many input files in, one searchable PDF out.

Pages run in a pool of worker processes, one Tesseract per core with
``OMP_THREAD_LIMIT=1`` (Debian's OpenMP build is 2-3x slower on 2 cores otherwise).
Each worker loads its page from the input file, cleans it, recognises it and writes a
one-page PDF to the job's temporary folder; the main process only collects small
reports and finally copies the pages into the output. A worker that crashes takes only
its page down: the unfinished pages are retried one at a time to find it.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from ocr.errors import JobCancelled, PageError
from ocr.pdfa import PageSource, assemble
from ocr.report import OcrOptions, OcrReport, PageReport
from ocr.sources import Kind, PageRef, list_pages

Progress = Callable[[int, int, PageReport], None]


def run_ocr(inputs: Sequence[Path | str], output: Path | str, options: OcrOptions = OcrOptions(),
            *, progress: Progress | None = None, cancel: threading.Event | None = None) -> OcrReport:
    """OCR ``inputs`` into one PDF at ``output``; raise ``PageError`` unless ``keep_going``.

    ``progress(done, total, page)`` is called in this thread as each page finishes;
    setting ``cancel`` stops the job (``JobCancelled``) and writes nothing.
    """
    started = time.monotonic()
    output = Path(output)
    if not output.parent.exists():
        raise PageError(output, None, "the output folder does not exist")
    errors: list[str] = []
    refs: list[PageRef] = []
    for item in inputs:
        try:
            refs.extend(list_pages(Path(item), force=options.force))
        except PageError as exc:
            if not options.keep_going:
                raise
            errors.append(str(exc))
    reports = [PageReport(number=i + 1, source=str(ref.path), source_page=ref.index + 1) for i, ref in enumerate(refs)]
    engine_name = _resolve_engine(options.engine)
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as workdir:
        todo = [i for i, ref in enumerate(refs) if ref.kind is not Kind.PDF_TEXT]
        done = 0
        for i, ref in enumerate(refs):
            if ref.kind is not Kind.PDF_TEXT:
                continue
            reports[i].status = "kept_text"
            if options.pdfa:
                reports[i].warnings.append("page already had text and was kept as it is; "
                                           "its PDF/A conformance depends on the original")
            done += 1
            if progress:
                progress(done, len(refs), reports[i])
        for i, result in _run_pages([refs[i] for i in todo], todo, Path(workdir), options, engine_name, cancel):
            reports[i] = _merge(reports[i], result)
            done += 1
            if progress:
                progress(done, len(refs), reports[i])
        failed = [r for r in reports if r.status == "failed"]
        errors.extend(f"{Path(r.source).name}, page {r.source_page}: {r.error}" for r in failed)
        if failed and not options.keep_going:
            first = failed[0]
            raise PageError(first.source, first.source_page, first.error or "failed")
        if cancel is not None and cancel.is_set():
            raise JobCancelled()
        sources: list[PageSource] = []
        for ref, report in zip(refs, reports):
            if report.blank and options.drop_blank:
                report.dropped = True
                continue
            if report.status == "kept_text":
                sources.append(PageSource(ref.path, ref.index, ocr_layer=False))
            elif report.pdf:
                sources.append(PageSource(Path(report.pdf), 0))
        if not sources:
            raise PageError(output, None, "no page could be read from the input" +
                            (f" ({errors[0]})" if errors else ""))
        size = assemble(sources, output, title=options.title or output.stem, pdfa=options.pdfa,
                        created=dt.datetime.now().astimezone())
    return OcrReport(output=str(output), pages=reports, errors=errors, seconds=time.monotonic() - started,
                     bytes=size, pdfa=options.pdfa, engine=engine_name)


def _resolve_engine(name: str) -> str:
    from ocr.engine import available_engines

    if name != "auto":
        return name
    names = available_engines()
    if not names:
        raise PageError("tesseract", None, "Tesseract is not installed; run the setup script")
    return names[0]


def _merge(report: PageReport, result: PageReport) -> PageReport:
    result.number, result.source, result.source_page = report.number, report.source, report.source_page
    return result


# ---------------------------------------------------------------- the pool

def _run_pages(refs: list[PageRef], numbers: list[int], workdir: Path, options: OcrOptions, engine: str,
               cancel: threading.Event | None):
    """Yield (job index, PageReport) as pages finish, isolating pages that crash a worker."""
    if not refs:
        return
    pending = dict(zip(numbers, refs))
    try:
        yield from _pool_pass(pending, workdir, options, engine, options.workers, cancel)
    except BrokenProcessPool:
        # A worker died (a crash in Tesseract or OpenCV): run what is left one page
        # per fresh worker, so exactly the page that kills it fails.
        for number in sorted(pending):
            single = {number: pending[number]}
            try:
                yield from _pool_pass(single, workdir, options, engine, 1, cancel)
            except BrokenProcessPool:
                yield number, _crashed(pending.pop(number), workdir, options, cancel)


def _pool_pass(pending: dict[int, PageRef], workdir: Path, options: OcrOptions, engine: str, workers: int,
               cancel: threading.Event | None):
    ctx = get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=ctx,
                               initializer=_init_worker, initargs=(engine, options.language))
    finished_cleanly = False
    try:
        futures: dict[Future, int] = {}
        queue = sorted(pending)
        # Keep only a few pages in flight, so cancel is quick and memory stays flat.
        limit = workers * 2
        while queue or futures:
            while queue and len(futures) < limit:
                number = queue.pop(0)
                futures[pool.submit(_process_page, pending[number], number, str(workdir), options)] = number
            finished, _ = wait(futures, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel.is_set():
                raise JobCancelled()
            for future in finished:
                number = futures.pop(future)
                result = future.result()  # BrokenProcessPool propagates to the caller
                pending.pop(number, None)
                yield number, result
        finished_cleanly = True
    finally:
        _shutdown(pool, kill=not finished_cleanly)


def _shutdown(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    """Stop the pool; on cancel or failure, end its workers at once instead of waiting."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=not kill, cancel_futures=True)
    if kill:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def _crashed(ref: PageRef, workdir: Path, options: OcrOptions, cancel: threading.Event | None) -> PageReport:
    """Keep the page image of a page whose OCR crashes the worker, without a text layer."""
    image_only = replace(options, engine="none")
    try:
        for _, report in _pool_pass({0: ref}, workdir, image_only, "none", 1, cancel):
            report.status = "failed"
            report.error = "Tesseract crashed on this page; the page image is kept without text"
            return report
    except BrokenProcessPool:
        pass
    report = PageReport(number=0, source=str(ref.path), source_page=ref.index + 1, status="failed")
    report.error = "the page could not be processed: the worker crashed even without OCR"
    return report


# ---------------------------------------------------------------- in the worker

_engine = None
# Workers run at a lower CPU priority than the process that started them, so the desktop's
# UI thread and a scanner's driver are served first when the cores are busy; on a machine
# doing nothing else they still get all of it (bench/process_bench.py, README).
WORKER_NICENESS = 5


def _init_worker(engine: str, language: str) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _lower_priority()
    _exit_with_parent()
    import cv2

    cv2.setNumThreads(1)
    global _engine
    if engine == "none":
        _engine = None
        return
    _engine = _load_engine(engine, language)


def _lower_priority() -> None:
    if hasattr(os, "nice"):
        try:
            os.nice(WORKER_NICENESS)
        except OSError:
            pass  # not allowed here: the worker runs at its parent's priority
    else:  # Windows
        try:
            import ctypes

            below_normal = 0x4000
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        except (AttributeError, OSError):
            pass


def _exit_with_parent() -> None:
    """End this worker when the process that started it is gone.

    A job killed outright (kill -9, a crash) leaves its workers waiting on the task queue
    forever: each holds that queue's pipe open itself, so no end-of-file ever comes
    (measured: still there minutes later). Once a second the worker checks its parent.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="sohoa-ocr-parent").start()


def _load_engine(name: str, language: str):
    if ":" in name:
        import importlib

        module, _, attr = name.partition(":")
        return getattr(importlib.import_module(module), attr)(language)
    from ocr.engine import make_engine

    return make_engine(name, language)


def _process_page(ref: PageRef, number: int, workdir: str, options: OcrOptions) -> PageReport:
    from ocr.page import process_page

    try:
        return process_page(ref, number, Path(workdir), options, _engine)
    finally:
        _release_memory()


def _ready() -> None:
    """A worker's first task from ``OcrPool.start``: nothing, once the initializer has run."""


def _release_memory() -> None:
    """Give the page's freed memory back to the system between pages.

    glibc keeps freed blocks of up to 32 MB in the process heap once it has seen one
    freed, so without this a worker's footprint ratchets up to its worst page.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (Windows, macOS, musl): nothing to do


# ---------------------------------------------------------------- split analysis

def analyse_pages(refs: Sequence[PageRef], workers: int = 0):  # -> list[ocr.separators.PageAnalysis | PageError]
    """The blank score and separator marks of each page (``ocr.separators.analyse_page``), in
    worker processes, in order; a page that cannot be read gives its ``PageError``.

    Decoding a 300 dpi page is most of the cost (about 90 ms of the ~100 ms a page, measured on
    the benchmark's PNG and JPEG pages), so a stack of pages read in the main process held up
    the caller's thread (the desktop's UI, ``sohoa process --split``) while the cores idled.
    """
    refs = list(refs)
    if len(refs) <= 2:  # starting workers (~0.3 s) costs more than two pages
        return [_analyse_page(ref) for ref in refs]
    count = max(1, min(workers or OcrOptions().workers, len(refs)))
    pool = ProcessPoolExecutor(max_workers=count, mp_context=get_context("spawn"),
                               initializer=_init_worker, initargs=("none", "vie"))
    try:
        return list(pool.map(_analyse_page, refs, chunksize=2))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _analyse_page(ref: PageRef):  # -> PageAnalysis | PageError
    from ocr.loading import load_page
    from ocr.separators import analyse_page

    try:
        loaded = load_page(ref)
    except PageError as exc:
        return exc
    try:
        return analyse_page(loaded.image, loaded.dpi)
    finally:
        del loaded
        _release_memory()


# ---------------------------------------------------------------- a pool that stays up

@dataclass(frozen=True)
class PageJob:
    """One page for :class:`OcrPool`: the worker writes ``workdir/page-<number>.pdf``."""

    key: Hashable  # the caller's name for the page (a workspace page id)
    ref: PageRef
    number: int
    workdir: Path


class OcrPool:
    """Worker processes that stay up from one document to the next.

    ``run_ocr`` starts its workers per call, which costs about 0.6 s on 2 cores (spawn,
    OpenCV, loading the Vietnamese model: measured with a one-page job), as much as the
    OCR of a page; a batch of one-page documents would pay it per document. The pages
    go through the same chain (``ocr.page.process_page``) and the same crash isolation:
    when a worker dies, the pages it may have held are run one per fresh worker, so
    only the page that kills it fails, and keeps its image without text.

    ``submit`` may be called from any thread; ``results`` from one consumer thread.
    """

    def __init__(self, options: OcrOptions = OcrOptions()) -> None:
        self.options = options
        self.engine = _resolve_engine(options.engine)
        self._executor: ProcessPoolExecutor | None = None
        self._waiting: list[PageJob] = []
        self._inflight: dict[Future, PageJob] = {}
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.close(kill=kind is not None)

    @property
    def pending(self) -> int:
        """Pages submitted whose result has not been returned yet."""
        with self._lock:
            return len(self._waiting) + len(self._inflight)

    def submit(self, job: PageJob) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the OCR pool is closed")
            self._waiting.append(job)

    def results(self, timeout: float | None = None) -> list[tuple[PageJob, PageReport]]:
        """Pages finished within ``timeout`` seconds (at least one unless it expired); [] when idle."""
        self._top_up()
        if not self._inflight:
            return []
        finished, _ = wait(list(self._inflight), timeout=timeout, return_when=FIRST_COMPLETED)
        out: list[tuple[PageJob, PageReport]] = []
        suspects: list[PageJob] = []
        for future in finished:
            job = self._inflight.pop(future)
            try:
                out.append((job, future.result()))
            except BrokenProcessPool:
                suspects.append(job)
        if suspects:
            # Every page in flight may be the one that killed the worker.
            suspects.extend(self._inflight.values())
            self._inflight.clear()
            self._stop(kill=True)
            out.extend((job, self._isolated(job)) for job in sorted(suspects, key=lambda j: j.number))
        return out

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers; ``kill`` ends them at once (cancel), pages in flight are dropped."""
        with self._lock:
            self._closed = True
            self._waiting.clear()
        self._inflight.clear()
        self._stop(kill=kill)

    def start(self) -> None:
        """Start the workers now rather than at the first page: spawning them and loading the
        OCR model take about 0.6 s, which they then spend while the caller gets ready (``sohoa
        process`` imports the signing stack and opens the token meanwhile)."""
        with self._lock:
            if self._closed or self._executor is not None:
                return
            self._executor = self._new_executor()
            for _ in range(self.options.workers):  # one task each, so each worker is spawned
                self._executor.submit(_ready)

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.options.workers, mp_context=get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.engine, self.options.language))

    def _top_up(self) -> None:
        # Only a few pages in flight: cancel is quick, memory stays flat.
        limit = self.options.workers * 2
        with self._lock:
            while self._waiting and len(self._inflight) < limit:
                job = self._waiting.pop(0)
                if self._executor is None:
                    self._executor = self._new_executor()
                args = (_process_page, job.ref, job.number, str(job.workdir), self.options)
                try:
                    future = self._executor.submit(*args)
                except BrokenProcessPool:  # a worker started by ``start`` died before any page
                    _shutdown(self._executor, kill=True)
                    self._executor = self._new_executor()
                    future = self._executor.submit(*args)
                self._inflight[future] = job

    def _stop(self, *, kill: bool) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            _shutdown(executor, kill=kill)

    def _isolated(self, job: PageJob) -> PageReport:
        """The page alone in a fresh worker; image only when it crashes that one too."""
        try:
            for _, report in _pool_pass({job.number: job.ref}, job.workdir, self.options, self.engine, 1, None):
                return report
        except BrokenProcessPool:
            pass
        image_only = replace(self.options, engine="none")
        try:
            for _, report in _pool_pass({job.number: job.ref}, job.workdir, image_only, "none", 1, None):
                report.status = "failed"
                report.error = "Tesseract crashed on this page; the page image is kept without text"
                return report
        except BrokenProcessPool:
            pass
        return PageReport(number=job.number, source=str(job.ref.path), source_page=job.ref.index + 1,
                          status="failed", error="the page could not be processed: the worker crashed even without OCR")
