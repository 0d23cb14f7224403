"""The SANE driver in-process against SANE's `test` device (synthetic 200×200 mm pages).

The test backend keeps option values and its feeder count per device for the
life of the process, and xdist reuses processes; so in-process tests reset the
simulated status, and feeder and error tests run through the WorkerBridge
(a fresh process per operation) in test_bridge_sane.py.
"""
from __future__ import annotations

import numpy as np
import pytest

from scanner import (
    ColorMode,
    NeverCancel,
    PageSize,
    SaneBackend,
    ScanSettings,
    Side,
    Source,
    UnsupportedSetting,
)

# Undo an error simulated by an earlier test in this process.
CLEAN = SaneBackend(extra_options=(("read_return_value", "Default"),))


def test_lists_the_test_device(sane_test_device):
    devices = CLEAN.list_devices()
    assert sane_test_device in [d.id for d in devices]
    assert all(d.backend == "sane" for d in devices)


def test_capabilities_of_the_test_device(sane_test_device):
    caps = CLEAN.capabilities(sane_test_device)
    assert caps.sources == (Source.FLATBED, Source.ADF)
    assert set(caps.modes) == {ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART}
    assert {150, 200, 300, 600} <= set(caps.resolutions)
    assert caps.max_page_size == PageSize(200.0, 200.0)


@pytest.mark.parametrize(
    ("mode", "dpi", "channels"),
    [(ColorMode.COLOR, 300, 3), (ColorMode.GRAY, 150, 1), (ColorMode.LINEART, 600, 1), (ColorMode.COLOR, 150, 3)],
)
def test_flatbed_scan_in_each_mode(sane_test_device, mode, dpi, channels):
    size = PageSize(100, 50)
    pages = list(CLEAN.scan(sane_test_device, ScanSettings(Source.FLATBED, dpi, mode, size), NeverCancel()))
    assert len(pages) == 1
    page = pages[0]
    assert page.dpi == dpi and page.index == 0 and page.side is Side.FRONT
    assert page.image.dtype == np.uint8
    assert (page.image.ndim == 3) == (channels == 3)
    assert abs(page.width - round(100 / 25.4 * dpi)) <= 1
    assert abs(page.height - round(50 / 25.4 * dpi)) <= 1
    if mode is ColorMode.LINEART:
        assert set(np.unique(page.image)) <= {0, 255}


def test_full_area_when_no_page_size(sane_test_device):
    (page,) = CLEAN.scan(sane_test_device, ScanSettings(dpi=300, mode=ColorMode.GRAY), NeverCancel())
    assert (page.width, page.height) == (2362, 2362)


def test_unsupported_source_and_page_are_refused_before_scanning(sane_test_device):
    with pytest.raises(UnsupportedSetting, match="no duplex source"):
        list(CLEAN.scan(sane_test_device, ScanSettings(source=Source.DUPLEX), NeverCancel()))
    with pytest.raises(UnsupportedSetting, match="larger than the scan area"):
        list(CLEAN.scan(sane_test_device, ScanSettings(page_size=PageSize(210, 297)), NeverCancel()))


