"""Mask citizens' personal ID numbers in any text that may reach a log, a screen or a bug report.

A 12-digit citizen ID (CCCD) or a 9-digit old ID (CMND) is personal data (Decree 13/2023);
error messages from the store may echo metadata, so every error text passes through here.
"""
from __future__ import annotations

import re

# Not adjacent to another letter or digit, so digit runs inside a SHA-256 hex string stay intact.
_PERSONAL_ID = re.compile(r"(?<![0-9A-Za-z])(\d{12}|\d{9})(?![0-9A-Za-z])")


def _mask(match: re.Match[str]) -> str:
    digits = match.group(1)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_personal_ids(text: str) -> str:
    """Return text with each personal ID shown as its first 3 and last 4 digits (079*****1234)."""
    return _PERSONAL_ID.sub(_mask, text)
