"""Errors a clerk can act on: each says what was refused and why, never a PIN."""
from __future__ import annotations


class SigningError(Exception):
    """Base class: the document was not signed; the message says why."""


class TokenError(SigningError):
    """The PKCS#11 module, token or key could not be found or used."""


class PinError(TokenError):
    """The token refused the PIN. Never retried automatically: tokens lock after a few tries."""

    def __init__(self, message: str, tries_hint: str | None = None) -> None:
        super().__init__(message if tries_hint is None else f"{message} ({tries_hint})")
        self.tries_hint = tries_hint


class CertificateRefused(SigningError):
    """The signing certificate must not be used (expired, revoked, wrong key usage)."""


class DocumentRefused(SigningError):
    """The input PDF cannot be signed (encrypted, damaged, not a PDF)."""

