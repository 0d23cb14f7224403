"""TEST DOUBLE for the WIA Automation Layer (wiaaut.dll) on Windows.

No WIA service runs on Linux, so the WIA flow (scanner/wia_backend.py) is tested
against these stand-ins for the documented automation objects: DeviceManager
(DeviceInfos), DeviceInfo (DeviceID, Type, Properties, Connect), Device
(Properties, Items), Item (Properties, Transfer) and ImageFile (FileData.BinaryData),
with Property objects carrying PropertyID, Name, Value and the SubType fields.
Errors are raised like comtypes' COMError (a signed ``hresult``) or, with
``dispatch_errors``, like pywin32's com_error through IDispatch (DISP_E_EXCEPTION
with the WIA code in the excepinfo). The spec is frozen so the backend pickles.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from scanner import wia_backend as wia


class COMError(Exception):
    """Shaped like comtypes.COMError: args (hresult, text, details), ``hresult`` signed."""

    def __init__(self, code: int, dispatch: bool = False):
        signed = code - (1 << 32) if code & 0x80000000 else code
        if dispatch:  # pywin32: com_error(DISP_E_EXCEPTION, text, excepinfo with the scode, None)
            disp = wia.DISP_E_EXCEPTION - (1 << 32)
            super().__init__(disp, "Exception occurred.", (0, "WIA", None, None, 0, signed), None)
            self.hresult = disp
        else:
            super().__init__(signed, "WIA error", (None, None, None, 0, None))
            self.hresult = signed


@dataclass
class Prop:
    PropertyID: int
    Name: str
    _value: object
    SubType: int = 0
    SubTypeValues: tuple = ()
    SubTypeMin: int = 0
    SubTypeMax: int = 0
    SubTypeStep: int = 1
    refuse: bool = False

    @property
    def Value(self):  # noqa: N802 - the automation object's name
        return self._value

    @Value.setter
    def Value(self, value):  # noqa: N802
        if self.refuse:
            raise COMError(0x8021000C)  # WIA_ERROR_INCORRECT_HARDWARE_SETTING
        self._value = value


@dataclass(frozen=True)
class WiaSpec:
    device_id: str = "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001"
    wia2: bool = False  # child items "Flatbed" and "Feeder" (WIA 2.0) instead of one item (WIA 1.0)
    handling: int = wia.FEED | wia.FLAT | wia.DUP
    sheets: int = 3
    fail_at: int | None = None
    failure: int = 0x80210002  # WIA_ERROR_PAPER_JAM
    dispatch_errors: bool = False
    status_property: bool = False  # DOCUMENT_HANDLING_STATUS tells when the feeder is empty
    refuse: tuple[int, ...] = ()  # property IDs whose Value cannot be set


class ImageFile:
    def __init__(self, data: bytes):
        self.FileData = type("Vector", (), {"BinaryData": tuple(data)})()  # a Vector of bytes


@dataclass
class Item:
    Properties: list[Prop]
    device: Device | None = None  # the scanner this item belongs to (its paper, its switches)

    def Transfer(self, format_id: str) -> ImageFile:  # noqa: N802
        device = self.device
        spec = device.spec
        number = len(device.taken)
        if number == spec.fail_at:
            raise COMError(spec.failure, spec.dispatch_errors)
        if self._from_feeder() and number >= spec.sheets:
            raise COMError(0x80210003, spec.dispatch_errors)  # WIA_ERROR_PAPER_EMPTY
        device.taken.append(format_id)
        if device.status is not None and len(device.taken) >= spec.sheets:
            device.status.Value = 0
        props = {p.PropertyID: p for p in self.Properties}
        mode = props[wia.DATATYPE].Value
        value = 40 * (number + 1)
        shape = (20, 30, 3) if mode == wia.DATA_COLOR else (20, 30)
        img = Image.fromarray(np.full(shape, value, np.uint8))
        dpi = props[wia.XRES].Value
        out = io.BytesIO()
        img.save(out, format="BMP", dpi=(dpi, dpi))
        return ImageFile(out.getvalue())

    def _from_feeder(self) -> bool:
        device = self.device
        names = {p.PropertyID: p.Value for p in self.Properties}
        if device.spec.wia2:
            return "Feeder" in str(names.get(wia.ITEM_NAME))
        select = {p.PropertyID: p for p in device.Properties}[wia.DOCUMENT_HANDLING_SELECT].Value
        return bool(select & wia.FEED)


@dataclass
class Device:
    spec: WiaSpec
    Properties: list[Prop] = field(default_factory=list)
    Items: list[Item] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)
    status: Prop | None = None


def _item_props(spec: WiaSpec, name: str) -> list[Prop]:
    r = spec.refuse
    return [
        Prop(wia.ITEM_NAME, "Item Name", name),
        Prop(wia.CUR_INTENT, "Current Intent", wia.INTENT_COLOR),
        Prop(wia.DATATYPE, "Data Type", wia.DATA_COLOR, wia.LIST_SUBTYPE, (0, 2, 3), refuse=wia.DATATYPE in r),
        Prop(wia.DEPTH, "Bits Per Pixel", 24),
        Prop(wia.XRES, "Horizontal Resolution", 150, wia.LIST_SUBTYPE, (75, 150, 300, 600), refuse=wia.XRES in r),
        Prop(wia.YRES, "Vertical Resolution", 150, wia.LIST_SUBTYPE, (75, 150, 300, 600)),
        Prop(wia.XPOS, "Horizontal Start Position", 0),
        Prop(wia.YPOS, "Vertical Start Position", 0),
        Prop(wia.XEXTENT, "Horizontal Extent", 1275),
        Prop(wia.YEXTENT, "Vertical Extent", 1753),
    ]


def make_device(spec: WiaSpec) -> Device:
    device = Device(spec)
    device.Properties = [
        Prop(wia.DOCUMENT_HANDLING_CAPABILITIES, "Document Handling Capabilities", spec.handling),
        Prop(wia.HORIZONTAL_BED_SIZE, "Horizontal Bed Size", 8500),
        Prop(wia.VERTICAL_BED_SIZE, "Vertical Bed Size", 11690),
        Prop(wia.HORIZONTAL_SHEET_FEED_SIZE, "Horizontal Sheet Feed Size", 8500),
        Prop(wia.VERTICAL_SHEET_FEED_SIZE, "Vertical Sheet Feed Size", 14000),
    ]
    if not spec.wia2:
        device.Properties += [Prop(wia.DOCUMENT_HANDLING_SELECT, "Document Handling Select", wia.FLAT),
                              Prop(wia.PAGES, "Pages", 0)]
    if spec.status_property:
        device.status = Prop(wia.DOCUMENT_HANDLING_STATUS, "Document Handling Status",
                             wia.FEED_READY if spec.sheets else 0)
        device.Properties.append(device.status)
    if spec.wia2:
        feeder_props = _item_props(spec, "Feeder") + [Prop(wia.DOCUMENT_HANDLING_SELECT, "Document Handling Select", 0)]
        device.Items = [Item(_item_props(spec, "Flatbed"), device), Item(feeder_props, device)]
    else:
        device.Items = [Item(_item_props(spec, "Scan"), device)]
    return device


@dataclass
class DeviceInfo:
    DeviceID: str
    Type: int
    Properties: list[Prop]
    device: Device | None = None

    def Connect(self) -> Device:  # noqa: N802
        return self.device


@dataclass
class DeviceManager:
    DeviceInfos: list[DeviceInfo]


def manager(spec: WiaSpec) -> DeviceManager:
    """Stands in for CreateObject("WIA.DeviceManager"): one scanner and one camera."""
    return DeviceManager([
        DeviceInfo(spec.device_id, wia.SCANNER_DEVICE_TYPE, [Prop(7, "Name", "Test double WIA scanner")],
                   make_device(spec)),
        DeviceInfo("{CAMERA}\\0002", 2, [Prop(7, "Name", "A camera")]),
    ])
