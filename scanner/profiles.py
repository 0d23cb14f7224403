"""Named scan settings a clerk picks instead of dpi and modes.

Decree 30/2020 (Phụ lục I, Phần II, mục I.2) requires an electronic copy of a
paper document to be a colour image of at least 200 dpi at 100 % scale, so a
profile that would produce something else is refused unless marked draft.

Administrative documents are printed on A4 paper, 210 × 297 mm (Decree 30/2020,
Phụ lục I, Phần I, mục I), so every profile scans an A4 page, cut to the device's
area where that is smaller; without a page size a feeder scans its whole area, often
legal length, and each sheet gets a band of blank space.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import ScanError
from .model import A4, ColorMode, ScanSettings, Source

MIN_COPY_DPI = 200


class ProfileRefused(ScanError):
    default_message = "This profile does not meet Decree 30/2020 for copies."


@dataclass(frozen=True)
class Profile:
    """A named ScanSettings; ``draft`` profiles may break the copy rules (previews, notes)."""

    name: str
    settings: ScanSettings
    description: str = ""
    draft: bool = False


def _a4(source: Source) -> ScanSettings:
    return ScanSettings(source=source, dpi=300, mode=ColorMode.COLOR, page_size=A4, clip_to_area=True)


DEFAULT_PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "dossier_intake",
            _a4(Source.DUPLEX),
            "A citizen's dossier at the one-stop desk: both sides, through the feeder.",
        ),
        Profile(
            "results",
            _a4(Source.FLATBED),
            "A decision, licence or certificate returned to the citizen.",
        ),
        Profile(
            "archive_batch",
            _a4(Source.ADF),
            "Back-office batches of single-sided archive paper.",
        ),
    )
}


def copy_rule_violations(settings: ScanSettings) -> list[str]:
    """Why these settings cannot make a legal electronic copy; empty when they can."""
    reasons = []
    if settings.mode is not ColorMode.COLOR:
        reasons.append(f"Decree 30/2020 requires copies in colour, not {settings.mode.value}.")
    if settings.dpi < MIN_COPY_DPI:
        reasons.append(f"Decree 30/2020 requires at least {MIN_COPY_DPI} dpi for copies, not {settings.dpi}.")
    return reasons


def check_profile(profile: Profile) -> Profile:
    """Return the profile when it may be used; raise ProfileRefused with the reasons otherwise."""
    reasons = copy_rule_violations(profile.settings)
    if reasons and not profile.draft:
        raise ProfileRefused(
            f"Profile '{profile.name}' is refused: {' '.join(reasons)} Mark it as a draft to use it for previews.",
            details={"reason": "copy_rules", "mode": profile.settings.mode.value, "dpi": profile.settings.dpi},
        )
    return profile


def get_profile(name: str, profiles: dict[str, Profile] | None = None) -> Profile:
    """Look a profile up by name and check it."""
    profiles = DEFAULT_PROFILES if profiles is None else profiles
    try:
        return check_profile(profiles[name])
    except KeyError:
        raise ProfileRefused(
            f"There is no profile '{name}'. Known profiles: {', '.join(sorted(profiles))}.",
            details={"reason": "unknown_profile", "name": name},
        ) from None
