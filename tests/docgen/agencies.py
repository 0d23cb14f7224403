"""Issuing agencies as they appear in the Decree 30/2020 header, in sentences and in signatures."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from . import vocab
from .vocab import Department, Province

MERGER_DAY = date(2025, 7, 1)  # two-tier local government, 34 provinces


@dataclass(frozen=True)
class Agency:
    """What the generator needs to know about an issuer."""

    kind: str  # province_committee, commune_committee, department, office, service_centre, ministry
    parent_lines: tuple[str, ...]  # governing body printed above the name, not bold (may be empty)
    lines: tuple[str, ...]  # the name in caps as broken by convention ("ỦY BAN NHÂN DÂN" / "TỈNH …")
    symbol: str  # "UBND", "STC", "BNV"
    place: str  # địa danh on the date line
    name: str  # in sentences: "Ủy ban nhân dân tỉnh Tuyên Quang"
    head: str  # "CHỦ TỊCH"
    deputy: str  # "PHÓ CHỦ TỊCH"
    collective: str | None  # "ỦY BAN NHÂN DÂN" for TM. signatures
    units: tuple[str, ...]
    province: Province | None
    commune: str | None  # "xã Tân Phú"
    licence_titles: tuple[str, ...] = ()

    @property
    def parent(self) -> str | None:
        """The `parent_issuer` field: its lines joined by single spaces, None when not printed."""
        return " ".join(self.parent_lines) or None

    @property
    def issuer(self) -> str:
        """The `issuer` field: name lines joined by single spaces."""
        return " ".join(self.lines)

    @property
    def area(self) -> str:
        """The territory it governs, as written in sentences ('tỉnh Tuyên Quang')."""
        if self.commune:
            return self.commune
        if self.province:
            return self.province.full
        return "cả nước"

    @property
    def leader(self) -> str:
        """Its head in sentences: 'Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang'."""
        if self.kind == "office":
            return "Chánh " + self.name
        return self.head.capitalize() + " " + self.name


def _province_for(rng: random.Random, on: date) -> Province:
    pool = vocab.PROVINCES_2025 if on >= MERGER_DAY else vocab.PROVINCES_BEFORE_2025
    return rng.choice(pool)


def _committee_parent(province: Province, rng: random.Random) -> tuple[str, ...]:
    """'UBND TỈNH TUYÊN QUANG' (the common short form) or the long form on two lines."""
    if rng.random() < 0.25:
        return ("ỦY BAN NHÂN DÂN", province.caps)
    return ("UBND " + province.caps,)


def province_committee(rng: random.Random, on: date) -> Agency:
    p = _province_for(rng, on)
    return Agency(
        kind="province_committee",
        parent_lines=(),
        lines=("ỦY BAN NHÂN DÂN", p.caps),
        symbol="UBND",
        place=p.place,
        name=f"Ủy ban nhân dân {p.full}",
        head="CHỦ TỊCH",
        deputy="PHÓ CHỦ TỊCH",
        collective="ỦY BAN NHÂN DÂN",
        units=vocab.UBND_UNITS,
        province=p,
        commune=None,
    )


def commune_committee(rng: random.Random, on: date) -> Agency:
    p = _province_for(rng, on)
    kind = rng.choice(("xã", "xã", "phường"))
    base = rng.choice(vocab.COMMUNE_NAMES)
    return Agency(
        kind="commune_committee",
        parent_lines=(),
        lines=("ỦY BAN NHÂN DÂN", f"{kind.upper()} {base.upper()}"),
        symbol="UBND",
        place=base,
        name=f"Ủy ban nhân dân {kind} {base}",
        head="CHỦ TỊCH",
        deputy="PHÓ CHỦ TỊCH",
        collective="ỦY BAN NHÂN DÂN",
        units=("VP", "KT", "VHXH"),
        province=p,
        commune=f"{kind} {base}",
        licence_titles=("GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",),
    )


def department(rng: random.Random, on: date, title_prefix: str | None = None) -> Agency:
    """A department; with `title_prefix` ("GIẤY PHÉP"/"GIẤY CHỨNG NHẬN") one that issues such papers."""
    p = _province_for(rng, on)
    pool: tuple[Department, ...] = vocab.DEPARTMENTS_2025 if on >= MERGER_DAY else vocab.DEPARTMENTS_BEFORE_2025
    if title_prefix:
        pool = tuple(
            Department(d.name, d.symbol, tuple(t for t in d.licence_titles if t.startswith(title_prefix)))
            for d in pool
        )
        pool = tuple(d for d in pool if d.licence_titles)
    d = rng.choice(pool)
    return Agency(
        kind="department",
        parent_lines=_committee_parent(p, rng),
        lines=(f"SỞ {d.name.upper()}",),
        symbol=d.symbol,
        place=p.place,
        name=f"Sở {d.name}",
        head="GIÁM ĐỐC",
        deputy="PHÓ GIÁM ĐỐC",
        collective=None,
        units=vocab.DEPARTMENT_UNITS,
        province=p,
        commune=None,
        licence_titles=d.licence_titles,
    )


def committee_office(rng: random.Random, on: date) -> Agency:
    p = _province_for(rng, on)
    return Agency(
        kind="office",
        parent_lines=_committee_parent(p, rng),
        lines=("VĂN PHÒNG",),
        symbol="VP",
        place=p.place,
        name=f"Văn phòng Ủy ban nhân dân {p.full}",
        head="CHÁNH VĂN PHÒNG",
        deputy="PHÓ CHÁNH VĂN PHÒNG",
        collective=None,
        units=("HCTC", "KSTT", "TH", "KT"),
        province=p,
        commune=None,
    )


def service_centre(rng: random.Random, on: date) -> Agency:
    """Trung tâm Phục vụ hành chính công (province or, after 07/2025, commune) – issues receipts."""
    p = _province_for(rng, on)
    at_commune = on >= MERGER_DAY and rng.random() < 0.5
    if at_commune:
        kind = rng.choice(("xã", "phường"))
        base = rng.choice(vocab.COMMUNE_NAMES)
        parent: tuple[str, ...] = (f"UBND {kind.upper()} {base.upper()}",)
        commune_name: str | None = f"{kind} {base}"
        place = base
        name = f"Trung tâm Phục vụ hành chính công {kind} {base}"
    else:
        parent = _committee_parent(p, rng)
        commune_name = None
        place = p.place
        name = f"Trung tâm Phục vụ hành chính công {p.full}"
    return Agency(
        kind="service_centre",
        parent_lines=parent,
        lines=("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",),
        symbol="TTPVHCC",
        place=place,
        name=name,
        head="GIÁM ĐỐC",
        deputy="PHÓ GIÁM ĐỐC",
        collective=None,
        units=("TN", "HCTH"),
        province=p,
        commune=commune_name,
    )


def ministry(rng: random.Random, on: date) -> Agency:
    name, symbol = rng.choice(vocab.MINISTRIES)
    return Agency(
        kind="ministry",
        parent_lines=(),
        lines=(f"BỘ {name.upper()}",),
        symbol=symbol,
        place="Hà Nội",
        name=f"Bộ {name}",
        head="BỘ TRƯỞNG",
        deputy="THỨ TRƯỞNG",
        collective=None,
        units=vocab.MINISTRY_UNITS,
        province=None,
        commune=None,
    )


def pick_agency(rng: random.Random, document_type: str, on: date) -> Agency:
    """An issuer that plausibly issues `document_type`."""
    if document_type == "certificate" and rng.random() < 0.25:
        return commune_committee(rng, on)
    if document_type == "certificate":
        return department(rng, on, title_prefix="GIẤY CHỨNG NHẬN")
    if document_type == "license":
        return department(rng, on, title_prefix="GIẤY PHÉP")
    if document_type == "receipt":
        return service_centre(rng, on)
    makers = (province_committee, province_committee, commune_committee, department, department,
              committee_office, ministry)
    if document_type == "submission":
        makers = (department, department, committee_office, commune_committee)
    return rng.choice(makers)(rng, on)
