"""Second readings: the enlarged crop is read only where it can still change the vote.

The unit tests build readings by hand; the last test reads the sample decision of
resources/samples in the OCR worker's own chain (real Tesseract), where a cheaper second
reading once lost the slash of "97/QĐ-UBND" and the accent of "Chiềng".
"""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from ocr.extract.layout import page_lines
from ocr.extract.reread import Reading, settled
from ocr.extract.vote import merge
from ocr.words import Word

ROOT = Path(__file__).resolve().parents[3]


def _line(*texts: str, confidence: float = 0.9, y: int = 0, x: int = 0, paragraph: int = 1) -> list[Word]:
    return [Word(t, (x + 120 * i, y, x + 120 * i + 100, y + 30), confidence, 1, paragraph, 1)
            for i, t in enumerate(texts)]


def test_a_crop_that_reads_the_line_as_the_page_did_surely_settles_it() -> None:
    page = _line("SỞ", "TƯ", "PHÁP", confidence=0.7)
    line = page_lines(page)[0]
    assert settled(line, tuple(_line("SỞ", "TƯ", "PHÁP,", confidence=0.6)))  # punctuation aside
    assert not settled(line, tuple(_line("SỞ", "TƯ", "PHÁT", confidence=0.95)))  # a word read otherwise
    assert not settled(line, tuple(_line("SỞ", "TƯ", confidence=0.95)))  # a word lost: no witness
    # Both unsure: a surer third reading outweighs the two (the sample decision's "Chiồng").
    assert not settled(line, tuple(_line("SỞ", "TƯ", "PHÁP", confidence=0.2)))
    # A spelling no syllable has backs nothing in the vote, however sure both readings are.
    misspelt = page_lines(_line("QUYET", "ĐỊNH", confidence=0.97))[0]
    assert not settled(misspelt, tuple(_line("QUYET", "ĐỊNH", confidence=0.97)))


def test_where_settled_no_third_reading_changes_a_word_of_the_vote() -> None:
    page = _line("Chiềng", "Sinh,", "ngày", "17", confidence=0.55)
    line = page_lines(page)[0]
    crop = tuple(_line("Chiềng", "Sinh", "ngày", "17", confidence=0.5))
    assert settled(line, crop)
    two = [w.text for w in merge(page, [Reading(line.bbox, crop)])]
    for texts in itertools.product(("Chiồng", "Chiềng", "Chiêng"), ("Sinh", "Sình"), ("ngày",), ("17", "1?")):
        for confidence in (0.3, 0.99, 1.0):
            third = tuple(_line(*texts, confidence=confidence))
            three = merge(page, [Reading(line.bbox, crop), Reading(line.bbox, third)])
            assert [w.text for w in three] == two, (texts, confidence)


def test_the_worker_reads_the_enlarged_crop_only_where_it_can_matter() -> None:
    from ocr.engine import make_engine
    from ocr.extract.document import PageWords, extract_pages
    from ocr.extract.reread import line_reader
    from ocr.page import process_page
    from ocr.report import OcrOptions
    from ocr.sources import list_pages

    ref = list_pages(ROOT / "resources" / "samples" / "01-quyet-dinh.png")[0]
    with tempfile.TemporaryDirectory() as folder:
        report = process_page(ref, 1, Path(folder), OcrOptions(keep_words=True), make_engine("auto", "vie"))
    lines = {line.bbox: line for line in page_lines(report.word_boxes)}
    by_line: dict[tuple[int, int, int, int], list[Reading]] = {}
    for reading in report.rereads:
        by_line.setdefault(tuple(reading.bbox), []).append(reading)
    assert by_line and all(len(readings) in (1, 2) for readings in by_line.values())
    if line_reader("vie") is not None:  # the single-block reader: crops read by line
        for box, readings in by_line.items():
            assert settled(lines[box], readings[0].words) == (len(readings) == 1), lines[box].text
    assert any(len(readings) == 1 for readings in by_line.values())  # some lines needed no third
    result = extract_pages([PageWords(1, report.word_boxes, report.width, report.height, report.codes,
                                      report.rereads)])
    assert result.fields["number"].value == "97/QĐ-UBND"
    assert result.fields["place"].value == "Chiềng Sinh"


def test_the_motto_is_not_read_again() -> None:
    from ocr.extract.reread import doubtful, field_lines

    words = (_line("ỦY", "BAN", "NHÂN", "DÂN", confidence=0.7, y=100)
             + [Word(t, (1300 + 130 * i, 100, 1420 + 130 * i, 130), 0.7, 1, 2, 1)
                for i, t in enumerate(["Độc", "lập", "-", "Tự", "do", "-", "Hạnh", "phúc"])])
    chosen = [line.text for line, _bar in field_lines(words, 2480, 3508)]
    assert all(doubtful(line) for line in page_lines(words))
    assert "ỦY BAN NHÂN DÂN" in chosen and not any("Hạnh" in text for text in chosen)


def test_a_line_many_rows_tall_is_not_read_again() -> None:
    """A body paragraph the layout ran into one "line" (726-1089 px tall, 104-107 words on the
    process benchmark's batch) cost 400 ms of crops on one page; it is no line to vote on."""
    import numpy as np

    from ocr.extract.reread import line_reader, reread

    read_line = line_reader("vie")
    assert read_line is not None
    crops: list[tuple[int, int]] = []

    def recognize(crop: np.ndarray, scale: float) -> list[Word]:
        crops.append(crop.shape[:2])
        return read_line(crop, int(300 * scale))

    words = [Word(t, (1400 + 130 * i, 100 + 60 * n, 1510 + 130 * i, 130 + 60 * n), 0.8, 1, n, 1)
             for n in range(4) for i, t in enumerate(["Số:", "12/QĐ", "ngày", "xã"])]
    tall = [Word(t, (1400 + 130 * i, 500, 1510 + 130 * i, 500 + 400), 0.5, 2, 1, 1)
            for i, t in enumerate(["Căn", "cứ:", "Luật", "Tổ"])]
    image = np.full((3508, 2480), 255, np.uint8)
    reread(image, 1.0, words + tall, 2480, 3508, recognize)
    assert len(crops) >= 4  # the four doubtful lines of ordinary height
    assert all(height < 200 for height, _ in crops)  # and none of the tall one


def test_the_doubt_bar_is_higher_for_names_and_centred_titles() -> None:
    """A word read 0.85-0.94 sure is no reason to crop an ordinary line; it is on a name's line,
    whose tone marks the second reading mends ("Phan My Trang" read 0.93 for "Phan Mỹ Trang"),
    and 0.85-0.90 on a centred title's ("bố nhiệm" for "bổ nhiệm")."""
    from ocr.extract.reread import doubtful, lines_to_read

    words = (_line("Số:", "20/TTr-UBND", confidence=0.87, x=300, y=400, paragraph=1)
             + _line("Nơi", "cư", "trú:", "Hà", "Nội", confidence=0.84, x=300, y=500, paragraph=2)
             + _line("BÁO", "CÁO", "NĂM", confidence=0.88, x=1000, y=800, paragraph=3)
             + _line("Về", "việc", "bổ", "nhiệm", confidence=0.91, x=990, y=900, paragraph=4)
             + _line("Phan", "My", "Trang", confidence=0.93, x=1600, y=1500, paragraph=5)
             + _line("Trần", "Văn", "Nam", confidence=0.95, x=1600, y=1600, paragraph=6))
    read = [line.text for line in lines_to_read(words, 2480, 3508)]
    assert read == ["Nơi cư trú: Hà Nội", "BÁO CÁO NĂM", "Phan My Trang"]
    assert doubtful(page_lines(_line("BÁO", "CÁO", confidence=0.84))[0])
    assert not doubtful(page_lines(_line("BÁO", "CÁO", confidence=0.87))[0])


def test_a_crop_keeps_its_line_and_drops_the_pieces_of_the_lines_around_it() -> None:
    import numpy as np

    from ocr.extract.reread import _without_neighbours

    crop = np.full((60, 200), 255, np.uint8)
    top, bottom = 20, 40  # the line's own rows
    crop[22:38, 10:30] = 0  # a letter of the line
    crop[0:8, 40:60] = 0  # the bottom of a letter of the line above, cut by the crop's edge
    crop[52:60, 70:90] = 0  # the top of a letter of the line below, cut by the crop's edge
    crop[0:25, 100:104] = 0  # a descender of the line above reaching into the line's rows
    crop[12:16, 120:126] = 0  # a tone mark floating above the line, clear of the crop's edge
    cleaned = _without_neighbours(crop, top, bottom)
    assert (cleaned[22:38, 10:30] == 0).all()
    assert (cleaned[0:8, 40:60] == 255).all() and (cleaned[52:60, 70:90] == 255).all()
    assert (cleaned[0:25, 100:104] == 0).all()
    assert (cleaned[12:16, 120:126] == 0).all()
    assert (crop[0:8, 40:60] == 0).all()  # the page's OCR image is not written to
