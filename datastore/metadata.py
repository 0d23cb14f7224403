"""Checks of the document metadata (design §4) shared by the client (before queueing) and the server."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SCHEMA = "sohoa.document/1"
KINDS = frozenset({"dossier_component", "result"})
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")

_OPTIONAL_STRINGS = ("dossier_code", "procedure_code", "component", "document_type")
_OPTIONAL_OBJECTS = ("fields", "owner", "digitized", "signature")


def metadata_problems(metadata: Any, sha256: str | None = None) -> list[str]:
    """List what is wrong with a metadata object, one '<field>: <why>' per problem; empty when valid.

    Required fields are checked strictly; the descriptive rest only by type, so a newer
    client adding fields is not refused.
    """
    if not isinstance(metadata, Mapping):
        return ["metadata: must be a JSON object"]
    problems: list[str] = []
    if metadata.get("schema") != SCHEMA:
        problems.append(f"schema: must be {SCHEMA!r}")
    if metadata.get("kind") not in KINDS:
        problems.append(f"kind: must be one of {sorted(KINDS)}")
    for name in ("pages", "bytes"):
        value = metadata.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < (1 if name == "pages" else 0):
            problems.append(f"{name}: must be a positive integer")
    digest = metadata.get("sha256")
    if not isinstance(digest, str) or not SHA256_HEX.match(digest):
        problems.append("sha256: must be 64 lowercase hex digits")
    elif sha256 is not None and digest != sha256:
        problems.append("sha256: differs from the document's hash")
    for name in _OPTIONAL_STRINGS:
        if name in metadata and not isinstance(metadata[name], str):
            problems.append(f"{name}: must be a string")
    for name in _OPTIONAL_OBJECTS:
        if name in metadata and not isinstance(metadata[name], Mapping):
            problems.append(f"{name}: must be an object")
    return problems
