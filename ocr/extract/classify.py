"""Which kind of document it is: from the printed type name, the number's symbol, or a V/v subject.

The type name ("QUYẾT ĐỊNH", "GIẤY CHỨNG NHẬN …", "TỜ KHAI …") is the strongest sign; the
symbol of the number (125/QĐ-UBND: Decree 30/2020 Annex III) confirms it or stands in when
the name is unreadable; a công văn prints no type name and is known by its "V/v" subject or
by a symbol that is the agency's own. Both tables are data (document_types.toml,
abbreviations.toml), so a new type is a new table row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ocr.extract.profile import DEFAULT_PROFILE, table
from ocr.extract.vocab import fold, letters, similarity

# A type name read with this similarity (accent-free, spaces ignored) still counts.
MIN_NAME_SIMILARITY = 0.80
# Names this short must be read exactly (accent-free) and end at a word boundary: "ĐƠN" is
# also the start of "ĐƠN VỊ", and one wrong letter in three is another word.
SHORT_NAME = 5


@dataclass(frozen=True)
class TypeName:
    """A type-name line matched to the table."""

    document_type: str
    value: str  # as printed, the table's spelling for the matched name, the rest as read
    read: str  # as read
    score: float  # 1.0: read exactly as the table spells it (accents included)


@lru_cache(maxsize=8)
def _names(profile: str) -> tuple[tuple[str, str, str], ...]:
    """(name, its accent-free letters without spaces, document type), longest first."""
    rows = []
    for document_type, spec in table("document_types", profile).get("types", {}).items():
        for name in spec.get("names", []):
            rows.append((name, letters(name).replace(" ", ""), document_type))
    return tuple(sorted(rows, key=lambda row: -len(row[1])))


def document_types(profile: str = DEFAULT_PROFILE) -> list[str]:
    """Every type the profile knows, in table order, and ``other``."""
    return [*table("document_types", profile).get("types", {}), "other"]


def form_types(profile: str = DEFAULT_PROFILE) -> frozenset[str]:
    return frozenset(table("document_types", profile).get("forms", {}).get("types", []))


def subject_prefixes(profile: str = DEFAULT_PROFILE) -> list[str]:
    spec = table("document_types", profile).get("types", {}).get("official_letter", {})
    return list(spec.get("subject_prefixes", ["V/v"]))


def match_type_name(text: str, profile: str = DEFAULT_PROFILE) -> TypeName | None:
    """The table's type name that ``text`` starts with, or None.

    Compared accent-free with spaces ignored (OCR drops accents on bold capitals and
    sometimes the space between two words); the longest name among the best matches wins,
    so "GIẤY TIẾP NHẬN HỒ SƠ …" is a receipt, not a "GIẤY …" of another kind.
    """
    text = " ".join(text.split())
    spaced = letters(text)
    compact = spaced.replace(" ", "")
    if not compact:
        return None
    for name, key, document_type in _names(profile):  # read exactly as printed: no doubt
        if text == name or text.startswith(name + " "):
            return TypeName(document_type, text, text, 1.0)
    best: tuple[float, int, str, str] | None = None
    for name, key, document_type in _names(profile):
        if len(key) <= SHORT_NAME:
            head = letters(name)
            if not (spaced == head or spaced.startswith(head + " ")):
                continue
            score, used = 1.0, len(key)
        else:
            score, used = 0.0, len(key)
            for size in (len(key) - 1, len(key), len(key) + 1):
                candidate = similarity(key, compact[:size])
                if candidate > score:
                    score, used = candidate, size
            if score < MIN_NAME_SIMILARITY:
                continue
        if best is None or score > best[0] + 1e-9 or (abs(score - best[0]) < 1e-9 and len(key) > best[1]):
            best = (score, used, name, document_type)
    if best is None:
        return None
    score, used, name, document_type = best
    read_head, rest = _split_after(text, used)
    value = f"{name} {rest}".strip()
    exact = read_head == name
    return TypeName(document_type, value, text, 1.0 if exact else min(score, 0.97))


@lru_cache(maxsize=8)
def _titles(profile: str) -> dict[str, str]:
    """Accent-free letters (no spaces) → a whole title set by regulation, as printed."""
    return {letters(t).replace(" ", ""): t for t in table("document_types", profile).get("titles", {}).get("printed", [])}


def printed_title(text: str, profile: str = DEFAULT_PROFILE) -> str | None:
    """The title of document_types.toml's [titles] that ``text`` spells (accents and spaces
    aside), or None: a closed table, so letters that are exactly one title's can be no other."""
    return _titles(profile).get(letters(text).replace(" ", ""))


def _split_after(text: str, letter_count: int) -> tuple[str, str]:
    """``text`` cut after the word holding its ``letter_count``-th letter (accent-free, no spaces)."""
    words = text.split()
    seen = 0
    for i, word in enumerate(words):
        seen += len(letters(word).replace(" ", ""))
        if seen >= letter_count:
            return " ".join(words[: i + 1]), " ".join(words[i + 1:])
    return text, ""


@lru_cache(maxsize=8)
def _symbol_types(profile: str) -> dict[str, str]:
    """Type abbreviation (QĐ, TTr, GCN …) → document type, through the abbreviation's name."""
    by_name = {fold(name): document_type for name, _key, document_type in _names(profile)}
    found: dict[str, str] = {}
    for section in table("abbreviations", profile).values():
        if not isinstance(section, dict):
            continue
        for symbol, name in section.items():
            document_type = by_name.get(fold(str(name)))
            if document_type is None:  # "Giấy chứng nhận quyền …": a name the table starts
                document_type = next((t for n, t in by_name.items() if fold(str(name)).startswith(n + " ")), None)
            if document_type is not None:
                found.setdefault(symbol, document_type)
    return found


def symbol_of(number: str) -> str | None:
    """The first group of the number's symbol: "QĐ" of 125/QĐ-UBND, "UBND" of 12/UBND-VX."""
    parts = number.replace(" ", "").split("/")
    if len(parts) < 2 or not parts[-1]:
        return None
    return re.split(r"[-–]", parts[-1])[0] or None


def type_from_symbol(number: str, profile: str = DEFAULT_PROFILE) -> str | None:
    """The document type the number's symbol names, or None (a công văn's symbol names none)."""
    symbol = symbol_of(number)
    if symbol is None:
        return None
    types = _symbol_types(profile)
    if symbol in types:
        return types[symbol]
    # OCR reads Đ as D; the D spelling is used only when it is not an abbreviation itself.
    d_forms = {k.replace("Đ", "D").replace("đ", "d"): v for k, v in types.items()}
    return d_forms.get(symbol)


@dataclass(frozen=True)
class Classification:
    document_type: str
    confidence: float  # how sure: 1.0 when name and symbol agree
    reason: str  # "type_name", "symbol", "subject_prefix", "none"


def classify(type_name: TypeName | None, number: str | None, has_subject_prefix: bool,
             profile: str = DEFAULT_PROFILE) -> Classification:
    """Decide the type from the three signs, the type name first."""
    by_symbol = type_from_symbol(number, profile) if number else None
    if type_name is not None:
        agree = by_symbol in (None, type_name.document_type)
        confidence = type_name.score if agree else min(type_name.score, 0.7)
        if not agree and type_name.score < 1.0:
            # A fuzzy name against a clear symbol: the symbol was read in one short word.
            return Classification(by_symbol, 0.75, "symbol")  # type: ignore[arg-type]
        return Classification(type_name.document_type, confidence, "type_name")
    if by_symbol is not None:
        return Classification(by_symbol, 0.85, "symbol")
    if has_subject_prefix:
        return Classification("official_letter", 0.95, "subject_prefix")
    if number and symbol_of(number):
        # A number whose symbol names no type is a công văn's (05/BNV-VP) …
        return Classification("official_letter", 0.7, "symbol")
    return Classification("other", 0.0, "none")
