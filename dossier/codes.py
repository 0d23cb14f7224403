"""Dossier codes (mã số hồ sơ TTHC): read and checked, and issued where the province's system
is not connected.

Circular 01/2018/TT-VPCP Art. 19: ``<agency id>-<YYMMDD of receipt>-<sequence of the day>``,
e.g. ``000.00.00.H38-230512-0007``. The patterns and the checks are the extraction profile's
(ocr/extract patterns.toml and validate.py), so a code the reader accepts on paper and a code
typed or issued here follow one rule. Portals' deviations (short agency forms, 5-6 digit
sequences) are accepted with a warning, as on paper.

Issuing: the sequence of the day lives in the workspace database (``dossier_sequences``) and is
bumped in the same transaction that records the dossier under the new code, which is UNIQUE.
A crash before that commit undoes both (the number was never shown to anyone); after it, the
number is on disk. So a number is never handed out twice, across threads, processes and crashes.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from dossier.model import today_vn

AGENCY_ENV = "SOHOA_AGENCY_CODE"
# Four digits in the Circular's form: the most dossiers one agency can receive in a day.
MAX_SEQUENCE = 9999


class InvalidCode(ValueError):
    """A dossier or agency code that cannot be used; the message is for the clerk (Vietnamese)."""


@dataclass(frozen=True)
class DossierCode:
    """A parsed dossier code. ``warning`` is set (Vietnamese) when only the lenient form matched."""

    text: str
    agency: str
    received: date
    sequence: int
    strict: bool
    warning: str | None = None


def parse_code(text: str, *, received: date | None = None, profile: str | None = None) -> DossierCode:
    """The code's parts, or InvalidCode with the extraction profile's message for the clerk.

    ``received``, when given, must be the day the code states (the receipt's received date).
    """
    from ocr.extract.model import Field
    from ocr.extract.profile import DEFAULT_PROFILE
    from ocr.extract.validate import validate
    from ocr.extract.values import code_patterns

    profile = profile or DEFAULT_PROFILE
    value = text.strip()
    fields = {"dossier_code": Field(value, 1.0, 1, (0, 0, 0, 0))}
    if received is not None:
        fields["received_date"] = Field(received.isoformat(), 1.0, 1, (0, 0, 0, 0))
    problems = [p for p in validate("other", fields, today=today_vn(), profile=profile)
                if p.field == "dossier_code"]
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise InvalidCode(errors[0].message)
    patterns = code_patterns(profile)
    match = patterns.dossier_strict.match(value) or patterns.dossier_lenient.match(value)
    if match is None:  # validate() found no error, so this cannot happen; kept as a guard
        raise InvalidCode(f"Mã hồ sơ “{value}” không đúng dạng")
    digits = match["yymmdd"]
    return DossierCode(text=value, agency=match["agency"],
                       received=date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:])),
                       sequence=int(match["seq"]), strict=patterns.dossier_strict.match(value) is not None,
                       warning=problems[0].message if problems else None)


def validate_agency(agency: str, profile: str | None = None) -> str:
    """The agency identifier (QCVN 102:2016/BTTTT, ``000.00.00.H38``) as given, or InvalidCode."""
    from ocr.extract.profile import DEFAULT_PROFILE
    from ocr.extract.values import code_patterns

    value = agency.strip()
    if not code_patterns(profile or DEFAULT_PROFILE).agency_id.match(value):
        raise InvalidCode(f"Mã định danh cơ quan “{value}” không đúng dạng ddd.dd.dd.Xdd "
                          f"(ví dụ 000.00.00.H38); hãy sửa {AGENCY_ENV}")
    return value


def configured_agency() -> str:
    """The receiving agency's identifier from ``SOHOA_AGENCY_CODE``, checked."""
    from dossier.settings import agency_code

    value = agency_code()
    if not value:
        raise InvalidCode(f"chưa cấu hình mã định danh cơ quan tiếp nhận: đặt {AGENCY_ENV} "
                          f"(ví dụ 000.00.00.H38) để cấp mã hồ sơ")
    return validate_agency(value)


def format_code(agency: str, day: date, sequence: int) -> str:
    """``000.00.00.H38-230512-0007``: Circular 01/2018 Art. 19."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise InvalidCode(f"số thứ tự {sequence} ngoài khoảng 1–{MAX_SEQUENCE} của mã hồ sơ")
    return f"{agency}-{day:%y%m%d}-{sequence:04d}"


def next_code(db: sqlite3.Connection, agency: str, day: date) -> str:
    """Take the next number of the day for ``agency`` and return its code.

    Must run inside the caller's write transaction, the one that inserts the dossier: the
    sequence row and the dossier commit together. Codes recorded by hand (from the province's
    system, say) are skipped, never issued a second time.
    """
    if not db.in_transaction:
        raise RuntimeError("next_code must run inside the transaction that records the dossier")
    key = day.isoformat()
    row = db.execute("SELECT last FROM dossier_sequences WHERE agency = ? AND day = ?", (agency, key)).fetchone()
    sequence = row[0] if row else 0
    while True:
        sequence += 1
        if sequence > MAX_SEQUENCE:
            raise InvalidCode(f"đã cấp hết {MAX_SEQUENCE} mã hồ sơ của ngày {day:%d/%m/%Y} "
                              f"cho cơ quan {agency}")
        code = format_code(agency, day, sequence)
        if db.execute("SELECT 1 FROM dossiers WHERE code = ?", (code,)).fetchone() is None:
            break
    db.execute("INSERT INTO dossier_sequences (agency, day, last) VALUES (?, ?, ?) "
               "ON CONFLICT (agency, day) DO UPDATE SET last = excluded.last", (agency, key, sequence))
    return code
