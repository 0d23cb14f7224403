"""The background helper: work runs off the UI thread, its outcome arrives on the main thread."""
from __future__ import annotations

import threading

import pytest

from desktop.tasks import Tasks


@pytest.fixture
def tasks(qapp):  # type: ignore[no-untyped-def]
    runner = Tasks()
    yield runner
    assert runner.shutdown(5000)


def test_result_and_progress_arrive_on_the_main_thread(qtbot, tasks: Tasks) -> None:
    seen: dict[str, object] = {}
    progress: list[tuple[int, bool]] = []

    def work(report, cancel):  # type: ignore[no-untyped-def]
        seen["worker"] = threading.current_thread()
        for step in range(3):
            report(step)
        return sum(range(10))

    task = tasks.run(work, on_progress=lambda v: progress.append((v, threading.current_thread() is threading.main_thread())),
                     on_success=lambda v: seen.update(result=v, on_main=threading.current_thread() is threading.main_thread()))
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert seen["result"] == 45 and seen["on_main"] is True
    assert seen["worker"] is not threading.main_thread()
    assert progress == [(0, True), (1, True), (2, True)]


def test_an_error_arrives_on_the_main_thread(qtbot, tasks: Tasks) -> None:
    caught: list[tuple[BaseException, bool]] = []

    def work(report, cancel):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device", "trang-3.png")

    task = tasks.run(work, on_failure=lambda e: caught.append((e, threading.current_thread() is threading.main_thread())),
                     on_success=lambda v: pytest.fail("no result expected"))
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    (error, on_main), = caught
    assert isinstance(error, OSError) and error.filename == "trang-3.png" and on_main


def test_cancel_stops_the_work_and_reports_it(qtbot, tasks: Tasks) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(report, cancel: threading.Event):  # type: ignore[no-untyped-def]
        started.set()
        if not cancel.wait(10):  # a core function polls its cancel Event like this
            return "ran to the end"
        raise RuntimeError("cancelled")

    task = tasks.run(work, on_cancelled=lambda: outcome.append("cancelled"),
                     on_success=outcome.append, on_failure=lambda e: outcome.append("failed"))
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert outcome == ["cancelled"] and task.is_cancelled


def test_jobs_of_one_lane_run_one_after_another(qtbot, tasks: Tasks) -> None:
    """A scanner serves one job at a time: the second waits for the first, even when the pool is free."""
    inside = []
    overlap = []
    lock = threading.Lock()
    first_in = threading.Event()
    release = threading.Event()

    def work(report, cancel):  # type: ignore[no-untyped-def]
        with lock:
            inside.append(1)
            overlap.append(len(inside))
        first_in.set()
        release.wait(5)
        with lock:
            inside.pop()
        return True

    one = tasks.run(work, lane="scanner:test")
    two = tasks.run(work, lane="scanner:test")
    assert first_in.wait(5)
    qtbot.wait(50)  # give a wrongly parallel second job the time to enter
    assert overlap == [1]
    release.set()
    qtbot.waitUntil(lambda: one.done and two.done, timeout=5000)
    assert overlap == [1, 1]


def test_a_job_cancelled_while_waiting_in_its_lane_never_runs(qtbot, tasks: Tasks) -> None:
    release = threading.Event()
    ran: list[str] = []
    first = tasks.run(lambda report, cancel: release.wait(5), lane="token")
    second = tasks.run(lambda report, cancel: ran.append("second"), lane="token")
    second.cancel()
    release.set()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=5000)
    assert ran == [] and second.is_cancelled


def test_a_flood_of_progress_reports_reaches_a_bar_as_its_latest_values(qtbot, tasks: Tasks) -> None:
    seen: list[int] = []

    def work(report, cancel):  # type: ignore[no-untyped-def]
        for n in range(1, 100_001):
            report(n)
        return "done"

    task = tasks.run(work, latest_only=True, on_progress=seen.append)
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert seen[-1] == 100_000 and seen == sorted(seen)
    assert len(seen) < 10_000  # not one queued event per report


def test_finished_tasks_do_not_pile_up(qtbot, tasks: Tasks) -> None:
    from desktop.tasks import Task

    handles = [tasks.run(lambda report, cancel, n=n: n) for n in range(200)]
    qtbot.waitUntil(lambda: all(t.done for t in handles), timeout=10_000)
    qtbot.waitUntil(lambda: not tasks.running, timeout=2000)
    assert [t.result for t in handles] == list(range(200))  # a handle kept by the caller still answers
    assert not [c for c in tasks.children() if isinstance(c, Task)]
