"""Scanner failures a clerk can act on.

Each error carries an English message written for the person at the scanner
(what happened and what to do next); scanner/messages.py gives the Vietnamese
text the clerk sees, from the type and the ``details`` (which setting, which
counts). They are plain exceptions with picklable state so they survive the
trip out of the worker.
"""
from __future__ import annotations


class ScanError(Exception):
    """Base of every scanner failure. ``device_id`` and ``page_index`` say where;
    ``details`` holds plain values a translation needs (e.g. ``setting``, ``offered``)."""

    default_message = "The scan failed."

    def __init__(self, message: str | None = None, *, device_id: str = "", page_index: int | None = None,
                 details: dict[str, object] | None = None):
        self.message = message or self.default_message
        self.device_id = device_id
        self.page_index = page_index
        self.details: dict[str, object] = dict(details or {})
        super().__init__(self.message)

    def __reduce__(self):
        return (_rebuild, (type(self), self.message, self.device_id, self.page_index, self.details))

    def __str__(self) -> str:
        where = []
        if self.device_id:
            where.append(f"scanner {self.device_id}")
        if self.page_index is not None:
            where.append(f"page {self.page_index + 1}")
        return f"{self.message} ({', '.join(where)})" if where else self.message


def _rebuild(cls, message, device_id, page_index, details=None):
    err = ScanError.__new__(cls)
    ScanError.__init__(err, message, device_id=device_id, page_index=page_index, details=details)
    return err


class PaperJam(ScanError):
    default_message = "Paper is jammed in the feeder. Open the feeder, remove the sheet and rescan it."


class FeederEmpty(ScanError):
    default_message = "The document feeder is empty. Load the paper and try again."


class CoverOpen(ScanError):
    default_message = "The scanner cover is open. Close it and try again."


class DeviceBusy(ScanError):
    default_message = "The scanner is busy with another job. Wait for it to finish, then try again."


class DeviceGone(ScanError):
    default_message = "The scanner is not available. Check that it is switched on and connected."


class DriverHung(ScanError):
    default_message = "The scanner stopped answering. Switch it off and on, then rescan the missing pages."


class UnsupportedSetting(ScanError):
    default_message = "The scanner does not support this setting. Choose another source, resolution or mode."


class PageNotSaved(ScanError):
    default_message = "The page could not be saved. Free some disk space or choose another folder, then continue."
