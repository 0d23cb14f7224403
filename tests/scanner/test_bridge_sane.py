"""The SANE driver behind the WorkerBridge: the production path, one fresh process per operation."""
from __future__ import annotations

import threading

import pytest

from scanner import (
    ColorMode,
    CoverOpen,
    DeviceBusy,
    FeederEmpty,
    PageSize,
    PaperJam,
    SaneBackend,
    ScanSettings,
    Source,
    WorkerBridge,
)

SMALL = PageSize(50, 50)


def test_devices_and_capabilities_through_the_worker(sane_test_device):
    bridge = WorkerBridge(SaneBackend())
    assert sane_test_device in [d.id for d in bridge.list_devices()]
    assert Source.ADF in bridge.capabilities(sane_test_device).sources


def test_adf_pages_stream_until_the_feeder_is_empty(sane_test_device):
    settings = ScanSettings(Source.ADF, 300, ColorMode.COLOR, SMALL)
    pages = list(WorkerBridge(SaneBackend()).scan(sane_test_device, settings))
    assert [p.index for p in pages] == list(range(10))  # the test device's feeder holds 10 sheets
    h, w, c = pages[0].image.shape
    assert abs(h - 591) <= 1 and abs(w - 591) <= 1 and c == 3 and pages[0].dpi == 300


@pytest.mark.parametrize(
    ("status", "error", "source"),
    [
        ("SANE_STATUS_JAMMED", PaperJam, Source.ADF),
        ("SANE_STATUS_NO_DOCS", FeederEmpty, Source.ADF),
        ("SANE_STATUS_COVER_OPEN", CoverOpen, Source.FLATBED),
        ("SANE_STATUS_DEVICE_BUSY", DeviceBusy, Source.FLATBED),
    ],
)
def test_device_errors_reach_the_caller_as_clerk_errors(sane_test_device, status, error, source):
    bridge = WorkerBridge(SaneBackend(extra_options=(("read_return_value", status),)))
    with pytest.raises(error) as info:
        list(bridge.scan(sane_test_device, ScanSettings(source, 150, ColorMode.GRAY, SMALL)))
    assert info.value.page_index == 0 and info.value.device_id == sane_test_device


def test_cancel_mid_batch_stops_the_feeder(sane_test_device):
    cancel = threading.Event()
    pages = []
    settings = ScanSettings(Source.ADF, 75, ColorMode.GRAY, SMALL)
    # The test device's reads are slowed to 0.2 s, as a real feeder's sheets take time: else
    # its ten tiny sheets were all read before a loaded machine handed the third one over.
    slow = SaneBackend(extra_options=(("read_delay", True), ("read_delay_duration", 200_000)))
    for page in WorkerBridge(slow).scan(sane_test_device, settings, cancel):
        pages.append(page)
        if len(pages) == 3:
            cancel.set()
    # The worker may have read one sheet ahead before it saw the cancel.
    assert 3 <= len(pages) < 10
