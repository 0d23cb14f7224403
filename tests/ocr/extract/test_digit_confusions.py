"""Digits the vie model prints as 'Ì', 'Š' or '§' (seen on generated scans) are mended in dates
and codes; words with 'Ì' stay words."""
from __future__ import annotations

import pytest

from ocr.extract.values import fix_digits, parse_date, parse_date_line


@pytest.mark.parametrize(("text", "iso"), [
    ("ngày 1Š tháng Š năm 2020", "2020-05-15"),  # 'Š' is no Vietnamese letter: a digit even alone
    ("ngày 22 tháng § năm 2025", "2025-08-22"),
    ("ngày 23 tháng 0Ì năm 2026", "2026-01-23"),
])
def test_dates_read_with_non_ascii_digits_are_mended(text: str, iso: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None and parsed.iso == iso and parsed.corrected
    assert parsed.raw == text  # the print is kept for the review


def test_the_date_line_keeps_its_place() -> None:
    place, parsed = parse_date_line("Hà Nội, ngày 1Š tháng Š năm 2020")
    assert place == "Hà Nội" and parsed.iso == "2020-05-15"


def test_a_grave_i_alone_is_not_guessed_and_words_stay_words() -> None:
    # 'Ì' is a Vietnamese letter (HÌNH, CHÌ): without a real digit beside it, nothing is certain.
    assert parse_date("ngày 05 tháng Ì năm 2020") is None
    for word in ("HÌNH", "CHÌ", "SỐ §"):
        assert fix_digits(word) == (word, False)
    assert fix_digits("0Ì2 345 §78") == ("012 345 878", True)
