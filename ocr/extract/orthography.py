"""Whether a word can be a Vietnamese syllable as written: a check, never a correction.

Vietnamese spelling is regular: one syllable is an initial consonant, a vowel group, an
optional final consonant and at most one tone mark, and some combinations cannot occur.
A word that breaks these rules was misread, however sure Tesseract was: the accents of a
bold capital lost ("QUYET" — a syllable ending in c, ch, p or t always carries the acute
or dot-below tone; "NGUYEN" — the ie/uo/ươ glides always carry their hats before a final),
two marks on one syllable ("Oùách"), a letter doubled ("VIIT"), two words run together
("THIENHUE"). The rules are the standard orthography's, not a word list: names of people,
agencies and places are open vocabularies, so only their spelling can be checked.

Abbreviations (UBND, HĐND, TTr), numbers and words with digits or slashes are not
syllables and are not judged.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0301": "sắc", "\u0300": "huyền", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}

# The initials, and the clusters of the Central Highlands' place names (Krông Pắc, Ia Grai).
_ONSET = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[kgdbp]r|[pb]l|[bcdđghklmnpqrstvx])?")
# Vowel groups (without tone) that can stand in a syllable, with the finals each may take;
# "" is an open syllable. After "qu" and "gi" the u/i belong to the initial.
_STOPS = ("c", "ch", "p", "t", "k")
_RHYMES: dict[str, tuple[str, ...]] = {
    "a": ("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"),
    "ă": ("c", "m", "n", "ng", "p", "t", "k"),
    "â": ("c", "m", "n", "ng", "p", "t", "u", "y"),
    "e": ("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "o"),
    "ê": ("", "ch", "m", "n", "nh", "p", "t", "u", "c", "ng"),
    "i": ("", "ch", "m", "n", "nh", "p", "t", "u", "a", "c", "ng"),
    "o": ("", "c", "m", "n", "ng", "p", "t", "i", "k", "ch", "nh"),
    "ô": ("", "c", "m", "n", "ng", "p", "t", "i"),
    "ơ": ("", "m", "n", "p", "t", "i", "c", "ng"),
    "u": ("", "c", "m", "n", "ng", "p", "t", "i", "a", "y", "ch", "nh"),
    "ư": ("", "c", "m", "n", "ng", "t", "i", "u", "a", "p"),
    "y": ("", "ch", "nh", "t", "p", "n"),  # after qu: quý, quýt, quỳnh
    "iê": ("c", "m", "n", "ng", "p", "t", "u"),
    "yê": ("c", "m", "n", "ng", "p", "t", "u"),
    "uô": ("c", "m", "n", "ng", "t", "i", "p"),
    "ươ": ("c", "m", "n", "ng", "p", "t", "i", "u"),
    "oa": ("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "y", "o"),
    "oă": ("c", "m", "n", "ng", "t", "p"),
    "oe": ("", "n", "t", "o", "c", "ng", "m"),
    "oo": ("c", "ng"),
    "uâ": ("n", "ng", "t", "y", "c"),
    "uê": ("", "ch", "n", "nh", "t", "u"),
    "uơ": ("",),
    "uy": ("", "ch", "n", "nh", "p", "t", "u", "a", "c", "m", "ng"),
    "uyê": ("n", "t", "c", "m", "u"),
}
_VOWELS = frozenset("aăâeêioôơuưy")


def _split(word: str) -> tuple[str, list[str]] | None:
    """The word in lower case without its tone marks, and the tone marks found."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return base, tones


@lru_cache(maxsize=4096)
def is_syllable(word: str) -> bool | None:
    """True or False for a word of letters; None when it is not for judging (see module doc)."""
    word = unicodedata.normalize("NFC", word.strip(".,;:()\"'“”‘’!?-–[]"))
    if not word or not word.isalpha():
        return None
    base, tones = _split(word)
    if not any(ch in _VOWELS for ch in base) or re.fullmatch(r"[IVXL]+", word):
        return None  # HĐND, TTr: an abbreviation; II, IV: a numeral
    if word[1:] != word[1:].lower() and word[1:] != word[1:].upper():
        return False  # "ThÀnh": the case changes inside a word
    if len(tones) > 1:
        return False
    shape = _shape(base)
    if shape is not None and not (shape in _STOPS and (not tones or _TONES[tones[0]] not in ("sắc", "nặng"))):
        return True
    plain = not tones and not any(ch in "ăâêôơưđ" for ch in base)
    if word.isupper() and plain and sum(ch in _VOWELS for ch in base) <= 1:
        return None  # UBND, SYT: an abbreviation, or a syllable too short to tell
    return False


def _shape(base: str) -> str | None:
    """The final of a well-formed toneless syllable ("" when open), None when ill-formed."""
    onset = _ONSET.match(base).group(0)
    rest = base[len(onset):]
    if onset == "gi" and (not rest or rest[0] not in _VOWELS):
        rest = base[1:]  # "gì", "gìn": the i is the vowel
    rhyme = re.fullmatch(r"([aăâeêioôơuưy]+)([bcdđghklmnpqrstvx]*)", rest)
    if rhyme is None:
        return None
    nucleus, final = rhyme.groups()
    # A glide may end the vowel group (ai, ao, uôi …) only when no consonant follows it.
    for cut in range(len(nucleus), 0, -1):
        head, glide = nucleus[:cut], nucleus[cut:]
        if final and glide:
            continue
        coda = glide or final
        if head in _RHYMES and coda in _RHYMES[head]:
            return coda
    return None


def implausible_words(text: str) -> list[str]:
    """The words of ``text`` that cannot be Vietnamese syllables as written."""
    return [w for w in text.split() for part in re.split(r"[-/]", w) if is_syllable(part) is False]
