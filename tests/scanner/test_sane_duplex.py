"""Choosing a duplex source on SANE drivers that have one.

SANE's test device has no duplex source, so no two-sided scan can run here.
The option lists below are test data in python-sane's ``get_options()`` shape
(index, name, title, desc, type, unit, size, cap, constraint), with the values
the drivers' manual pages document (sane-fujitsu(5), sane-epson2(5),
sane-matsushita(5)); the real test device is checked for what it lacks.
"""
from __future__ import annotations

import pytest

from scanner import NeverCancel, SaneBackend, ScanSettings, Source, UnsupportedSetting
from scanner.sane_backend import offers_duplex, source_assignments

STRING, BOOL = 3, 0


def _opt(name, kind, constraint=None):
    return name, (0, name, name, "", kind, 0, 4, 5, constraint)


FUJITSU = dict([_opt("source", STRING, ["Flatbed", "ADF Front", "ADF Back", "ADF Duplex"])])
EPSON2 = dict([_opt("source", STRING, ["Flatbed", "Automatic Document Feeder"]),
               _opt("adf-mode", STRING, ["Simplex", "Duplex"])])
MATSUSHITA = dict([_opt("source", STRING, ["ADF"]), _opt("duplex", BOOL)])
SIMPLEX_ONLY = dict([_opt("source", STRING, ["Flatbed", "Automatic Document Feeder"])])


@pytest.mark.parametrize(
    ("options", "duplex", "adf"),
    [
        (FUJITSU, [("source", "ADF Duplex")], [("source", "ADF Front")]),
        (EPSON2, [("source", "Automatic Document Feeder"), ("adf_mode", "Duplex")],
         [("source", "Automatic Document Feeder"), ("adf_mode", "Simplex")]),
        (MATSUSHITA, [("source", "ADF"), ("duplex", True)], [("source", "ADF"), ("duplex", False)]),
    ],
    ids=["named-source", "adf-mode", "bool-switch"],
)
def test_duplex_is_selected_the_way_each_driver_expects(options, duplex, adf):
    assert offers_duplex(options)
    assert source_assignments(options, Source.DUPLEX) == duplex
    assert source_assignments(options, Source.ADF) == adf  # a switch left on from the last batch is turned off
    assert source_assignments(options, Source.FLATBED) == ([("source", "Flatbed")] if "Flatbed" in options["source"][8] else [])


def test_a_simplex_feeder_offers_no_duplex():
    assert not offers_duplex(SIMPLEX_ONLY)


def test_the_test_device_offers_no_duplex_and_refuses_it(sane_test_device):
    backend = SaneBackend(extra_options=(("read_return_value", "Default"),))
    assert Source.DUPLEX not in backend.capabilities(sane_test_device).sources
    with pytest.raises(UnsupportedSetting) as info:
        list(backend.scan(sane_test_device, ScanSettings(source=Source.DUPLEX), NeverCancel()))
    assert info.value.details["offered"] == ("flatbed", "adf")
