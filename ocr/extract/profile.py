"""The rules that are data: document types, form labels, province codes, code patterns.

A profile is a folder of TOML tables under ``profiles/`` (one per regulation set), so a new
form or a new regulation is a change of a table, not of code. ``vn-2023`` is Circular
01/2018 + Circular 01/2023 + Decree 30/2020; a ``vn-2025`` (Decree 118/2025, Circular
03/2025) goes beside it when those texts are checked.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

PROFILES_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = "vn-2023"


def available_profiles() -> list[str]:
    return sorted(p.name for p in PROFILES_DIR.iterdir() if p.is_dir())


@lru_cache(maxsize=8)
def load_profile(name: str = DEFAULT_PROFILE) -> dict[str, Any]:
    """All tables of a profile, keyed by file stem (``document_types``, ``form_labels``, …)."""
    folder = PROFILES_DIR / name
    if not folder.is_dir():
        raise ValueError(f"unknown extraction profile {name!r}; available: {', '.join(available_profiles())}")
    tables: dict[str, Any] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            tables[path.stem] = tomllib.load(handle)
    return tables


def table(name: str, profile: str = DEFAULT_PROFILE) -> dict[str, Any]:
    """One table of a profile; an empty dict when the profile has none of that name."""
    return load_profile(profile).get(name, {})
