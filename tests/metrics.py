"""Measuring OCR the way a reader of the PDF would: from the PDF's own text layer.

Character error rate (CER) is the Levenshtein distance over NFC text with
whitespace collapsed, divided by the ground truth's length. Two-column rows (agency
| motto, recipients | signature) are read in different orders by different engines,
so the text is compared block by block: each word of the PDF goes to the ground-truth
block its centre falls in, and words that fall in no block count as insertions. Blocks
that hold a printed code (QR, barcode: tests.docgen CODE_BLOCKS) have no text to read:
they are left out, and whatever an engine reads inside them is not counted.
"""
from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from tests.docgen.model import CODE_BLOCKS


@dataclass(frozen=True)
class PdfWord:
    text: str
    page: int  # 1-based
    bbox: tuple[float, float, float, float]  # pixels at the page's dpi, origin top-left


def normalize(text: str) -> str:
    """NFC, single spaces, and no dot leaders: a form's "Họ và tên: ......" line is
    layout, not text, and SoHoa removes leaders before OCR on purpose."""
    text = re.sub(r"(?:\s*[.…]){4,}", " ", unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", " ", text).strip()


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalize(reference), normalize(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """What ``pdftotext`` (poppler) returns: what a person copying from the PDF gets."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_words(pdf: Path, dpi: float) -> list[PdfWord]:
    """Every word of the text layer with its box, converted to image pixels at ``dpi``."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    words: list[PdfWord] = []
    k = dpi / 72.0
    for page_no, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = tuple(float(word.get(a)) * k for a in ("xMin", "yMin", "xMax", "yMax"))
            words.append(PdfWord(unicodedata.normalize("NFC", word.text or ""), page_no, box))  # type: ignore[arg-type]
    return words


def blockwise_cer(blocks: Sequence, words: Iterable[PdfWord], margin: float = 12.0) -> float:
    """CER over ground-truth blocks (objects with ``bbox`` and ``text``), see the module docstring."""
    codes = [b for b in blocks if getattr(b, "name", "") in CODE_BLOCKS]
    blocks = [b for b in blocks if getattr(b, "name", "") not in CODE_BLOCKS]
    assigned: list[list[PdfWord]] = [[] for _ in blocks]
    stray: list[PdfWord] = []
    for word in words:
        cx = (word.bbox[0] + word.bbox[2]) / 2
        cy = (word.bbox[1] + word.bbox[3]) / 2
        if any(c.bbox[0] - margin <= cx <= c.bbox[2] + margin and c.bbox[1] - margin <= cy <= c.bbox[3] + margin
               for c in codes):
            continue
        for i, block in enumerate(blocks):
            x0, y0, x1, y1 = block.bbox
            if x0 - margin <= cx <= x1 + margin and y0 - margin <= cy <= y1 + margin:
                assigned[i].append(word)
                break
        else:
            stray.append(word)
    errors = 0
    total = 0
    for block, found in zip(blocks, assigned):
        found.sort(key=lambda w: (round(((w.bbox[1] + w.bbox[3]) / 2) / 25), w.bbox[0]))
        ref = normalize(block.text)
        hyp = normalize(" ".join(_lines(found)))
        errors += Levenshtein.distance(ref, hyp)
        total += len(ref)
    errors += sum(len(w.text) for w in stray)
    return errors / max(1, total)


def _lines(words: list[PdfWord]) -> list[str]:
    """Words grouped into lines by their vertical centres, lines top to bottom.

    Centres, not boxes: a text layer's boxes span ascenders to descenders and
    overlap the next line where lines are set tight (11 pt recipients lists).
    """
    lines: list[list[PdfWord]] = []
    for word in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        centre = (word.bbox[1] + word.bbox[3]) / 2
        height = word.bbox[3] - word.bbox[1]
        if lines:
            line = lines[-1]
            line_centre = sum((w.bbox[1] + w.bbox[3]) / 2 for w in line) / len(line)
            line_height = max(w.bbox[3] - w.bbox[1] for w in line)
            if abs(centre - line_centre) < 0.4 * max(height, line_height):
                line.append(word)
                continue
        lines.append([word])
    return [" ".join(w.text for w in sorted(line, key=lambda w: w.bbox[0])) for line in lines]
