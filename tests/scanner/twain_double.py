"""TEST DOUBLE for a Windows TWAIN data source, as pytwain's ``twain.Source`` presents it.

No TWAIN source manager (twain_32.dll / TWAINDSM.dll) can run on Linux, so the
TWAIN flow (scanner/twain_backend.py) is tested against this stand-in. It answers
capabilities in pytwain's shapes, raises exceptions with pytwain's class names
(twain.exceptions), hands out native-transfer "handles" whose BMP bytes show the
sheet number, and keeps TWAIN's pending-transfer count. The configuration is a
frozen dataclass so the backend can be pickled into a WorkerBridge worker.
"""
from __future__ import annotations

import io
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from scanner.twain_backend import (
    CAP_DUPLEX,
    CAP_FEEDERENABLED,
    CAP_FEEDERLOADED,
    ICAP_PHYSICALHEIGHT,
    ICAP_PHYSICALWIDTH,
    ICAP_PIXELTYPE,
    ICAP_XRESOLUTION,
    TWPT_BW,
    TWPT_GRAY,
    TWTY_BOOL,
    TWTY_FIX32,
    TWTY_UINT16,
)


# Named as pytwain's twain.exceptions classes; the flow matches them by name.
class TwainError(Exception):
    pass


class PaperJam(TwainError):
    pass


class CheckDeviceOnlineError(TwainError):
    pass


class CapUnsupported(TwainError):
    pass


class NoDataSourceError(TwainError):
    pass


class DSTransferCancelled(TwainError):
    pass


class UnknownError(TwainError):
    pass


class CheckStatus(Exception):
    pass


FAILURES = {c.__name__: c for c in (PaperJam, CheckDeviceOnlineError, DSTransferCancelled, UnknownError)}


@dataclass(frozen=True)
class TwainSpec:
    name: str = "Test double TWAIN scanner"
    # ICAP_XRESOLUTION as pytwain returns an enumeration: (type, (current, default, values)).
    resolutions: object = (TWTY_FIX32, (3, 3, [100.0, 150.0, 200.0, 300.0, 600.0]))
    pixel_types: tuple[int, ...] = (0, 1, 2)
    feeder: bool = True
    duplex: int = 1  # TWDX_1PASSDUPLEX
    loaded: bool = True
    sheets: int = 3
    fail_at: int | None = None  # transfer number that raises ``failure``
    failure: str = "PaperJam"
    failure_text: str = ""
    hang_at: int | None = None  # transfer number that never returns (a wedged driver)
    refuse: tuple[int, ...] = ()  # capabilities whose MSG_SET fails with CapUnsupported
    rounds: tuple[int, ...] = ()  # capabilities whose MSG_SET returns TWRC_CHECKSTATUS and keeps the value


@dataclass
class FakeSource:
    spec: TwainSpec
    values: dict[int, object] = field(default_factory=dict)
    closed: bool = False
    pending: int | None = None
    layout: tuple | None = None

    def __enter__(self) -> FakeSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True  # pytwain's close() resets pending transfers first

    def get_capability(self, cap: int):
        s = self.spec
        table = {
            ICAP_XRESOLUTION: s.resolutions,
            ICAP_PIXELTYPE: (TWTY_UINT16, (0, 0, list(s.pixel_types))),
            ICAP_PHYSICALWIDTH: (TWTY_FIX32, 8.5),
            ICAP_PHYSICALHEIGHT: (TWTY_FIX32, 14.0),
        }
        if s.feeder:
            table |= {CAP_FEEDERENABLED: (TWTY_BOOL, False), CAP_DUPLEX: (TWTY_UINT16, s.duplex),
                      CAP_FEEDERLOADED: (TWTY_BOOL, s.loaded)}
        if cap not in table:
            raise CapUnsupported()
        return table[cap]

    def get_capability_current(self, cap: int):
        return (TWTY_UINT16, self.values.get(cap))

    def set_capability(self, cap: int, type_id: int, value) -> None:
        if cap in self.spec.refuse:
            raise CapUnsupported()
        self.values[cap] = value
        if cap in self.spec.rounds:
            raise CheckStatus()

    def set_image_layout(self, frame) -> None:
        self.layout = frame

    def request_acquire(self, show_ui: bool, modal_ui: bool) -> None:
        assert not show_ui, "SoHoa never shows the driver's own dialog"
        if self.spec.fail_at == -1:
            raise FAILURES[self.spec.failure](self.spec.failure_text)
        self.pending = self.spec.sheets if self.values.get(CAP_FEEDERENABLED) else 1

    def modal_loop(self) -> bool:
        return bool(self.pending)

    def xfer_image_natively(self):
        assert self.pending, "a transfer without MSG_XFERREADY is a TWAIN sequence error"
        number = self.spec.sheets - self.pending if self.values.get(CAP_FEEDERENABLED) else 0
        if number == self.spec.hang_at:
            while True:
                time.sleep(3600)
        if number == self.spec.fail_at:
            raise FAILURES[self.spec.failure](self.spec.failure_text)
        self.pending -= 1
        return number, self.pending

    def image_bytes(self, handle: int) -> bytes:
        """The DIB of transfer ``handle`` as BMP bytes: 30×20 px, every pixel 40·(handle+1)."""
        value = 40 * (handle + 1)
        kind = self.values.get(ICAP_PIXELTYPE)
        if kind == TWPT_BW:
            img = Image.fromarray(np.full((20, 30), 255 if handle % 2 else 0, np.uint8)).convert("1")
        elif kind == TWPT_GRAY:
            img = Image.fromarray(np.full((20, 30), value, np.uint8)).convert("P")  # 8-bit DIBs carry a palette
        else:
            img = Image.fromarray(np.full((20, 30, 3), value, np.uint8))
        dpi = float(self.values.get(ICAP_XRESOLUTION) or 300)
        out = io.BytesIO()
        img.save(out, format="BMP", dpi=(dpi, dpi))
        return out.getvalue()


class FakeManager:
    def __init__(self, spec: TwainSpec):
        self.spec = spec
        self.source_list = [spec.name]

    def open_source(self, name: str) -> FakeSource:
        if name != self.spec.name:
            raise NoDataSourceError()
        return FakeSource(self.spec)


@contextmanager
def connect(spec: TwainSpec):
    """Stands in for twain.SourceManager(window) as a context manager."""
    yield FakeManager(spec)
