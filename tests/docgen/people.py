"""Citizens and officials with mutually consistent personal data (ID digits agree with birth and sex)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from . import codes, vocab
from .agencies import MERGER_DAY
from .vocab import Province


@dataclass(frozen=True)
class Person:
    full_name: str  # "Nguyễn Văn An"
    male: bool
    birth: date
    personal_id: str
    address: str
    phone: str
    email: str

    @property
    def sex(self) -> str:
        return "Nam" if self.male else "Nữ"

    @property
    def honorific(self) -> str:
        return "Ông" if self.male else "Bà"


def person_name(rng: random.Random, male: bool) -> str:
    middles = vocab.MIDDLE_NAMES_MALE if male else vocab.MIDDLE_NAMES_FEMALE
    givens = vocab.GIVEN_NAMES_MALE if male else vocab.GIVEN_NAMES_FEMALE
    return f"{rng.choice(vocab.SURNAMES)} {rng.choice(middles)} {rng.choice(givens)}"


def commune(rng: random.Random) -> str:
    """'xã Tân Phú' / 'phường An Bình' as written inside an address."""
    return f"{rng.choice(('xã', 'xã', 'phường'))} {rng.choice(vocab.COMMUNE_NAMES)}"


def address(rng: random.Random, province: Province, on: date, commune_name: str | None = None) -> str:
    """An address as written on `on`: two-tier (xã/phường, tỉnh) from 07/2025, with a district before."""
    where = commune_name or commune(rng)
    if on < MERGER_DAY:
        ward = where.startswith("phường")
        kind = ("quận" if province.city else rng.choice(("thị xã", "thành phố"))) if ward else "huyện"
        where += f", {kind} {rng.choice(vocab.DISTRICT_NAMES)}"
    style = rng.random()
    if style < 0.4:
        first = f"Số {rng.randint(1, 250)}, đường {rng.choice(vocab.STREETS)}"
    elif style < 0.55:
        first = f"Số {rng.randint(1, 120)}/{rng.randint(1, 40)} đường {rng.choice(vocab.STREETS)}"
    else:
        prefix = rng.choice(vocab.HAMLET_PREFIXES)
        name = str(rng.randint(1, 15)) if rng.random() < 0.4 else rng.choice(vocab.HAMLET_NAMES)
        first = f"{prefix} {name}"
    return f"{first}, {where}, {province.full}"


def email_for(rng: random.Random, full_name: str, birth: date) -> str:
    parts = codes.ascii_fold(full_name).lower().split()
    style = rng.randrange(3)
    if style == 0:
        local = "".join(parts) + f"{birth.year % 100:02d}"
    elif style == 1:
        local = parts[-1] + "." + "".join(parts[:-1])
    else:
        local = "".join(p[0] for p in parts[:-1]) + parts[-1] + str(rng.randint(1, 999))
    return f"{local}@{rng.choice(vocab.EMAIL_DOMAINS)}"


def citizen(rng: random.Random, province: Province, on: date) -> Person:
    """An adult (18-80 on `on`) living in `province`, often born there."""
    male = rng.random() < 0.5
    name = person_name(rng, male)
    birth = codes.random_date(rng, date(on.year - 80, 1, 1), date(on.year - 18, 12, 31))
    birth_code = province.id_code if rng.random() < 0.7 else None
    pid = codes.personal_id(rng, birth, male, birth_code)
    return Person(
        full_name=name,
        male=male,
        birth=birth,
        personal_id=pid,
        address=address(rng, province, on),
        phone=codes.phone_number(rng),
        email=email_for(rng, name, birth),
    )
