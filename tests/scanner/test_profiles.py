from __future__ import annotations

import numpy as np
import pytest

from scanner import (
    A4,
    DEFAULT_PROFILES,
    CollationMismatch,
    ColorMode,
    Page,
    Profile,
    ProfileRefused,
    ScanSettings,
    Side,
    Source,
    check_profile,
    collate_duplex,
    get_profile,
    resolve_settings,
)


def test_default_profiles():
    assert get_profile("dossier_intake").settings == ScanSettings(Source.DUPLEX, 300, ColorMode.COLOR, A4, True)
    assert get_profile("results").settings.mode is ColorMode.COLOR
    assert get_profile("archive_batch").settings.source is Source.ADF
    assert all(p.settings.dpi >= 200 and p.settings.mode is ColorMode.COLOR for p in DEFAULT_PROFILES.values())


@pytest.mark.parametrize(
    ("settings", "reason"),
    [(ScanSettings(mode=ColorMode.GRAY), "colour"), (ScanSettings(dpi=150), "200 dpi")],
)
def test_profiles_breaking_decree_30_are_refused_unless_draft(settings, reason):
    with pytest.raises(ProfileRefused, match=reason):
        check_profile(Profile("cheap", settings))
    assert check_profile(Profile("cheap", settings, draft=True)).draft


def test_resolve_settings_from_profile_and_overrides():
    assert resolve_settings("archive_batch", dpi=400) == ScanSettings(Source.ADF, 400, ColorMode.COLOR, A4, True)
    assert resolve_settings(source="adf", mode="color", dpi=200).source is Source.ADF
    with pytest.raises(ProfileRefused, match="colour"):
        resolve_settings(mode="lineart")
    assert resolve_settings(mode="lineart", draft=True).mode is ColorMode.LINEART
    with pytest.raises(ProfileRefused, match="no profile"):
        resolve_settings("nope")
    with pytest.raises(ProfileRefused, match="Unknown setting"):
        resolve_settings(source="tray")


def _pages(values):
    return [Page(np.full((2, 2), v, np.uint8), 300, i) for i, v in enumerate(values)]


def test_duplex_collation_of_a_single_sided_feeder():
    fronts = _pages([1, 3, 5])   # sheet fronts in order
    backs = _pages([6, 4, 2])    # stack turned over: last sheet's back first
    pages = collate_duplex(fronts, backs)
    assert [int(p.image[0, 0]) for p in pages] == [1, 2, 3, 4, 5, 6]
    assert [p.index for p in pages] == list(range(6))
    assert [p.side for p in pages] == [Side.FRONT, Side.BACK] * 3


def test_collation_refuses_unequal_passes():
    with pytest.raises(CollationMismatch, match="3 pages.*2"):
        collate_duplex(_pages([1, 2, 3]), _pages([1, 2]))
