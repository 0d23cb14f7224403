"""SANE driver (Linux) through python-sane.

SANE reports everything through option names and status strings, so this
module's job is translation: SANE options → Capabilities, ScanSettings → SANE
options, SANE status → the clerk's errors. It runs inside the worker process
in production (see bridge.py), because a SANE backend can block forever in
``sane_read`` when a USB scanner is unplugged mid-page.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .backend import Cancel, check_settings, report_progress, split_device_id
from .decode import to_page
from .errors import (
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    FeederEmpty,
    PaperJam,
    ScanError,
    UnsupportedSetting,
)
from .model import Capabilities, ColorMode, Device, Page, PageSize, ScanSettings, Side, Source

# Resolutions offered to a clerk when the driver only states a range.
STANDARD_DPI = (75, 100, 150, 200, 240, 300, 400, 600, 1200)

# sane_strstatus() texts (SANE 1.x) → error class.
_STATUS_ERRORS: dict[str, type[ScanError]] = {
    "Document feeder jammed": PaperJam,
    "Document feeder out of documents": FeederEmpty,
    "Scanner cover is open": CoverOpen,
    "Device busy": DeviceBusy,
    "Error during device I/O": DeviceGone,
    "Access to resource has been denied": DeviceGone,
    "Invalid argument": DeviceGone,  # sane_open() of an id that is not there
    "Operation not supported": UnsupportedSetting,
}
_NO_DOCS = "Document feeder out of documents"

_initialised = False


def _sane():
    """Import and initialise python-sane once per process (init reads SANE_CONFIG_DIR)."""
    global _initialised
    import sane

    if not _initialised:
        sane.init()
        _initialised = True
    return sane


def translate(exc: Exception, device_id: str, page_index: int | None = None) -> ScanError:
    """Turn a python-sane error into one a clerk can act on."""
    text = str(exc)
    cls = _STATUS_ERRORS.get(text)
    if cls is None:
        return ScanError(f"The scanner reported: {text}.", device_id=device_id, page_index=page_index)
    message = None
    if cls is DeviceGone and text != "Invalid argument":
        message = f"The scanner cannot be reached ({text}). Check its cable and power, then try again."
    return cls(message, device_id=device_id, page_index=page_index)


def _source_kind(name: str) -> Source | None:
    low = name.lower()
    if "duplex" in low:
        return Source.DUPLEX
    if "flatbed" in low or low == "normal":
        return Source.FLATBED
    if "adf" in low or "feeder" in low:
        return Source.ADF
    return None


# Most drivers name a duplex source ("ADF Duplex": fujitsu, canon_dr, kodak, epjitsu,
# hp5590; sane-*(5)); some keep one feeder source plus a switch: epson2 and epsonds
# "adf-mode" (Simplex|Duplex), bh and matsushita a "duplex" bool. The test device has
# neither, so only this table is tested (tests/scanner/test_sane_duplex.py).
def offers_duplex(options: dict) -> bool:
    """Whether a device (python-sane options by SANE name) can read both sides in one pass."""
    if any(_source_kind(n) is Source.DUPLEX for n in _choices(options, "source")):
        return True
    if "Duplex" in _choices(options, "adf-mode"):
        return True
    return "duplex" in options and options["duplex"][4] == _TYPE_BOOL


def source_assignments(options: dict, source: Source) -> list[tuple[str, object]]:
    """The option values (python-sane names) that select ``source``: a duplex source by name
    where the driver has one, else the feeder plus its duplex switch (set off for simplex,
    since drivers keep option values between scans)."""
    names = _choices(options, "source")
    wanted = next((n for n in names if _source_kind(n) is source), None)
    if source is Source.DUPLEX and wanted is None:
        feeder = next((n for n in names if _source_kind(n) is Source.ADF), None)
        out: list[tuple[str, object]] = [("source", feeder)] if feeder else []
        if "Duplex" in _choices(options, "adf-mode"):
            return out + [("adf_mode", "Duplex")]
        return out + [("duplex", True)]
    out = [("source", wanted)] if wanted else []
    if source is Source.ADF and "Simplex" in _choices(options, "adf-mode"):
        out.append(("adf_mode", "Simplex"))
    elif source is Source.ADF and "duplex" in options and options["duplex"][4] == _TYPE_BOOL:
        out.append(("duplex", False))
    return out


_TYPE_BOOL = 0  # SANE_TYPE_BOOL


def _choices(options: dict, name: str) -> list:
    constraint = options[name][8] if name in options else None
    return list(constraint) if isinstance(constraint, list) else []


def _mode_kind(name: str) -> ColorMode | None:
    low = name.lower()
    if low in ("color", "colour", "24bit color"):
        return ColorMode.COLOR
    if low in ("gray", "grey", "grayscale"):
        return ColorMode.GRAY
    if low in ("lineart", "binary", "black & white", "halftone"):
        return ColorMode.LINEART
    return None


@dataclass(frozen=True)
class SaneBackend:
    """SANE scanners. ``extra_options`` are raw SANE options applied last, by name
    (python-sane spelling, e.g. ``("read_return_value", "SANE_STATUS_JAMMED")``):
    a hook for device quirks and for the test device's error simulation."""

    extra_options: tuple[tuple[str, object], ...] = ()
    name: str = "sane"

    def list_devices(self) -> list[Device]:
        sane = _sane()
        return [
            Device(id=f"{self.name}:{dev}", name=f"{vendor} {model}".strip(), backend=self.name)
            for dev, vendor, model, _kind in sane.get_devices()
        ]

    def capabilities(self, device_id: str) -> Capabilities:
        with self._open(device_id) as dev:
            return self._capabilities(dev)

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        with self._open(device_id) as dev:
            settings = check_settings(device_id, self._capabilities(dev), settings)
            self._apply(dev, settings)
            if settings.source is Source.FLATBED:
                yield self._read_one(dev, device_id, settings, 0, Side.FRONT)
                return
            yield from self._feed(dev, device_id, settings, cancel)

    # -- internals -----------------------------------------------------------------

    def _open(self, device_id: str):
        sane = _sane()
        _, native = split_device_id(device_id)
        try:
            return sane.open(native)
        except RuntimeError as exc:  # python-sane: "No such scan device"
            raise DeviceGone(f"No scanner '{device_id}' is connected ({exc}).", device_id=device_id) from None
        except Exception as exc:  # _sane.error
            raise translate(exc, device_id) from None

    @staticmethod
    def _options(dev) -> dict:
        return {opt[1]: opt for opt in dev.get_options() if opt[1]}

    def _capabilities(self, dev) -> Capabilities:
        opts = self._options(dev)
        sources: list[Source] = []
        for name in (opts["source"][8] if "source" in opts else ["Flatbed"]):
            kind = _source_kind(name)
            if kind and kind not in sources:
                sources.append(kind)
        if Source.DUPLEX not in sources and Source.ADF in sources and offers_duplex(opts):
            sources.append(Source.DUPLEX)
        modes: list[ColorMode] = []
        for name in opts["mode"][8] if "mode" in opts else []:
            kind = _mode_kind(name)
            if kind and kind not in modes:
                modes.append(kind)
        depths = opts["depth"][8] if "depth" in opts else []
        if ColorMode.LINEART not in modes and ColorMode.GRAY in modes and 1 in (depths or []):
            modes.append(ColorMode.LINEART)  # e.g. the test device: Gray at depth 1
        res = opts["resolution"][8] if "resolution" in opts else None
        if isinstance(res, tuple):
            resolutions = tuple(d for d in STANDARD_DPI if res[0] <= d <= res[1])
        else:
            resolutions = tuple(sorted(int(r) for r in res or ()))
        max_w = opts["br-x"][8][1] if "br-x" in opts else A4_W
        max_h = opts["br-y"][8][1] if "br-y" in opts else A4_H
        return Capabilities(
            sources=tuple(sources),
            resolutions=resolutions,
            modes=tuple(modes),
            max_page_size=PageSize(float(max_w), float(max_h)),
        )

    def _apply(self, dev, settings: ScanSettings) -> None:
        opts = self._options(dev)
        # Source first: on many drivers it changes the valid ranges of the others.
        # A duplex switch may be inactive until the feeder is chosen, so options are re-read.
        for name, value in source_assignments(opts, settings.source):
            setattr(dev, name, value)
            opts = self._options(dev)
        mode_names = {(_mode_kind(n)): n for n in opts["mode"][8]} if "mode" in opts else {}
        if settings.mode in mode_names:
            dev.mode = mode_names[settings.mode]
            if "depth" in opts and settings.mode is not ColorMode.LINEART:
                dev.depth = 8
        elif settings.mode is ColorMode.LINEART:
            dev.mode = mode_names[ColorMode.GRAY]
            dev.depth = 1
        dev.resolution = settings.dpi
        geometry = self._options(dev)
        if "br-x" in geometry:
            max_w, max_h = geometry["br-x"][8][1], geometry["br-y"][8][1]
            size = settings.page_size
            dev.tl_x, dev.tl_y = 0.0, 0.0
            dev.br_x = float(min(size.width_mm, max_w) if size else max_w)
            dev.br_y = float(min(size.height_mm, max_h) if size else max_h)
        for name, value in self.extra_options:
            setattr(dev, name, value)

    def _read_one(self, dev, device_id: str, settings: ScanSettings, index: int, side: Side) -> Page:
        try:
            dev.start()
            image = dev.snap(True, progress=lambda _done, _total: report_progress())
        except Exception as exc:
            _quiet_cancel(dev)
            raise translate(exc, device_id, index) from None
        return _page(image, settings, index, side)

    def _feed(self, dev, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        """Read sheets until the feeder reports empty; an empty feeder at the start is an error."""
        index = 0
        try:
            while not cancel.is_set():
                side = Side.BACK if settings.duplex and index % 2 else Side.FRONT
                try:
                    page = self._read_one(dev, device_id, settings, index, side)
                except FeederEmpty:
                    if index == 0:
                        raise
                    return
                yield page
                index += 1
        finally:
            _quiet_cancel(dev)


A4_W, A4_H = 210.0, 297.0


def _quiet_cancel(dev) -> None:
    try:
        dev.cancel()
    except Exception:
        pass


def _page(image, settings: ScanSettings, index: int, side: Side) -> Page:
    return to_page(image, settings, index, side)
