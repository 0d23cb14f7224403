"""What the `sohoa devices` and `sohoa scan` commands (and the GUI) call.

Pages reach disk only through a ScanOperation (operation.py), which numbers them after
the batch's last page and never overwrites one; ``scan`` here only reads.

The choice of driver is made here and only here (one factory, as in NAPS2's
ScanDriverFactory); by default every driver runs behind a WorkerBridge.
"""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace

from .backend import Backend, Cancel, NeverCancel, split_device_id
from .bridge import DEFAULT_TIMEOUT, WorkerBridge
from .errors import DeviceGone, ScanError
from .escl_backend import EsclBackend
from .model import Capabilities, ColorMode, Device, Page, ScanSettings, Source
from .profiles import DEFAULT_PROFILES, Profile, ProfileRefused, check_profile, get_profile
from .sane_backend import SaneBackend


def make_backend(name: str, isolated: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Backend:
    """The driver called ``name``, in a worker process unless ``isolated`` is False."""
    if name == "sane":
        backend: Backend = SaneBackend()
    elif name == "twain" and name in BACKEND_NAMES:
        from .twain_backend import TwainBackend  # pytwain: Windows only

        backend = TwainBackend()
    elif name == "wia" and name in BACKEND_NAMES:
        from .wia_backend import WiaBackend  # comtypes: Windows only

        backend = WiaBackend()
    elif name == "escl":
        backend = EsclBackend.from_environment()
    else:
        raise DeviceGone(f"There is no scanner driver called '{name}'. Known drivers: {', '.join(BACKEND_NAMES)}.")
    return WorkerBridge(backend, timeout=timeout) if isolated else backend


BACKEND_NAMES = ("sane", "escl")

# Windows drivers where their libraries are installed (win32-only dependencies); WIA first,
# as Windows' own stack, TWAIN for scanners whose vendor ships only a TWAIN source.
if sys.platform == "win32":
    BACKEND_NAMES += tuple(n for n, lib in (("wia", "comtypes"), ("twain", "twain")) if importlib.util.find_spec(lib))


@dataclass(frozen=True)
class DeviceInfo:
    """A device and what it can do; ``problem`` says why capabilities are missing."""

    device: Device
    capabilities: Capabilities | None
    problem: str = ""

    def to_dict(self) -> dict:
        """JSON-ready form for `sohoa devices --json`."""
        out = asdict(self.device)
        out["capabilities"] = _jsonable(asdict(self.capabilities)) if self.capabilities else None
        if self.problem:
            out["problem"] = self.problem
        return out

    def summary(self) -> str:
        """One line for `sohoa devices`."""
        if not self.capabilities:
            return f"{self.device.id}\t{self.device.name}\t({self.problem})"
        c = self.capabilities
        return (
            f"{self.device.id}\t{self.device.name}\t"
            f"sources={','.join(s.value for s in c.sources)} "
            f"modes={','.join(m.value for m in c.modes)} "
            f"dpi={','.join(map(str, c.resolutions))} "
            f"max={c.max_page_size.width_mm:g}x{c.max_page_size.height_mm:g}mm"
        )


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return getattr(value, "value", value)


def list_devices(isolated: bool = True, timeout: float = DEFAULT_TIMEOUT) -> list[DeviceInfo]:
    """Every scanner of every driver, with capabilities. A failing driver or device is reported, not fatal."""
    infos: list[DeviceInfo] = []
    for name in BACKEND_NAMES:
        backend = make_backend(name, isolated, timeout)
        try:
            devices = backend.list_devices()
        except (ScanError, ImportError):
            continue
        for device in devices:
            try:
                infos.append(DeviceInfo(device, backend.capabilities(device.id)))
            except ScanError as exc:
                infos.append(DeviceInfo(device, None, str(exc)))
    return infos


def resolve_settings(
    profile: str | None = None,
    source: str | Source | None = None,
    dpi: int | None = None,
    mode: str | ColorMode | None = None,
    draft: bool = False,
    profiles: dict[str, Profile] | None = None,
) -> ScanSettings:
    """Settings from a profile name and/or explicit options (explicit ones win).

    Without a profile the default is ``results`` (colour, 300 dpi, flatbed).
    Raises ProfileRefused when the result breaks Decree 30/2020 and ``draft`` is False.
    """
    profiles = DEFAULT_PROFILES if profiles is None else profiles
    base = get_profile(profile, profiles) if profile else profiles["results"]
    changes: dict = {}
    try:
        if source is not None:
            changes["source"] = Source(source)
        if mode is not None:
            changes["mode"] = ColorMode(mode)
    except ValueError as exc:
        raise ProfileRefused(f"Unknown setting: {exc}.") from None
    if dpi is not None:
        changes["dpi"] = int(dpi)
    settings = replace(base.settings, **changes)
    check_profile(Profile(profile or "custom", settings, draft=draft or base.draft))
    return settings


def scan(device_id: str, settings: ScanSettings, cancel: Cancel | None = None,
         isolated: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Page]:
    """Pages from ``device_id`` as they are read."""
    backend_name, _ = split_device_id(device_id)
    backend = make_backend(backend_name, isolated, timeout)
    yield from backend.scan(device_id, settings, cancel or NeverCancel())


def default_device(isolated: bool = True) -> str:
    """The first scanner found, for `sohoa scan` without --device."""
    for name in BACKEND_NAMES:
        try:
            devices = make_backend(name, isolated).list_devices()
        except (ScanError, ImportError):
            continue
        if devices:
            return devices[0].id
    raise DeviceGone("No scanner was found. Check that it is switched on and connected.")

