"""Checks of extracted fields against the rules, as problems a clerk can act on.

Every rule a paper must follow and OCR can break is checked here: the shape of codes, the
province and birth digits of a personal ID (it has no checksum, so these consistency checks
are the only way to catch a misread digit), dates that exist and are in order, and the
fields a type of document always carries. An ``error`` means the value cannot be right; a
``warning`` that it may be right but deserves a look. Codes are stable (``personal_id.province``)
for programs; messages are Vietnamese, from messages.toml, and never show a full ID number.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from ocr.extract.model import Field, Level, Problem
from ocr.extract.profile import DEFAULT_PROFILE, table
from ocr.extract.values import code_patterns, date_fields, parse_date, parse_date_line, phone_digits
from ocr.extract.vocab import letters


@dataclass(frozen=True)
class _Check:
    """What one check needs: the document's fields, today, the profile."""

    document_type: str
    fields: dict[str, Field]
    today: date
    profile: str

    def text(self, name: str) -> str | None:
        """The field's value when it is a non-empty string, else None."""
        item = self.fields.get(name)
        if item is None or not isinstance(item.value, str) or not item.value.strip():
            return None
        return item.value.strip()

    def date(self, name: str) -> date | None:
        """The field as a date when it is one (ISO, or still as printed)."""
        value = self.text(name)
        parsed = parse_date(value, self.profile) if value else None
        return parsed.value if parsed else None

    def problem(self, field: str | None, level: Level, code: str, template: str | None = None,
                **params: object) -> Problem:
        """A problem whose message is the template ``template`` (default: ``code``) of messages.toml."""
        messages = table("messages", self.profile)
        label = messages["labels"].get(field or "", field or "")
        text = messages["messages"][template or code].format(label=label, Label=label[:1].upper() + label[1:],
                                                             **params)
        return Problem(field=field, level=level, code=code, message=_mask_ids(text))


def mask_id(digits: str) -> str:
    """'079*****1234': the province and last 4 digits, as datastore.masking shows IDs (ocr/ may
    not import datastore/, so this is the same rule, kept here)."""
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


# A 12-digit ID or a 9-digit old one standing alone, as datastore.masking finds them.
_ID_RUN = re.compile(r"(?<![0-9A-Za-z])(\d{12}|\d{9})(?![0-9A-Za-z])")


def _mask_ids(text: str) -> str:
    """Mask any ID in a message: a value echoed back may be an ID the reader put in the wrong field."""
    return _ID_RUN.sub(lambda m: mask_id(m.group(1)), text)


def _vn(day: date) -> str:
    """A date the way a clerk reads it: 05/01/2020."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _missing(c: _Check) -> Iterator[Problem]:
    required = table("required_fields", c.profile).get("types", {}).get(c.document_type, [])
    for name in required:
        item = c.fields.get(name)
        empty = item is None or (not item.value.strip() if isinstance(item.value, str) else not item.value)
        if empty:
            yield c.problem(name, "warning", f"{name}.missing", "missing")


def _personal_id(c: _Check, value: str) -> Iterator[Problem]:
    p = code_patterns(c.profile)
    digits = "".join(value.split())
    if p.personal_id_old.match(digits):
        yield c.problem("personal_id", "warning", "personal_id.old_cmnd")
        return
    match = p.personal_id.match(digits)
    if not match:
        yield c.problem("personal_id", "error", "personal_id.format")
        return
    masked = mask_id(digits)
    if match["province"] not in table("provinces", c.profile).get("codes", {}):
        yield c.problem("personal_id", "error", "personal_id.province", province=match["province"])
    g, yy = int(match["century_sex"]), int(match["yy"])
    born = c.date("date_of_birth")
    if born is not None and born.year >= 1900:
        if g // 2 != (born.year - 1900) // 100:
            yield c.problem("personal_id", "error", "personal_id.century", masked=masked, year=born.year)
        elif yy != born.year % 100:
            yield c.problem("personal_id", "error", "personal_id.birth_year", masked=masked, year=born.year)
    elif born is None:
        implied = 1900 + 100 * (g // 2) + yy
        if implied > c.today.year:
            yield c.problem("personal_id", "error", "personal_id.century", "personal_id.century_future",
                            masked=masked, year=implied)
    sexes = table("messages", c.profile)["sexes"]
    sex = (c.text("sex") or "").casefold()
    if sex in (sexes["male"].casefold(), sexes["female"].casefold()):
        id_sex = sexes["male"] if g % 2 == 0 else sexes["female"]
        if id_sex.casefold() != sex:
            yield c.problem("personal_id", "error", "personal_id.sex", masked=masked, id_sex=id_sex,
                            sex=c.text("sex"))


def _number(c: _Check, value: str) -> Iterator[Problem]:
    p = code_patterns(c.profile)
    match = p.number.match(value)
    if not match:
        match = p.number_single_group.match(value)
        if not match:
            yield c.problem("number", "error", "number.format", value=value)
            return
        if c.document_type not in p.single_group_types:
            yield c.problem("number", "warning", "number.symbol", value=value)
    if int(match["so"]) == 0:
        yield c.problem("number", "error", "number.format", value=value)
    elif int(match["so"]) < 10 and len(match["so"]) < 2:  # Decree 30 ô 3: numbers below 10 are padded
        yield c.problem("number", "warning", "number.padding", value=value)


def _dossier_code(c: _Check, value: str) -> Iterator[Problem]:
    p = code_patterns(c.profile)
    match = p.dossier_strict.match(value)
    if not match:
        match = p.dossier_lenient.match(value)
        if not match:
            yield c.problem("dossier_code", "error", "dossier_code.format", value=value)
            return
        yield c.problem("dossier_code", "warning", "dossier_code.lenient", value=value)
    digits = match["yymmdd"]
    try:
        coded = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        yield c.problem("dossier_code", "error", "dossier_code.date", digits=digits)
        return
    received = c.date("received_date")
    if received is not None and received != coded:
        yield c.problem("dossier_code", "error", "dossier_code.received_date", coded=_vn(coded),
                        received=_vn(received))


def _procedure_code(c: _Check, value: str) -> Iterator[Problem]:
    if not code_patterns(c.profile).procedure.match(value):
        yield c.problem("procedure_code", "error", "procedure_code.format", value=value)


def _phone(c: _Check, value: str) -> Iterator[Problem]:
    p = code_patterns(c.profile)
    digits = phone_digits(value)
    if digits is None or not digits.startswith("0"):
        yield c.problem("phone", "error", "phone.format")
    elif len(digits) == p.mobile_digits and not digits.startswith(p.landline_prefix):
        if digits[:3] not in p.mobile_prefixes:
            yield c.problem("phone", "warning", "phone.prefix", prefix=digits[:3])
    elif not (len(digits) == p.landline_digits and digits.startswith(p.landline_prefix)):
        yield c.problem("phone", "error", "phone.format")


def _email(c: _Check, value: str) -> Iterator[Problem]:
    if not code_patterns(c.profile).email.match(value):
        yield c.problem("email", "error", "email.format")


def _signing_authority(c: _Check, value: str) -> Iterator[Problem]:
    if value not in code_patterns(c.profile).signing_authorities:
        yield c.problem("signing_authority", "error", "signing_authority.unknown", value=value)


_FIELD_CHECKS: dict[str, Callable[[_Check, str], Iterator[Problem]]] = {
    "personal_id": _personal_id,
    "number": _number,
    "dossier_code": _dossier_code,
    "procedure_code": _procedure_code,
    "phone": _phone,
    "email": _email,
    "signing_authority": _signing_authority,
}


def _agency(c: _Check) -> Iterator[Problem]:
    """The agency block (ô 2) read in part: a committee's name without its unit, or a body
    that prints its governing body above its name read without that line (admin.toml)."""
    spec = table("admin", c.profile).get("issuer", {})
    incomplete = {letters(name) for name in spec.get("incomplete", [])}
    for name in ("parent_issuer", "issuer"):
        value = c.text(name)
        if value is not None and letters(value) in incomplete:
            yield c.problem(name, "warning", f"{name}.incomplete", "agency.incomplete", value=value)
    issuer = c.text("issuer")
    if issuer is None or c.text("parent_issuer") is not None:
        return
    key = letters(issuer)
    if key in {letters(n) for n in spec.get("governed_names", [])} or \
            any(key.startswith(letters(head) + " ") for head in spec.get("governed", [])):
        yield c.problem("parent_issuer", "warning", "parent_issuer.missing")


def _dates(c: _Check) -> Iterator[Problem]:
    rules = table("dates", c.profile)
    earliest: dict[str, date] = rules.get("earliest", {})
    for name in date_fields(c.profile):
        value = c.text(name)
        if value is None:
            continue
        parsed = parse_date(value, c.profile)
        if parsed is None:
            yield c.problem(name, "error", f"{name}.invalid", "date.invalid", value=value)
            continue
        # The print, kept by clean_field in corrected_from when it broke the padding rule.
        kept = parse_date_line(c.fields[name].corrected_from or "", c.profile)
        printed = kept[1] if kept else parsed
        if printed.words and not printed.padded:
            yield c.problem(name, "warning", f"{name}.padding", "date.padding", value=printed.raw)
        if name in rules.get("not_future", ()) and parsed.value > c.today:
            yield c.problem(name, "error", f"{name}.future", "date.future", shown=_vn(parsed.value),
                            today=_vn(c.today))
        if name in earliest and parsed.value < earliest[name]:
            yield c.problem(name, "error", f"{name}.too_early", "date.too_early", shown=_vn(parsed.value),
                            earliest=_vn(earliest[name]))
    labels = table("messages", c.profile)["labels"]
    for rule in rules.get("order", ()):
        later, earlier = c.date(rule["later"]), c.date(rule["earlier"])
        if later is not None and earlier is not None and later < earlier:
            yield c.problem(rule["later"], "error", f"{rule['later']}.{rule['code']}", "date.order",
                            shown=_vn(later), other_label=labels.get(rule["earlier"], rule["earlier"]),
                            other=_vn(earlier))


def validate(document_type: str, fields: dict[str, Field], *, today: date | None = None,
             profile: str = DEFAULT_PROFILE) -> list[Problem]:
    """Problems of a document's fields (values as ``clean_field`` leaves them, or as printed).

    ``today`` decides what is "in the future"; tests pass a fixed day.
    """
    check = _Check(document_type, fields, today or date.today(), profile)
    problems = list(_missing(check))
    for name, rule in _FIELD_CHECKS.items():
        value = check.text(name)
        if value is not None:
            problems.extend(rule(check, value))
    problems.extend(_dates(check))
    problems.extend(_agency(check))
    return problems
