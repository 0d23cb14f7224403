"""The profiles scan A4 (Decree 30/2020), cut to the device's area where that is smaller,
the same way on SANE (the test device) and on eSCL (the test double)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from scanner import (
    A4,
    NeverCancel,
    PageSize,
    SaneBackend,
    ScanSettings,
    Source,
    UnsupportedSetting,
    WorkerBridge,
    resolve_settings,
)
from scanner.escl_backend import EsclBackend

from .escl_server import EsclTestServer, read_label

# 75 dpi drafts keep the pages small; the page size is what the profile gives.
DPI = 75


def _profile(name: str) -> ScanSettings:
    return resolve_settings(name, dpi=DPI, draft=True)


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def test_every_profile_asks_for_a4_paper():
    for name in ("dossier_intake", "results", "archive_batch"):
        settings = resolve_settings(name)
        assert settings.page_size == A4 and settings.clip_to_area


def test_escl_feeder_of_legal_length_is_asked_for_an_a4_region():
    with EsclTestServer(sheets=2) as server:  # feeder 2550×4200 (8.5×14 in)
        pages = list(EsclBackend(manual=(server.url,), discover=False).scan(
            server.device_id, _profile("archive_batch"), NeverCancel()))
        job = server.record.jobs[-1]
    assert job.feeder and (job.width, job.height) == (2480, 3508)  # 210×297 mm in 1/300 inch
    assert [read_label(p.image)[0] for p in pages] == [1, 2]
    assert abs(pages[0].width - _px(210)) <= 1 and abs(pages[0].height - _px(297)) <= 1


def test_escl_glass_shorter_than_a4_scans_what_it_covers():
    with EsclTestServer(platen_height=3300) as server:  # a letter-length glass, 279.4 mm
        (page,) = EsclBackend(manual=(server.url,), discover=False).scan(
            server.device_id, _profile("results"), NeverCancel())
        job = server.record.jobs[-1]
    assert (job.width, job.height) == (2480, 3300)  # A4 wide, as long as the glass
    assert abs(page.height - _px(279.4)) <= 1


def test_an_explicit_page_larger_than_the_area_is_still_refused():
    with EsclTestServer(platen_height=3300) as server:
        backend = EsclBackend(manual=(server.url,), discover=False)
        with pytest.raises(UnsupportedSetting, match="larger than the glass's scan area"):
            list(backend.scan(server.device_id, ScanSettings(Source.FLATBED, DPI, page_size=A4), NeverCancel()))
        assert not server.record.jobs


def _sane_area(mm: float) -> None:
    """The SANE test device's scan area (geometry_max in its test.conf), read by a fresh worker."""
    conf = Path(os.environ["SANE_CONFIG_DIR"]) / "test.conf"
    lines = [ln for ln in conf.read_text().splitlines() if not ln.startswith("geometry_max")]
    conf.write_text("\n".join([*lines, f"geometry_max {mm:.1f}"]) + "\n")


@pytest.mark.parametrize(("area_mm", "expected_mm"), [(400.0, (210, 297)), (200.0, (200, 200))])
def test_sane_scans_a4_when_the_area_allows_it(sane_test_device, area_mm, expected_mm):
    _sane_area(area_mm)
    bridge = WorkerBridge(SaneBackend())
    assert bridge.capabilities(sane_test_device).max_page_size == PageSize(area_mm, area_mm)
    (page,) = bridge.scan(sane_test_device, _profile("results"), NeverCancel())
    assert abs(page.width - _px(expected_mm[0])) <= 1 and abs(page.height - _px(expected_mm[1])) <= 1
