"""WIA scanners (Windows) through the WIA Automation Layer (wiaaut.dll) and comtypes.

Windows only: comtypes is imported inside the glue, and the factory offers "wia"
only when ``sys.platform == "win32"`` and comtypes is installed. The code walks
the documented automation objects (DeviceManager.DeviceInfos → DeviceInfo.Connect
→ Device.Properties / Device.Items → Item.Properties, Item.Transfer(FormatID) →
ImageFile.FileData.BinaryData) and decides everything in plain code: properties →
Capabilities, ScanSettings → property values, the feeder loop, HRESULTs → the
clerk's errors, BMP → Page. The tests run it on Linux against a test double of
those objects (tests/scanner/wia_double.py); only the block marked WINDOWS-ONLY
GLUE creates the COM object.

WIA 2.0 drivers show the flatbed and the feeder as child items ("Flatbed",
"Feeder"), WIA 1.0 drivers one item and a device-level document-handling switch;
both are handled. Pages are transferred as BMP: uncompressed, so lossless.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from .backend import Cancel, check_settings, split_device_id
from .decode import decode_image, to_page
from .errors import CoverOpen, DeviceBusy, DeviceGone, FeederEmpty, PaperJam, ScanError, UnsupportedSetting
from .model import Capabilities, ColorMode, Device, Page, PageSize, ScanSettings, Side, Source
from .sane_backend import STANDARD_DPI

# Property IDs (wiadef.h): device (WIA_DPS_*) and item (WIA_IPA_*, WIA_IPS_*) properties.
HORIZONTAL_BED_SIZE, VERTICAL_BED_SIZE = 3074, 3075  # thousandths of an inch
HORIZONTAL_SHEET_FEED_SIZE, VERTICAL_SHEET_FEED_SIZE = 3076, 3077
DOCUMENT_HANDLING_CAPABILITIES, DOCUMENT_HANDLING_STATUS, DOCUMENT_HANDLING_SELECT = 3086, 3087, 3088
PAGES = 3096
ITEM_NAME, DATATYPE, DEPTH = 4098, 4103, 4104
CUR_INTENT, XRES, YRES, XPOS, YPOS, XEXTENT, YEXTENT = 6146, 6147, 6148, 6149, 6150, 6151, 6152

FEED, FLAT, DUP = 0x1, 0x2, 0x4  # DOCUMENT_HANDLING_CAPABILITIES / _SELECT bits (FEEDER, FLATBED, DUPLEX)
FRONT_FIRST = 0x8
FEED_READY = 0x1  # DOCUMENT_HANDLING_STATUS
DATA_THRESHOLD, DATA_GRAYSCALE, DATA_COLOR = 0, 2, 3
INTENT_COLOR, INTENT_GRAYSCALE, INTENT_TEXT = 1, 2, 4
RANGE_SUBTYPE, LIST_SUBTYPE = 1, 2  # WiaSubType
SCANNER_DEVICE_TYPE = 1  # WiaDeviceType
FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"  # wiaFormatBMP

DATATYPES = {ColorMode.COLOR: DATA_COLOR, ColorMode.GRAY: DATA_GRAYSCALE, ColorMode.LINEART: DATA_THRESHOLD}
INTENTS = {ColorMode.COLOR: INTENT_COLOR, ColorMode.GRAY: INTENT_GRAYSCALE, ColorMode.LINEART: INTENT_TEXT}
DEPTHS = {ColorMode.COLOR: 24, ColorMode.GRAY: 8, ColorMode.LINEART: 1}

# WIA error codes (learn.microsoft.com, "Error Codes (WIA)").
DISP_E_EXCEPTION = 0x80020009
_HRESULTS: dict[int, tuple[type[ScanError], str | None]] = {
    0x80210002: (PaperJam, None),  # WIA_ERROR_PAPER_JAM
    0x80210003: (FeederEmpty, None),  # WIA_ERROR_PAPER_EMPTY
    0x80210004: (PaperJam, "The feeder has a problem with the paper. Take the sheet out, straighten it and continue."),
    0x80210005: (DeviceGone, None),  # WIA_ERROR_OFFLINE
    0x80210006: (DeviceBusy, None),  # WIA_ERROR_BUSY
    0x80210007: (DeviceBusy, "The scanner is warming up. Wait a moment, then try again."),
    0x80210008: (ScanError, "The scanner needs attention (see its display), then try again."),
    0x80210009: (DeviceGone, None),  # WIA_ERROR_ITEM_DELETED
    0x8021000A: (DeviceGone, None),  # WIA_ERROR_DEVICE_COMMUNICATION
    0x8021000B: (UnsupportedSetting, None),  # WIA_ERROR_INVALID_COMMAND
    0x8021000C: (UnsupportedSetting, None),  # WIA_ERROR_INCORRECT_HARDWARE_SETTING
    0x8021000D: (DeviceBusy, None),  # WIA_ERROR_DEVICE_LOCKED
    0x80210015: (DeviceGone, None),  # WIA_S_NO_DEVICE_AVAILABLE
    0x80210016: (CoverOpen, None),  # WIA_ERROR_COVER_OPEN
    0x80210017: (ScanError, "The scanner's lamp is off or broken. Switch the scanner off and on, then try again."),
}


class PropSet(NamedTuple):
    prop_id: int
    value: Any
    setting: str
    required: bool = True


def hresult_of(exc: BaseException) -> int | None:
    """The WIA code of a COM error (comtypes' COMError or pywin32's com_error), unsigned.
    Through IDispatch the driver's code arrives as DISP_E_EXCEPTION with it in the excepinfo."""
    code = getattr(exc, "hresult", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    if not isinstance(code, int):
        return None
    code &= 0xFFFFFFFF
    if code == DISP_E_EXCEPTION and len(exc.args) > 2 and isinstance(exc.args[2], tuple):
        info = exc.args[2]
        if len(info) > 5 and isinstance(info[5], int):
            code = info[5] & 0xFFFFFFFF
    return code


def translate(exc: BaseException, device_id: str, page_index: int | None = None) -> ScanError:
    if isinstance(exc, ScanError):
        return exc
    code = hresult_of(exc)
    if code in _HRESULTS:
        cls, message = _HRESULTS[code]
        return cls(message, device_id=device_id, page_index=page_index)
    shown = f"0x{code:08X}" if code is not None else type(exc).__name__
    return ScanError(f"The WIA driver reported error {shown}.", device_id=device_id, page_index=page_index)


# -- properties -----------------------------------------------------------------------------

def props(obj: Any) -> dict[int, Any]:
    """An automation object's Properties by PropertyID."""
    return {int(p.PropertyID): p for p in obj.Properties}


def _value(bag: dict[int, Any], prop_id: int, default: Any = None) -> Any:
    prop = bag.get(prop_id)
    return prop.Value if prop is not None else default


def allowed(prop: Any) -> list[int]:
    """The valid values of a List or Range property (a Range expanded over the standard dpi)."""
    if prop.SubType == LIST_SUBTYPE:
        return [int(v) for v in prop.SubTypeValues]
    if prop.SubType == RANGE_SUBTYPE:
        low, high, step = int(prop.SubTypeMin), int(prop.SubTypeMax), max(int(prop.SubTypeStep), 1)
        return [d for d in STANDARD_DPI if low <= d <= high and (d - low) % step == 0]
    return [int(prop.Value)]


def read_capabilities(device_props: dict[int, Any], item_props: dict[int, Any]) -> Capabilities:
    handling = int(_value(device_props, DOCUMENT_HANDLING_CAPABILITIES, FLAT))
    sources = [s for bit, s in ((FLAT, Source.FLATBED), (FEED, Source.ADF)) if handling & bit]
    if handling & FEED and handling & DUP:
        sources.append(Source.DUPLEX)
    resolutions = tuple(sorted(set(allowed(item_props[XRES])))) if XRES in item_props else (300,)
    types = allowed(item_props[DATATYPE]) if DATATYPE in item_props else [DATA_COLOR]
    modes = tuple(m for m, t in DATATYPES.items() if t in types)
    widths = [_value(device_props, p) for p in (HORIZONTAL_BED_SIZE, HORIZONTAL_SHEET_FEED_SIZE)]
    heights = [_value(device_props, p) for p in (VERTICAL_BED_SIZE, VERTICAL_SHEET_FEED_SIZE)]
    size = PageSize(
        round(max([int(w) for w in widths if w] or [8500]) * 0.0254, 1),
        round(max([int(h) for h in heights if h] or [11690]) * 0.0254, 1),
    )
    return Capabilities(tuple(sources or [Source.FLATBED]), resolutions, modes, size)


def settings_plan(settings: ScanSettings) -> tuple[list[PropSet], list[PropSet]]:
    """(properties of the handling switch's owner, properties of the item) for ``settings``.
    The intent goes first: setting it resets data type, depth and resolution to its defaults."""
    feeder = settings.source in (Source.ADF, Source.DUPLEX)
    select = (FEED | DUP | FRONT_FIRST) if settings.duplex else FEED if feeder else FLAT
    handling = [PropSet(DOCUMENT_HANDLING_SELECT, select, "source", required=feeder),
                PropSet(PAGES, 1, "source", required=False)]  # one page per Transfer call
    item = [
        PropSet(CUR_INTENT, INTENTS[settings.mode], "mode", required=False),
        PropSet(DATATYPE, DATATYPES[settings.mode], "mode"),
        PropSet(DEPTH, DEPTHS[settings.mode], "mode", required=False),
        PropSet(XRES, settings.dpi, "dpi"),
        PropSet(YRES, settings.dpi, "dpi"),
        PropSet(XPOS, 0, "page_size", required=False),
        PropSet(YPOS, 0, "page_size", required=False),
    ]
    if settings.page_size:  # extents are in pixels at the chosen resolution
        item += [PropSet(XEXTENT, round(settings.page_size.width_mm / 25.4 * settings.dpi), "page_size", False),
                 PropSet(YEXTENT, round(settings.page_size.height_mm / 25.4 * settings.dpi), "page_size", False)]
    return handling, item


def apply(bag: dict[int, Any], plan: list[PropSet], settings: ScanSettings, device_id: str) -> None:
    for step in plan:
        prop = bag.get(step.prop_id)
        try:
            if prop is None:
                raise LookupError(step.prop_id)
            prop.Value = step.value
        except Exception as exc:  # noqa: BLE001 - COM errors, a missing property
            if step.required:
                shown = {"source": settings.source.value, "mode": settings.mode.value, "dpi": settings.dpi}
                raise UnsupportedSetting(
                    f"The WIA driver refused {step.setting} ({type(exc).__name__}).", device_id=device_id,
                    details={"setting": step.setting, "value": shown.get(step.setting, step.value)},
                ) from None


def pick_item(device: Any, source: Source) -> tuple[Any, dict[int, Any]]:
    """The item to scan from and whose properties carry the handling switch: a WIA 2.0
    "Feeder"/"Flatbed" child item when the driver has them, else the only item (WIA 1.0,
    switch on the device)."""
    items = list(device.Items)
    if not items:
        raise DeviceGone("The WIA driver shows no scanner item.")
    named = {str(_value(props(i), ITEM_NAME, "")).lower(): i for i in items}
    wanted = "flatbed" if source is Source.FLATBED else "feeder"
    for name, item in named.items():
        if wanted in name:
            return item, props(item)
    return items[0], props(device)


def transfer_pages(item: Any, status: dict[int, Any], settings: ScanSettings, device_id: str,
                   cancel: Cancel) -> Iterator[Page]:
    """Transfer one page per call; from the feeder until it reports empty (an empty feeder
    before the first sheet is the clerk's FeederEmpty)."""
    feeder = settings.source in (Source.ADF, Source.DUPLEX)
    index = 0
    while not cancel.is_set():
        if feeder and DOCUMENT_HANDLING_STATUS in status and not int(status[DOCUMENT_HANDLING_STATUS].Value) & FEED_READY:
            if index == 0:
                raise FeederEmpty(device_id=device_id, page_index=0)
            return
        try:
            image_file = item.Transfer(FORMAT_BMP)
            data = bytes(image_file.FileData.BinaryData)
        except Exception as exc:  # noqa: BLE001
            error = translate(exc, device_id, index)
            if isinstance(error, FeederEmpty) and index > 0:
                return  # the stack is through
            raise error from None
        pixels, dpi = decode_image(data)
        side = Side.BACK if settings.duplex and index % 2 else Side.FRONT
        yield to_page(pixels, settings, index, side, dpi=dpi)
        index += 1
        if not feeder:
            return


# -- the backend --------------------------------------------------------------------------------

@dataclass(frozen=True)
class WiaBackend:
    """WIA scanners; ``manager`` makes the WIA.DeviceManager (default: comtypes, on Windows)."""

    manager: Callable[[], Any] | None = None
    name: str = "wia"

    def list_devices(self) -> list[Device]:
        return [Device(f"{self.name}:{info.DeviceID}", str(_value(_by_name(info), "Name", info.DeviceID)), self.name)
                for info in self._infos() if int(info.Type) == SCANNER_DEVICE_TYPE]

    def capabilities(self, device_id: str) -> Capabilities:
        device = self._connect(device_id)
        item, _ = pick_item(device, Source.FLATBED)
        return read_capabilities(props(device), props(item))

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        device = self._connect(device_id)
        device_props = props(device)
        item, handling_owner = pick_item(device, settings.source)
        item_props = props(item)
        settings = check_settings(device_id, read_capabilities(device_props, item_props), settings)
        handling, item_plan = settings_plan(settings)
        apply(handling_owner, handling, settings, device_id)
        apply(item_props, item_plan, settings, device_id)
        yield from transfer_pages(item, device_props, settings, device_id, cancel)

    def _infos(self) -> list[Any]:
        try:
            return list((self.manager or _wia_device_manager)().DeviceInfos)
        except Exception as exc:  # noqa: BLE001 - no WIA service, no comtypes
            raise translate(exc, "") from None

    def _connect(self, device_id: str) -> Any:
        _, native = split_device_id(device_id)
        for info in self._infos():
            if str(info.DeviceID) == native:
                try:
                    return info.Connect()
                except Exception as exc:  # noqa: BLE001
                    raise translate(exc, device_id) from None
        raise DeviceGone(f"No WIA scanner '{native}' is connected.", device_id=device_id)


def _by_name(info: Any) -> dict[str, Any]:
    return {str(p.Name): p for p in info.Properties}


# -- WINDOWS-ONLY GLUE (needs the WIA service and wiaaut.dll; not run by the Linux tests) --------

def _wia_device_manager() -> Any:
    import comtypes.client  # initialises COM for this thread on import

    return comtypes.client.CreateObject("WIA.DeviceManager")
