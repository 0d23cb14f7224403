"""A Tesseract engine that crashes its process on purpose, for the crash-isolation test.

A test double by necessity: a real Tesseract cannot be made to segfault on demand.
It wraps the real engine and kills its own worker process (SIGSEGV, as a native
crash would) when the page is much narrower than A4 (width below ``CRASH_RATIO``
of its height), so the test decides which page crashes by the page itself,
whatever worker runs it and at whatever resolution the OCR copy is made.
"""
from __future__ import annotations

import os
import signal

import numpy as np

from ocr.engine import Orientation, Word, make_engine

CRASH_RATIO = 0.6  # A4 is 0.707


class CrashOnNarrowPage:
    name = "crash-on-narrow-page"

    def __init__(self, language: str) -> None:
        self._real = make_engine("auto", language)

    def recognize(self, image: np.ndarray, dpi: int, timeout_s: float) -> list[Word]:
        if image.shape[1] < CRASH_RATIO * image.shape[0]:
            os.kill(os.getpid(), signal.SIGSEGV)
        return self._real.recognize(image, dpi, timeout_s)

    def orientation(self, image: np.ndarray, dpi: int) -> Orientation | None:
        return self._real.orientation(image, dpi)
