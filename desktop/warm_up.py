"""Importing what the window does not need to be shown, after it is shown: one module per
event-loop turn on the main thread, so the clerk sees the window at once and it never stops
painting for long.

On the main thread: imported on a worker thread these modules deadlocked now and then against
the main thread inside Qt (seen as qtbot.waitActive hanging in about half the runs of
tests/desktop/test_main_window.py). In dependency order, leaves first, so each turn imports
one package's worth. A screen that needs a module before the warm-up has reached it imports it
then (``load``, under a busy cursor), or waits for it (``after``).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from importlib import import_module

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

# What the first scan needs and the window does not (the OCR stack, then the pipeline), imported
# while the clerk is still reading the list. Importing them on the scan's first page (the pipeline and its OCR stack take 1-2 s
# on 2 cores) held the interpreter lock for long runs just as the pages streamed in: the largest
# event-loop gaps of bench/gui_latency.py's first load. Measured in the window, CPU of the turn
# on a quiet machine, cv2 18-37 ms (its own 33 modules, one turn), ocr.extract.admin 19 ms
# (13 of them compiling it where there is no .pyc), every other turn under 15 ms; under load a
# turn runs twice as long on a core (bench/outbox_latency.py --where sees them).
OCR = ("numpy", "cv2", "rapidfuzz", "ocr.extract.vocab", "ocr.extract.classify", "ocr.extract.layout",
       "ocr.extract.reread", "ocr.extract.admin", "ocr.extract.forms", "ocr.extract.codes",
       "ocr.extract.document", "ocr.seals", "ocr.cleanup", "ocr.separators")
# The signing stack (pyHanko, fontTools, aiohttp …), which the pipeline (it signs what is
# reviewed), the signing and the handover screens need: 0.84 s of the window's start when the
# screens' modules imported it (python -X importtime, load 5), and 0.76 s in one turn when the
# pipeline pulled it in whole. Leaves first, in the order ``python -X importtime`` finishes them.
SIGNING = ("asn1crypto.x509", "cryptography.x509", "cryptography.hazmat.primitives.serialization.pkcs12",
           "asyncio", "pyhanko_certvalidator", "pyhanko.pdf_utils.generic", "pyhanko.pdf_utils.reader",
           "pyhanko.pdf_utils.writer", "pyhanko.pdf_utils.incremental_writer", "fontTools.ttLib", "uharfbuzz",
           "fontTools.ttLib.tables.otTables", "lxml.etree", "fontTools.subset", "pyhanko.pdf_utils.font.opentype",
           "yarl", "multidict", "aiohappyeyeballs", "aiohttp.client", "aiohttp", "pyhanko.sign.timestamps",
           "pyhanko.sign.signers.pdf_signer", "pyhanko.sign", "pkcs11", "signing.stamps", "signing.sign",
           "pyhanko.sign.validation", "pyhanko.sign.validation.ades", "signing.verify", "dossier.signing_lane")
PIPELINE = ("dossier.pipeline", "dossier.split", "dossier.split_apply", "ocr.loading", "ocr.sources", "ocr.region",
            "scanner.escl", "scanner.messages", "dossier.importing")
SCREENS = ("dossier.signing_batch", "dossier.signing_setup", "dossier.signing_worker", "dossier.stamp_preview",
           "desktop.screens.signing_pin", "desktop.screens.signing_tokens", "dossier.handover_desk",
           "desktop.screens.handover_dialog")
MODULES = OCR + SIGNING + PIPELINE + SCREENS
log = logging.getLogger(__name__)
DELAY_MS = 300  # after show(): the window's first paints and the list's first rows go first


class WarmUp(QObject):
    """``done`` once every module of ``modules`` is imported; it starts ``delay_ms`` after the
    window is first shown."""

    def __init__(self, window: QObject, modules: tuple[str, ...] = MODULES, delay_ms: int = DELAY_MS) -> None:
        super().__init__(window)
        self.done = False
        self._pending = list(modules)
        self._waiting: list[tuple[str, Callable[[], None]]] = []
        self._delay_ms = delay_ms
        # Counted from show(), not from building the window: under load building it and
        # restoring the selection took longer than the delay, and the first imports ran
        # before the window's first paint.
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self, self._next)
        return False

    def _next(self) -> None:
        """Import the next module not imported yet, then come back at the next turn."""
        while self._pending and self._pending[0] in sys.modules:  # imported meanwhile
            self._pending.pop(0)
        if self._pending:
            name = self._pending.pop(0)
            try:
                import_module(name)
            except Exception:  # noqa: BLE001 - one broken module must not stop the rest of the warm-up
                # The screen that needs it imports it again and shows that error where it is used.
                log.exception("warm-up: %s could not be imported", name)
            self._run_waiting()
        if self._pending:
            QTimer.singleShot(0, self, self._next)
        else:
            self.done = True

    def load(self, *modules: str) -> None:
        """Import ``modules`` now, for a screen the clerk opened before the warm-up reached
        them: under a busy cursor (the whole signing stack takes most of a second)."""
        missing = [name for name in modules if name not in sys.modules]
        if not missing:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for name in missing:
                import_module(name)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._run_waiting()

    def after(self, module: str, action: Callable[[], None]) -> None:
        """Call ``action`` on the main thread once ``module`` is imported (at once when it is)."""
        if module in sys.modules:
            action()
        else:
            self._waiting.append((module, action))

    def _run_waiting(self) -> None:
        ready = [entry for entry in self._waiting if entry[0] in sys.modules]
        self._waiting = [entry for entry in self._waiting if entry[0] not in sys.modules]
        for _module, action in ready:
            action()
