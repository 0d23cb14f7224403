"""The one interface every scanner driver implements (after NAPS2's IScanDriver).

Three operations: list devices, read capabilities, scan. ``scan`` yields pages
one at a time so the caller can write each to disk before the next is read,
and polls ``cancel`` between pages so a clerk can stop a batch.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Protocol, runtime_checkable

from .errors import UnsupportedSetting
from .model import Capabilities, Device, Page, PageSize, ScanSettings


@runtime_checkable
class Cancel(Protocol):
    """Anything with ``is_set()``: a threading.Event or a multiprocessing Event."""

    def is_set(self) -> bool: ...


class NeverCancel:
    def is_set(self) -> bool:
        return False


@runtime_checkable
class Backend(Protocol):
    """A scanner driver. Implementations must be picklable so a bridge can run them elsewhere."""

    name: str

    def list_devices(self) -> list[Device]: ...

    def capabilities(self, device_id: str) -> Capabilities: ...

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]: ...


_heartbeat: Callable[[], None] | None = None


def report_progress() -> None:
    """Drivers call this while data arrives (e.g. per scan line): behind a WorkerBridge it
    tells the watchdog the driver is alive, so a slow page is not mistaken for a hang.
    In-process it does nothing."""
    if _heartbeat is not None:
        _heartbeat()


def set_progress_hook(hook: Callable[[], None] | None) -> None:
    """Where report_progress() goes in this process (the bridge's worker sets it)."""
    global _heartbeat
    _heartbeat = hook


def check_settings(device_id: str, caps: Capabilities, settings: ScanSettings, part: str = "") -> ScanSettings:
    """Refuse settings the device cannot honour before any paper moves; returns them with
    the page fitted to the scan area (fit_page_size), which is what the driver asks for.
    ``part`` names what ``caps`` describe when a device differs per source ("glass", "feeder")."""
    scanner = f"This scanner's {part}" if part else "This scanner"
    if settings.source not in caps.sources:
        raise UnsupportedSetting(
            f"This scanner has no {settings.source.value} source; it offers "
            f"{', '.join(s.value for s in caps.sources)}.",
            device_id=device_id,
            details={"setting": "source", "value": settings.source.value,
                     "offered": tuple(s.value for s in caps.sources)},
        )
    if settings.mode not in caps.modes:
        raise UnsupportedSetting(
            f"{scanner} cannot scan in {settings.mode.value}.", device_id=device_id,
            details={"setting": "mode", "value": settings.mode.value, "offered": tuple(m.value for m in caps.modes)},
        )
    if settings.dpi not in caps.resolutions:
        raise UnsupportedSetting(
            f"{scanner} cannot scan at {settings.dpi} dpi; choose one of "
            f"{', '.join(map(str, caps.resolutions))}.",
            device_id=device_id,
            details={"setting": "dpi", "value": settings.dpi, "offered": tuple(caps.resolutions)},
        )
    return fit_page_size(device_id, settings, caps.max_page_size, part)


def fit_page_size(device_id: str, settings: ScanSettings, area: PageSize, part: str = "") -> ScanSettings:
    """``settings`` with a page inside ``area``, the scan area (of ``part``, as check_settings).

    A ``clip_to_area`` page (a profile's A4) is cut to the area side by side; any other
    page larger than the area (0.5 mm of rounding allowed) is refused. Without a page
    size the settings stay as they are: the driver scans its whole area.
    """
    where = f"the {part}'s scan area" if part else "the scan area"
    size = settings.page_size
    if size is None:
        return settings
    if settings.clip_to_area:
        return replace(settings, page_size=PageSize(min(size.width_mm, area.width_mm),
                                                    min(size.height_mm, area.height_mm)))
    if size.width_mm > area.width_mm + 0.5 or size.height_mm > area.height_mm + 0.5:
        raise UnsupportedSetting(
            f"The page ({size.width_mm:.0f}×{size.height_mm:.0f} mm) is larger than {where} "
            f"({area.width_mm:.0f}×{area.height_mm:.0f} mm).",
            device_id=device_id,
            details={"setting": "page_size", "value": (size.width_mm, size.height_mm),
                     "offered": (area.width_mm, area.height_mm)},
        )
    return settings


def split_device_id(device_id: str) -> tuple[str, str]:
    """``"sane:test:0"`` → ``("sane", "test:0")``."""
    backend, sep, native = device_id.partition(":")
    if not sep or not native:
        raise UnsupportedSetting(f"'{device_id}' is not a scanner id (expected backend:device).")
    return backend, native
