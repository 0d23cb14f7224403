"""The spelling check that sends values with impossible Vietnamese syllables to review."""
from __future__ import annotations

import pytest

from ocr.extract.orthography import implausible_words, is_syllable


@pytest.mark.parametrize("word", ["Nguyễn", "Quỳnh", "Khuê", "gì", "khuya", "Thuỷ", "Hòa", "QUYẾT", "ĐẮK", "Krông",
                                  "Pắc", "Xoong", "Yến", "Tuyết"])
def test_real_syllables_pass(word: str) -> None:
    assert is_syllable(word) is True


@pytest.mark.parametrize("word", [
    "QUYET",  # a syllable ending in t carries the acute or dot-below tone: accents lost
    "NGUYEN", "TIEN", "HUE",  # the ie/uye glide always has its circumflex
    "Oùách",  # two tone marks
    "VIIT", "THIENHUE",  # a doubled letter, two words run together
    "ThÀnh",  # the case changes inside the word
])
def test_misreadings_fail(word: str) -> None:
    assert is_syllable(word) is False


@pytest.mark.parametrize("word", ["UBND", "HĐND", "TTr", "SYT", "III", "125/QĐ", "2025"])
def test_abbreviations_and_numbers_are_not_judged(word: str) -> None:
    assert is_syllable(word) is None


def test_implausible_words_of_a_line() -> None:
    assert implausible_words("ỦY BAN NHÂN DÂN XÃ QUYET TIEN") == ["QUYET", "TIEN"]
    assert implausible_words("Sở Nội vụ (để b/c); Lưu: VT, QLCL.") == []
