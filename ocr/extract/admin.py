"""The fields of a Decree 30/2020 page, read zone by zone (Annex I, "ô số").

    top left      agency block (governing body above, issuer below), "Số:", "V/v …", marks
    top right     Quốc hiệu and Tiêu ngữ, then "<place>, ngày … tháng … năm …"
    centre        type name ("QUYẾT ĐỊNH"), the subject below it
    bottom left   "Nơi nhận:" and its "- …;" list
    bottom right  authority line(s), the title directly above the signature, the name

The zones come from ``layout.regions``: the two-column regions keep the columns apart, so
the motto never joins the agency's name and the signature never joins the recipients.
Values are returned as read (with their words' confidence and box); ``values.clean_field``
normalises them afterwards. Closed vocabularies (titles, marks, type names, the "V/v"
prefix, the kinds of bodies and units of an agency's name, the provinces set by law, the
fixed parts of the "Nơi nhận" list) may be snapped to their table spelling, with
``corrected_from`` set; names of people, agencies and communes are kept as read and only
checked. Papers typed before Decree 30 keep their own spelling ("UỶ", "HOÀ", "T/M").

A value that fails a plausibility check (a name not spelt like a person's, a title of none
of the table's, a signature block read in part) is kept below the review threshold.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median_low

from ocr.extract.classify import TypeName, match_type_name, printed_title, subject_prefixes
from ocr.extract.layout import Line, PageLayout, Region, is_weak
from ocr.extract.model import REVIEW_THRESHOLD, Field
from ocr.extract.orthography import is_syllable
from ocr.extract.profile import DEFAULT_PROFILE, table
from ocr.extract.values import normalize_text, parse_date_line
from ocr.extract.vote import DISAGREE_CONFIDENCE
from ocr.extract.vocab import fold, letters, same_spelling, similarity, snap, snap_prefix, spelling_key
from ocr.words import Word

# A line read with less than this mean confidence, or with fewer letters, is a mark, not
# text: the signature scribble, specks, bits of a seal.
NOISE_CONFIDENCE = 0.45
# Lines of one block are set with at most 1.5 line spacing; a wider gap ends the block.
BLOCK_GAP = 1.0
# The weakest word's OCR confidence at which a value is sent for review (see confidence()).
WEAK_WORD = 0.88
# The same point for a list of recipients, calibrated on its own: its weakest word is one of
# some thirty in small type, so at WEAK_WORD more than half the right lists of tune and tune-2
# went to review; at 0.82 every wrong one of those sets is still below the threshold or named
# in a problem (12 wrong without a problem, the surest at 0.73), and 71 right ones fewer are
# flagged (0.80 let a wrong one through).
# Numbers and dates have too few wrong values there (4 and 2 without a problem) to move theirs.
RECIPIENTS_WEAK_WORD = 0.82
# A snapped closed-vocabulary value is as sure as its reading, times this when fuzzy.
FUZZY_FACTOR = 0.85
# A value that fails a plausibility check (a name not spelt like a name, a title of none of
# the table's) is no surer than this, however clearly its words were read: the clerk looks.
IMPLAUSIBLE = 0.6
# The OCR confidence given to a word of a closed list in the one place it can stand (a kind
# of body, a unit, a province after it): above WEAK_WORD, so only the open words decide.
CLOSED_WORD = 0.9


# ---------------------------------------------------------------- fields from words

def confidence(words: list[Word] | tuple[Word, ...], weak_word: float = WEAK_WORD) -> float:
    """How sure the value is, from its words' OCR confidences.

    One misread word makes a value wrong however well the others were read, so the
    weakest word decides. Tesseract's word confidence is not a probability: on the
    benchmark's tuning set, values whose weakest word scored below WEAK_WORD were wrong
    far more often than the rest, so that point is mapped to the review threshold and
    the scale is linear on either side of it.
    """
    words = [w for w in words if w.text.strip()]
    if not words:
        return 0.0
    total = sum(len(w.text) for w in words)
    mean = sum(w.confidence * len(w.text) for w in words) / total
    weakest = min(mean, min(w.confidence for w in words))
    if weakest >= weak_word:
        return REVIEW_THRESHOLD + (weakest - weak_word) / (1 - weak_word) * (1 - REVIEW_THRESHOLD)
    return weakest / weak_word * REVIEW_THRESHOLD


def bbox(words: list[Word] | tuple[Word, ...]) -> tuple[int, int, int, int]:
    return (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
            max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))


def make_field(value: str | list[str], words: list[Word] | tuple[Word, ...], page: int, *,
               factor: float = 1.0, corrected_from: str | None = None, cap: float | None = None) -> Field:
    """A field from its words; ``cap`` bounds the confidence of a value that fails a plausibility check."""
    sure = confidence(words) * factor
    if cap is not None:
        sure = min(sure, cap)
    return Field(value=value, confidence=round(sure, 3), page=page, bbox=bbox(words),
                 corrected_from=corrected_from)


def line_words(lines: list[Line]) -> list[Word]:
    return [w for line in lines for w in line.words]


def text_of(lines: list[Line]) -> str:
    return normalize_text(" ".join(line.text for line in lines))


@dataclass(frozen=True)
class Span:
    """Text of some lines joined by spaces, with each word's place in it."""

    text: str
    offsets: tuple[tuple[int, int, Word], ...]

    @classmethod
    def of(cls, lines: list[Line] | tuple[Line, ...]) -> Span:
        parts: list[str] = []
        offsets = []
        pos = 0
        for word in (w for line in lines for w in line.words):
            text = unicodedata.normalize("NFC", " ".join(word.text.split()))
            if not text:
                continue
            if parts:
                pos += 1
            offsets.append((pos, pos + len(text), word))
            parts.append(text)
            pos += len(text)
        return cls(" ".join(parts), tuple(offsets))

    def words(self, start: int, end: int) -> list[Word]:
        return [w for a, b, w in self.offsets if a < end and b > start]


# ---------------------------------------------------------------- small tests on lines

def is_caps(text: str) -> bool:
    """Mostly capitals: type names, agency names, titles (≥ 80 % of the letters)."""
    chars = [c for c in text if c.isalpha()]
    return bool(chars) and sum(c.isupper() for c in chars) >= 0.8 * len(chars)


def is_noise(line: Line) -> bool:
    return line.confidence < NOISE_CONFIDENCE or len(letters(line.text).replace(" ", "")) < 2


def _gap(upper: Line, lower: Line) -> float:
    """Vertical white space between two lines, in line heights."""
    return (lower.bbox[1] - upper.bbox[3]) / max(1, min(upper.height, lower.height))


def _top(line: Line) -> int:
    return line.bbox[1]


@lru_cache(maxsize=8)
def _admin(profile: str) -> dict:
    return table("admin", profile)


def _starts_with(text: str, label: str, min_similarity: float = 0.75) -> bool:
    key, head = letters(text), letters(label)
    return key == head or key.startswith(head + " ") or similarity(key[: len(head)], head) >= min_similarity


def is_motto(line: Line, profile: str) -> bool:
    key = letters(line.text)
    return any(similarity(key[: len(letters(m))], letters(m)) >= 0.7 for m in _admin(profile)["labels"]["motto"])


_NUMBER_LABEL = re.compile(r"^S[O0EÔ6Ơ]?\s*[:;.,]?\s*(?=[0-9OIL|/])")


def number_value(line: Line) -> tuple[str, list[Word]] | None:
    """What follows "Số:" on a line that starts with it, with its words."""
    words = [w for w in line.words if w.text.strip()]
    if not words:
        return None
    # A speck before the label, or its S read as 8 ('.8ố: 983/TTr-SNNMT' on a photocopy).
    head = fold(words[0].text).lstrip(".,'`")
    if re.fullmatch(r"(?:S[O0EÔ6Ơ]?|[8$][O0Ô6Ơ])[:;.,]?", head) and len(words) > 1:
        rest = words[1:]
        if re.match(r"[0-9OIL|]", fold(rest[0].text)) and ("/" in " ".join(w.text for w in rest) or
                                                            any(c.isdigit() for c in rest[0].text)):
            return _NUMBER_END.sub("", " ".join(w.text for w in rest)), rest
        return None
    match = _NUMBER_LABEL.match(head)
    if match and "/" in line.text:  # "Số:125/QĐ-UBND" read as one word
        first = words[0].text[match.end():]
        return _NUMBER_END.sub("", " ".join([first, *(w.text for w in words[1:])]).strip()), words
    return None


# A number ends in a letter or digit of its symbol (Decree 30/2020, ô 3): a comma or dot
# after it is a speck.
_NUMBER_END = re.compile(r"[\s.,;:'`_]+$")


# ---------------------------------------------------------------- the header

@dataclass
class Header:
    fields: dict[str, Field] = field(default_factory=dict)
    region: Region | None = None
    number: str | None = None  # as read, for classification
    subject_prefix: bool = False  # a "V/v …" under the number: a công văn
    # A line of specks with letters under the number where the marks stand (ô 10a-10b), and no
    # mark read: a boxed "MẬT" read "|âr|" at 0.34 by a phone photograph.
    unread_mark: bool = False


def header_region(page: PageLayout) -> Region | None:
    """The agency | motto region at the top of the first page."""
    for at, item in enumerate(page.items):
        if isinstance(item, Region):
            if item.top >= 0.4 * max(page.height, item.bottom + 1):
                return None
            return _with_following(item, page.items[at + 1:], page)
        if not is_noise(item) and item.bbox[1] > 0.3 * max(page.height, 1):
            return None
    return None


def _with_following(region: Region, after: tuple, page: PageLayout) -> Region:
    """The header region with the regions right under it whose left column is the same
    column: a motto read twice or cut in pieces (a phone photograph) breaks one region
    into several, and the agency's second line and the number fell out of the header."""
    left, right = list(region.left), list(region.right)
    height = max(1, min(line.height for line in left + right))
    bottom = region.bottom
    for item in after:
        if isinstance(item, Line):
            # A piece of the motto on its own, right of the agency's column, beside the rows
            # read so far (a title below is centred and lower).
            if item.bbox[0] <= region.left_edge or item.bbox[1] > bottom or page.is_centred(item):
                break
            right.append(item)
            bottom = max(bottom, item.bbox[3])
            continue
        if item.top - bottom > 3 * height:
            break
        if item.left and abs(sum(line.centre_x for line in item.left) / len(item.left) - region.left_centre) \
                > 0.1 * page.text_width:
            break
        left += item.left
        right += item.right
        bottom = max(bottom, item.bottom)
    if len(left) + len(right) == len(region.left) + len(region.right):
        return region
    return Region(region.left_edge, region.right_edge, region.left_start, region.left_centre, region.right_centre,
                  left, right)


def read_header(page: PageLayout, profile: str = DEFAULT_PROFILE) -> Header:
    header = Header()
    region = header_region(page)
    header.region = region
    if region is None:
        return header
    # The number's line is kept however weakly it was read ("Số: 01/GCN-SYT" at 0.42 under
    # a photocopy's grey): its value then goes to review, it is not lost.
    # So is a weak line of the agency block whose letters are a province's line ("TỈNHCÀ MAU„"
    # at 0.43 under "ỦY BAN NHÂN DÂN"), or, with the line under it, a body's name set by decree
    # ("SỞNÔNG NGHIỆP." at 0.05 over "VÀ PHÁT TRIỂN NÔNG THÔN"): dropped, the lines left
    # made another name.
    column = [line for line in (_inside_text(line, page) for line in sorted(region.left, key=_top))
              if line is not None]
    left = [line for i, line in enumerate(column)
            if not is_noise(line) or number_value(line) is not None or _province_line(line, profile)
            or body_name(text_of(column[i:i + 2]), profile) is not None]
    number_at = next((i for i, line in enumerate(left) if number_value(line) is not None), None)
    if number_at is not None:
        value, words = number_value(left[number_at])  # type: ignore[misc]
        header.fields["number"] = make_field(value, words, page.number)
        header.number = value
        agency, below = left[:number_at], left[number_at + 1:]
    else:
        agency, below = _agency_block(left), []
        below = left[len(agency):]
    _read_agency(agency, page.number, header.fields, profile)
    vv = _read_vv(below, page.number, profile)
    if vv is not None:
        header.fields["subject"], used = vv
        header.subject_prefix = True
        below = [line for line in below if line not in used]
    for line in below + _under_header(region, page):
        _read_mark(line, page.number, header.fields, profile)
    if number_at is not None and not {"urgency", "confidentiality"} & set(header.fields):
        number_line = left[number_at]
        header.unread_mark = any(_unread_mark(line, number_line) for line in region.left)
    return header


def _unread_mark(line: Line, number_line: Line) -> bool:
    """A line read as specks under the number, of text's height, with some letters."""
    return is_noise(line) and line.bbox[1] >= number_line.bbox[3] and \
        0.7 * number_line.height <= line.height <= 2.5 * number_line.height and \
        len(letters(line.text).replace(" ", "")) >= 2


@lru_cache(maxsize=8)
def _province_lines(profile: str) -> frozenset[str]:
    """The accent-free letters, spaces aside, of every line a province's name can take in an
    agency block: "TỈNH CÀ MAU", "UBND TỈNH CÀ MAU", "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ" (closed
    lists only)."""
    spec = _admin(profile)["issuer"]
    heads = ["", *(letters(h) for h in spec.get("incomplete", []))]
    return frozenset(f"{head}{letters(unit)}{letters(name)}".replace(" ", "") for head in heads
                     for unit in spec.get("province_units", []) for name in provinces(profile))


def _province_line(line: Line, profile: str) -> bool:
    """A line whose words, their spaces aside, are a committee's province line."""
    return is_caps(line.text) and letters(line.text).replace(" ", "") in _province_lines(profile)


def _under_header(region: Region, page: PageLayout) -> list[Line]:
    """The lines between the header region and the type name, which is centred: a number
    line run into the date line (one line across both columns: "Số: 34/TB-SNNMThành phố …")
    ends the region early, and the urgency and confidentiality marks set under the number
    (Decree 30/2020, ô 10a-10b) then come after it."""
    out: list[Line] = []
    for line in sorted(page.lines, key=_top):
        if _top(line) < region.bottom:
            continue
        if page.is_centred(line) or _top(line) > 0.35 * page.height:
            break
        out.append(line)
    return out


def _inside_text(line: Line, page: PageLayout) -> Line | None:
    """The line without the words that lie wholly in the left margin, left of the text: a QR
    code Tesseract read as letters ("EE UBND TỈNH …"), a punch hole, a binder's mark."""
    words = list(line.words)
    while words and words[0].bbox[2] < page.text_left and \
            (len(words) == 1 or words[1].bbox[0] - words[0].bbox[2] > line.height):
        words.pop(0)
    if len(words) == len(line.words):
        return line
    return Line(line.page, tuple(words)) if words else None


def _agency_block(left: list[Line]) -> list[Line]:
    """The lines from the top of the left column that are set as one block."""
    block: list[Line] = []
    for line in left:
        if block and _gap(block[-1], line) > BLOCK_GAP:
            break
        block.append(line)
    return block


def _mend_agency(line: Line, profile: str) -> Line:
    """The line with its closed words (a kind of body, an administrative unit) spelled as
    printed when OCR lost their accents ("ỦY BAN NHÂN DẬN" → "ỦY BAN NHÂN DÂN", "TINH" →
    "TỈNH").

    Only words whose accent-free form is exactly the table's are changed: in this place of
    the page nothing else can stand there. Names after them are never changed.
    """
    spec = _admin(profile)["issuer"]
    words = list(line.words)
    at, unit = 0, None
    for vocabulary, is_unit in ((spec["heads"], False), (spec["units"], True)):
        texts = [w.text for w in words]
        for entry in sorted(vocabulary, key=lambda e: -len(e.split())):
            n = len(entry.split())
            if at + n > len(texts) or letters(" ".join(texts[at:at + n])) != letters(entry):
                continue
            for k, part in enumerate(entry.split()):
                # Certain whichever way OCR read its accents, or doubted them ("TÍNH" in a
                # second reading): the word is as sure as the closed list.
                word = words[at + k]
                tail = re.search(r"[^\w]*$", word.text).group(0)
                core = word.text[: len(word.text) - len(tail)] if tail else word.text
                tail = "," if "," in tail else ""  # "DÂN." mid-name: a speck; a comma may be printed
                text = (core if same_spelling(core, part) else part) + tail  # "UỶ" stays "UỶ"
                words[at + k] = replace(word, text=text, confidence=max(word.confidence, CLOSED_WORD))
            at += n
            unit = entry if is_unit else unit
            break
    if spec.get("mend_provinces", False):
        if unit in spec.get("province_units", []):
            mended = mend_province(words[at:], profile)
            words = words[:at] + mended if mended is not None else words
        elif unit is None and at < len(words):
            words = words[:at] + _unglue_unit(words[at:], spec, profile)
    return Line(line.page, tuple(words))


def mend_province(words: list[Word], profile: str = DEFAULT_PROFILE) -> list[Word] | None:
    """The words of a province's name spelt as the province is, also when OCR read other
    accents ("HAI DƯƠNG" → "HẢI DƯƠNG", "Vững Tàu" → "Vũng Tàu"); None when they are no
    province's.

    The provinces are a closed list set by law (provinces.toml, and the cities made
    centrally-run since, admin.toml): where a name stands after "TỈNH" or "THÀNH PHỐ", or
    alone as the place of the date line, a reading whose letters are exactly one
    province's can be no other name. The words keep their confidence: the clerk sees the
    field as read (``corrected_from``) and the words count as a closed list's (CLOSED_WORD).
    """
    tail = re.search(r"[^\w]*$", words[-1].text).group(0) if words else ""

    def without_tail(read_words: list[Word]) -> str:
        joined = " ".join(w.text for w in read_words)
        return joined[: len(joined) - len(tail)]

    read = without_tail(words)
    key = letters(read)
    for name in provinces(profile):
        if letters(name) != key and letters(name).replace(" ", "") == key.replace(" ", ""):
            # "ĐẮKNÔNG": the space was lost.
            words = _unglued(words, [letters(part).replace(" ", "") for part in name.split()])
            read = without_tail(words)
        if letters(name) != letters(read) or len(name.split()) != len(words):
            continue
        printed = name.upper() if is_caps(read) else name
        if same_spelling(read, printed):
            printed = read  # "HOÀ BÌNH" typed the old way is as printed
        parts = printed.split()
        parts[-1] += tail
        return [replace(w, text=part, confidence=max(w.confidence, CLOSED_WORD)) for w, part in zip(words, parts)]
    return None


def _unglued(words: list[Word], parts: list[str]) -> list[Word]:
    """Words read without a space between them ("ĐẮKNÔNG") cut where the parts' letters end,
    each with its share of the box; the words unchanged when their letters do not line up."""
    out: list[Word] = []
    queue = list(parts)
    for word in words:
        key = letters(word.text).replace(" ", "")
        if not key:  # the dash of "BÀ RỊA - VŨNG TÀU"
            if queue and not queue[0]:
                queue.pop(0)
            out.append(word)
            continue
        taken: list[str] = []
        while queue and "".join(taken) != key and key.startswith("".join(taken) + queue[0]):
            taken.append(queue.pop(0))
        if "".join(taken) != key:
            return words
        x0, y0, x1, y1 = word.bbox
        at, text = 0, word.text
        for k, part in enumerate(taken):
            piece = text[at:at + len(part)] if k < len(taken) - 1 else text[at:]
            left = x0 + (x1 - x0) * at // max(1, len(text))
            right = x0 + (x1 - x0) * (at + len(piece)) // max(1, len(text))
            out.append(replace(word, text=piece, bbox=(left, y0, right, y1)))
            at += len(piece)
    return out if not queue else words


def _unglue_unit(words: list[Word], spec: dict, profile: str) -> list[Word]:
    """"TỈNHLẠNG SƠN" as "TỈNH LẠNG SƠN": a unit run into the province's name after it."""
    first = words[0]
    for unit in spec.get("province_units", []):
        if " " in unit or not fold(first.text).startswith(letters(unit)) or len(first.text) <= len(unit):
            continue
        rest = first.text[len(unit):]
        x0, y0, x1, y1 = first.bbox
        cut = x0 + (x1 - x0) * len(unit) // len(first.text)
        head = replace(first, text=unit, bbox=(x0, y0, cut, y1))
        name = [replace(first, text=rest, bbox=(cut, y0, x1, y1)), *words[1:]]
        mended = mend_province(name, profile)
        if mended is not None:
            return [head, *mended]
    return words


def _province_misread(agency: str, profile: str) -> bool:
    """An agency whose province (after "TỈNH", "THÀNH PHỐ", to the end) is misread."""
    spec = _admin(profile)["issuer"]
    words = agency.split()
    for i in range(len(words)):
        for unit in spec.get("province_units", []):
            n = len(unit.split())
            if " ".join(words[i:i + n]) == unit and i + n < len(words):
                return province_doubtful(" ".join(words[i + n:]), profile)
    return False


def province_doubtful(name: str, profile: str = DEFAULT_PROFILE) -> bool:
    """A province's name read with other accents than it has ("HAI DƯƠNG", "Vững Tàu")."""
    names = provinces(profile)
    return letters(name) in {letters(n) for n in names} and name.upper() not in {n.upper() for n in names}


@lru_cache(maxsize=8)
def provinces(profile: str = DEFAULT_PROFILE) -> tuple[str, ...]:
    """The provinces set by law: provinces.toml's, and the later ones of admin.toml."""
    later = _admin(profile)["issuer"].get("provinces_since", [])
    return (*table("provinces", profile).get("codes", {}).values(), *later)


def _read_agency(lines: list[Line], page: int, fields: dict[str, Field], profile: str) -> None:
    """issuer = the lines from the last one that starts with a kind of state body; parent above."""
    lines = [line for line in lines if is_caps(line.text) or len(line.text) > 3]
    if not lines:
        return
    pairs = [(line, _mend_agency(line, profile)) for line in lines]
    lines = [mended for _, mended in pairs]
    as_read = {id(mended): line for line, mended in pairs}
    heads = [letters(h) for h in _admin(profile)["issuer"]["heads"]]
    starts = [i for i, line in enumerate(lines)
              if any(letters(line.text) == h or letters(line.text).startswith(h + " ") for h in heads)]
    split = starts[-1] if starts else 0
    # The longest run of last lines that spells a body's name set by decree is the issuer, when
    # its head was read glued to the next word ("SỞNÔNG NGHIỆP"): no head starts it.
    named = next((i for i in range(len(lines)) if body_name(text_of(lines[i:]), profile) is not None), None)
    if named is not None and named > split:
        split = named
    parent, issuer = lines[:split], lines[split:]
    for name, part in (("issuer", issuer), ("parent_issuer", parent)):
        if not part:
            continue
        factor = 1.0 if starts or name == "parent_issuer" else 0.8
        if _province_misread(text_of(part), profile):
            factor = min(factor, 0.7)
        read = text_of([as_read[id(line)] for line in part])
        # A name ends in a letter (or the ")" of an abbreviation): dots or specks after it are not printed.
        value = re.sub(r"[^\w)]+$", "", text_of(part))
        words = line_words(part)
        named = body_name(value, profile)
        if named is not None:
            # One of the bodies set by decree: its words are as sure as a closed list's,
            # but for a word the readings disputed (the vote marks it): that doubt stays.
            value = named
            words = [replace(w, confidence=max(w.confidence, CLOSED_WORD)) if w.confidence > DISAGREE_CONFIDENCE
                     else w for w in words]
        fields[name] = make_field(value, words, page, factor=factor,
                                  corrected_from=read if read != value else None)


def body_name(value: str, profile: str = DEFAULT_PROFILE) -> str | None:
    """The name of admin.toml's [issuer] names that ``value`` spells (accents aside), as
    printed: the reading itself when it differs only in the old tone placement."""
    by_letters, by_run = _body_names(profile)
    key = letters(value)
    name = by_letters.get(key)
    if name is not None:
        return value if same_spelling(value, name) else name
    # A space lost or put in by OCR ("SỞ THÔNG T IN VÀ TRUYỀN THÔNG"): the letters are still
    # exactly one name's of the closed list, so it is that name.
    return by_run.get(key.replace(" ", ""))


@lru_cache(maxsize=8)
def _body_names(profile: str) -> tuple[dict[str, str], dict[str, str]]:
    """The [issuer] names by their accent-free letters, and by those letters run together
    (the first of the list where two share them): body_name is asked of every agency line."""
    by_letters: dict[str, str] = {}
    by_run: dict[str, str] = {}
    for name in _admin(profile)["issuer"].get("names", []):
        by_letters.setdefault(letters(name), name)
        by_run.setdefault(letters(name).replace(" ", ""), name)
    return by_letters, by_run


_VV = re.compile(r"^V\s*[/|lI1]\s*V\b")


def _read_vv(lines: list[Line], page: int, profile: str) -> tuple[Field, list[Line]] | None:
    """A công văn's "V/v …" subject under the number, its lines joined (ô 5b).

    "V/V", "v/v", "V/v:" are the same prefix (spelt "V/v"); older letters may write the
    table's other prefixes ("Về việc"), kept as printed.
    """
    prefixes = subject_prefixes(profile)
    others = [letters(p) for p in prefixes[1:]]
    for i, line in enumerate(lines):
        key = letters(line.text)
        if not _VV.match(fold(line.text)) and not any(key.startswith(p + " ") for p in others):
            continue
        used = [line]
        for nxt in lines[i + 1:]:
            if _gap(used[-1], nxt) > BLOCK_GAP or _mark(nxt, profile) is not None:
                break
            used.append(nxt)
        words = line_words(used)
        first, rest = words[0].text, " ".join(w.text for w in words[1:])
        printed = prefixes[0]
        read = normalize_text(f"{first} {rest}")
        value = read
        corrected = None
        head = re.match(r"^(\S*?)(\s|$)", read)
        if head and head.group(1) != printed and _VV.match(fold(head.group(1)) + " "):
            value = printed + read[len(head.group(1)):]
            corrected = read
        return make_field(value, words, page, corrected_from=corrected), used
    return None


def _mark(line: Line, profile: str) -> tuple[str, str, bool] | None:
    """("urgency" | "confidentiality", the mark, exact) when the line is a mark alone."""
    marks = _admin(profile)["marks"]
    for name in ("urgency", "confidentiality"):
        found = snap(line.text.strip(" .:;|[]()"), marks[name])
        if found is not None:
            return name, found.value, found.exact
    return None


def _read_mark(line: Line, page: int, fields: dict[str, Field], profile: str) -> None:
    found = _mark(line, profile)
    if found is None:
        return
    name, value, exact = found
    if name in fields:
        return
    read = normalize_text(line.text)
    fields[name] = make_field(value, line.words, page, factor=1.0 if exact else FUZZY_FACTOR,
                              corrected_from=None if value == read else read)


# ---------------------------------------------------------------- the date line

def read_date_line(pages: list[PageLayout], header: Header, profile: str = DEFAULT_PROFILE) -> dict[str, Field]:
    """place and issue_date from "<place>, ngày … tháng … năm …" (ô 4).

    The header's right column first; else (forms print it above the signature) the first
    line anywhere that is a date line from its first word: a place, a comma, a date.
    """
    candidates: list[tuple[int, Line]] = []
    if header.region is not None:
        candidates += [(pages[0].number, line) for line in sorted(header.region.right, key=_top)]
    candidates += [(page.number, line) for page in pages for line in page.lines]
    for page, line in candidates:
        if is_motto(line, profile):
            continue
        found = _date_line(line, page, profile)
        if found:
            return found
    return {}


_PLACE_BEFORE_DATE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{1,48}?)\s*[,.;]?\s+(?=NGAY\b)")


def _date_line(line: Line, page: int, profile: str) -> dict[str, Field] | None:
    span = Span.of([line])
    parsed = parse_date_line(span.text, profile)
    if parsed is None or parsed[0] is None:
        return _unparsed_date_line(span, page)
    place, date = parsed
    if len(place.split()) > 6:  # a sentence that happens to hold a comma and a date
        return None
    start = span.text.find(date.raw)
    if start < 0:
        return None
    comma = span.text.rfind(",", 0, start)
    place_words = span.words(0, comma if comma > 0 else start)
    date_words = span.words(start, len(span.text))
    if not place_words or not date_words:
        return None
    place_text = span.text[: comma if comma > 0 else start].strip(" ,")
    corrected = None
    if re.match(r"l[a-zà-ỹ]", place_text):
        # A place name is capitalised; "I" is the one capital OCR reads as "l" ("la Grai").
        corrected, place_text = place_text, "I" + place_text[1:]
    mended = mend_province(place_words, profile) if _admin(profile)["issuer"].get("mend_provinces") else None
    if mended is not None:
        printed = normalize_text(" ".join(w.text for w in mended)).strip(" ,")
        corrected = corrected or (place_text if printed != place_text else None)
        place_text, place_words = printed, mended
    return {"place": make_field(place_text, place_words, page, corrected_from=corrected,
                                factor=0.7 if province_doubtful(place_text, profile) else 1.0),
            "issue_date": make_field(span.text[start:], date_words, page)}


def _unparsed_date_line(span: Span, page: int) -> dict[str, Field] | None:
    """"<place>, ngày …" whose comma or date OCR garbled ("Huế ngày 26 …", "tháng § năm").

    The place is still what stands before "ngày"; the date is kept as read, with low
    confidence, for validation and the clerk to see, never guessed.
    """
    folded = fold(span.text)
    match = _PLACE_BEFORE_DATE.match(folded) if len(folded) == len(span.text) else None
    if match is None or len(match.group("place").split()) > 6 or "THANG" not in folded[match.end():]:
        return None
    place_end = match.end("place")
    place_words, date_words = span.words(0, place_end), span.words(match.end(), len(span.text))
    if not place_words or not date_words:
        return None
    found = parse_date_line(span.text[match.end():])
    date_factor = 0.9 if found is not None else 0.5
    return {"place": make_field(span.text[:place_end].strip(" ,"), place_words, page, factor=0.95),
            "issue_date": make_field(span.text[match.end():], date_words, page, factor=date_factor)}


# ---------------------------------------------------------------- type name and subject

@dataclass
class Title:
    type_name: TypeName | None = None
    fields: dict[str, Field] = field(default_factory=dict)


def read_title(page: PageLayout, header: Header, *, with_subject: bool, profile: str = DEFAULT_PROFILE) -> Title:
    """The centred type name below the header (ô 5a), and the subject lines under it.

    Only lines before the first body paragraph are looked at: a "QUYẾT ĐỊNH:" heading in
    the body is not the document's type name.
    """
    title = Title()
    # A faint type name may have been taken into the header region: weak lines do not end one.
    lines = [line for line in page.lines
             if (header.region is None or (line not in header.region.left and line not in header.region.right))
             and not is_noise(line) or (_faint_type_name(line, profile) and page.is_centred(line))]
    # A form has no header region: its motto stands centred above the type name, and the
    # type name is centred under it even where the margins are not even (Decree 30: 30 mm
    # left, 15-20 mm right).
    mottos = [line.centre_x for line in lines if is_motto(line, profile)]
    for i, line in enumerate(lines):
        if page.is_full_width(line) and not is_caps(line.text):
            if number_value(line) is not None or _looks_dated(line):
                continue  # the "Số:" and date line run together by OCR: still the header
            break
        centred = page.is_centred(line) or _wide_centred(page, line) or \
            any(abs(line.centre_x - x) <= 0.02 * page.text_width for x in mottos)
        if is_motto(line, profile) or not is_caps(line.text) or not centred:
            continue
        block = [line]
        for nxt in lines[i + 1:]:
            if _gap(block[-1], nxt) > 0.6 or not is_caps(nxt.text) or not page.is_centred(nxt, 0.06):
                break
            block.append(nxt)
        # The longest leading part of the block that is a type name ("GIẤY TIẾP NHẬN HỒ SƠ"
        # over "VÀ HẸN TRẢ KẾT QUẢ"); a decision's "QUYẾT ĐỊNH" stands alone.
        for size in range(len(block), 0, -1):
            found = match_type_name(text_of(block[:size]), profile)
            if found is not None:
                break
        if found is None:
            continue
        block = block[:size]
        read = text_of(block)
        whole = printed_title(found.value, profile)
        if whole is not None and whole != found.value:
            found = replace(found, value=whole)
        title.type_name = found
        title.fields["type_name"] = make_field(found.value, line_words(block), page.number,
                                               factor=1.0 if found.score >= 1.0 else max(0.5, found.score - 0.1),
                                               corrected_from=None if found.value == read else read)
        if with_subject:
            subject = _subject_below(lines[lines.index(block[-1]) + 1:], block[-1], page, profile)
            if subject is not None:
                title.fields["subject"] = subject
        return title
    return title


def _faint_type_name(line: Line, profile: str) -> bool:
    """A type name read with almost no confidence, its letters all there ("THÔNGBÁO": the
    spaced-out capitals of a title run together). Kept, at its low confidence, for review."""
    found = match_type_name(line.text, profile) if is_caps(line.text) else None
    return found is not None and found.score >= 0.95 and \
        len(letters(found.value).replace(" ", "")) == len(letters(line.text).replace(" ", ""))


def _looks_dated(line: Line) -> bool:
    folded = fold(line.text)
    return ", NGAY" in folded and "THANG" in folded and "NAM" in folded


def _wide_centred(page: PageLayout, line: Line) -> bool:
    """A long type name set across nearly the whole width, still centred; or one that spans
    most of the width across the middle, off it by a photocopy's shift ("GIẤY PHÉP KINH DOANH
    DỊCH VỤ LỮ HÀNH NỘI ĐỊA" 4 % right of it): the columns never reach across the middle."""
    wide = line.bbox[2] - line.bbox[0] >= 0.75 * page.text_width
    return abs(line.centre_x - page.middle) <= 0.02 * page.text_width or \
        (wide and abs(line.centre_x - page.middle) <= 0.06 * page.text_width)


def _subject_below(lines: list[Line], above: Line, page: PageLayout, profile: str) -> Field | None:
    addressee = _admin(profile)["labels"]["addressee"]
    used: list[Line] = []
    previous = above
    for line in lines[:6]:
        if (_gap(previous, line) > BLOCK_GAP or is_caps(line.text) or not page.is_centred(line, 0.05)
                or any(_starts_with(line.text, label, 0.85) for label in addressee)):
            break
        used.append(line)
        previous = line
    if not used:
        return None
    # A subject starts with a letter: a quote or speck before it is not printed.
    return make_field(re.sub(r"^[^\w(]+", "", text_of(used)), line_words(used), page.number)


# ---------------------------------------------------------------- recipients and signature

@dataclass
class Closing:
    fields: dict[str, Field] = field(default_factory=dict)
    # False when the signature block was not read whole: no name, no title, or a title that
    # is none of the table's (cut by the seal, "U TỊCH"). Its authority line may be lost too.
    signature_whole: bool = True


def _recipients_label(line: Line, profile: str) -> bool:
    return any(_starts_with(line.text, label, 0.8) for label in _admin(profile)["labels"]["recipients"])


_DASH = re.compile(r"^[.,'`]*[-–—‐‑−•+*~_]+\s*")
# A list line whatever its confidence: a dash, then a word of at least three letters.
_DASHED_ENTRY = re.compile(r"^[-–—]\s*\w{3,}")


def read_closing(pages: list[PageLayout], *, with_signature: bool, profile: str = DEFAULT_PROFILE) -> Closing:
    """recipients from the "Nơi nhận:" list (ô 9b) and the signature block beside it (ô 7)."""
    closing = Closing()
    for page in reversed(pages):
        for item in reversed(page.items):
            column = sorted(item.left, key=_top) if isinstance(item, Region) else [item]
            label_at = next((i for i, line in enumerate(column) if _recipients_label(line, profile)), None)
            if label_at is None:
                continue
            if isinstance(item, Region):
                recipients = _read_recipients(column[label_at:], page.number, profile)
            else:
                following = list(page.lines[page.lines.index(item):])
                recipients = _read_recipients(_left_column(following, page), page.number, profile)
            if recipients is not None:
                closing.fields["recipients"] = recipients
            if with_signature:
                block = sorted(item.right, key=_top) if isinstance(item, Region) else _trailing_right(page)
                _add_signature(closing, _read_signature(block, page.number, profile))
            return closing
    if with_signature and pages:
        _add_signature(closing, _read_signature(_trailing_right(pages[-1]), pages[-1].number, profile))
    return closing


def _add_signature(closing: Closing, signature: tuple[dict[str, Field], bool]) -> None:
    fields, whole = signature
    closing.fields.update(fields)
    closing.signature_whole = whole


def _left_column(lines: list[Line], page: PageLayout) -> list[Line]:
    return [line for line in lines if line.bbox[2] < page.middle + 0.1 * page.text_width]


def _trailing_right(page: PageLayout) -> list[Line]:
    """The signature block when no "Nơi nhận" stands beside it: the page's last lines on the right."""
    last = page.items[-1] if page.items else None
    if isinstance(last, Region):
        return sorted(last.right, key=_top)
    block: list[Line] = []
    for line in reversed(page.lines):
        if line.bbox[0] < page.middle - 0.1 * page.text_width:
            if is_noise(line):
                continue
            break
        block.append(line)
    return sorted(block, key=_top)


def _read_recipients(lines: list[Line], page: int, profile: str = DEFAULT_PROFILE) -> Field | None:
    """The entries after "Nơi nhận:", without "- " and the final ";" or "."; wrapped lines joined.

    The list's fixed parts (the dashes, "Như trên", "Lưu: VT", the notes) say nothing about
    whether the names of the recipients were read right, and Tesseract is unsure of the
    small dashes and of "b/c);" on most pages: the confidence is that of the other words.
    """
    label, rest = lines[0], lines[1:]
    entries: list[list[Word]] = []
    after_label = _after_colon(label)
    if after_label:
        entries.append(after_label)
    previous = label
    doubt = 1.0
    usual = median_low(line.height for line in [label, *rest])
    rows: list[Line] = []
    for line in rest:
        if _gap(previous, line) > 2.0:
            break
        previous = line
        if not is_noise(line):
            rows.append(line)
            if line.height > 1.6 * usual:
                # Two rows of the list read as one tall line: an entry may be lost in it.
                doubt = min(doubt, 0.7)
        elif _DASHED_ENTRY.match(line.text):
            # A line of the list read with little confidence but as a list line ("-LĐVP;",
            # 0.22): kept, and its doubt with it, rather than lost.
            doubt = min(doubt, max(0.3, line.confidence))
        else:
            # A line of the list that could not be read ("mô he," for "- Như trên;"): say so.
            if not is_weak(line) or sum(ch.isalpha() for ch in line.text) >= 4:
                doubt = min(doubt, max(0.3, line.confidence))
            continue
        words = [w for w in line.words if w.text.strip()]
        ended = bool(entries) and entries[-1][-1].text.rstrip().endswith((";", "."))
        if _DASH.match(words[0].text) or not entries:
            entries.append(list(words))
        elif ended:
            # Every entry but the last ends in ";" (Annex I, ô 9b): the dash was lost.
            entries.append(list(words))
            doubt = min(doubt, 0.9)
        else:
            entries[-1].extend(words)
    if _row_lost(rows):
        doubt = min(doubt, 0.7)
    label_words = {letters(w) for w in _admin(profile)["labels"]["recipients"][0].split()}
    # A piece of the label read as an entry ("nhận" of "Nơi nhận:" read twice) is no recipient.
    entries = [words for words in entries if not set(letters(" ".join(w.text for w in words)).split()) <= label_words]
    values, used, telling = [], [], []
    mended = False
    for i, words in enumerate(entries):
        read = [w.text for w in words]
        words, fixed = _mend_entry(words, profile, first=i == 0, last=i == len(entries) - 1)
        mended = mended or read != [w.text for w in words]
        text = _DASH.sub("", normalize_text(" ".join(w.text for w in words)))
        # Specks after the entry's last word ("NC€"), and a full stop inside an entry before
        # a word in lower case ("LĐVP. các phòng"): entries end with ";" and list with commas.
        text = re.sub(r"\s*[;.,:€©®°'`\"]+$", "", text).strip()
        text = re.sub(r"\.\s+(?=[a-zà-ỹđ])", ", ", text)
        if text.endswith(")") and "(" not in text:  # a speck read as a bracket
            text = text[:-1].rstrip(" ;.,:")
        if text and values and len(text) >= 5 and (values[-1].startswith(text) or text.startswith(values[-1])):
            # One row read twice, once cut short ("Bộ Nội vụ (để b/c)", "Bộ Nội vụ (để b"): no
            # list names a recipient twice; the longer reading is kept, the list goes to review.
            values[-1] = max(values[-1], text, key=len)
            doubt = min(doubt, 0.75)
            continue
        if text:
            values.append(text)
            used.extend(words)
            telling.extend(w for w in words if id(w) not in fixed)
    if not values:
        return None
    archive = _admin(profile).get("recipients", {}).get("archive", [])
    if archive and fold(values[-1].split(":")[0]) != fold(archive[0]).rstrip(":"):
        # The list ends with the archive copy, "Lưu: VT, …" (Decree 30/2020, ô 9b): without
        # it, its last lines were lost (a photocopy's grey, a fold).
        doubt = min(doubt, 0.7)
    as_read = "; ".join(normalize_text(" ".join(w.text for w in words)) for words in entries)
    field = make_field(values, used, page, factor=doubt, corrected_from=as_read if mended else None)
    return replace(field, confidence=round(confidence(telling or used, RECIPIENTS_WEAK_WORD) * doubt, 3))


def _row_lost(rows: list[Line]) -> bool:
    """A step between two rows of the list of about twice the others: a row between them was
    lost whole (not even specks: "- Bộ Nội vụ (để b/c);" under a scanner's streak)."""
    steps = [b.bbox[1] - a.bbox[1] for a, b in zip(rows, rows[1:])]
    if len(steps) < 2:
        return False
    usual = median_low(steps)
    return usual > 0 and max(steps) > 1.6 * usual


def _mend_entry(words: list[Word], profile: str, *, first: bool = False,
                last: bool = False) -> tuple[list[Word], set[int]]:
    """An entry's fixed parts spelled as Decree 30 prints them ("Như trên", "Lưu: VT", the notes),
    and the ids of the words that are such fixed parts."""
    spec = _admin(profile).get("recipients", {})
    words = list(words)
    fixed: set[int] = set()
    start = 1 if words and _DASH.fullmatch(words[0].text) else 0
    if start:
        fixed.add(id(words[0]))
    if first:
        words, opening = _mend_opening(words, start, spec.get("openings", []))
        fixed.update(id(w) for w in opening)
    archive = spec.get("archive", [])
    if len(archive) == 2 and len(words) >= start + 3 and last and words[start].text.endswith(":") \
            and words[start + 1].text.rstrip(",;.") == archive[1] and len(letters(words[start].text)) <= 4:
        # "Lam: VT, KT": a short word with its colon before "VT" in the list's last entry
        # is the archive copy's label, whatever OCR made of it.
        words[start] = replace(words[start], text=archive[0], confidence=max(words[start].confidence, 0.9))
    if len(archive) == 2 and len(words) >= start + 2 and fold(words[start].text).rstrip(":;.,") == fold(archive[0]).rstrip(":"):
        label, office = words[start], words[start + 1]
        core = office.text.rstrip(",;.")
        if core != archive[1] and _reads_as(core, archive[1]):
            office = words[start + 1] = replace(office, text=archive[1] + office.text[len(core):],
                                                confidence=max(office.confidence, 0.9))
        if label.text.rstrip(":;.") != archive[0].rstrip(":"):
            label = words[start] = replace(label, text=archive[0], confidence=max(label.confidence, 0.9))
        if office.text.rstrip(",;.") == archive[1]:
            if len(words) > start + 2 and office.text.endswith(";"):
                # "Lưu: VT; NC": the units after "VT" are listed with commas (ô 9b); the
                # entry goes on, so the ";" is a comma read with its dot.
                office = words[start + 1] = replace(office, text=archive[1] + ",")
            fixed.update((id(label), id(office)))
    _mend_phrases(words, start, spec.get("phrases", []), fixed)
    for at in range(len(words) - 1, start - 1, -1):
        if not words[at].text.startswith("("):
            continue
        tail = re.search(r"[;.,]*$", words[-1].text).group(0)
        read = " ".join(w.text for w in words[at:])
        read = read[: len(read) - len(tail)] if tail else read
        found = snap(read, spec.get("notes", []), min_similarity=0.75)
        if found is not None and len(found.value.split()) == len(words) - at:
            if not found.exact:
                for k, part in enumerate(found.value.split()):
                    word = words[at + k]
                    text = part + (tail if at + k == len(words) - 1 else "")
                    words[at + k] = replace(word, text=text, confidence=max(word.confidence, 0.9))
            fixed.update(id(w) for w in words[at:])
        break
    return words, fixed


def _mend_phrases(words: list[Word], start: int, phrases: list[str], fixed: set[int]) -> None:
    """The words of the lists' shared phrases (admin.toml [recipients] phrases) spelt as the
    phrase where OCR read other accents; a word's first letter keeps the case it was read in."""
    for phrase in phrases:
        parts = phrase.split()
        key = letters(phrase)
        for at in range(start, len(words) - len(parts) + 1):
            run = words[at:at + len(parts)]
            tail = re.search(r"[^\w)]*$", run[-1].text).group(0)
            read = " ".join(w.text for w in run)
            read = read[: len(read) - len(tail)] if tail else read
            if letters(read) != key or any(not w.text[:1].isalpha() for w in run):
                continue
            for k, (word, part) in enumerate(zip(run, parts)):
                text = (part[0].upper() if word.text[0].isupper() else part[0].lower()) + part[1:]
                text += tail if k == len(parts) - 1 else word.text[len(word.text.rstrip(",;.:")):]
                if text != word.text:
                    words[at + k] = replace(word, text=text, confidence=max(word.confidence, CLOSED_WORD))
                fixed.add(id(words[at + k]))


# Letters Tesseract gives for another in small capitals: the only slips mended in "VT".
_LOOKALIKES = {"T": "TIl1J7|[]", "V": "VWYv"}


def _reads_as(read: str, printed: str) -> bool:
    """``read`` is ``printed`` with letters OCR confuses ("VI", "Vl" for "VT"); an office's own
    abbreviation ("Lưu: VP" on papers before Decree 30) is not."""
    return len(read) == len(printed) and all(r == p or r in _LOOKALIKES.get(p, p) for r, p in zip(read, printed))


def _mend_opening(words: list[Word], start: int, openings: list[str]) -> tuple[list[Word], list[Word]]:
    """The list's first entry when it is a fixed phrase ("Như trên", "Như Điều 3"), spelled as
    printed, and the words that now spell it.

    Read accent-free with spaces ignored ("Nhưtrên", "Nà Điều 3"). Its first word lost
    ("trên") is put back, but with the confidence of a guess, so the clerk looks.
    """
    body = words[start:]
    if not body or not openings:
        return words, []
    tail = re.search(r"[;.,]*$", body[-1].text).group(0)
    read = normalize_text(" ".join(w.text for w in body))
    read = read[: len(read) - len(tail)] if tail else read
    number = re.search(r"\s*(\d+)$", read)
    for phrase in openings:
        if ("{n}" in phrase) != (number is not None):
            continue
        printed = phrase.replace("{n}", number.group(1)) if number else phrase
        if read == printed:
            return words, body
        head = letters(read[: number.start()] if number else read).replace(" ", "")
        want = letters(phrase.replace("{n}", "")).replace(" ", "")
        lost_first = head == letters(" ".join(phrase.replace("{n}", "").split()[1:])).replace(" ", "")
        if not head or not (similarity(head, want) >= 0.7 or lost_first):
            continue
        sure = min(w.confidence for w in body) if lost_first else max(0.9, min(w.confidence for w in body))
        box = bbox(body)
        parts = printed.split()
        mended = [Word(part + (tail if k == len(parts) - 1 else ""), box, sure, *body[0].line_key)
                  for k, part in enumerate(parts)]
        if lost_first:
            mended[0] = replace(mended[0], confidence=min(sure, 0.5))
        return words[:start] + mended, mended
    return words, []


def _after_colon(line: Line) -> list[Word]:
    words = [w for w in line.words if w.text.strip()]
    for i, word in enumerate(words):
        if word.text.endswith(":"):
            return words[i + 1:]
    return []


# The prefix may be glued to the title ("TUQ.BỘ TRƯỞNG") or have lost its dot ("KT GIÁM ĐỐC").
# Papers typed before Circular 01/2011/TT-BNV often wrote "T/M", "K/T", "T/L": the same prefixes.
# The dot after the prefix may be read as a comma, a colon or a dash ("Q- GIAM ĐỌC").
_AUTHORITY = re.compile(r"^(T/?M|K/?T|Q|T/?L|TUQ)(?:\s*[.,:\-–]\s*|\s+)(?=\S)")


def _authority(text: str) -> tuple[str, str] | None:
    """("KT.", the rest of the line) when the line starts with an authority prefix."""
    match = _AUTHORITY.match(fold(text))
    if match is None:
        return None
    # fold keeps one character per character for NFC text, so the cut is the same.
    return match.group(1).replace("/", "") + ".", normalize_text(text)[match.end():]


def _strip_marks(text: str) -> str:
    """Without the specks OCR glues to a line's ends ('›-PHÓ CHỦ TỊCH', '"Trần Tuấn Đạt')."""
    return re.sub(r"^[^\w(]+|[^\w.)]+$", "", normalize_text(text))


def plausible_name(text: str) -> bool:
    """A person's name as Vietnamese names are printed: 2-5 capitalised syllables, none repeated
    next to itself ("Hà Hà Thị Xuân" is a line read twice), none misspelt (orthography)."""
    words = text.split()
    if not 2 <= len(words) <= 5 or any(a == b for a, b in zip(words, words[1:])):
        return False
    return all(w.isalpha() and w[0].isupper() and w[1:] == w[1:].lower() and is_syllable(w) is not False
               for w in words)


def known_surname(name: str, profile: str = DEFAULT_PROFILE) -> bool:
    """The name starts with a Vietnamese family name of the profile's list (any case, either
    tone placement)."""
    words = name.split()
    if not words:
        return False
    first = words[0].capitalize()
    return any(same_spelling(first, s) for s in _admin(profile).get("people", {}).get("surnames", []))


def uncommon_name_words(name: str, profile: str = DEFAULT_PROFILE) -> list[str]:
    """The words after the family name that are no middle or given name of the profile's
    list, nor a family name (a mother's is often a middle name): an accent misread into a
    word ("Ngô Mĩnh Tuấn"), or a rare name. Case and tone placement do not count."""
    if not _admin(profile).get("people", {}).get("name_syllables"):
        return []
    known = _name_keys(profile)
    return [w for w in name.split()[1:] if w.isalpha() and spelling_key(w.lower()) not in known]


@lru_cache(maxsize=8)
def _name_keys(profile: str) -> frozenset[tuple[str, tuple[str, ...]]]:
    """The spelling keys of the profile's name syllables and family names."""
    people = _admin(profile).get("people", {})
    return frozenset(spelling_key(w.lower()) for w in (*people.get("name_syllables", ()), *people.get("surnames", ())))


def surname_spelt(name: str, profile: str = DEFAULT_PROFILE) -> str | None:
    """The name with its first word spelt as the one family name of the list that has its
    letters ("Đỉnh Xuân Lâm" → "Đinh Xuân Lâm", "NGUYÊN PHƯƠNG NGÂN" → "NGUYỄN …"), in the
    case it was read in; None when the first word is a listed name, or two or none share its
    letters ("Giảng": Giang or Giàng)."""
    words = name.split()
    if not words or known_surname(name, profile):
        return None
    key = letters(words[0])
    found = {s for s in _admin(profile).get("people", {}).get("surnames", []) if letters(s) == key}
    if len(found) != 1:
        return None
    surname = found.pop()
    words[0] = surname.upper() if words[0].isupper() and len(words[0]) > 1 else surname
    return " ".join(words)


def _title(text: str, titles: list[str]) -> tuple[str, bool] | None:
    """The title ``text`` stands for (the table's spelling, exact?), or None when it is none of them.

    A speck OCR read as a digit or a letter before the title ("4 BỘ TRƯỞNG") is dropped
    when what follows is a title.
    """
    words = text.split()
    for drop in (0, 1):
        if drop and (len(words) < 2 or len(letters(words[0]).replace(" ", "")) > 1):
            break
        rest = _strip_marks(" ".join(words[drop:]))
        snapped = snap(rest, titles)
        if snapped is not None:
            return snapped.value, snapped.exact and not drop
        prefix = snap_prefix(rest, titles)
        if prefix is not None and prefix[1]:
            return f"{prefix[0].value} {prefix[1]}", prefix[0].exact and not drop
    return None


def _read_signature(block: list[Line], page: int, profile: str) -> tuple[dict[str, Field], bool]:
    """signing_authority, signer_title and signer from the signature block (ô 7a-7c), and
    whether the block was read whole (a name and a title of the table).

    The authority and title lines are set together at the top of the block, the name at
    the bottom after the room for the signature, where the scribble and the seal leave
    weak fragments; a line lost under the seal leaves the others readable. A name that is
    not spelt like a person's and a title that is none of the table's are kept as read,
    below the review threshold.
    """
    lines = [line for line in block if not is_weak(line) and not is_noise(line)]
    fields: dict[str, Field] = {}
    top: list[Line] = []
    for line in lines:
        if not is_caps(line.text) or line.text.startswith("("):
            if top:
                break
            continue
        if top and _gap(top[-1], line) > BLOCK_GAP:
            break
        top.append(line)
    below = lines[lines.index(top[-1]) + 1:] if top else lines
    name = next((line for line in reversed(below)
                 if not is_caps(line.text) and len(letters(line.text).split()) >= 2), None)
    whole = name is not None
    if name is not None:
        signer = _strip_marks(name.text).rstrip(".")  # a name never ends in a dot: a speck
        plausible = plausible_name(signer)
        whole = plausible
        fields["signer"] = make_field(signer, name.words, page, cap=None if plausible else IMPLAUSIBLE)
    if not top:
        return fields, False
    if any(_unread_above(line, top[0]) for line in block if line not in lines):
        # A line read as specks right above the title ("TL.BỘ TRƯỞNG" at 0.00 under a seal):
        # the authority line (ô 7a) may be it, so the block was not read whole.
        whole = False
    title_line = top[-1]
    title_text = _strip_marks(title_line.text)
    title_words = list(title_line.words)
    authority_line: Line | None = None
    authority = _authority(title_text)
    if authority is not None:
        authority_line, title_text = title_line, authority[1]
        if len(title_words) > 1 and _authority(title_words[0].text + " x") is not None:
            title_words = title_words[1:]
    elif len(top) >= 2:
        authority = _authority(_strip_marks(top[-2].text))
        authority_line = top[-2] if authority is not None else None
        if authority is None:
            # A line above the title is the authority line (ô 7a: "TUQ. BỘ TRƯỞNG" read
            # "TU. BỌ TRƯƠNG"): unread, the block is not read whole.
            whole = False
    if authority is not None and authority_line is not None:
        fields["signing_authority"] = make_field(authority[0], authority_line.words[:1], page)
    if not title_text:
        return fields, False
    found = _title(title_text, _admin(profile)["signature"]["titles"])
    if found is None:
        fields["signer_title"] = make_field(title_text, title_words, page, cap=IMPLAUSIBLE)
        return fields, False
    value, exact = found
    if exact and value in _admin(profile)["signature"]["titles"]:
        # Read letter for letter as a title of the table: a second reading's doubt about an
        # accent ("TRƯỜNG") cannot make it another title.
        title_words = [replace(w, confidence=max(w.confidence, CLOSED_WORD)) for w in title_words]
    fields["signer_title"] = make_field(value, title_words, page, factor=1.0 if exact else FUZZY_FACTOR,
                                        corrected_from=None if value == title_text else title_text)
    return fields, whole


def _unread_above(line: Line, title: Line) -> bool:
    """A weak line with letters set right above the title line, over it (not a margin mark)."""
    over = min(line.bbox[2], title.bbox[2]) - max(line.bbox[0], title.bbox[0])
    return line.bbox[3] <= title.bbox[1] + title.height // 2 and _gap(line, title) <= BLOCK_GAP and \
        over > 0.5 * min(line.bbox[2] - line.bbox[0], title.bbox[2] - title.bbox[0]) and \
        len(letters(line.text).replace(" ", "")) >= 2


# ---------------------------------------------------------------- validity

_DATE_WORD = re.compile(r"\b(?:NGAY|THANG|NAM)\b")


def read_validity(pages: list[PageLayout], profile: str = DEFAULT_PROFILE) -> tuple[Field | None, bool]:
    """valid_until: the date after a printed validity phrase ("có giá trị đến ngày …"), or None;
    and, when None, whether a validity phrase is followed by a date that could not be read
    ("… đến ngày 04 tháng 5 năm 2O3_"): the paper has a valid_until, the clerk must type it."""
    phrases = sorted((fold(p) for p in _admin(profile)["validity"]["phrases"]), key=len, reverse=True)
    unread = False
    for page in pages:
        lines = list(page.lines)
        for i in range(len(lines)):
            span = Span.of(lines[i:i + 2])
            folded = fold(span.text)
            if len(folded) != len(span.text):
                continue
            for phrase in phrases:
                at = folded.find(phrase)
                if at < 0 or at > len(Span.of(lines[i:i + 1]).text):
                    continue
                start = at + len(phrase)
                found = parse_date_line(span.text[start:start + 45], profile)
                if found is None:
                    unread = unread or bool(_DATE_WORD.search(folded[start:start + 45]))
                    continue
                date = found[1]
                begin = span.text.find(date.raw, start)
                if begin < 0:
                    continue
                words = span.words(begin, begin + len(date.raw))
                return make_field(span.text[begin:begin + len(date.raw)], words, page.number), False
    return None, unread
