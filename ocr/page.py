"""One page through the chain, inside a worker: load, clean, recognise, write."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from ocr import cleanup, layers, textpdf
from ocr.engine import OcrEngine, OcrTimeout
from ocr.extract.codes import read_codes
from ocr.words import Word
from ocr.errors import PageError
from ocr.report import BLANK_THRESHOLD, MIN_DPI, OcrOptions, PageReport
from ocr.loading import load_page
from ocr.sources import PageRef

# A page whose words average below this confidence may be upside down or sideways;
# only then is Tesseract's orientation detection asked (it costs ~0.3 s a page).
DOUBTFUL_CONFIDENCE = 0.70
MIN_OSD_CONFIDENCE = 1.5


def mean_confidence(words: list[Word]) -> float:
    """Mean word confidence weighted by word length (long words say more)."""
    total = sum(len(w.text) for w in words)
    if not total:
        return 0.0
    return sum(w.confidence * len(w.text) for w in words) / total


def page_pixels(word: Word, ocr_scale: float) -> Word:
    """A word's box moved from the OCR copy's pixels to the page image's."""
    if ocr_scale == 1.0:
        return word
    x0, y0, x1, y1 = word.bbox
    box = (round(x0 / ocr_scale), round(y0 / ocr_scale), round(x1 / ocr_scale), round(y1 / ocr_scale))
    return replace(word, bbox=box)


def process_page(ref: PageRef, number: int, workdir: Path, options: OcrOptions,
                 engine: OcrEngine | None) -> PageReport:
    started = time.monotonic()
    report = PageReport(number=number, source=str(ref.path), source_page=ref.index + 1)
    try:
        loaded = load_page(ref)
    except PageError as exc:
        report.status, report.error = "failed", exc.reason
        return report
    report.dpi, report.dpi_known = loaded.dpi, loaded.dpi_known
    if not loaded.dpi_known:
        report.warnings.append(f"the file does not state its resolution; {loaded.dpi:.0f} dpi assumed for an A4 page")
    if loaded.dpi < MIN_DPI:
        report.warnings.append(f"{loaded.dpi:.0f} dpi is below the {MIN_DPI} dpi that Decree 30/2020 requires; "
                               "scan this page again at 300 dpi")
    cleaned = cleanup.clean_page(loaded.image, loaded.dpi, deskew=options.deskew)
    del loaded
    report.deskew_deg, report.photo, report.blank_score = cleaned.deskew_deg, cleaned.photo, cleaned.blank_score
    report.blank = cleaned.blank_score < BLANK_THRESHOLD
    words: list[Word] = []
    if engine is not None and not report.blank:
        try:
            cleaned, words, report.rotated_deg = _recognize(cleaned, engine, options)
            report.deskew_deg = cleaned.deskew_deg
        except OcrTimeout as exc:
            report.status, report.error = "failed", f"{exc}; the page image is kept without text"
    report.height, report.width = cleaned.page.shape[:2]
    report.words = len(words)
    if options.keep_words:
        report.word_boxes = [page_pixels(w, cleaned.ocr_scale) for w in words]
        # QR codes and barcodes, preferred over OCR; a QR code seen but not read too (kind "unread"),
        # so extraction asks the clerk for the fields it states.
        report.codes = read_codes(cleaned.page, unread=True)
        if engine is not None and words:
            report.rereads = _reread(cleaned, report.word_boxes, engine, options)
    report.mean_confidence = round(mean_confidence(words), 3)
    image, dpi, ocr_scale = cleaned.page, cleaned.dpi, cleaned.ocr_scale
    del cleaned  # the OCR copy is done with: memory stays flat per worker
    encoded, mask = _encode(image, dpi, options)
    pdf_path = workdir / f"page-{number:05d}.pdf"
    textpdf.write_page_pdf(pdf_path, encoded, dpi, words, mask=mask, ocr_scale=ocr_scale)
    report.pdf = str(pdf_path)
    if report.status == "pending":
        report.status = "blank" if report.blank else ("ocr" if engine is not None else "image_only")
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _reread(cleaned: cleanup.Cleaned, words: list[Word], engine: OcrEngine, options: OcrOptions) -> list:
    """Second readings of the lines that hold fields, while the OCR image is at hand."""
    from ocr.extract.reread import line_reader, reread

    height, width = cleaned.page.shape[:2]
    dpi = cleaned.dpi * cleaned.ocr_scale
    read_line = line_reader(options.language) if getattr(engine, "name", "") == "tesserocr" else None

    def recognize(crop: np.ndarray, scale: float) -> list[Word]:
        if read_line is not None:
            return read_line(crop, int(dpi * scale))
        return engine.recognize(crop, int(dpi * scale), options.page_timeout_s)

    try:
        return reread(cleaned.ocr, cleaned.ocr_scale, words, width, height, recognize)
    except OcrTimeout:
        return []  # the first reading stands


def _encode(image: np.ndarray, dpi: float, options: OcrOptions) -> tuple[textpdf.EncodedImage, textpdf.PrintMask | None]:
    """The page image for the PDF: lossless for lineart, else print mask + background (or one JPEG)."""
    quality = options.jpeg_quality or layers.DEFAULT_JPEG_QUALITY
    if _is_bitonal(image):
        return layers.encode_image(image, bitonal=True), None
    if options.image_mode != "mrc":
        return layers.encode_image(image, jpeg_quality=quality), None
    grey_page = image.ndim == 2
    split = layers.split_layers(image, dpi)
    back = cv2.cvtColor(split.background, cv2.COLOR_BGR2GRAY) if grey_page else split.background
    return layers.encode_image(back, jpeg_quality=quality), layers.encode_mask(split.mask, split.ink)


def _is_bitonal(image: np.ndarray) -> bool:
    """Only pure black-and-white pixels: a lineart scan, or a page that was one."""
    if image.ndim != 2:
        return False
    sample = image[::7, ::7]
    return bool(np.isin(sample, (0, 255)).all())


def _recognize(cleaned: cleanup.Cleaned, engine: OcrEngine, options: OcrOptions) -> tuple[cleanup.Cleaned, list[Word], int]:
    """Words of the page, turning it upright first when it is sideways or reads upside down.

    Orientation detection costs about 0.3 s, so it runs only when the page needs it:
    text lines that run vertically (sideways), or words read with low confidence
    after a first pass (upside down gives garbage of low confidence).
    """
    dpi = cleaned.dpi * cleaned.ocr_scale
    words: list[Word] = []
    if not (options.orient and cleaned.sideways):
        words = engine.recognize(cleaned.ocr, dpi, options.page_timeout_s)
        if not options.orient or mean_confidence(words) >= DOUBTFUL_CONFIDENCE:
            return cleaned, words, 0
    orientation = engine.orientation(cleaned.ocr, dpi)
    if orientation is None or orientation.degrees == 0 or orientation.confidence < MIN_OSD_CONFIDENCE:
        if cleaned.sideways and not words:
            words = engine.recognize(cleaned.ocr, dpi, options.page_timeout_s)
        return cleaned, words, 0
    turned = cleanup.clean_page(cleanup.quarter_turn(cleaned.page, orientation.degrees), cleaned.dpi,
                                deskew=options.deskew)
    turned_words = engine.recognize(turned.ocr, turned.dpi * turned.ocr_scale, options.page_timeout_s)
    if words and mean_confidence(turned_words) <= mean_confidence(words):
        return cleaned, words, 0
    return turned, turned_words, orientation.degrees
