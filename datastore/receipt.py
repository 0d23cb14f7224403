"""The store's receipt: the proof that a document arrived intact."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Receipt:
    """What the store answers to a PUT; the outbox keeps an upload until sha256 and bytes match."""

    id: str
    sha256: str
    bytes: int
    stored_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> "Receipt":
        """Parse a receipt, refusing one with missing or mistyped fields (ValueError)."""
        try:
            receipt = cls(id=str(data["id"]), sha256=data["sha256"], bytes=data["bytes"], stored_at=data["stored_at"])
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed receipt: {exc}") from None
        if not isinstance(receipt.sha256, str) or not isinstance(receipt.bytes, int):
            raise ValueError("malformed receipt: sha256 or bytes has the wrong type")
        return receipt
