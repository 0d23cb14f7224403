"""TWAIN scanners (Windows) through pytwain, ctypes over the TWAIN source manager.

Windows only: pytwain is imported inside the glue, and the factory offers
"twain" only when ``sys.platform == "win32"`` and pytwain is installed. What
decides anything is plain code over pytwain's Source methods (get_capability,
set_capability, set_image_layout, request_acquire, modal_loop,
xfer_image_natively): reading capabilities, the settings → capability table,
the pending-transfers loop, pytwain exceptions → the clerk's errors, DIB →
Page. That code runs on Linux in the tests against a test double of a TWAIN
data source (tests/scanner/twain_double.py), also behind the WorkerBridge and
in a ScanOperation. Only the block marked WINDOWS-ONLY GLUE touches the DSM.

Native transfer (a DIB per page) is used: pytwain exposes no memory transfer,
and a DIB is uncompressed, so nothing is lost.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from .backend import Cancel, check_settings, split_device_id
from .decode import decode_image, to_page
from .errors import (
    DeviceBusy,
    DeviceGone,
    FeederEmpty,
    PaperJam,
    ScanError,
    UnsupportedSetting,
)
from .model import Capabilities, ColorMode, Device, Page, PageSize, ScanSettings, Side, Source
from .sane_backend import STANDARD_DPI

# TWAIN 2.4 specification values (the same numbers as pytwain's twain.lowlevel.constants),
# kept here so the flow can be tested where pytwain cannot be installed.
CAP_XFERCOUNT = 0x0001
ICAP_PIXELTYPE = 0x0101
ICAP_UNITS = 0x0102
ICAP_XFERMECH = 0x0103
CAP_FEEDERENABLED = 0x1002
CAP_FEEDERLOADED = 0x1003
CAP_AUTOFEED = 0x1007
CAP_INDICATORS = 0x100B
CAP_DUPLEX = 0x1012
CAP_DUPLEXENABLED = 0x1013
ICAP_PHYSICALWIDTH = 0x1111
ICAP_PHYSICALHEIGHT = 0x1112
ICAP_XRESOLUTION = 0x1118
ICAP_YRESOLUTION = 0x1119
ICAP_BITDEPTH = 0x112B
TWTY_INT16, TWTY_UINT16, TWTY_BOOL, TWTY_FIX32 = 1, 4, 6, 7
TWPT_BW, TWPT_GRAY, TWPT_RGB = 0, 1, 2
TWUN_INCHES = 0
TWSX_NATIVE = 0
TWDX_NONE = 0
TWCC_NOMEDIA = 29  # pytwain has no class for it: UnknownError("ConditionCode = 29")

PIXEL_TYPES = {ColorMode.LINEART: TWPT_BW, ColorMode.GRAY: TWPT_GRAY, ColorMode.COLOR: TWPT_RGB}
MM_PER_INCH = 25.4


class TwainSource(Protocol):
    """A pytwain ``twain.Source`` as this module uses it; ``modal_loop`` returns whether a
    transfer is ready and ``image_bytes`` turns a native-transfer handle into BMP bytes and
    frees it (the glue adds both)."""

    def get_capability(self, cap: int) -> Any: ...
    def get_capability_current(self, cap: int) -> Any: ...
    def set_capability(self, cap: int, type_id: int, value: Any) -> None: ...
    def set_image_layout(self, frame: tuple[float, float, float, float]) -> None: ...
    def request_acquire(self, show_ui: bool, modal_ui: bool) -> None: ...
    def modal_loop(self) -> bool: ...
    def xfer_image_natively(self) -> tuple[Any, int]: ...
    def image_bytes(self, handle: Any) -> bytes: ...


class CapSet(NamedTuple):
    """One capability to negotiate; a ``required`` one the source refuses stops the scan."""

    cap: int
    type_id: int
    value: Any
    setting: str  # what the clerk chose, for the error message
    required: bool = True


# -- capabilities --------------------------------------------------------------------------

def cap_values(answer: Any) -> list:
    """pytwain's get_capability answer → its values: (type, value) for one value,
    (type, (current, default, values)) for an enumeration, (type, values) for an array,
    a dict with MinValue/MaxValue/StepSize for a range (expanded only for dpi, below)."""
    if isinstance(answer, dict):
        return [answer["MinValue"], answer["MaxValue"]]
    _type, value = answer
    if isinstance(value, tuple) and len(value) == 3 and isinstance(value[2], list):
        return list(value[2])
    if isinstance(value, list):
        return list(value)
    return [value]


def _try(source: TwainSource, cap: int) -> Any | None:
    try:
        return source.get_capability(cap)
    except Exception:  # noqa: BLE001 - unsupported capabilities raise several pytwain classes
        return None


def read_capabilities(source: TwainSource) -> Capabilities:
    """What the data source offers, in SoHoa's terms (sizes read in inches)."""
    try:
        source.set_capability(ICAP_UNITS, TWTY_UINT16, TWUN_INCHES)
    except Exception:  # noqa: BLE001 - inches are TWAIN's default unit anyway
        pass
    res = _try(source, ICAP_XRESOLUTION)
    if isinstance(res, dict):
        resolutions = tuple(d for d in STANDARD_DPI if res["MinValue"] <= d <= res["MaxValue"])
    else:
        resolutions = tuple(sorted({round(float(v)) for v in cap_values(res)})) if res else (300,)
    types = cap_values(_try(source, ICAP_PIXELTYPE) or (TWTY_UINT16, TWPT_RGB))
    modes = tuple(m for m, t in PIXEL_TYPES.items() if t in types)
    sources = [Source.FLATBED]
    feeder = _try(source, CAP_FEEDERENABLED)
    if feeder is not None:
        values = cap_values(feeder)
        if len(values) > 1 and False not in values:  # a sheet-fed scanner that cannot turn its feeder off
            sources = []
        sources.append(Source.ADF)
        duplex = _try(source, CAP_DUPLEX)
        if duplex is not None and cap_values(duplex)[0] != TWDX_NONE:
            sources.append(Source.DUPLEX)
    width = _try(source, ICAP_PHYSICALWIDTH)
    height = _try(source, ICAP_PHYSICALHEIGHT)
    size = PageSize(
        round(float(cap_values(width)[-1]) * MM_PER_INCH, 1) if width else 215.9,
        round(float(cap_values(height)[-1]) * MM_PER_INCH, 1) if height else 297.0,
    )
    return Capabilities(tuple(sources), resolutions, tuple(sorted(modes, key=list(ColorMode).index)), size)


def negotiation(settings: ScanSettings) -> list[CapSet]:
    """The capabilities to set for ``settings``, in the order TWAIN needs: the feeder first
    (it changes what else is valid), units before anything measured."""
    feeder = settings.source in (Source.ADF, Source.DUPLEX)
    plan = [
        CapSet(CAP_FEEDERENABLED, TWTY_BOOL, feeder, "source", required=feeder),
        CapSet(CAP_DUPLEXENABLED, TWTY_BOOL, settings.duplex, "source", required=settings.duplex),
    ]
    if feeder:
        plan.append(CapSet(CAP_AUTOFEED, TWTY_BOOL, True, "source", required=False))
    plan += [
        CapSet(CAP_XFERCOUNT, TWTY_INT16, -1 if feeder else 1, "source", required=False),  # -1: every sheet
        CapSet(ICAP_XFERMECH, TWTY_UINT16, TWSX_NATIVE, "transfer"),
        CapSet(ICAP_UNITS, TWTY_UINT16, TWUN_INCHES, "page_size"),
        CapSet(ICAP_PIXELTYPE, TWTY_UINT16, PIXEL_TYPES[settings.mode], "mode"),
    ]
    if settings.mode is not ColorMode.COLOR:  # colour depth is 24 or 48 by source; leave it
        plan.append(CapSet(ICAP_BITDEPTH, TWTY_UINT16, 1 if settings.mode is ColorMode.LINEART else 8, "mode",
                           required=False))
    plan += [
        CapSet(ICAP_XRESOLUTION, TWTY_FIX32, float(settings.dpi), "dpi"),
        CapSet(ICAP_YRESOLUTION, TWTY_FIX32, float(settings.dpi), "dpi"),
        CapSet(CAP_INDICATORS, TWTY_BOOL, False, "ui", required=False),  # progress is SoHoa's to show
    ]
    return plan


def negotiate(source: TwainSource, settings: ScanSettings, device_id: str) -> None:
    """Set every capability of the plan and the scan area; a refused required one is an
    UnsupportedSetting before any paper moves (a rounded value counts as refused)."""
    for cap in negotiation(settings):
        try:
            source.set_capability(cap.cap, cap.type_id, cap.value)
        except Exception as exc:  # noqa: BLE001
            if _is(exc, "CheckStatus") and _current_matches(source, cap):
                continue
            if cap.required:
                raise UnsupportedSetting(
                    f"The TWAIN driver refused {cap.setting} = {cap.value!r} ({type(exc).__name__}).",
                    device_id=device_id, details={"setting": cap.setting, "value": _shown(cap, settings)},
                ) from None
    if settings.page_size:
        frame = (0.0, 0.0, settings.page_size.width_mm / MM_PER_INCH, settings.page_size.height_mm / MM_PER_INCH)
        try:
            source.set_image_layout(frame)
        except Exception as exc:  # noqa: BLE001 - CheckStatus: clipped to the bed, which check_settings allowed
            if not _is(exc, "CheckStatus"):
                raise translate(exc, device_id) from None


def _current_matches(source: TwainSource, cap: CapSet) -> bool:
    try:
        current = cap_values(source.get_capability_current(cap.cap))[0]
    except Exception:  # noqa: BLE001
        return False
    return abs(float(current) - float(cap.value)) < 0.5 if cap.type_id == TWTY_FIX32 else current == cap.value


def _shown(cap: CapSet, settings: ScanSettings) -> object:
    return {"source": settings.source.value, "mode": settings.mode.value, "dpi": settings.dpi}.get(cap.setting, cap.value)


# -- the pages -------------------------------------------------------------------------------

def acquire(source: TwainSource, settings: ScanSettings, device_id: str, cancel: Cancel) -> Iterator[Page]:
    """One acquisition: enable the source without its own dialog, wait for the transfer,
    then take images while the source says more are pending."""
    feeder = settings.source in (Source.ADF, Source.DUPLEX)
    if feeder:
        loaded = _try(source, CAP_FEEDERLOADED)
        if loaded is not None and cap_values(loaded)[0] is False:
            raise FeederEmpty(device_id=device_id, page_index=0)
    try:
        source.request_acquire(show_ui=False, modal_ui=False)
        ready = source.modal_loop()
    except Exception as exc:  # noqa: BLE001
        raise translate(exc, device_id, 0, feeder) from None
    if not ready:  # the source asked to close before any image: nothing was fed
        if feeder:
            raise FeederEmpty(device_id=device_id, page_index=0)
        raise ScanError("The TWAIN driver closed the scan without a page.", device_id=device_id, page_index=0)
    index = 0
    while True:
        try:
            handle, pending = source.xfer_image_natively()
        except Exception as exc:  # noqa: BLE001
            if _is(exc, "DSTransferCancelled"):  # cancelled at the scanner
                return
            raise translate(exc, device_id, index, feeder) from None
        pixels, dpi = decode_image(source.image_bytes(handle))
        side = Side.BACK if settings.duplex and index % 2 else Side.FRONT
        yield to_page(pixels, settings, index, side, dpi=dpi)
        index += 1
        if pending == 0 or cancel.is_set():  # on cancel, closing the source resets what is pending
            return


_ERRORS: dict[str, tuple[type[ScanError], str | None]] = {
    "PaperJam": (PaperJam, None),
    "PaperDoubleFeedError": (PaperJam, "Two sheets went through together. Take them out, separate them and "
                                       "put them back on top of the stack."),
    "CheckDeviceOnlineError": (DeviceGone, None),
    "NoDataSourceError": (DeviceGone, None),
    "SMLoadFileFailed": (DeviceGone, "The TWAIN source manager is not installed (twain_32.dll / TWAINDSM.dll)."),
    "SMOpenFailed": (DeviceGone, None),
    "MaxConnectionsError": (DeviceBusy, None),
    "DeniedError": (DeviceBusy, None),
    "CapUnsupported": (UnsupportedSetting, None),
    "BadCapability": (UnsupportedSetting, None),
    "CapBadOperation": (UnsupportedSetting, None),
    "CapSeqError": (UnsupportedSetting, None),
}


def translate(exc: BaseException, device_id: str, page_index: int | None = None, feeder: bool = False) -> ScanError:
    """A pytwain exception (matched by class name, pytwain's documented twain.exceptions) → the clerk's error."""
    if isinstance(exc, ScanError):
        return exc
    for cls in type(exc).__mro__:
        if cls.__name__ in _ERRORS:
            error, message = _ERRORS[cls.__name__]
            return error(message, device_id=device_id, page_index=page_index)
    if _is(exc, "UnknownError") and f"ConditionCode = {TWCC_NOMEDIA}" in str(exc):
        return FeederEmpty(device_id=device_id, page_index=page_index) if feeder else ScanError(
            "The scanner found no paper.", device_id=device_id, page_index=page_index)
    return ScanError(f"The TWAIN driver reported: {type(exc).__name__} {exc}".strip() + ".",
                     device_id=device_id, page_index=page_index)


def _is(exc: BaseException, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(exc).__mro__)


# -- the backend ------------------------------------------------------------------------------

Connect = Callable[[], AbstractContextManager]


@dataclass(frozen=True)
class TwainBackend:
    """TWAIN data sources; ``connect`` opens a source manager (default: pytwain's, on Windows).
    A source manager has ``source_list`` and ``open_source(name)``, as pytwain's."""

    connect: Connect | None = None
    name: str = "twain"

    def list_devices(self) -> list[Device]:
        with self._manager() as manager:
            return [Device(f"{self.name}:{n}", n, self.name) for n in manager.source_list]

    def capabilities(self, device_id: str) -> Capabilities:
        with self._source(device_id) as source:
            return read_capabilities(source)

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        with self._source(device_id) as source:
            settings = check_settings(device_id, read_capabilities(source), settings)
            negotiate(source, settings, device_id)
            yield from acquire(source, settings, device_id, cancel)

    @contextmanager
    def _manager(self) -> Iterator[Any]:
        with ExitStack() as stack:
            try:
                manager = stack.enter_context((self.connect or _pytwain_manager)())
            except Exception as exc:  # noqa: BLE001 - no DSM, no pytwain: a clerk's error, not a traceback
                raise translate(exc, "") from None
            yield manager

    @contextmanager
    def _source(self, device_id: str) -> Iterator[TwainSource]:
        _, product = split_device_id(device_id)
        with self._manager() as manager:
            try:
                source = manager.open_source(product)
            except Exception as exc:  # noqa: BLE001
                raise translate(exc, device_id) from None
            if source is None:
                raise DeviceGone(f"No TWAIN source '{product}' is installed.", device_id=device_id)
            with source:  # closing resets pending transfers, disables and closes the source
                yield source


# -- WINDOWS-ONLY GLUE (needs the TWAIN DSM; not run by the Linux tests) ----------------------

@contextmanager
def _pytwain_manager() -> Iterator[Any]:
    import tkinter  # TWAIN 1.x wants a window to post its messages to; a hidden one will do

    import twain

    window = tkinter.Tk()
    window.withdraw()
    try:
        with twain.SourceManager(window, ProductName="SoHoa") as manager:
            yield _PytwainManager(manager)
    finally:
        window.destroy()


class _PytwainManager:
    def __init__(self, manager: Any):
        self._manager = manager

    @property
    def source_list(self) -> list[str]:
        return self._manager.source_list

    def open_source(self, name: str) -> Any:
        events: list[int] = []
        self._manager.set_callback(events.append)  # modal_loop reports each TWAIN message here
        source = self._manager.open_source(name)
        return _PytwainSource(source, events) if source is not None else None


class _PytwainSource:
    def __init__(self, source: Any, events: list[int]):
        self._source = source
        self._events = events

    def __getattr__(self, name: str) -> Any:  # get/set_capability, set_image_layout, request_acquire, ...
        return getattr(self._source, name)

    def __enter__(self) -> _PytwainSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self._source.close()

    def modal_loop(self) -> bool:
        import twain

        self._events.clear()
        self._source.modal_loop()  # returns on MSG_XFERREADY or MSG_CLOSEDSREQ
        return twain.MSG_XFERREADY in self._events

    def image_bytes(self, handle: Any) -> bytes:
        import twain

        try:
            return twain.dib_to_bm_file(handle)  # BMP file bytes of the DIB
        finally:
            twain.global_handle_free(handle)  # the application owns a native transfer's memory
