"""Field values as the contract wants them (design §3), and the corrections that are certain.

OCR output is normalised (NFC, single spaces, Đ for the model's Icelandic Ð) and dates become
ISO. Beyond that a value is only changed where its shape leaves one reading: a letter O in a
group that can hold digits alone is a 0, a "QD" in the type position of a symbol is "QĐ"
because "QD" is no abbreviation. A change is kept only when it yields a valid value, and the
value as read is kept in ``Field.corrected_from``; otherwise the value stays as read and
validation tells the clerk. Nothing is ever invented.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from ocr.engine import fix_vietnamese
from ocr.extract.model import Field
from ocr.extract.profile import DEFAULT_PROFILE, table

# Characters printed between digit groups of a code or a phone number.
_SEPARATORS = frozenset(" .-/+()")
_DIGITS = frozenset("0123456789")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Patterns:
    """The compiled code patterns of a profile (patterns.toml), and the tables they need."""

    number: re.Pattern[str]
    number_single_group: re.Pattern[str]
    single_group_types: frozenset[str]
    agency_id: re.Pattern[str]
    dossier_strict: re.Pattern[str]
    dossier_lenient: re.Pattern[str]
    dossier_shapes: tuple[str, ...]
    procedure: re.Pattern[str]
    procedure_shapes: tuple[str, ...]
    personal_id: re.Pattern[str]
    personal_id_old: re.Pattern[str]
    mobile_prefixes: frozenset[str]
    mobile_digits: int
    landline_prefix: str
    landline_digits: int
    email: re.Pattern[str]
    signing_authorities: tuple[str, ...]
    to_digit: dict[int, str]
    no_letter_digits: frozenset[str]  # confusions that are no Vietnamese letter: digits even alone
    abbreviations: frozenset[str]
    # D-spelled symbol group → the abbreviation it can only be ("QD" → "QĐ").
    d_for_dj: dict[str, str]
    # Letters OCR reads for the T of a symbol's type abbreviation ("TIr" for TTr).
    t_lookalikes: str


@lru_cache(maxsize=8)
def code_patterns(profile: str = DEFAULT_PROFILE) -> Patterns:
    """Compile a profile's patterns once; shared by the corrections here and by validation."""
    p = table("patterns", profile)
    to_digit = {ord(c): digit for digit, letters in p["digit_confusions"].items() for c in letters}
    abbreviations = known_abbreviations(profile)
    d_for_dj = {}
    for abbr in abbreviations:
        d_form = abbr.replace("Đ", "D").replace("đ", "d")
        if d_form != abbr and d_form not in abbreviations:
            d_for_dj[d_form] = abbr
    return Patterns(
        number=re.compile(p["number"]["decree30"]),
        number_single_group=re.compile(p["number"]["single_group"]),
        single_group_types=frozenset(p["number"]["single_group_types"]),
        agency_id=re.compile(p["agency_id"]["pattern"]),
        dossier_strict=re.compile(p["dossier_code"]["strict"]),
        dossier_lenient=re.compile(p["dossier_code"]["lenient"]),
        dossier_shapes=tuple(p["dossier_code"]["shapes"]),
        procedure=re.compile(p["procedure_code"]["pattern"]),
        procedure_shapes=tuple(p["procedure_code"]["shapes"]),
        personal_id=re.compile(p["personal_id"]["pattern"]),
        personal_id_old=re.compile(p["personal_id"]["old"]),
        mobile_prefixes=frozenset(p["phone"]["mobile_prefixes"]),
        mobile_digits=int(p["phone"]["mobile_digits"]),
        landline_prefix=p["phone"]["landline_prefix"],
        landline_digits=int(p["phone"]["landline_digits"]),
        email=re.compile(p["email"]["pattern"]),
        signing_authorities=tuple(p["signing_authority"]["values"]),
        to_digit=to_digit,
        no_letter_digits=frozenset(p.get("digit_confusions_no_letter", {}).get("chars", "")),
        abbreviations=abbreviations,
        d_for_dj=d_for_dj,
        t_lookalikes=p["number"].get("t_lookalikes", ""),
    )


def date_fields(profile: str = DEFAULT_PROFILE) -> tuple[str, ...]:
    """The fields whose values are dates (dates.toml), stored as ISO ``YYYY-MM-DD``."""
    return tuple(table("dates", profile).get("fields", ()))


def known_abbreviations(profile: str = DEFAULT_PROFILE) -> frozenset[str]:
    """Document-type abbreviations: abbreviations.toml plus any the document-type table names.

    The document-type table belongs to the classifier; whatever its layout, values under an
    ``abbreviation(s)`` or ``symbol(s)`` key are taken, so both tables can grow apart safely.
    """
    found: set[str] = set()
    for section in table("abbreviations", profile).values():
        if isinstance(section, dict):
            found.update(section)
    found.update(_abbreviations_in(table("document_types", profile)))
    return frozenset(found)


def _abbreviations_in(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("abbreviation", "abbreviations", "symbol", "symbols"):
                values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
                found.update(v for v in values if isinstance(v, str) and v)
            else:
                found |= _abbreviations_in(value)
    elif isinstance(node, list):
        for item in node:
            found |= _abbreviations_in(item)
    return found


def normalize_text(s: str) -> str:
    """NFC, one space between words, no space at the ends, Đ/đ for OCR's Icelandic Ð/ð."""
    return " ".join(fix_vietnamese(unicodedata.normalize("NFC", s)).split())


def fix_digits(text: str, profile: str = DEFAULT_PROFILE, *, number_slot: bool = False) -> tuple[str, bool]:
    """Mend letters read for digits (O→0, l/I/|→1, S→5, B→8 …) in a field of digits only.

    Only when every character is a digit, a known confusion or a separator, and at least one
    real digit (or a confusion that is no letter, like "§") is there: then a letter can only
    be a misread digit. Anything else — a word, a label caught with the value — is returned
    unchanged, with False. ``number_slot``: the place itself holds a number only (the day
    and month between "ngày", "tháng" and "năm" of a date whose year was read), so a group
    of confusions alone is mended too ("tháng II" → 11) — two of them, not one: a lone "Ì"
    may be a 1 or what is left of a 7.
    """
    patterns = code_patterns(profile)
    to_digit = patterns.to_digit
    slot = number_slot and len(text) >= 2
    if not slot and not any(c in _DIGITS or c in patterns.no_letter_digits for c in text):
        return text, False
    if any(c not in _DIGITS and c not in _SEPARATORS and ord(c) not in to_digit for c in text):
        return text, False
    fixed = text.translate(to_digit)
    return fixed, fixed != text


def _fix_by_shape(text: str, shapes: tuple[str, ...], profile: str) -> str:
    """Mend digit positions of a code whose layout is known ('ddd.dd.dd.Xdd-dddddd-dddd').

    The layout makes a position certain to be a digit even in a group without a real one
    ("000.OO.00.H38"); letters ('X') and separators must already be as printed.
    """
    if not any(c in _DIGITS for c in text):
        return text
    to_digit = code_patterns(profile).to_digit
    for shape in shapes:
        if len(shape) != len(text):
            continue
        out = []
        for c, s in zip(text, shape):
            if s == "d" and (c in _DIGITS or ord(c) in to_digit):
                out.append(c.translate(to_digit))
            elif s == "X" and "A" <= c <= "Z":
                out.append(c)
            elif s not in "dX" and c == s:
                out.append(c)
            else:
                break
        else:
            return "".join(out)
    return text


@dataclass(frozen=True)
class ParsedDate:
    """A date as printed ('ngày 05 tháng 01 năm 2020', '05/01/2020') and its ISO value."""

    value: date
    iso: str
    raw: str  # the date as printed, before any digit was mended
    words: bool  # "ngày … tháng … năm …", the form of the Decree 30 date line (ô 4)
    # Day and month written as Decree 30/2020 ô 4 requires: day < 10 and months 1, 2 with a
    # leading 0; in the words form also months 3-9 without one ("tháng 6"). Numeric dates
    # ("05/6/2020") follow no statute beyond the leading 0, so only that is asked of them.
    padded: bool
    corrected: bool  # a letter was read as a digit and mended (O→0, l→1 …)


@lru_cache(maxsize=8)
def _date_patterns(profile: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """The words form and the numeric form of a date; a digit may be printed as a confusable letter."""
    letters = "".join(chr(c) for c in code_patterns(profile).to_digit)
    g = f"[0-9{re.escape(letters)}]"
    day_month = rf"(?P<d>{g}{{1,2}})\s*SEP\s*(?P<m>{g}{{1,2}})"
    # A year after "năm" is four digits, so one space OCR put inside them splits nothing
    # ("năm 203 I" for "năm 2031", measured on a 200 dpi scan of a licence's validity line).
    year = rf"(?P<y>{g}{{4}}|{g}{{3}} {g}|{g} {g}{{3}}|{g}{{2}} {g}{{2}})"
    words = re.compile(
        r"(?<![0-9A-Za-z])(?:(?i:ng[àa]y)\s*)?" + day_month.replace("SEP", "(?i:th[áa]ng)")
        + rf"\s*(?i:n[ăa]m)\s*{year}(?!{g})")
    numeric = re.compile(
        r"(?<![0-9A-Za-z/.-])(?:(?i:ng[àa]y)\s*)?" + day_month.replace("SEP", "(?P<sep>[/.-])")
        + rf"\s*(?P=sep)\s*(?P<y>{g}{{4}})(?![0-9A-Za-z/-])")
    return ((words, True), (numeric, False))


_TRAILING = " .,;"


def _date_from(match: re.Match[str], words: bool, profile: str) -> ParsedDate | None:
    groups = []
    corrected = False
    year = match.group("y").replace(" ", "")
    year_read = fix_digits(year, profile)[0].isdigit()
    for name in ("d", "m", "y"):
        text = year if name == "y" else match.group(name)
        fixed, changed = fix_digits(text, profile, number_slot=words and year_read and name != "y")
        changed |= name == "y" and text != match.group("y")
        if not fixed.isdigit():  # a group without a real digit: nothing is certain
            return None
        groups.append(fixed)
        corrected |= changed
    d_text, m_text, y_text = groups
    try:
        value = date(int(y_text), int(m_text), int(d_text))
    except ValueError:  # 29/02 of a common year, 31/04, month 13 …
        return None
    day_ok = value.day >= 10 or len(d_text) == 2
    if value.month <= 2:
        month_ok = len(m_text) == 2
    else:
        month_ok = not words or value.month >= 10 or len(m_text) == 1
    return ParsedDate(value, value.isoformat(), match.group(0), words, day_ok and month_ok, corrected)


def parse_date(text: str, profile: str = DEFAULT_PROFILE) -> ParsedDate | None:
    """The date that ``text`` is (with or without "ngày", any case), or None.

    None also for a date that does not exist (29/02/2019): it is not guessed.
    """
    text = normalize_text(text).rstrip(_TRAILING)
    if _ISO.match(text):
        try:
            value = date.fromisoformat(text)
        except ValueError:
            return None
        return ParsedDate(value, text, text, False, True, False)
    for pattern, words in _date_patterns(profile):
        match = pattern.fullmatch(text)
        if match:
            return _date_from(match, words, profile)
    return None


def parse_date_line(text: str, profile: str = DEFAULT_PROFILE) -> tuple[str | None, ParsedDate] | None:
    """The place and date of a date line ('Hà Nội, ngày 05 tháng 01 năm 2020'), or None.

    The first real date in the line is taken. The place is the text before it when that text
    ends with a comma and is not a label or a time ("Thời gian nhận: 09 giờ 15 phút, ngày …");
    otherwise the place is None.
    """
    text = normalize_text(text)
    found: list[tuple[int, ParsedDate]] = []
    for pattern, words in _date_patterns(profile):
        for match in pattern.finditer(text):
            parsed = _date_from(match, words, profile)
            if parsed is not None:
                found.append((match.start(), parsed))
                break
    if not found:
        return None
    start, parsed = min(found, key=lambda item: item[0])
    before = text[:start].rstrip()
    place = None
    if before.endswith(","):
        candidate = before.rstrip(", ").strip()
        if candidate and ":" not in candidate and not re.search(r"\d\s*giờ", candidate, re.IGNORECASE):
            place = candidate
    return place, parsed


_NUMBER_PREFIX = re.compile(r"^(?i:s[oóòôốồổ])\s*[:.;]?\s*(?=[0-9OoQIl|])")
_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")


def normalize_number(text: str, profile: str = DEFAULT_PROFILE) -> tuple[str, str | None]:
    """The value of "Số: …" ('Số: O5 / QD-UBND' → '05/QĐ-UBND') and what was read, if mended.

    "Số:" and the spaces around "/" and "-" go (Decree 30 ô 3 prints none). Digits are mended
    in the number and the year; D becomes Đ only in the symbol's first group — the place of
    the type abbreviation (Annex III) — and only where the D spelling is no abbreviation
    itself (HD is "Hướng dẫn", DA "Dự án"). The mended value is returned only when it has the
    shape of a number; ``corrected_from`` is the value as read, without "Số:".
    """
    read = _AROUND_SEPARATORS.sub(r"\1", _NUMBER_PREFIX.sub("", normalize_text(text)))
    patterns = code_patterns(profile)
    parts = read.split("/")
    if len(parts) < 2:
        return read, None
    parts[0] = fix_digits(parts[0], profile)[0]
    if len(parts) >= 3 and len(parts[1]) == 4:
        parts[1] = fix_digits(parts[1], profile)[0]
    groups = parts[-1].split("-")
    groups[0] = patterns.d_for_dj.get(groups[0], groups[0])
    groups[0] = _t_for_lookalike(groups[0], profile)
    parts[-1] = "-".join(groups)
    value = "/".join(parts)
    if value != read and (patterns.number.match(value) or patterns.number_single_group.match(value)):
        return value, read
    return read, None


def _t_for_lookalike(group: str, profile: str) -> str:
    """The type abbreviation with a T that OCR read as I, l, 1 or | ("TIr" → "TTr"), when the
    reading is no abbreviation and exactly one is made by putting T back (patterns.toml)."""
    patterns = code_patterns(profile)
    abbreviations, lookalikes = patterns.abbreviations, patterns.t_lookalikes
    if group in abbreviations or not lookalikes:
        return group
    spots = [i for i, ch in enumerate(group) if ch in lookalikes]
    made = {group[:i] + "T" + group[i + 1:] for i in spots}
    if spots:
        made.add("".join("T" if i in spots else ch for i, ch in enumerate(group)))
    made &= abbreviations
    return made.pop() if len(made) == 1 else group


def phone_digits(text: str) -> str | None:
    """The digits of a printed phone number in national form (+84 912 … → 0912…), or None."""
    digits = re.sub(r"[\s.()-]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits if digits.isdigit() else None


def phone_is_valid(text: str, profile: str = DEFAULT_PROFILE) -> bool:
    """A Vietnamese mobile (10 digits, a carrier prefix) or landline (11 digits from 02)."""
    p = code_patterns(profile)
    digits = phone_digits(text)
    if digits is None:
        return False
    if len(digits) == p.mobile_digits and digits[:3] in p.mobile_prefixes:
        return True
    return len(digits) == p.landline_digits and digits.startswith(p.landline_prefix)


def _clean_personal_id(value: str, profile: str) -> tuple[str, str]:
    p = code_patterns(profile)
    fixed, changed = fix_digits(value, profile)
    if not changed and not fixed.replace(" ", "").replace(".", "").replace("-", "").isdigit():
        return value, value  # not a number at all (a name read into the field): left as read
    compact = re.sub(r"[\s.-]", "", value)  # IDs are printed in one run; OCR splits them
    fixed = re.sub(r"[\s.-]", "", fixed)
    return compact, fixed if p.personal_id.match(fixed) or p.personal_id_old.match(fixed) else compact


def _clean_phone(value: str, profile: str) -> tuple[str, str]:
    fixed, changed = fix_digits(value, profile)
    return value, fixed if changed and phone_is_valid(fixed, profile) else value


def _clean_dossier_code(value: str, profile: str) -> tuple[str, str]:
    p = code_patterns(profile)
    compact = re.sub(r"\s*([.-])\s*", r"\1", value)
    fixed = _fix_by_shape(compact, p.dossier_shapes, profile)
    if fixed == compact:  # a lenient code: its date and sequence are digits all the same
        head, sep, seq = compact.rpartition("-")
        agency, sep2, yymmdd = head.rpartition("-")
        if sep and sep2:
            fixed = f"{agency}-{fix_digits(yymmdd, profile)[0]}-{fix_digits(seq, profile)[0]}"
    return compact, fixed if p.dossier_strict.match(fixed) or p.dossier_lenient.match(fixed) else compact


def _clean_procedure_code(value: str, profile: str) -> tuple[str, str]:
    p = code_patterns(profile)
    compact = re.sub(r"\s*\.\s*", ".", value)
    fixed = _fix_by_shape(compact, p.procedure_shapes, profile)
    return compact, fixed if p.procedure.match(fixed) else compact


def _clean_signing_authority(value: str, profile: str) -> tuple[str, str]:
    """'KT' or 'kt.' → 'KT.': the prefix is one of five, so a lost dot or case is certain."""
    word = value.upper().rstrip(".").strip()
    for authority in code_patterns(profile).signing_authorities:
        if word == authority.rstrip("."):
            return value, authority
    return value, value


def _clean_date(field: Field, value: str, profile: str) -> Field:
    """ISO value; the print is kept in ``corrected_from`` when a digit was mended, when the
    print breaks Decree 30's zero padding (so validation can still tell the clerk), or when
    text around the date was dropped."""
    parsed = parse_date(value, profile)
    dropped = False
    if parsed is None:
        found = parse_date_line(value, profile)
        if found is None:
            return replace(field, value=value)
        parsed, dropped = found[1], True
    keep_print = parsed.corrected or (parsed.words and not parsed.padded) or dropped
    corrected_from = field.corrected_from or (value if keep_print else None)
    return replace(field, value=parsed.iso, corrected_from=corrected_from)


# Per field: (the value only reformatted, the value with certain corrections).
_CLEANERS: dict[str, Callable[[str, str], tuple[str, str]]] = {
    "personal_id": _clean_personal_id,
    "phone": _clean_phone,
    "dossier_code": _clean_dossier_code,
    "procedure_code": _clean_procedure_code,
    "signing_authority": _clean_signing_authority,
}


def clean_field(name: str, field: Field, profile: str = DEFAULT_PROFILE) -> Field:
    """The field with its value normalised and certain corrections applied (see module doc).

    ``corrected_from`` is set to the value as read when a correction changed it (a reader's
    own earlier ``corrected_from`` is kept); a value that cannot be made valid is returned as
    read, only normalised, for validation to flag.
    """
    if isinstance(field.value, list):
        return replace(field, value=[normalize_text(v) for v in field.value if normalize_text(v)])
    value = normalize_text(field.value)
    if name in date_fields(profile) and value and not _ISO.match(value):
        return _clean_date(field, value, profile)
    if name == "number":
        fixed, read = normalize_number(value, profile)
        return replace(field, value=fixed, corrected_from=field.corrected_from or read)
    cleaner = _CLEANERS.get(name)
    if cleaner is None or not value:
        return replace(field, value=value)
    normalised, fixed = cleaner(value, profile)
    mended = value if fixed != normalised else None
    return replace(field, value=fixed, corrected_from=field.corrected_from or mended)
