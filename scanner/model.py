"""Values that travel between a scanner backend and its callers.

Everything here is a frozen dataclass or an enum so it can cross a process
boundary (pickle) unchanged and be compared in tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np


class Source(str, Enum):
    """Where the paper lies; ``duplex`` is the feeder reading both sides."""

    FLATBED = "flatbed"
    ADF = "adf"
    DUPLEX = "duplex"


class ColorMode(str, Enum):
    COLOR = "color"
    GRAY = "gray"
    LINEART = "lineart"


class Side(str, Enum):
    """Which side of the sheet a page shows; flatbed pages are fronts."""

    FRONT = "front"
    BACK = "back"


@dataclass(frozen=True)
class PageSize:
    """Scan area in millimetres, measured from the top-left corner."""

    width_mm: float
    height_mm: float


A4 = PageSize(210.0, 297.0)


@dataclass(frozen=True)
class Device:
    """A scanner a clerk can pick. ``id`` is globally unique: ``<backend>:<native id>``."""

    id: str
    name: str
    backend: str


@dataclass(frozen=True)
class Capabilities:
    """What a device can do, so settings can be checked before paper moves."""

    sources: tuple[Source, ...]
    resolutions: tuple[int, ...]
    modes: tuple[ColorMode, ...]
    max_page_size: PageSize


@dataclass(frozen=True)
class ScanSettings:
    """One request for a batch. ``page_size`` None means the device's maximum area.

    A ``page_size`` larger than the device's area is refused, unless ``clip_to_area``:
    then it is the paper the batch is expected on (the profiles' A4) and the device
    scans as much of it as its area covers (a letter-length glass: 210×279 mm).
    """

    source: Source = Source.FLATBED
    dpi: int = 300
    mode: ColorMode = ColorMode.COLOR
    page_size: PageSize | None = None
    clip_to_area: bool = False

    @property
    def duplex(self) -> bool:
        return self.source is Source.DUPLEX


@dataclass(frozen=True, eq=False)
class Page:
    """One side of one sheet, delivered as soon as the driver has read it.

    ``image`` is H×W (gray/lineart, uint8) or H×W×3 (colour, uint8);
    lineart is stored as 0/255 so every consumer sees 8-bit pixels.
    ``index`` counts pages in the batch from 0 in the order they were read.
    """

    image: np.ndarray = field(repr=False)
    dpi: int
    index: int
    side: Side = Side.FRONT
    source: Source = Source.FLATBED

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

    def to_pil(self):  # -> PIL.Image.Image, imported lazily to keep the model light
        from PIL import Image

        return Image.fromarray(self.image)
