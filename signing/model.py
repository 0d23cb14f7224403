"""Values exchanged with callers (CLI, GUI): enums for modes, frozen dataclasses for results."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Level(enum.Enum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @classmethod
    def parse(cls, text: str) -> "Level":
        try:
            return cls(text.upper())
        except ValueError:
            raise ValueError(f"unknown PAdES level {text!r}; use one of {[lv.value for lv in cls]}") from None

    @property
    def needs_tsa(self) -> bool:
        return self is not Level.B_B

    @property
    def rank(self) -> int:
        return list(Level).index(self)


@dataclass(frozen=True)
class CertificateInfo:
    """What a person needs to pick the right certificate on a token."""

    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    key_usage: tuple[str, ...]
    key_id: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class TokenInfo:
    """A token in a PKCS#11 module; ``serial`` is what ``--token-serial`` expects."""

    slot: int
    serial: str
    label: str
    manufacturer: str
    model: str
    certificates: tuple[CertificateInfo, ...] = field(default_factory=tuple)
    key_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SignResult:
    """One signed output file."""

    output: str
    level: Level
    signer_subject: str
    signer_serial: str
    signed_at: datetime
    stamp_note: str | None = None  # set when the visible stamp had to move off printed content
