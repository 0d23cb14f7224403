"""What extraction returns: a document's type, its fields with where they came from, and problems.

The JSON form is the contract of ``sohoa extract --json`` (design §3). A field carries its
confidence and position so the review screen can show the crop it was read from, and
``source``/``corrected`` so the clerk knows when a value came from a QR code or was mended.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Below this confidence a field is shown to the clerk for review (yellow); the benchmark's
# "caught" rate counts wrong values below it or carrying a problem.
REVIEW_THRESHOLD = 0.80
# A value mended by a guess, not by a rule that makes it certain (an e-mail's letter from the
# form's name, a word respelt as the document's body spells it): below the threshold, so the
# clerk confirms it against the paper, ``corrected_from`` showing what was read.
GUESSED = 0.6

Level = Literal["warning", "error"]
Source = Literal["ocr", "qr", "barcode"]
Value = str | list[str]


@dataclass
class Field:
    """One field's value as read, in the page image's pixels (1-based page number)."""

    value: Value
    confidence: float
    page: int
    bbox: tuple[int, int, int, int]
    source: Source = "ocr"
    # What was read before a correction that the rule made certain (O→0 in a digit field,
    # D→Đ inside a symbol); None when the value is exactly what was read.
    corrected_from: str | None = None

    @property
    def needs_review(self) -> bool:
        return self.confidence < REVIEW_THRESHOLD

    def to_json(self) -> dict:
        data: dict = {"value": self.value, "confidence": round(self.confidence, 3), "page": self.page,
                      "bbox": list(self.bbox)}
        if self.source != "ocr":
            data["source"] = self.source
        if self.corrected_from is not None:
            data["corrected_from"] = self.corrected_from
        return data


@dataclass(frozen=True)
class Problem:
    """A validation finding; ``message`` is Vietnamese, for the clerk; ``code`` is for programs."""

    field: str | None
    level: Level
    code: str
    message: str

    def to_json(self) -> dict:
        return {"field": self.field, "level": self.level, "code": self.code, "message": self.message}


@dataclass
class Extraction:
    """A document read from its pages."""

    document_type: str
    pages: int
    fields: dict[str, Field] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    file: str | None = None

    def flagged(self, name: str) -> bool:
        """True when the clerk must look at this field: doubtful, or a problem names it."""
        item = self.fields.get(name)
        return (item is not None and item.needs_review) or any(p.field == name for p in self.problems)

    def to_json(self) -> dict:
        return {"file": self.file, "document_type": self.document_type, "pages": self.pages,
                "fields": {name: f.to_json() for name, f in self.fields.items()},
                "problems": [p.to_json() for p in self.problems], "text": self.text}
