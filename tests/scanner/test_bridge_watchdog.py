"""The worker bridge's failure handling, with misbehaving test doubles (tests/scanner/doubles.py)."""
from __future__ import annotations

import threading
import time

import psutil
import pytest

from scanner import DriverHung, PaperJam, ScanError, ScanSettings, Source, WorkerBridge

from .doubles import CrashingBackend, HangingBackend, JammingBackend, SlowFeederBackend

ADF = ScanSettings(source=Source.ADF, dpi=150)


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_hung_driver_is_killed_and_the_pages_already_read_survive():
    bridge = WorkerBridge(HangingBackend(good_pages=2), timeout=1.0)
    pages = []
    started = time.monotonic()
    with pytest.raises(DriverHung, match="stopped answering"):
        for page in bridge.scan("double:0", ADF):
            pages.append(page)
    assert time.monotonic() - started < 15
    assert [p.index for p in pages] == [0, 1]
    assert int(pages[1].image[0, 0]) == 1
    assert _gone(bridge.last_pid)


def test_cancel_of_a_hung_driver_ends_quietly():
    cancel = threading.Event()
    bridge = WorkerBridge(HangingBackend(good_pages=1), timeout=0.5)
    pages = []
    for page in bridge.scan("double:0", ADF, cancel):
        pages.append(page)
        cancel.set()
    assert len(pages) == 1
    assert _gone(bridge.last_pid)


def test_a_jam_after_two_pages_keeps_them_and_names_the_sheet():
    pages = []
    with pytest.raises(PaperJam) as info:
        for page in WorkerBridge(JammingBackend(good_pages=2)).scan("double:0", ADF):
            pages.append(page)
    assert len(pages) == 2 and info.value.page_index == 2


def test_a_crashing_driver_is_an_error_not_a_crash():
    pages = []
    with pytest.raises(ScanError, match="stopped unexpectedly"):
        for page in WorkerBridge(CrashingBackend(good_pages=1)).scan("double:0", ADF):
            pages.append(page)
    assert len(pages) == 1


def test_cancel_mid_batch_reaches_the_worker():
    cancel = threading.Event()
    bridge = WorkerBridge(SlowFeederBackend(), timeout=5)
    count = 0
    for _ in bridge.scan("double:0", ADF, cancel):
        count += 1
        if count == 3:
            cancel.set()
    assert 3 <= count <= 5
    assert _gone(bridge.last_pid)


def test_stopping_iteration_early_ends_the_worker():
    bridge = WorkerBridge(SlowFeederBackend(), timeout=5)
    scan = bridge.scan("double:0", ADF)
    next(scan)
    scan.close()
    assert _gone(bridge.last_pid)
