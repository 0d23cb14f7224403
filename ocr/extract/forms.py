"""The citizen's data on application forms and receipts: the value printed after each label.

Forms print one "Label: value" per line ("Họ, chữ đệm và tên: NGUYỄN VĂN AN......"), sometimes
two ("Ngày sinh: 05/01/1990   Giới tính: Nam"), and a long value wraps onto the next line.
OCR loses accents and colons and leaves bits of the dotted leaders, so labels are found by
fuzzy matching their folded spelling (no accents, no punctuation) against the table
``form_labels.toml``; a value runs from its label to the next label, the first leader or the
end of the line, and onto the following line only when that line has no label and its
first word could not have fitted on the line above (that is why the text wrapped).

Nothing is invented: a label with nothing after it (an empty dotted line) gives no field.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ocr.extract.admin import provinces
from ocr.extract.layout import Line
from ocr.extract.model import GUESSED, Field
from ocr.extract.profile import DEFAULT_PROFILE, table
from ocr.extract.values import clean_field, code_patterns, normalize_text, phone_is_valid
from ocr.extract.vocab import same_spelling
from ocr.words import Word

FORM_FIELDS = ("full_name", "date_of_birth", "sex", "personal_id", "address", "phone", "email",
               "dossier_code", "procedure_code", "received_date", "appointment_date")

# Fuzzy-match scores (0-100, rapidfuzz ratio of the folded spellings) a label needs: with its
# colon; at the start of a line without the colon; a label key shorter than SHORT_KEY must match
# exactly (a two-letter "ĐT" matches too much when fuzzy).
COLON_SCORE = 80.0
BARE_SCORE = 90.0
SHORT_KEY = 5
MAX_LABEL_TOKENS = 9
# A value goes on at most this many lines below its label's line.
MAX_CONTINUATION = 3

_LEADER = re.compile(r"[.…·_]{3,}|…|_{2,}|(?:_ ){2,}")
_ONLY_LEADER = re.compile(r"^[.…·_\-–—,:;'\"`^ˆ”“‘’|~]+$")
_TRAILING = " .,;:-–—_…·"


# ---------------------------------------------------------------- the label table

@dataclass(frozen=True)
class Label:
    """One printed label; ``field`` is None for the labels of values this module does not read."""

    field: str | None
    kind: str
    multiline: bool
    text: str
    key: str  # folded, without spaces


def fold(text: str) -> str:
    """Lower case without diacritics and without anything but letters and digits ('Họ, tên:' → 'hoten')."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c))


@lru_cache(maxsize=16)
def labels_for(document_type: str, profile: str = DEFAULT_PROFILE) -> tuple[Label, ...]:
    """The labels a document of this type may print, from the profile's ``form_labels`` table."""
    data = table("form_labels", profile)
    if not data:
        raise ValueError(f"profile {profile!r} has no form_labels table")
    labels: list[Label] = []
    for name, spec in data.get("fields", {}).items():
        kind, multiline = spec["kind"], spec.get("multiline", True)
        for text in [*spec.get("labels", []), *spec.get(document_type, [])]:
            labels.append(Label(name, kind, multiline, text, fold(text)))
    for text in data.get("ignore", {}).get("labels", []):
        labels.append(Label(None, "ignore", True, text, fold(text)))
    return tuple(labels)


# ---------------------------------------------------------------- one line's labels and values

@dataclass(frozen=True)
class _Token:
    """A word, or the part of a word before or after a colon ('tên:NGUYỄN' is two tokens)."""

    text: str
    word: Word
    frac: tuple[float, float]  # the share of the word's width this token covers
    colon: bool  # ends with ':'

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = self.word.bbox
        return (round(x0 + (x1 - x0) * self.frac[0]), y0, round(x0 + (x1 - x0) * self.frac[1]), y1)


def _tokens(line: Line) -> list[_Token]:
    tokens: list[_Token] = []
    for word in line.words:
        text = unicodedata.normalize("NFC", word.text)
        if text == ":" and tokens:  # a colon read as a word of its own belongs to the label before
            last = tokens[-1]
            tokens[-1] = _Token(last.text + ":", last.word, last.frac, True)
            continue
        parts = [p for p in re.split(r"(?<=:)", text) if p]
        start = 0
        for part in parts:
            end = start + len(part)
            tokens.append(_Token(part, word, (start / len(text), end / len(text)), part.endswith(":")))
            start = end
    return tokens


@dataclass(frozen=True)
class _Hit:
    label: Label
    start: int  # first token of the label
    end: int  # first token after the label
    score: float
    colon: bool


def _best_label(text: str, labels: tuple[Label, ...]) -> tuple[Label | None, float]:
    key = fold(text)
    if not key:
        return None, 0.0
    best, best_score = None, 0.0
    for label in labels:
        if len(label.key) < SHORT_KEY or len(key) < SHORT_KEY:
            score = 100.0 if key == label.key else 0.0
        else:
            score = fuzz.ratio(key, label.key)
        if score > best_score:
            best, best_score = label, score
    return best, best_score


def _span_text(tokens: list[_Token], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end])


def _find_labels(tokens: list[_Token], labels: tuple[Label, ...], line_height: float) -> list[_Hit]:
    """The labels on a line, left to right, each a span of tokens."""
    hits: list[_Hit] = []
    floor = 0  # tokens before this belong to an earlier label or its value
    colons = [i for i, token in enumerate(tokens) if token.colon]
    for n, c in enumerate(colons):
        if c < floor:
            continue
        # A label ends at this colon, or at a later one when OCR read a stray colon inside it
        # ("Mã:tHb tc:-Bành chính:" for "Mã thủ tục hành chính:" under a seal).
        candidates = []
        for end in (e for e in colons[n:] if e - c < MAX_LABEL_TOKENS):
            for s in range(max(floor, end + 1 - MAX_LABEL_TOKENS), c + 1):
                label, score = _best_label(_span_text(tokens, s, end + 1), labels)
                if label is not None and score >= COLON_SCORE:
                    candidates.append((round(score), -(end - c), end + 1 - s, s, end + 1, label, score))
        if candidates:
            *_, s, end, label, score = max(candidates)
            hits.append(_Hit(label, s, end, score, True))
            floor = end
    if not hits or hits[0].start > 0:
        # The colon was lost or read as another mark: a label at the start of the line.
        limit = hits[0].start if hits else len(tokens)
        candidates = []
        for e in range(1, min(limit, MAX_LABEL_TOKENS) + 1):
            label, score = _best_label(_span_text(tokens, 0, e), labels)
            if label is not None and score >= BARE_SCORE:
                candidates.append((round(score), e, label, score))
        if candidates:
            _, e, label, score = max(candidates)
            hits.insert(0, _Hit(label, 0, e, score, False))
    if hits:
        hits = _bare_labels_inside(tokens, labels, hits, line_height)
    return hits


def _bare_labels_inside(tokens: list[_Token], labels: tuple[Label, ...], hits: list[_Hit],
                        line_height: float) -> list[_Hit]:
    """A second label without its colon, after a wide gap or a leader ('05/01/1990   Giới tính Nam')."""
    found: list[_Hit] = []
    for i, hit in enumerate(hits):
        stop = hits[i + 1].start if i + 1 < len(hits) else len(tokens)
        s = hit.end + 1
        while s < stop:
            prev, tok = tokens[s - 1], tokens[s]
            gap = tok.bbox[0] - prev.bbox[2]
            if gap > line_height or _LEADER.search(prev.text):
                for e in range(min(stop, s + MAX_LABEL_TOKENS), s, -1):
                    label, score = _best_label(_span_text(tokens, s, e), labels)
                    if label is not None and len(label.key) >= 6 and score >= 95.0:
                        found.append(_Hit(label, s, e, score, False))
                        s = e
                        break
            s += 1
    return sorted([*hits, *found], key=lambda h: h.start)


def _value_tokens(tokens: list[_Token]) -> tuple[list[_Token], bool]:
    """The value's tokens up to the first dotted leader, and whether a leader ended it."""
    kept: list[_Token] = []
    for token in tokens:
        match = _LEADER.search(token.text)
        if match:
            head = token.text[: match.start()].rstrip(_TRAILING)
            if head:
                share = token.frac[0] + (token.frac[1] - token.frac[0]) * match.start() / len(token.text)
                kept.append(_Token(head, token.word, (token.frac[0], share), False))
            return kept, True
        if _ONLY_LEADER.match(token.text) and token.text not in ("-", "–"):
            return kept, True
        kept.append(token)
    return kept, False


# ---------------------------------------------------------------- reading the page

@dataclass
class _Value:
    label: Label
    score: float
    colon: bool
    tokens: list[_Token]
    page: int


def read_form(lines: list[Line], document_type: str, profile: str = DEFAULT_PROFILE) -> dict[str, Field]:
    """The labelled fields of a form or receipt (``lines`` of all pages in reading order).

    Of several values for one field the first wins (the citizen's own data come before anyone
    else's), a valid value before an invalid one.
    """
    labels = labels_for(document_type, profile)
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    right_edges = {page: _right_edge(page_lines) for page, page_lines in by_page.items()}
    parsed = {id(line): _parse_line(line, labels) for line in lines}
    used: set[int] = set()
    found: dict[str, list[tuple[tuple[bool, bool], Field]]] = {}
    for line in lines:
        if id(line) in used:
            continue
        hits, tokens = parsed[id(line)]
        for i, hit in enumerate(hits):
            stop = hits[i + 1].start if i + 1 < len(hits) else len(tokens)
            value_tokens, ended = _value_tokens(tokens[hit.end:stop])
            value = _Value(hit.label, hit.score, hit.colon, value_tokens, line.page)
            last = i + 1 == len(hits)
            if last and not ended and hit.label.multiline:
                _continue(value, line, by_page[line.page], parsed, right_edges[line.page], used)
            if hit.label.field is not None and value.tokens:
                made = _make_field(value, profile)
                if made is not None:
                    field, valid = made
                    found.setdefault(hit.label.field, []).append(((valid, hit.colon), field))
    # The first valid value read after a label with its colon; failing that, the first valid
    # one, and so on: a title that looks like a label ("GIẤY TIẾP NHẬN HỒ SƠ") loses to the real one.
    fields = {name: max(candidates, key=lambda c: c[0])[1] for name, candidates in found.items()}
    if "email" in fields and "full_name" in fields:
        fields["email"] = _email_by_name(fields["email"], str(fields["full_name"].value))
    return fields


def _email_by_name(item: Field, full_name: str) -> Field:
    """The e-mail with one slip in its local part undone where the form's own name shows it.

    Citizens' addresses are mostly built of their name's syllables and initials, accents
    dropped, each at most once, in any order, with digits and dots ("nguyenvangiang87",
    "thang.nguyenngoc", "ptnquynh407"). When the local part read is not so built, but
    exactly one spelling a single letter away is ("nguyenvanglang87": l for i), that one
    was printed, most likely: a guess from the name, not a certainty (a citizen may use
    any address), so the value is shown for review (GUESSED) and says what was read; an
    address not built of the name stays as read.
    """
    local, at, domain = str(item.value).rpartition("@")
    syllables = tuple(s for s in (fold(part) for part in full_name.split()) if s)
    if not at or not local or not syllables or len(syllables) > 6 or _built_of(local, syllables):
        return item
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    letters_at = [i for i, ch in enumerate(local) if ch.isalpha()]
    variants = set()
    for i in letters_at:
        variants.add(local[:i] + local[i + 1:])
        variants.update(local[:i] + ch + local[i + 1:] for ch in alphabet if ch != local[i])
    for i in {*letters_at, len(local)}:
        variants.update(local[:i] + ch + local[i:] for ch in alphabet)
    built = {v for v in variants if _built_of(v, syllables)}
    if len(built) != 1:
        return item
    return replace(item, value=f"{built.pop()}@{domain}", confidence=min(item.confidence, GUESSED),
                   corrected_from=item.corrected_from or str(item.value))


def _built_of(local: str, syllables: tuple[str, ...]) -> bool:
    """Whether the letters of ``local`` (digits, dots, dashes, underscores aside) are the
    syllables given, each whole or as its initial, each at most once, at least one whole:
    initials alone prove nothing."""
    text = re.sub(r"[0-9._-]", "", local.lower())
    if not text:
        return False
    states = {(0, 0, False)}  # (position, syllables used, a whole one among them)
    seen = set(states)
    while states:
        at, used, whole = states.pop()
        if at == len(text) and whole:
            return True
        for j, syllable in enumerate(syllables):
            if used & (1 << j):
                continue
            for piece, is_whole in ((syllable, True), (syllable[0], False)):
                if text.startswith(piece, at):
                    state = (at + len(piece), used | (1 << j), whole or is_whole)
                    if state not in seen:
                        seen.add(state)
                        states.add(state)
    return False


def _parse_line(line: Line, labels: tuple[Label, ...]) -> tuple[list[_Hit], list[_Token]]:
    tokens = _tokens(line)
    return _find_labels(tokens, labels, max(1, line.height)), tokens


def _right_edge(lines: list[Line]) -> int:
    """Where the page's text ends on the right: the rightmost edge of its longer lines."""
    edges = sorted(line.bbox[2] for line in lines if len(line.words) >= 3)
    return edges[-1] if edges else max((line.bbox[2] for line in lines), default=0)


def _continue(value: _Value, line: Line, page: list[Line], parsed: dict, right_edge: int, used: set[int]) -> None:
    """Add the lines the value wrapped onto: unlabelled lines right below whose first word did not fit."""
    above = line
    left = line.bbox[0]
    for _ in range(MAX_CONTINUATION):
        below = _line_below(above, page, left)
        if below is None or id(below) in used:
            return
        hits, tokens = parsed[id(below)]
        head = tokens[: hits[0].start] if hits else tokens
        if not head:
            return
        first = head[0].bbox
        space = 0.3 * above.height
        if above.bbox[2] + space + (first[2] - first[0]) < right_edge - 0.5 * above.height:
            return  # the word would have fitted above: this line is something else
        more, ended = _value_tokens(head)
        value.tokens.extend(more)
        if hits:
            return  # the rest of the line is another label's (handled when that line is read)
        used.add(id(below))
        if ended:
            return
        above = below


def _line_below(line: Line, page: list[Line], left: int) -> Line | None:
    x0, y0, x1, y1 = line.bbox
    h = max(1, line.height)
    candidates = [other for other in page
                  if other is not line and y0 + 0.5 * h < other.bbox[1] < y1 + 1.2 * h
                  and other.bbox[0] >= left - 0.6 * h and other.bbox[0] < x1]
    return min(candidates, key=lambda other: other.bbox[1], default=None)


# ---------------------------------------------------------------- values

# Tesseract says 0.96-0.97 for a word it is sure of; the wrong letters of a mostly right
# value ("Nghỉ" for "Nghi", "Son" for "Sơn") come at 0.88 or less (measured on generated
# scans). The mean over several words hides one such word, so a value of several words is
# capped at its weakest word less this margin: one doubtful word sends it to review.
WEAKEST_WORD_MARGIN = 0.10
# Confidence factors: a value repaired by a rule (O→0, "(@" → "@"), and a value whose shape is
# not valid for its field (an ID of 11 digits, a date that does not exist).
REPAIRED = 0.9
INVALID = 0.4


def _make_field(value: _Value, profile: str) -> tuple[Field, bool] | None:
    """The field and whether its value has a valid shape, or None when nothing is there."""
    kind = value.label.kind
    tokens = _moment_tokens(value.tokens) if kind == "moment" else value.tokens
    raw = normalize_text(" ".join(t.text for t in tokens)).strip(_TRAILING)
    if not raw:
        return None
    read = _READERS[kind](raw, profile)
    if read is None:
        return None
    text, valid, repaired = read
    words = list({id(t.word): t.word for t in tokens}.values())
    total = sum(len(w.text) for w in words)
    confidence = sum(w.confidence * len(w.text) for w in words) / total if total else 0.0
    if len(words) > 1:
        confidence = min(confidence, min(w.confidence for w in words) - WEAKEST_WORD_MARGIN)
    if value.score < 97.0:  # the label itself was read with errors
        confidence *= 0.85 + 0.15 * (value.score - COLON_SCORE) / (100.0 - COLON_SCORE)
    boxes = [t.bbox for t in tokens]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    field = Field(text, 0.0, value.page, bbox, corrected_from=raw if repaired and raw != text else None)
    name = value.label.field or ""
    if name in _SHARED_CLEANING:
        field = clean_field(name, field, profile)
    if field.corrected_from is not None:
        confidence *= REPAIRED
    ok = valid(field.value)
    if not ok:
        confidence *= INVALID
    field.confidence = round(max(0.0, min(1.0, confidence)), 4)
    return field, ok


def _moment_tokens(tokens: list[_Token]) -> list[_Token]:
    """'08 giờ 19 phút, ngày 15/05/2026': the date from its "ngày"; the time of day is no field."""
    days = [i for i, t in enumerate(tokens) if fold(t.text) == "ngay"]
    return tokens[days[-1]:] if days else tokens


# Fields whose normalisation and certain corrections are the shared ones (values.clean_field).
_SHARED_CLEANING = frozenset({"date_of_birth", "received_date", "appointment_date", "personal_id", "phone",
                              "dossier_code", "procedure_code"})

# A reader turns the text after a label into (value, its validity test, repaired) or None; the
# validity test runs on the value after the shared cleaning.
Reading = tuple[str, Callable[[str], bool], bool] | None
_HONORIFIC = re.compile(r"^(?:ông\s*/\s*bà|ông\s*\(bà\)|ông|bà)\s+(?=\S)", re.IGNORECASE)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _always(_: str) -> bool:
    return True


def _is_date(value: str) -> bool:
    return bool(_ISO.match(value))


def _read_name(raw: str, profile: str) -> Reading:
    # A name is letters: quote marks and specks at its ends are not printed ('DƯƠNG KIM XUÂN"').
    text = _HONORIFIC.sub("", raw).strip(_TRAILING + "\"'`‘’“”^~*")
    if not text:
        return None
    return text, lambda v: not any(c.isdigit() for c in v), False


def _read_address(raw: str, profile: str) -> Reading:
    text = re.sub(r"\s+,", ",", raw)
    mended = mend_address(text, profile)
    if table("admin", profile).get("issuer", {}).get("mend_provinces", False):
        mended = mend_address_province(mended, profile)
    return mended, lambda v: _province_spelled_right(v, profile) and address_plausible(v, profile), mended != text


def address_plausible(address: str, profile: str = DEFAULT_PROFILE) -> bool:
    """An address as forms print it: parts from the smallest unit to the province, each part
    after the first opening with its unit word ("xã …", "huyện …"), the last the province's.

    A part without one ("phường Tam, Đảo": a comma OCR read inside a name) or an address
    that stops before its province (its wrapped line lost, "…, huyện Châu") is kept as
    read but goes to review.
    """
    units = {fold(u) for u in _value_table("address", profile).get("unit_words", [])}
    parts = [part.split() for part in address.split(",")]
    if len(parts) < 2:
        return True  # a bare street or hamlet: nothing to check it by

    def opens_with(words: list[str], vocabulary: set[str]) -> bool:
        return any(fold(" ".join(words[:n])) in vocabulary for n in (1, 2, 3))

    province_units = {fold(u) for u in table("admin", profile).get("issuer", {}).get("province_units", [])}
    return all(opens_with(part, units) for part in parts[1:]) and opens_with(parts[-1], province_units) \
        and not (_lower_case(address) and any(_capital_i_inside(word) for part in parts for word in part))


# A name's small l read as a capital I ("Đắk MII" for "Đắk Mil"): a word of three or more
# capitals with an I in it, in an address typed in lower case, that is no Roman numeral.
_CAPITAL_I_INSIDE = re.compile(r"^[A-ZĐ]*I[A-ZĐ]*$")
_ROMAN = re.compile(r"^[IVX]+$")


def _lower_case(text: str) -> bool:
    letters_ = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters_) < 0.5 * len(letters_)


def _capital_i_inside(word: str) -> bool:
    word = word.strip(".,;:()")
    return len(word) >= 3 and bool(_CAPITAL_I_INSIDE.match(word)) and not _ROMAN.match(word)


_LAST_PROVINCE = re.compile(r"(?:tỉnh|thành phố)\s+([^,]+)$")


@lru_cache(maxsize=8)
def _official_provinces(profile: str) -> dict[str, str]:
    """The provinces set by law (admin.provinces), by folded spelling."""
    return {fold(p): p for p in provinces(profile)}


def _last_province(address: str, profile: str) -> tuple[int, str, str | None] | None:
    """Where the province's name an address ends with starts, the name as read, and the
    province set by law it folds to (None when none); None when the address ends in none."""
    match = _LAST_PROVINCE.search(address)
    if not match:
        return None
    name = match.group(1).strip()
    return match.start(1), name, _official_provinces(profile).get(fold(name))


def mend_address_province(address: str, profile: str = DEFAULT_PROFILE) -> str:
    """The province an address ends with spelt as the province is, when OCR read other accents
    ('tỉnh Quảng Tri' → 'tỉnh Quảng Trị', 'tỉnh Phú Tho' → 'tỉnh Phú Thọ').

    As in an agency's name (admin.mend_province): after "tỉnh" or "thành phố" at the end of
    the address stands one of a closed list set by law, so a reading whose letters are
    exactly one province's can be no other name. The reading is kept in ``corrected_from``.
    """
    found = _last_province(address, profile)
    if found is None:
        return address
    start, name, official = found
    if official is None or len(official.split()) != len(name.split()) or same_spelling(name, official):
        return address
    return address[:start] + official


def _province_spelled_right(address: str, profile: str) -> bool:
    """False when the address ends in a province whose accents OCR got wrong ('tỉnh Quảng Tri')
    and the reading was not mended (the profile says not to): the clerk sees it to review."""
    found = _last_province(address, profile)
    if found is None:
        return True
    _start, name, official = found
    return official is None or official == name or same_spelling(name, official)


def _read_date(raw: str, profile: str) -> Reading:
    """The date as printed; a space OCR put inside a numeric date ('22/1 1/2023') goes."""
    text = _NUMERIC_DATE_RUN.sub(lambda m: re.sub(r"\s+", "", m.group()), raw)
    return text, _is_date, text != raw


_NUMERIC_DATE_RUN = re.compile(r"\d[\d ]*/[\d /]*\d")


def _read_personal_id(raw: str, profile: str) -> Reading:
    p = code_patterns(profile)
    return raw, lambda v: bool(p.personal_id.match(v) or p.personal_id_old.match(v)), False


def _read_phone(raw: str, profile: str) -> Reading:
    return raw, lambda v: phone_is_valid(v, profile), False


def _read_email(raw: str, profile: str) -> Reading:
    mended = mend_email(raw, profile)
    return mended, lambda v: bool(code_patterns(profile).email.match(v)), mended != re.sub(r"\s+", "", raw)


def _read_dossier_code(raw: str, profile: str) -> Reading:
    p = code_patterns(profile)
    return re.sub(r"\s+", "", raw), lambda v: bool(p.dossier_strict.match(v) or p.dossier_lenient.match(v)), False


def _read_procedure_code(raw: str, profile: str) -> Reading:
    return re.sub(r"\s+", "", raw), lambda v: bool(code_patterns(profile).procedure.match(v)), False


def _read_sex(raw: str, profile: str) -> Reading:
    """Nam or Nữ, the only two values the forms print."""
    key = fold(raw.split()[0])
    if key == "nam":
        return "Nam", _always, False
    if key == "nu":
        return "Nữ", _always, False
    name, score = max((("Nam", fuzz.ratio(key, "nam")), ("Nữ", fuzz.ratio(key, "nu"))), key=lambda p: p[1])
    return (name, _always, True) if score >= 60 else None


_READERS = {"name": _read_name, "text": _read_address, "date": _read_date, "moment": _read_date,
            "sex": _read_sex, "personal_id": _read_personal_id, "phone": _read_phone, "email": _read_email,
            "dossier_code": _read_dossier_code, "procedure_code": _read_procedure_code,
            "ignore": lambda raw, profile: None}


# ---------------------------------------------------------------- repairs of OCR's usual slips

def _value_table(name: str, profile: str = DEFAULT_PROFILE) -> dict:
    return table("form_labels", profile).get("values", {}).get(name, {})


# '@' is read as '(', '(2', '(@', '@®', '©' or '®' (measured on generated scans); a printed
# address has exactly one '@', so when none is left the look-alike is the '@'.
_AT_NOISE = re.compile(r"[({]?@[®©]?")
_AT_LOOKALIKE = re.compile(r"\(2(?=[a-z])|[(©®]")
# '1' is read as '[', ']', '|' or '!' (none belongs in an address), and as a capital 'I' next
# to a digit in an address written in lower case ('dtvanI26'); 'l' as a capital 'I' elsewhere.
_ONE_LOOKALIKE = re.compile(r"[\[\]|!]|(?<=\d)I|I(?=\d)")


_NON_ASCII_DIGITS = {"Ï": "1", "ï": "1", "Í": "1", "í": "1", "Š": "5", "š": "5", "§": "8"}
_DIGIT_BESIDE_DIGIT = re.compile(rf"(?<=\d)[{''.join(_NON_ASCII_DIGITS)}]|[{''.join(_NON_ASCII_DIGITS)}](?=\d)")
_L_FOR_ONE = re.compile(r"l(?=\d)|(?<=\d)l(?=\d|$)")


def mend_email(raw: str, profile: str = DEFAULT_PROFILE) -> str:
    """An e-mail address with OCR's slips around the '@' undone and a misspelt common provider mended.

    In the part before the '@', letters that cannot be there are read digits: addresses are
    ASCII, so 'Ï', 'Š', '§' beside a digit are 1, 5, 8; and Vietnamese syllables never end in
    'l', so an 'l' just before a digit, or between a digit and the '@', is a 1 ('hung4l@').
    The provider is mended only when the domain read is within two letters of one common
    provider's domain, and nearer to it than to any other (gmail.com read as 'sgmail.com',
    icloud.com as '1cloud.com'), in the manner of e-mail typo checkers; other domains (an
    agency's .gov.vn) are left as read.
    """
    text = _AT_NOISE.sub("@", re.sub(r"\s+", "", raw))
    if "@" not in text:
        text = _AT_LOOKALIKE.sub("@", text, count=1)
    local, at, domain = text.rpartition("@")
    if not at:
        return text
    if local.replace("I", "").lower() == local.replace("I", ""):
        # Written in lower case: a capital I is a misread 1 beside a digit, else a misread l.
        local = _ONE_LOOKALIKE.sub("1", local).replace("I", "l")
    local = _DIGIT_BESIDE_DIGIT.sub(lambda m: _NON_ASCII_DIGITS[m.group()], local)
    local = _L_FOR_ONE.sub("1", local)
    domains = _value_table("email", profile).get("common_domains", [])
    if domain.lower() not in domains:
        distances = sorted((Levenshtein.distance(domain.lower(), d), d) for d in domains)
        if distances and distances[0][0] <= 2 and (len(distances) == 1 or distances[1][0] > distances[0][0]):
            domain = distances[0][1]
    return f"{local}@{domain}"


# OCR splits a narrow number ('11' read '1 1'); an address never prints two bare digits
# side by side.
_SPLIT_NUMBER = re.compile(r"(?<![\d/])(\d) (\d)(?![\d/])")


def mend_address(text: str, profile: str = DEFAULT_PROFILE) -> str:
    """Undo OCR's slips on the words that name address units ('Tố dân phố' → 'Tổ dân phố').

    Also a full stop read for the comma before a unit word, and a number split by a space.

    Only the unit words at the start of a comma-separated part are mended, and only when their
    letters without accents are those of a unit word: a lower-case first word (xã, phường,
    huyện — written in lower case inside an address), or a unit of several words (Tổ dân
    phố, Khu phố, thành phố). The names themselves are never changed, except a place name
    read with a lower-case 'l' for its capital 'I' ('xã la Grai' → 'xã Ia Grai'): names are
    capitalised, and 'I' is the only capital OCR reads as 'l'.
    """
    units = sorted(_value_table("address", profile).get("unit_words", []), key=lambda u: -len(u.split()))
    lower_units = "|".join(re.escape(u) for u in units if u[:1].islower())
    if lower_units:  # parts are separated by commas: a full stop before 'xã', 'tỉnh' is one
        text = re.sub(rf"\.\s+(?=(?:{lower_units})\s)", ", ", text)
    text = _SPLIT_NUMBER.sub(r"\1\2", text)
    parts = text.split(", ")
    for i, part in enumerate(parts):
        words = part.split(" ")
        for unit in units:
            size = len(unit.split())
            head = words[:size]
            if len(words) <= size or fold(" ".join(head)) != fold(unit):
                continue
            if size == 1 and not head[0][:1].islower():
                continue
            spelled = unit[0].upper() + unit[1:] if head[0][:1].isupper() else unit[0].lower() + unit[1:]
            words[:size] = spelled.split()
            name = words[size]
            if name[:1] == "l" and name[1:2].islower() and spelled[:1].islower():
                words[size] = "I" + name[1:]
            break
        parts[i] = " ".join(words)
    return ", ".join(parts)
