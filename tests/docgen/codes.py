"""Codes and numbers as printed on Vietnamese administrative paper (domain-vn.md §2, §3.2, §6.1)."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from . import vocab


def doc_number(n: int) -> str:
    """Document number: zero-padded below 10 (Decree 30/2020, Annex I, ô 3)."""
    return f"{n:02d}" if n < 10 else str(n)


def date_words(d: date) -> str:
    """'ngày 05 tháng 01 năm 2025': day < 10 and months 1, 2 zero-padded (Decree 30/2020, ô 4)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_slash(d: date) -> str:
    """'12/03/1985' as forms print dates of birth."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def thousands(n: int) -> str:
    """Vietnamese grouping: 1.250.000."""
    return f"{n:,}".replace(",", ".")


def percent(value: float) -> str:
    """'98,5%' with a decimal comma; whole numbers without decimals."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _three_digits(n: int, full: bool) -> str:
    """Read 0-999; `full` forces 'không trăm'/'linh' when a higher group precedes."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(n: int) -> str:
    """Amount in words as in '(Bằng chữ: Một tỷ, hai trăm năm mươi triệu đồng)', capitalised."""
    if n == 0:
        return "Không"
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    scales = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")
    parts: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        text = _three_digits(g, full=i < len(groups) - 1)
        parts.append(f"{text} {scales[i]}".strip())
    sentence = ", ".join(parts)
    return sentence[0].upper() + sentence[1:]


def personal_id(rng: random.Random, birth: date, male: bool, province_code: str | None = None) -> str:
    """12-digit số định danh cá nhân: PPP G YY RRRRRR (TT 07/2016/TT-BCA, domain-vn.md §6.1).

    G encodes century and sex: 1900s 0/1, 2000s 2/3 (male/female), and so on.
    """
    code = province_code or rng.choice(vocab.BIRTH_PROVINCE_CODES)
    century_index = (birth.year - 1900) // 100
    g = 2 * century_index + (0 if male else 1)
    return f"{code}{g}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


def agency_code(rng: random.Random, commune_level: bool) -> str:
    """QCVN 102:2016 identifier 'ddd.dd.dd.Hdd' ('000.00.00.H38' = a provincial people's committee)."""
    province = f"H{rng.randrange(10, 64):02d}"
    if not commune_level:
        return f"000.00.00.{province}"
    return f"000.{rng.randrange(1, 40):02d}.{rng.randrange(1, 30):02d}.{province}"


def dossier_code(rng: random.Random, received: date, commune_level: bool) -> str:
    """Mã hồ sơ 'ddd.dd.dd.Xdd-YYMMDD-NNNN' (TT 01/2018/TT-VPCP Art. 19)."""
    return f"{agency_code(rng, commune_level)}-{received:%y%m%d}-{rng.randrange(1, 400):04d}"


def procedure_code(rng: random.Random) -> str:
    """National procedure code '[1-3].dddddd', e.g. '1.011442'."""
    block = rng.choice(("000", "001", "002", "003", "004", "008", "010", "011"))
    return f"{rng.randint(1, 3)}.{block}{rng.randrange(1000):03d}"


def phone_number(rng: random.Random) -> str:
    """Ten-digit mobile number with a real carrier prefix."""
    return rng.choice(vocab.MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"


def ascii_fold(text: str) -> str:
    """Strip Vietnamese diacritics for e-mail addresses ('Nguyễn Đức' -> 'Nguyen Duc')."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def add_working_days(start: date, days: int) -> date:
    """Appointment dates skip Saturdays and Sundays as one-stop counters do."""
    d = start
    while days > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def random_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def random_weekday(rng: random.Random, first: date, last: date) -> date:
    """Offices issue and receive on working days."""
    d = random_date(rng, first, last)
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d
