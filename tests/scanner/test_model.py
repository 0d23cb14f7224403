from __future__ import annotations

import pickle

import pytest

from scanner import (
    Capabilities,
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    PageSize,
    PaperJam,
    ScanSettings,
    Source,
    UnsupportedSetting,
    check_settings,
)
from scanner.backend import split_device_id

ALL_ERRORS = [PaperJam, FeederEmpty, CoverOpen, DeviceBusy, DeviceGone, DriverHung, UnsupportedSetting]


@pytest.mark.parametrize("cls", ALL_ERRORS)
def test_errors_have_an_actionable_message_and_survive_pickling(cls):
    err = cls(device_id="sane:test:0", page_index=2)
    assert err.message and err.message.endswith(".")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is cls
    assert str(again) == str(err)
    assert "page 3" in str(again) and "sane:test:0" in str(again)


def test_hung_message_is_what_the_clerk_sees():
    assert "stopped answering" in str(DriverHung())


CAPS = Capabilities((Source.FLATBED, Source.ADF), (150, 300, 600), (ColorMode.COLOR, ColorMode.GRAY), PageSize(200, 200))


@pytest.mark.parametrize(
    "settings",
    [
        ScanSettings(source=Source.DUPLEX),
        ScanSettings(dpi=250),
        ScanSettings(mode=ColorMode.LINEART),
        ScanSettings(page_size=PageSize(210, 297)),
    ],
)
def test_settings_the_device_cannot_do_are_refused(settings):
    with pytest.raises(UnsupportedSetting):
        check_settings("x:0", CAPS, settings)


def test_device_ids_carry_the_backend():
    assert split_device_id("sane:test:0") == ("sane", "test:0")
    with pytest.raises(UnsupportedSetting):
        split_device_id("nocolon")
