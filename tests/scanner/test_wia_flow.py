"""The WIA flow (properties, settings, feeder loop, HRESULTs, BMP → Page) on Linux,
against the TEST DOUBLE of the WIA Automation Layer in tests/scanner/wia_double.py."""
from __future__ import annotations

import threading
from functools import partial

import pytest
from PIL import Image

from scanner import (
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    FeederEmpty,
    PageSize,
    PaperJam,
    ScanError,
    ScanSettings,
    Side,
    Source,
    UnsupportedSetting,
    WorkerBridge,
    vietnamese_message,
)
from scanner import wia_backend as wia
from scanner.operation import OperationState, ScannerQueue, ScanOperation

from .wia_double import COMError, WiaSpec, make_device, manager

SPEC = WiaSpec()
DEVICE = f"wia:{SPEC.device_id}"
ADF = ScanSettings(Source.ADF, 300, ColorMode.COLOR)


def backend(**spec) -> wia.WiaBackend:
    return wia.WiaBackend(manager=partial(manager, WiaSpec(**spec)))


def scan_in_process(settings=ADF, cancel=None, **spec):
    """The scan as WiaBackend.scan runs it, keeping the device to look at afterwards."""
    device = make_device(WiaSpec(**spec))
    item, owner = wia.pick_item(device, settings.source)
    handling, item_plan = wia.settings_plan(settings)
    wia.apply(owner, handling, settings, DEVICE)
    wia.apply(wia.props(item), item_plan, settings, DEVICE)
    pages = list(wia.transfer_pages(item, wia.props(device), settings, DEVICE, cancel or threading.Event()))
    return device, item, pages


def test_capabilities_from_device_and_item_properties():
    device = make_device(SPEC)
    caps = wia.read_capabilities(wia.props(device), wia.props(device.Items[0]))
    assert caps.sources == (Source.FLATBED, Source.ADF, Source.DUPLEX)
    assert caps.resolutions == (75, 150, 300, 600)
    assert caps.modes == (ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART)
    assert caps.max_page_size == PageSize(215.9, 355.6)  # the feeder takes legal paper


def test_a_range_of_resolutions_is_offered_as_the_standard_steps():
    device = make_device(SPEC)
    xres = wia.props(device.Items[0])[wia.XRES]
    xres.SubType, xres.SubTypeMin, xres.SubTypeMax, xres.SubTypeStep = wia.RANGE_SUBTYPE, 100, 600, 50
    assert wia.allowed(xres) == [100, 150, 200, 300, 400, 600]


def test_settings_become_properties_intent_first():
    handling, item = wia.settings_plan(ScanSettings(Source.DUPLEX, 300, ColorMode.GRAY, PageSize(210, 297)))
    assert [(p.prop_id, p.value) for p in handling] == [
        (wia.DOCUMENT_HANDLING_SELECT, wia.FEED | wia.DUP | wia.FRONT_FIRST), (wia.PAGES, 1)]
    assert [(p.prop_id, p.value) for p in item] == [
        (wia.CUR_INTENT, wia.INTENT_GRAYSCALE), (wia.DATATYPE, wia.DATA_GRAYSCALE), (wia.DEPTH, 8),
        (wia.XRES, 300), (wia.YRES, 300), (wia.XPOS, 0), (wia.YPOS, 0),
        (wia.XEXTENT, 2480), (wia.YEXTENT, 3508),  # A4 at 300 dpi
    ]


def test_wia1_feeder_is_read_until_paper_empty():
    device, item, pages = scan_in_process(sheets=3)
    assert wia.props(device)[wia.DOCUMENT_HANDLING_SELECT].Value == wia.FEED
    assert wia.props(device)[wia.PAGES].Value == 1
    assert [int(p.image[0, 0, 0]) for p in pages] == [40, 80, 120]
    assert pages[0].dpi == 300 and pages[0].image.shape == (20, 30, 3)
    assert device.taken == [wia.FORMAT_BMP] * 3


def test_wia2_uses_the_feeder_item_and_its_switch():
    device, item, pages = scan_in_process(ScanSettings(Source.DUPLEX, 300, ColorMode.COLOR), wia2=True, sheets=4)
    assert wia.props(item)[wia.ITEM_NAME].Value == "Feeder"
    assert wia.props(item)[wia.DOCUMENT_HANDLING_SELECT].Value == wia.FEED | wia.DUP | wia.FRONT_FIRST
    assert [p.side for p in pages] == [Side.FRONT, Side.BACK] * 2
    _, flatbed_item, (page,) = scan_in_process(ScanSettings(Source.FLATBED, 150, ColorMode.GRAY), wia2=True)
    assert wia.props(flatbed_item)[wia.ITEM_NAME].Value == "Flatbed" and page.image.ndim == 2


def test_the_status_property_ends_the_batch_without_an_error():
    device, _, pages = scan_in_process(sheets=2, status_property=True)
    assert len(pages) == 2 and len(device.taken) == 2


@pytest.mark.parametrize(("spec", "error", "index"), [
    (dict(fail_at=1), PaperJam, 1),
    (dict(fail_at=1, dispatch_errors=True), PaperJam, 1),  # pywin32's DISP_E_EXCEPTION wrapping
    (dict(fail_at=0, failure=0x80210016), CoverOpen, 0),
    (dict(fail_at=2, failure=0x8021000A), DeviceGone, 2),
    (dict(fail_at=0, failure=0x80210006), DeviceBusy, 0),
    (dict(sheets=0), FeederEmpty, 0),
    (dict(sheets=0, status_property=True), FeederEmpty, 0),
])
def test_wia_errors_become_the_clerks_errors(spec, error, index):
    with pytest.raises(error) as info:
        scan_in_process(**spec)
    assert info.value.page_index == index and info.value.device_id == DEVICE


def test_an_unknown_hresult_is_shown_in_hex():
    error = wia.translate(COMError(0x8021000E), DEVICE, 3)
    assert type(error) is ScanError and "0x8021000E" in error.message
    assert "báo lỗi ở trang 4" in vietnamese_message(error)


def test_a_refused_resolution_is_named():
    with pytest.raises(UnsupportedSetting) as info:
        scan_in_process(refuse=(wia.XRES,))
    assert info.value.details == {"setting": "dpi", "value": 300}


def test_list_devices_shows_scanners_only():
    devices = WorkerBridge(backend()).list_devices()
    assert [(d.id, d.name) for d in devices] == [(DEVICE, "Test double WIA scanner")]


def test_through_the_worker_and_an_operation(tmp_path):
    op = ScanOperation(DEVICE, ADF, tmp_path)
    queue = ScannerQueue(lambda device_id: WorkerBridge(backend(sheets=4)))
    queue.submit(op)
    assert op.wait(60)
    queue.close()
    assert op.state is OperationState.DONE and len(op.pages) == 4
    with Image.open(op.pages[3]) as img:
        assert img.getpixel((0, 0)) == (160, 160, 160) and img.info["dpi"][0] == 300


def test_unsupported_settings_are_refused_before_any_transfer():
    with pytest.raises(UnsupportedSetting):
        list(backend(handling=wia.FLAT).scan(DEVICE, ADF, threading.Event()))
    with pytest.raises(DeviceGone):
        backend().capabilities("wia:{NOT-THERE}\\0009")
