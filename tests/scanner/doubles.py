"""TEST DOUBLES ONLY — scanner backends that misbehave on purpose.

They live under tests/ so production code can never pick them. Each is a
frozen dataclass so the WorkerBridge can pickle it into a spawned worker.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from scanner import Capabilities, ColorMode, Device, Page, PageSize, ScanSettings, Source
from scanner.backend import Cancel
from scanner.errors import PaperJam

_CAPS = Capabilities((Source.FLATBED, Source.ADF), (150, 300), (ColorMode.GRAY,), PageSize(50, 50))


def _page(index: int, settings: ScanSettings) -> Page:
    return Page(np.full((20, 30), index, np.uint8), settings.dpi, index, source=settings.source)


@dataclass(frozen=True)
class _Double:
    good_pages: int = 2
    name: str = "double"

    def list_devices(self) -> list[Device]:
        return [Device("double:0", "Test double", self.name)]

    def capabilities(self, device_id: str) -> Capabilities:
        return _CAPS


@dataclass(frozen=True)
class HangingBackend(_Double):
    """Delivers ``good_pages`` pages, then blocks forever and ignores cancel (a wedged USB read)."""

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        for i in range(self.good_pages):
            yield _page(i, settings)
        while True:
            time.sleep(3600)


@dataclass(frozen=True)
class JammingBackend(_Double):
    """Delivers ``good_pages`` pages, then reports a paper jam on the next sheet."""

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        for i in range(self.good_pages):
            yield _page(i, settings)
        raise PaperJam(device_id=device_id, page_index=self.good_pages)


@dataclass(frozen=True)
class CrashingBackend(_Double):
    """Delivers ``good_pages`` pages, then the process dies as a segfaulting driver would."""

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        for i in range(self.good_pages):
            yield _page(i, settings)
        os._exit(139)


@dataclass(frozen=True)
class SlowFeederBackend(_Double):
    """An endless feeder, one page every 50 ms, that stops only when cancelled."""

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        i = 0
        while not cancel.is_set():
            yield _page(i, settings)
            i += 1
            time.sleep(0.05)
