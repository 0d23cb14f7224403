"""The TWAIN flow (capabilities, negotiation, pending transfers, errors, DIB → Page) on Linux,
against the TEST DOUBLE of a Windows TWAIN data source in tests/scanner/twain_double.py."""
from __future__ import annotations

import threading
from functools import partial

import numpy as np
import pytest
from PIL import Image

from scanner import (
    ColorMode,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    PageSize,
    PaperJam,
    ScanSettings,
    Side,
    Source,
    UnsupportedSetting,
    WorkerBridge,
    vietnamese_message,
)
from scanner import twain_backend as tw
from scanner.operation import OperationState, ScannerQueue, ScanOperation

from .twain_double import FakeSource, TwainSpec, connect

DEVICE = "twain:Test double TWAIN scanner"
ADF = ScanSettings(Source.ADF, 300, ColorMode.COLOR)


def backend(**spec) -> tw.TwainBackend:
    return tw.TwainBackend(connect=partial(connect, TwainSpec(**spec)))


def scan_in_process(settings=ADF, cancel=None, **spec):
    source = FakeSource(TwainSpec(**spec))
    with source:
        tw.negotiate(source, settings, DEVICE)
        pages = []
        for page in tw.acquire(source, settings, DEVICE, cancel or threading.Event()):
            pages.append(page)
            if cancel is not None:
                cancel.set()
    return source, pages


def test_settings_become_capabilities_in_twain_order():
    plan = [(c.cap, c.value, c.required) for c in tw.negotiation(ADF)]
    assert plan == [
        (tw.CAP_FEEDERENABLED, True, True),
        (tw.CAP_DUPLEXENABLED, False, False),
        (tw.CAP_AUTOFEED, True, False),
        (tw.CAP_XFERCOUNT, -1, False),
        (tw.ICAP_XFERMECH, tw.TWSX_NATIVE, True),
        (tw.ICAP_UNITS, tw.TWUN_INCHES, True),
        (tw.ICAP_PIXELTYPE, tw.TWPT_RGB, True),
        (tw.ICAP_XRESOLUTION, 300.0, True),
        (tw.ICAP_YRESOLUTION, 300.0, True),
        (tw.CAP_INDICATORS, False, False),
    ]
    gray_flatbed = {c.cap: c.value for c in tw.negotiation(ScanSettings(Source.FLATBED, 200, ColorMode.GRAY))}
    assert gray_flatbed[tw.CAP_FEEDERENABLED] is False and gray_flatbed[tw.CAP_XFERCOUNT] == 1
    assert gray_flatbed[tw.ICAP_PIXELTYPE] == tw.TWPT_GRAY and gray_flatbed[tw.ICAP_BITDEPTH] == 8


def test_capabilities_of_a_duplex_feeder_source():
    caps = tw.read_capabilities(FakeSource(TwainSpec()))
    assert caps.sources == (Source.FLATBED, Source.ADF, Source.DUPLEX)
    assert caps.resolutions == (100, 150, 200, 300, 600)
    assert caps.modes == (ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART)
    assert caps.max_page_size == PageSize(215.9, 355.6)  # 8.5 × 14 in


def test_a_range_of_resolutions_and_a_flatbed_only_source():
    spec = TwainSpec(feeder=False, pixel_types=(2,),
                     resolutions={"MinValue": 75, "MaxValue": 600, "StepSize": 1, "DefaultValue": 300, "CurrentValue": 300})
    caps = tw.read_capabilities(FakeSource(spec))
    assert caps.sources == (Source.FLATBED,)
    assert caps.resolutions == (75, 100, 150, 200, 240, 300, 400, 600)
    assert caps.modes == (ColorMode.COLOR,)


def test_the_feeder_is_read_until_no_transfer_is_pending():
    source, pages = scan_in_process(sheets=3)
    assert [p.index for p in pages] == [0, 1, 2]
    assert [int(p.image[0, 0, 0]) for p in pages] == [40, 80, 120]  # sheet order kept
    assert pages[0].image.shape == (20, 30, 3) and pages[0].dpi == 300
    assert source.values[tw.ICAP_XRESOLUTION] == 300.0 and source.pending == 0


def test_duplex_pages_alternate_front_and_back():
    _, pages = scan_in_process(ScanSettings(Source.DUPLEX, 300, ColorMode.COLOR), sheets=4)
    assert [p.side for p in pages] == [Side.FRONT, Side.BACK] * 2


@pytest.mark.parametrize(("mode", "shape", "values"), [
    (ColorMode.GRAY, (20, 30), {40}), (ColorMode.LINEART, (20, 30), {0})])
def test_gray_and_black_and_white_dibs_become_8_bit_pages(mode, shape, values):
    _, (page, *_) = scan_in_process(ScanSettings(Source.ADF, 200, mode), sheets=1)
    assert page.image.shape == shape and set(np.unique(page.image)) == values and page.dpi == 200


def test_cancel_stops_taking_pending_transfers():
    source, pages = scan_in_process(cancel=threading.Event(), sheets=5)
    assert len(pages) == 1 and source.pending == 4 and source.closed


@pytest.mark.parametrize(("spec", "error", "index"), [
    (dict(fail_at=1, failure="PaperJam"), PaperJam, 1),
    (dict(fail_at=2, failure="CheckDeviceOnlineError"), DeviceGone, 2),
    (dict(loaded=False), FeederEmpty, 0),
    (dict(fail_at=-1, failure="UnknownError", failure_text="ConditionCode = 29"), FeederEmpty, 0),  # TWCC_NOMEDIA
])
def test_driver_errors_become_the_clerks_errors(spec, error, index):
    with pytest.raises(error) as info:
        scan_in_process(**spec)
    assert info.value.page_index == index and info.value.device_id == DEVICE


def test_a_refused_setting_is_named_before_paper_moves():
    with pytest.raises(UnsupportedSetting) as info:
        scan_in_process(refuse=(tw.ICAP_PIXELTYPE,))
    assert info.value.details == {"setting": "mode", "value": "color"}
    assert "chế độ màu" in vietnamese_message(info.value)
    scan_in_process(refuse=(tw.CAP_INDICATORS, tw.CAP_AUTOFEED))  # optional ones may be refused


def test_a_rounded_resolution_is_accepted_only_when_it_stayed_the_same():
    _, pages = scan_in_process(rounds=(tw.ICAP_XRESOLUTION,))  # TWRC_CHECKSTATUS, value kept
    assert len(pages) == 3


def test_a_scan_area_is_sent_in_inches():
    source, _ = scan_in_process(ScanSettings(Source.ADF, 300, ColorMode.COLOR, PageSize(210, 297)), sheets=1)
    assert source.layout == pytest.approx((0.0, 0.0, 8.2677, 11.6929), abs=1e-3)


def test_through_the_worker_and_an_operation(tmp_path):
    twain = backend(sheets=3, fail_at=2)
    assert [d.id for d in WorkerBridge(twain).list_devices()] == [DEVICE]
    op = ScanOperation(DEVICE, ADF, tmp_path)
    queue = ScannerQueue(lambda device_id: WorkerBridge(twain))
    queue.submit(op)
    assert op.wait(60)
    queue.close()
    assert op.state is OperationState.FAILED and isinstance(op.error, PaperJam) and op.error.page_index == 2
    with Image.open(op.pages[1]) as img:
        assert img.getpixel((0, 0)) == (80, 80, 80) and img.info["dpi"][0] == 300


def test_a_wedged_twain_driver_is_killed_by_the_watchdog():
    pages = []
    with pytest.raises(DriverHung):
        for page in WorkerBridge(backend(hang_at=1), timeout=1.0).scan(DEVICE, ADF):
            pages.append(page)
    assert len(pages) == 1


def test_an_unknown_source_is_reported():
    with pytest.raises(DeviceGone):
        backend().capabilities("twain:Another scanner")
