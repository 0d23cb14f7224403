"""A page's OCR result for extraction, as a file in the workspace: words, codes, second readings.

OCR is the costly step (about a second a page); extraction is a function of its result.
Keeping the result on disk lets a crashed or re-run pipeline extract again, and a clerk's
page operations re-read fields, without running Tesseract a second time. Compact JSON,
one list per word, about 40 KB a page.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ocr.extract.codes import Code
from ocr.extract.document import PageWords
from ocr.extract.reread import Reading
from ocr.report import PageReport
from ocr.words import Word

FORMAT = "sohoa.page-words/1"


def _word(w: Word) -> list[Any]:
    return [w.text, list(w.bbox), round(w.confidence, 4), w.block, w.paragraph, w.line]


def _unword(item: list[Any]) -> Word:
    text, bbox, confidence, block, paragraph, line = item
    return Word(text, tuple(bbox), confidence, block, paragraph, line)  # type: ignore[arg-type]


def page_words_json(report: PageReport) -> dict[str, Any]:
    """What extraction needs of one OCR'd page, plus the figures the summary shows."""
    return {
        "format": FORMAT, "width": report.width, "height": report.height, "dpi": report.dpi,
        "status": report.status, "blank": report.blank, "error": report.error,
        "mean_confidence": report.mean_confidence, "warnings": list(report.warnings),
        "words": [_word(w) for w in report.word_boxes],
        "codes": [{"kind": c.kind, "text": c.text, "bbox": list(c.bbox)} for c in report.codes],
        "rereads": [{"bbox": list(r.bbox), "words": [_word(w) for w in r.words]} for r in report.rereads],
    }


def write_page_words(path: Path, report: PageReport) -> None:
    """Write atomically (workspace.write_durably): a crash leaves the old file or none, never half."""
    from dossier.workspace import write_durably

    write_durably(json.dumps(page_words_json(report), ensure_ascii=False, separators=(",", ":")).encode(), path)


def read_page_words(path: Path, number: int) -> tuple[PageWords, dict[str, Any]]:
    """The page as ``extract_pages`` takes it (``number`` 1-based in its document), and the raw record."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a page-words file of this SoHoa")
    page = PageWords(
        number=number, words=[_unword(w) for w in data["words"]], width=data["width"], height=data["height"],
        codes=[Code(c["kind"], c["text"], tuple(c["bbox"])) for c in data["codes"]],
        rereads=[Reading(tuple(r["bbox"]), tuple(_unword(w) for w in r["words"])) for r in data["rereads"]])
    return page, data
