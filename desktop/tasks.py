"""Background work for the desktop: run a core function off the UI thread, get its progress,
result or error back on the main thread, and cancel it.

The core (``dossier/``, ``ocr/``, ``scanner/``) takes ``progress`` callbacks and a ``cancel``
``threading.Event`` already; a task passes both to the function it runs::

    task = tasks.run(lambda progress, cancel: pipeline_run(ws, progress=progress, cancel=cancel),
                     on_success=show_summary, on_failure=show_error, on_progress=update_bar)
    ...
    task.cancel()

Handlers run on the main thread (the worker only emits Qt signals, delivered through queued
connections to a relay object living on the main thread), so they may touch widgets; the
worker never does. ``lane`` names a physical resource (``"scanner:<device>"``, ``"token"``,
``"uploader"``): the jobs of one lane run one after another on their own single-thread pool,
different lanes and unnamed jobs run in parallel — a scanner or a token serves one job at a time.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

T = TypeVar("T")
Progress = Callable[[Any], None]
Work = Callable[[Progress, threading.Event], T]


class _Relay(QObject):
    """Lives on the main thread; the worker emits, the relay's slots run the handlers there."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Task(QObject):
    """One background job: ``cancel()`` asks it to stop; the signals report how it went
    (on the main thread). ``done`` is True once a final signal was delivered."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception the work raised
    cancelled = Signal()  # the work raised after cancel() was asked
    finished = Signal()  # after any of the three above

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    # The relay's signals are connected to these: they run on the main thread.
    @Slot(object)
    def _on_progress(self, value: Any) -> None:
        if isinstance(value, _Latest):
            value = value.take()
        if not self.done:
            self.progressed.emit(value)

    @Slot(object)
    def _on_success(self, value: Any) -> None:
        self.result, self.done = value, True
        self.succeeded.emit(value)
        self.finished.emit()

    @Slot(object)
    def _on_failure(self, error: BaseException) -> None:
        self.error, self.done = error, True
        self.failed.emit(error)
        self.finished.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self.done = True
        self.cancelled.emit()
        self.finished.emit()


class _Latest:
    """Progress for a bar: a report made while the previous one still waits in the event queue
    replaces it, so a core reporting thousands of times a second queues one event, not thousands."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._lock = threading.Lock()
        self._value: Any = None
        self._queued = False

    def __call__(self, value: Any) -> None:  # worker thread
        with self._lock:
            self._value = value
            if self._queued:
                return
            self._queued = True
        self._relay.progressed.emit(self)

    def take(self) -> Any:  # main thread
        with self._lock:
            self._queued = False
            return self._value


class _Runnable(QRunnable):
    def __init__(self, work: Work[Any], relay: _Relay, cancel: threading.Event, latest_only: bool) -> None:
        super().__init__()
        self._work, self._relay, self._cancel = work, relay, cancel
        self._progress: Progress = _Latest(relay) if latest_only else relay.progressed.emit

    def run(self) -> None:  # on a worker thread: emit only, touch nothing else
        relay, cancel = self._relay, self._cancel
        if cancel.is_set():  # cancelled while waiting in its lane
            relay.cancelled.emit()
            return
        try:
            result = self._work(self._progress, cancel)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the main thread
            if cancel.is_set():
                relay.cancelled.emit()
            else:
                relay.failed.emit(exc)
            return
        relay.succeeded.emit(result)


class Tasks(QObject):
    """Runs background jobs; one per window (owned by it, so jobs die with the app)."""

    started = Signal(object)  # a Task: the status bar shows its progress

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads:
            self._pool.setMaxThreadCount(max_threads)
        self._lanes: dict[str, QThreadPool] = {}
        self._running: set[Task] = set()

    def run(self, work: Work[T], *, name: str = "", lane: str | None = None,
            on_success: Callable[[T], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[Any], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, latest_only: bool = False) -> Task:
        """Start ``work(progress, cancel)`` off the UI thread; the handlers run on the main thread.

        Every progress report is delivered, in order (a page scanned is a thumbnail to show);
        ``latest_only`` delivers only the newest when reports come faster than the UI takes
        them (a progress bar)."""
        task: Task = Task(name, self)
        relay = _Relay(task)  # child of the task: same (main) thread, lives as long as it
        relay.progressed.connect(task._on_progress)
        relay.succeeded.connect(task._on_success)
        relay.failed.connect(task._on_failure)
        relay.cancelled.connect(task._on_cancelled)
        for signal, handler in ((task.succeeded, on_success), (task.failed, on_failure),
                                (task.progressed, on_progress), (task.cancelled, on_cancelled)):
            if handler is not None:
                signal.connect(handler)
        self._running.add(task)
        # The task as the timer's context: a runner deleted in between (window closed) drops the call.
        task.finished.connect(lambda: QTimer.singleShot(0, task, lambda: self._release(task)))
        self._pool_for(lane).start(_Runnable(work, relay, task.cancel_event, latest_only))
        self.started.emit(task)
        return task

    def _release(self, task: Task) -> None:
        """A finished task leaves the runner (outside its own slots): it lives on only as long
        as the caller keeps it, so a day of thousands of jobs does not pile up QObjects."""
        self._running.discard(task)
        task.setParent(None)

    def _pool_for(self, lane: str | None) -> QThreadPool:
        if lane is None:
            return self._pool
        pool = self._lanes.get(lane)
        if pool is None:
            pool = self._lanes[lane] = QThreadPool(self)
            pool.setMaxThreadCount(1)
        return pool

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel every job and wait for the workers (at window close); True if all ended."""
        for task in self._running:
            task.cancel()
        ended = self._pool.waitForDone(timeout_ms)
        for pool in self._lanes.values():
            ended = pool.waitForDone(timeout_ms) and ended
        return ended
