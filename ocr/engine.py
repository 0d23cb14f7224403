"""Tesseract behind one small interface, with two ways to reach it.

``TesserocrEngine`` keeps the model loaded in the worker process between pages
(measured 10-25 % faster than starting ``tesseract`` per page); ``PytesseractEngine``
runs the ``tesseract`` program for each page and is the fallback where the tesserocr
wheel is missing. Both return the same words, parsed from Tesseract's TSV output, so
everything downstream is engine-agnostic.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ocr.words import Word, drop_fragments

if TYPE_CHECKING:
    import numpy as np


DEFAULT_LANGUAGE = "vie"
# Tesseract 5.5 (the tesserocr wheel) rejects as noise some whole rows that 5.3 keeps,
# e.g. the "Nơi nhận: ... KT. CHỦ TỊCH" row of a two-column signature block; measured
# on generated pages, keeping rows brings the report page from 1.7 % to 0.3 % CER.
TESSERACT_VARIABLES = {"textord_noise_rejrows": "0"}


@dataclass(frozen=True)
class Orientation:
    """How far the page is turned clockwise, and how sure Tesseract's OSD is."""

    degrees: int  # 0, 90, 180, 270
    confidence: float


class OcrTimeout(Exception):
    """Tesseract did not finish the page in the time allowed."""


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: np.ndarray, dpi: int, timeout_s: float) -> list[Word]:
        """Words of a grey (H×W uint8) page image, in reading order."""
        ...

    def orientation(self, image: np.ndarray, dpi: int) -> Orientation | None:
        """Tesseract's orientation detection (OSD), or None when it cannot tell."""
        ...


def tessdata_dir() -> str:
    """Where the traineddata files are: TESSDATA_PREFIX, else the system's tesseract."""
    env = os.environ.get("TESSDATA_PREFIX")
    if env:
        return env.rstrip("/") + "/"
    for candidate in ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                      "/usr/share/tessdata", "/usr/local/share/tessdata"):
        if Path(candidate, "osd.traineddata").exists() or Path(candidate, "vie.traineddata").exists():
            return candidate + "/"
    return "/usr/share/tesseract-ocr/5/tessdata/"


# Vietnamese has Đ/đ (U+0110/U+0111) but never the Icelandic eth Ð/ð (U+00D0/U+00F0),
# which the ``vie`` model sometimes emits beside or instead of it ("125/QĐÐ-UBND").
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def fix_vietnamese(text: str) -> str:
    """Undo the model's Ð-for-Đ confusion; a doubled Đ never occurs in Vietnamese."""
    text = text.translate(_ETH)
    return text.replace("\u0110\u0110", "\u0110").replace("\u0111\u0111", "\u0111")


def parse_tsv(tsv: str) -> list[Word]:
    """Words (level 5 rows) of Tesseract's TSV output, text in NFC, stray marks dropped."""
    words: list[Word] = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if len(row) < 12 or row[0] != "5":
            continue
        text = fix_vietnamese(unicodedata.normalize("NFC", row[11]).strip())
        if not text:
            continue
        left, top, width, height = (int(v) for v in row[6:10])
        conf = float(row[10])
        words.append(Word(text=text, bbox=(left, top, left + width, top + height),
                          confidence=max(0.0, min(1.0, conf / 100.0)),
                          block=int(row[2]), paragraph=int(row[3]), line=int(row[4])))
    return drop_fragments(words)


def _osd_from_dict(result: dict | None) -> Orientation | None:
    if not result:
        return None
    return Orientation(degrees=int(result["orient_deg"]) % 360, confidence=float(result["orient_conf"]))


class TesserocrEngine:
    """Tesseract through the tesserocr wheel: the model stays loaded between pages."""

    name = "tesserocr"

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        import tesserocr

        self._tesserocr = tesserocr
        self._path = tessdata_dir()
        self._api = tesserocr.PyTessBaseAPI(path=self._path, lang=language,
                                            psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY)
        for name, value in TESSERACT_VARIABLES.items():
            self._api.SetVariable(name, value)
        self._osd: object | None = None

    def recognize(self, image: np.ndarray, dpi: int, timeout_s: float) -> list[Word]:
        api = self._api
        _set_image(api, image)
        api.SetSourceResolution(int(dpi))
        try:
            if not api.Recognize(timeout=int(timeout_s * 1000)):
                raise OcrTimeout(f"Tesseract did not finish within {timeout_s:g} s")
            return parse_tsv(api.GetTSVText(0))
        finally:
            api.Clear()  # Tesseract keeps its copies of the page until told: free them now

    def orientation(self, image: np.ndarray, dpi: int) -> Orientation | None:
        if self._osd is None:
            self._osd = self._tesserocr.PyTessBaseAPI(path=self._path, lang="osd",
                                                      psm=self._tesserocr.PSM.OSD_ONLY)
        _set_image(self._osd, image)
        self._osd.SetSourceResolution(int(dpi))
        try:
            return _osd_from_dict(self._osd.DetectOrientationScript())
        except RuntimeError:
            return None


def _set_image(api: object, image: np.ndarray) -> None:
    import numpy as np

    if image.ndim != 2 or image.dtype != np.uint8:
        raise ValueError("the OCR image must be 8-bit grey")
    height, width = image.shape
    data = np.ascontiguousarray(image)
    api.SetImageBytes(data.tobytes(), width, height, 1, width)


class PytesseractEngine:
    """Tesseract as a program run per page; the fallback without tesserocr."""

    name = "pytesseract"

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        import pytesseract

        if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
            raise RuntimeError("the tesseract program is not installed")
        self._pt = pytesseract
        self._language = language

    def recognize(self, image: np.ndarray, dpi: int, timeout_s: float) -> list[Word]:
        from PIL import Image

        try:
            tsv = self._pt.image_to_data(Image.fromarray(image), lang=self._language,
                                         config=_cli_config(dpi), timeout=timeout_s)
        except RuntimeError as exc:  # pytesseract kills the process on timeout
            if "timeout" in str(exc).lower():
                raise OcrTimeout(f"Tesseract did not finish within {timeout_s:g} s") from exc
            raise
        return parse_tsv(tsv)

    def orientation(self, image: np.ndarray, dpi: int) -> Orientation | None:
        from PIL import Image

        try:
            osd = self._pt.image_to_osd(Image.fromarray(image), config=f"--psm 0 --dpi {int(dpi)}",
                                        output_type=self._pt.Output.DICT)
        except self._pt.TesseractError:
            return None
        return Orientation(degrees=int(osd["orientation"]) % 360, confidence=float(osd["orientation_conf"]))


def _cli_config(dpi: float) -> str:
    variables = " ".join(f"-c {name}={value}" for name, value in TESSERACT_VARIABLES.items())
    return f"--psm 3 --oem 1 --dpi {int(dpi)} {variables}"


ENGINES = {"tesserocr": TesserocrEngine, "pytesseract": PytesseractEngine}


def available_engines() -> list[str]:
    names = []
    try:
        import tesserocr  # noqa: F401

        names.append("tesserocr")
    except ImportError:
        pass
    if shutil.which("tesseract"):
        names.append("pytesseract")
    return names


def make_engine(name: str = "auto", language: str = DEFAULT_LANGUAGE) -> OcrEngine:
    """The named engine, or with "auto" tesserocr where installed, else pytesseract."""
    if name == "auto":
        names = available_engines()
        if not names:
            raise RuntimeError("Tesseract is not installed: run the setup script, or install tesseract-ocr-vie")
        name = names[0]
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r}; choose one of {', '.join(ENGINES)}")
    return ENGINES[name](language)
