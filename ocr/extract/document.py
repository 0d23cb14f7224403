"""A document's type and fields from its pages' OCR words: the core of ``sohoa extract``.

Each page is laid out (lines, two-column regions, reading order); the header, the type
name and subject, the closing and the validity period are read by zone (``admin``), the
labelled lines of forms and receipts by ``forms``; QR codes and barcodes (``codes``) win
over what OCR read of the same field. Every value then goes through ``values.clean_field``
(normalisation and the corrections that are certain), the words of header fields are
respelt where the body reads them otherwise (``context``), values with impossible
Vietnamese spellings are sent for review (``orthography``), and the whole goes through
``validate.validate``. A field that is not on the page is absent, never guessed; a part of
the page that should hold fields but was read in part (the signature block, the date
line) is named in a problem, so the clerk looks there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ocr.extract import admin
from ocr.extract.classify import classify, form_types, printed_title
from ocr.extract.context import Spellings
from ocr.extract.codes import Code, fields_from_codes
from ocr.extract.forms import read_form
from ocr.extract.layout import PageLayout, layout_page
from ocr.extract.admin import IMPLAUSIBLE
from ocr.extract.model import GUESSED, Extraction, Field, Problem
from ocr.extract.orthography import implausible_words
from ocr.extract.profile import DEFAULT_PROFILE, load_profile, table
from ocr.extract.vote import merge
from ocr.extract.validate import validate
from ocr.extract.values import clean_field, code_patterns
from ocr.extract.vocab import letters
from ocr.words import Word

# When a QR code and the print disagree the code is kept: it was written by the system
# that issued the paper, the print was read by OCR.
CODE_WINS = True


@dataclass(frozen=True)
class PageWords:
    """What OCR gives extraction for one page: its words and codes, in page-image pixels."""

    number: int  # 1-based
    words: list[Word]
    width: int = 0
    height: int = 0
    codes: list = field(default_factory=list)  # ocr.extract.codes.Code
    rereads: list = field(default_factory=list)  # ocr.extract.reread.Reading


def extract_pages(pages: list[PageWords], *, profile: str = DEFAULT_PROFILE,
                  today: date | None = None) -> Extraction:
    """Classify the document and read its fields (design §3 names and normalisation)."""
    load_profile(profile)  # an unknown profile fails here, with the list of known ones
    layouts = [layout_page(merge(p.words, p.rereads), p.number, p.width, p.height) for p in pages]
    text = "\f".join("\n".join(line.text for line in layout.lines) for layout in layouts)
    result = Extraction(document_type="other", pages=len(pages), text=text)
    if not layouts or not any(layout.lines for layout in layouts):
        result.problems.append(Problem(None, "error", "no_text",
                                       "Không đọc được chữ nào trên tài liệu; hãy quét lại ở 300 dpi."))
        _add_codes(result, pages, profile)
        return result
    first = next(layout for layout in layouts if layout.lines)
    header = admin.read_header(first, profile)
    title = admin.read_title(first, header, with_subject=True, profile=profile)
    kind = classify(title.type_name, header.number, header.subject_prefix, profile)
    result.document_type = kind.document_type
    is_form = kind.document_type in form_types(profile)

    fields: dict[str, Field] = {}
    fields.update(header.fields)
    fields.update(admin.read_date_line(layouts, header, profile))
    for name, value in title.fields.items():
        if name == "subject" and (is_form or "subject" in fields):
            continue
        fields[name] = value
    if kind.reason != "type_name" and "type_name" in fields:
        # The name did not decide the type (the symbol did): it is doubtful.
        item = fields["type_name"]
        fields["type_name"] = replace(item, confidence=min(item.confidence, 0.6))
    closing = admin.read_closing(layouts, with_signature=not is_form, profile=profile)
    if not is_form:
        fields.update(closing.fields)
        validity, unread = admin.read_validity(layouts, profile)
        if validity is not None:
            fields["valid_until"] = validity
        elif unread:
            result.problems.append(Problem("valid_until", "warning", "not_read",
                                           "Có ghi thời hạn hiệu lực nhưng không đọc được ngày hết hạn; "
                                           "hãy nhập theo bản giấy."))
    else:
        fields.update(_form_fields(layouts, kind.document_type, profile))
    fields = {name: clean_field(name, value, profile) for name, value in fields.items()}
    if "number" in fields and "issuer" in fields:
        fields["number"] = _symbol_by_issuer(fields["number"], str(fields["issuer"].value), profile)
    spellings = Spellings.of(text)
    fields = {name: _spelling_checked(name, _respelt(name, value, spellings, profile), profile)
              for name, value in fields.items() if value.value not in ("", [])}
    result.fields = fields
    _add_codes(result, pages, profile)
    if kind.document_type == "other":
        result.problems.append(Problem(None, "warning", "unknown_type",
                                       "Không nhận ra loại văn bản; hãy chọn loại văn bản."))
    elif kind.confidence < 0.8:
        result.problems.append(Problem("type_name" if "type_name" in fields else None, "warning", "type_doubtful",
                                       "Loại văn bản được đoán từ ký hiệu hoặc tên loại đọc chưa rõ; hãy kiểm tra."))
    if "number" not in fields and _number_label_seen(first):
        result.problems.append(Problem("number", "warning", "not_read",
                                       "Có dòng \"Số:\" ở đầu văn bản nhưng không đọc được số, ký hiệu; "
                                       "hãy nhập theo bản giấy."))
    if header.unread_mark:
        result.problems.append(Problem("confidentiality", "warning", "not_read",
                                       "Dưới số văn bản có một dòng không đọc được, có thể là dấu độ mật "
                                       "hoặc độ khẩn; hãy xem trên bản giấy."))
    if not is_form:
        result.problems.extend(_signature_problems(fields, closing.signature_whole, profile))
    result.problems.extend(_validate(result.document_type, result.fields, today, profile))
    if kind.document_type not in _NO_DATE_LINE:
        named = {p.field for p in result.problems}
        result.problems.extend(p for p in _date_line_problems(fields) if p.field not in named)
    return result


def _number_label_seen(page: PageLayout) -> bool:
    """A line of the page's top third that starts with the "Số:" label and a digit (ô 3): the
    number's line run into the date line ("Số: 1381/TTPVHŒũành phố …") gives no number."""
    return any(admin.number_value(line) is not None for line in page.lines
               if line.bbox[1] < 0.35 * max(page.height, 1))


# Types that print no "<place>, ngày … tháng … năm …" line.
_NO_DATE_LINE = frozenset({"other", "id_card"})


def _signature_problems(fields: dict[str, Field], whole: bool, profile: str) -> list[Problem]:
    """What the signature block (Decree 30/2020, ô 7) should hold but was not read."""
    problems: list[Problem] = []
    title = fields.get("signer_title")
    deputies = table("admin", profile).get("signature", {}).get("deputies", [])
    deputy = title is not None and any(str(title.value) == d or str(title.value).startswith(d + " ")
                                       for d in deputies)
    authority = fields.get("signing_authority")
    if authority is not None and title is not None:
        # Ký thay (KT.) is a deputy's signature for the head, and a deputy signs no other way
        # (Decree 30/2020, Annex I, ô 7a): the two lines disagree, one was misread.
        if authority.value == "KT." and not deputy:
            problems.append(Problem("signer_title", "warning", "authority_mismatch",
                                    "Có \"KT.\" (ký thay) nhưng chức vụ đọc được không phải của cấp phó; "
                                    "hãy kiểm tra chức vụ người ký."))
        elif authority.value in ("TM.", "Q.") and deputy:
            problems.append(Problem("signing_authority", "warning", "authority_mismatch",
                                    "Cấp phó ký thay cấp trưởng ghi \"KT.\" ngay trên chức vụ; hãy kiểm tra "
                                    "thẩm quyền ký đã đọc."))
    if "signing_authority" not in fields:
        if deputy:
            problems.append(Problem("signing_authority", "warning", "not_read",
                                    "Cấp phó ký thay cấp trưởng có \"KT.\" phía trên chức vụ, nhưng không "
                                    "đọc được; hãy kiểm tra thẩm quyền ký."))
        elif not whole:
            # The seal or a photocopy's grey that hid the name or the title may have hidden
            # the TM./KT./TL./TUQ./Q. line above them too: absence proves nothing here.
            problems.append(Problem("signing_authority", "warning", "not_read",
                                    "Khối chữ ký đọc không trọn (có thể bị dấu che); hãy xem trên bản giấy "
                                    "có ghi thẩm quyền ký TM., KT., TL., TUQ. hoặc Q. không."))
    if "signer_title" not in fields and (not whole or "signer" in fields):
        # A name under a signature always has a title above it (Decree 30/2020, ô 7b).
        problems.append(Problem("signer_title", "warning", "not_read",
                                "Không đọc được chức vụ người ký; hãy nhập theo bản giấy."))
    return problems


def _date_line_problems(fields: dict[str, Field]) -> list[Problem]:
    """Place and date stand on one line (ô 4): the one read without the other is a line half read."""
    if ("place" in fields) == ("issue_date" in fields):
        if "place" in fields:
            return []
        return [Problem(name, "warning", "not_read",
                        "Không đọc được dòng địa danh và ngày tháng năm; hãy nhập theo bản giấy.")
                for name in ("place", "issue_date")]
    missing = "issue_date" if "place" in fields else "place"
    label = "ngày ban hành" if missing == "issue_date" else "địa danh"
    return [Problem(missing, "warning", "not_read",
                    f"Dòng địa danh, ngày tháng năm đọc không trọn: thiếu {label}; hãy nhập theo bản giấy.")]


# Fields of Vietnamese words whose spelling can be checked (orthography.py); places and
# addresses are left out, they hold names of other languages (Pleiku, Krông Búk).
SPELLED_FIELDS = frozenset({"parent_issuer", "issuer", "subject", "signer", "recipients", "full_name"})


# Free text that the body of a document repeats (context.py); names of people and places
# are left out: the body may name other people and places with other accents.
RESPELT_FIELDS = frozenset({"parent_issuer", "issuer", "subject", "recipients", "type_name"})


# A field whose word the body reads otherwise, as often as the field's way (context.Spellings
# .disputed, "Tố công tác" in a subject, "Tổ công tác" in Điều 1): below the review
# threshold, above a guess. On tune and tune-2 it flags one more right value of 5,002; on the
# held-out sets, read once measured, it caught three wrong ones no other signal did.
DISPUTED = 0.75


def _respelt(name: str, item: Field, spellings: Spellings, profile: str = DEFAULT_PROFILE) -> Field:
    """The field with the words the rest of the document spells otherwise respelt (context.py)."""
    if name not in RESPELT_FIELDS:
        return item
    if name in ("issuer", "parent_issuer") and admin.body_name(str(item.value), profile) == item.value:
        return item  # a body's name set by decree, spelt as it: the body's other reading is the slip
    if name == "type_name" and printed_title(str(item.value), profile) == item.value:
        return item  # a title set by regulation, spelt as it
    if isinstance(item.value, list):
        value: str | list[str] = [spellings.mend(v) for v in item.value]
        read = "; ".join(item.value)
        changed = value != item.value
    else:
        value = spellings.mend(item.value)
        read, changed = item.value, value != item.value
    if not changed:
        texts = item.value if isinstance(item.value, list) else [item.value]
        # A value mended by a closed list ("TINH HAI DƯƠNG" → "TỈNH HẢI DƯƠNG") differs from its
        # own reading in the text: that reading is no other witness.
        if item.corrected_from is None and any(spellings.disputed(v) for v in texts):
            # The body reads a word of it otherwise, once: which reading is right is the clerk's call.
            return replace(item, confidence=min(item.confidence, DISPUTED))
        return item
    # The body's spelling makes the reading doubtful, not the body's word certain: a guess.
    return replace(item, value=value, confidence=min(item.confidence, GUESSED),
                   corrected_from=item.corrected_from or read)


# A person's name, whose first word is a family name (admin.toml [people]).
PERSON_FIELDS = frozenset({"signer", "full_name"})
# A person's name with a word that is no name of the list is just below the review threshold:
# rare names exist, so it is a look, not a doubt about the reading.
UNCOMMON_NAME = 0.75


def _spelling_checked(name: str, item: Field, profile: str = DEFAULT_PROFILE) -> Field:
    """A value with a word no Vietnamese syllable can be spelt like ("QUYET TIEN"), a
    person's name that starts with no family name ("Đỉnh Xuân Lâm"), or one with a word
    that is no name of the list ("Ngô Mĩnh Tuấn"), goes to review."""
    if name not in SPELLED_FIELDS:
        return item
    values = item.value if isinstance(item.value, list) else [item.value]
    if name in PERSON_FIELDS and not admin.known_surname(str(item.value), profile):
        # A family name read with other accents than any has: spelt as the one it can be,
        # and still shown for review (a rare family name is not on the list).
        spelt = admin.surname_spelt(str(item.value), profile)
        if spelt is not None:
            item = replace(item, value=spelt, corrected_from=item.corrected_from or str(item.value))
        return replace(item, confidence=min(item.confidence, IMPLAUSIBLE))
    if any(implausible_words(v) for v in values):
        return replace(item, confidence=min(item.confidence, IMPLAUSIBLE))
    if name in PERSON_FIELDS and admin.uncommon_name_words(str(item.value), profile):
        # No one is named so, or few are: an accent misread into a word Tesseract is sure of.
        return replace(item, confidence=min(item.confidence, UNCOMMON_NAME))
    return item


def _symbol_by_issuer(item: Field, issuer: str, profile: str) -> Field:
    """The number with the issuer's abbreviation in its symbol spelt as the issuer's name
    makes it, where OCR read a T of it as I, l, 1 or | ("05/GP-SGTVI" from SỞ GIAO THÔNG
    VẬN TẢI): Decree 30/2020 Annex III builds it of the first letters of the name's words."""
    value = str(item.value)
    if "-" not in value:
        return item
    initials = "".join(word[0] if word[0] == "Đ" else letters(word[0]) for word in
                       (w for w in re.sub(r"[^\w\s]", " ", issuer).split() if w.upper() != "VÀ") if word[0].isalpha())
    lookalikes = code_patterns(profile).t_lookalikes
    head, _, group = value.rpartition("-")
    if len(initials) < 3 or group == initials or len(group) != len(initials) or not lookalikes:
        return item
    if not all(r == i or (i == "T" and r in lookalikes) for r, i in zip(group, initials)):
        return item
    return replace(item, value=f"{head}-{initials}", corrected_from=item.corrected_from or value)


def _form_fields(layouts: list[PageLayout], document_type: str, profile: str) -> dict[str, Field]:
    lines = [line for layout in layouts for line in layout.lines]
    return read_form(lines, document_type, profile)


# What every QR code of a one-stop system states (Circular 01/2023/TT-VPCP), and what the
# clerk is told to look for on the paper when a code was seen but not read.
UNREAD_CODE_FIELDS = {"dossier_code": "mã hồ sơ", "procedure_code": "mã thủ tục"}


def _add_codes(result: Extraction, pages: list[PageWords], profile: str) -> None:
    """Fields from QR codes and barcodes replace what OCR read of them; a code seen but not
    read leaves the fields it states, where nothing else gave them, named in a problem (a
    licence's dossier code is printed nowhere else)."""
    if not any(p.codes for p in pages):
        return
    _take_codes(result, pages, profile)
    unread = [p.number for p in pages if any(_system_code_place(c, p) for c in p.codes)]
    for name, label in UNREAD_CODE_FIELDS.items():
        if unread and name not in result.fields:
            result.problems.append(Problem(name, "warning", "code_unread",
                                           f"Trang {unread[0]} có mã QR nhưng không đọc được; hãy kiểm "
                                           f"tra {label} trên bản giấy hoặc quét lại trang."))


# Circular 01/2023/TT-VPCP prints the system's QR code at the top-left corner: an unread
# code-like block lower down is more likely a photo or a stamp (a licence's photo on a phone
# photograph of tune-2 was one) than a code that carries the dossier code.
SYSTEM_CODE_TOP = 0.25


def _system_code_place(code: Code, page: PageWords) -> bool:
    """An unread code where the one-stop system prints its own: the top of the page."""
    if code.kind != "unread":
        return False
    return page.height <= 0 or code.bbox[1] < SYSTEM_CODE_TOP * page.height


def _take_codes(result: Extraction, pages: list[PageWords], profile: str) -> None:
    """What the decoded codes state, over what OCR read of the same fields."""
    for page in pages:
        for name, coded in fields_from_codes(page.codes, page.number, profile).items():
            coded = clean_field(name, coded, profile)
            printed = result.fields.get(name)
            if printed is not None and printed.value != coded.value:
                result.problems.append(Problem(name, "warning", "code_differs",
                                               "Giá trị in trên giấy khác với giá trị trong mã QR/mã vạch; "
                                               "đã dùng giá trị trong mã."))
            if printed is None or CODE_WINS:
                result.fields[name] = coded


def _validate(document_type: str, fields: dict[str, Field], today: date | None, profile: str) -> list[Problem]:
    return validate(document_type, fields, today=today, profile=profile)
