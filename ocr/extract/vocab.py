"""Matching what OCR read against the closed vocabularies of a profile.

Type names, signing titles, urgency and confidentiality marks are few and fixed, so a
reading that is close to exactly one of them may be snapped to it: Tesseract often drops
the accents of bold capitals ("CHU TỊCH", "TM. UY BAN NHAN DÁN") where a word is
otherwise clear. Names of people, agencies and places are open vocabularies and never
go through here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# A snap needs this similarity of the accent-free forms, and a clear lead over the runner-up
# (so "KHẨN" and "THƯỢNG KHẨN", "CHỦ TỊCH" and "PHÓ CHỦ TỊCH" are never confused).
MIN_SIMILARITY = 0.80
MIN_LEAD = 0.10


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accent-free capitals with single spaces: the form two readings of one word share.

    Cached: the rules fold the same table entries and lines again and again (provinces,
    motto labels, surnames), which was about 10 ms a page of extraction.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.upper()).strip()


@lru_cache(maxsize=1 << 16)
def letters(text: str) -> str:
    """``fold`` without punctuation: the words only."""
    return re.sub(r"\s+", " ", re.sub(r"[^A-Z0-9/ ]", " ", fold(text))).strip()


def similarity(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(a, b)


@dataclass(frozen=True)
class Snap:
    """A reading matched to a vocabulary entry; ``exact`` when it was read exactly as printed."""

    value: str
    score: float  # 1.0 when the accent-free forms agree
    exact: bool


def snap(text: str, vocabulary: list[str], *, min_similarity: float = MIN_SIMILARITY) -> Snap | None:
    """The one entry ``text`` stands for, or None when none is close or two are equally close."""
    text = " ".join(text.split())
    if not text:
        return None
    if text in vocabulary:
        return Snap(text, 1.0, True)
    key = letters(text)
    # Stable on ties: of two spellings of one word the first listed wins.
    scored = sorted(((similarity(key, letters(entry)), entry) for entry in vocabulary), key=lambda s: -s[0])
    if not scored:
        return None
    best_score, best = scored[0]
    # Two spellings of one word ("HỎA TỐC", "HOẢ TỐC") are not rivals.
    runner_up = next((score for score, entry in scored[1:] if letters(entry) != letters(best)), 0.0)
    # A reading whose accent-free letters are exactly one entry's stands for it, however
    # close another entry is: "THỨ TRƯỜNG" is THỨ TRƯỞNG (accents swapped), not THỦ TƯỚNG
    # (0.9: a letter lost besides).
    if best_score < min_similarity or (best_score < 1.0 and best_score - runner_up < MIN_LEAD):
        return None
    # Short words are only snapped when the accent-free forms agree (MẬT, KHẨN, ĐƠN).
    if len(letters(best)) <= 5 and best_score < 1.0:
        return None
    return Snap(best, best_score, False)


def snap_prefix(text: str, vocabulary: list[str]) -> tuple[Snap, str] | None:
    """The longest entry that ``text`` starts with (word for word), and the rest as read.

    "VỤ TRƯỞNG VỤ PHÁP CHẾ" gives ("VỤ TRƯỞNG", "VỤ PHÁP CHẾ"); "GIẤY PHÉP XÂY DỰNG"
    gives ("GIẤY PHÉP", "XÂY DỰNG").
    """
    words = text.split()
    sizes = sorted({len(entry.split()) for entry in vocabulary}, reverse=True)
    for n in sizes:
        if n > len(words):
            continue
        found = snap(" ".join(words[:n]), [e for e in vocabulary if len(e.split()) == n])
        if found is not None:
            return found, " ".join(words[n:])
    return None


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def spelling_key(word: str) -> tuple[str, tuple[str, ...]]:
    """A word's letters without tone marks, and its tone marks: equal for one spelling with
    the tone mark placed the old way or the new (``same_spelling``)."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = tuple(ch for ch in decomposed if ch in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)), tones


def same_spelling(a: str, b: str) -> bool:
    """One spelling with the tone mark placed the old way or the new ("HOÀ"/"HÒA", "UỶ"/"ỦY",
    "Thuỷ"/"Thủy"): papers typed before the 2018 spelling rules keep theirs, as printed."""
    return [spelling_key(w) for w in a.split()] == [spelling_key(w) for w in b.split()]

