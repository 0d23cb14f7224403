"""A slow page is not a hang: SANE reports progress per line and the watchdog hears it."""
from __future__ import annotations

import time

from scanner import ColorMode, PageSize, SaneBackend, ScanSettings, Source, WorkerBridge

# The test device sleeps 0.2 s after every 64 KB it hands over: a 50 mm grey page at
# 300 dpi (348 KB) then takes about 1.2 s (measured), with data flowing in between.
SLOW = SaneBackend(extra_options=(("read_delay", True), ("read_delay_duration", 200_000)))


def test_pages_slower_than_the_watchdog_are_read_when_the_driver_reports_progress(sane_test_device):
    bridge = WorkerBridge(SLOW, timeout=0.5)
    scan = bridge.scan(sane_test_device, ScanSettings(Source.ADF, 300, ColorMode.GRAY, PageSize(50, 50)))
    first = next(scan)
    started = time.monotonic()
    second = next(scan)
    took = time.monotonic() - started
    scan.close()
    assert (first.index, second.index) == (0, 1)
    assert took > 2 * bridge.timeout  # silence this long would have been a hang
