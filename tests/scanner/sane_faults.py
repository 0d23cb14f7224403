"""SANE's real `test` device with a stack of paper and a fault on a chosen sheet.

Not a test double: the pages and the error statuses come from libsane's test
backend (``read-return-value`` makes sane_read return e.g. SANE_STATUS_JAMMED).
This subclass only picks *when*: its simulated feeder always holds 10 sheets
and a status applies to every read, so a clerk's stack of ``sheets`` and a jam
on sheet ``fail_at`` (0-based) are arranged here. Frozen and importable, so a
WorkerBridge can run it in its worker.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from scanner import Page, SaneBackend, ScanSettings, Side
from scanner.backend import Cancel

WHITE = (("test_picture", "Solid white"),)
BLACK = (("test_picture", "Solid black"),)


@dataclass(frozen=True)
class LoadedFeeder(SaneBackend):
    sheets: int = 10
    fail_at: int | None = None
    status: str = "SANE_STATUS_JAMMED"

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        pages = SaneBackend.scan(self, device_id, settings, cancel)
        try:
            for count, page in enumerate(pages, start=1):
                yield page
                if count == self.sheets:
                    return  # the stack is through; the device would say "out of documents" next
        finally:
            pages.close()

    def _read_one(self, dev, device_id: str, settings: ScanSettings, index: int, side: Side) -> Page:
        if index == self.fail_at:
            dev.read_return_value = self.status
        return SaneBackend._read_one(self, dev, device_id, settings, index, side)
