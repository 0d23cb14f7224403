"""The window keeps its UI thread free while long work runs (issue "Desktop 1": never frozen;
bench/gui_latency.py measures the event-loop gaps of a whole scan)."""
from __future__ import annotations

import threading
import time


def _ui_cpu_ms(qtbot, seconds: float) -> float:  # type: ignore[no-untyped-def]
    """CPU time of the UI thread (this one) while the event loop runs for ``seconds``."""
    started = time.thread_time()
    qtbot.wait(int(seconds * 1000))
    return (time.thread_time() - started) * 1000


def test_a_job_that_cannot_say_how_far_it_is_costs_the_ui_thread_nothing(open_window, qtbot) -> None:
    window = open_window()
    qtbot.waitUntil(lambda: window.warm_up.done, timeout=20000)  # its own start-up imports done
    idle = _ui_cpu_ms(qtbot, 1.0)
    release = threading.Event()
    total_known = threading.Event()

    def scan(progress, cancel: threading.Event) -> str:  # type: ignore[no-untyped-def]
        progress("page 1")  # a scan reports pages, never a total
        release.wait(10)
        progress((3, 50))
        total_known.wait(10)
        return "done"

    task = window.tasks.run(scan, name="Quét")
    qtbot.waitUntil(lambda: window.work_widget.isVisible(), timeout=5000)
    assert window.work_label.text() == "Quét" and window.cancel_button.isVisible()
    assert not window.progress.isVisible()  # no animated "busy" bar
    # The animated bar repainted some 50 times a second: 58 ms of this thread's CPU each second.
    busy = _ui_cpu_ms(qtbot, 1.0)
    assert busy < idle + 25, (idle, busy)
    release.set()
    qtbot.waitUntil(lambda: window.progress.isVisible(), timeout=5000)
    assert (window.progress.value(), window.progress.maximum()) == (3, 50)
    total_known.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    qtbot.waitUntil(lambda: not window.work_widget.isVisible(), timeout=2000)
