"""Where SoHoa keeps its data on this machine, and the settings that come from the environment."""
from __future__ import annotations

import os
from pathlib import Path


def workspace_dir() -> Path:
    """The workspace folder: ``SOHOA_WORKSPACE``, else the configured one (``dossier.config``),
    else the user's data folder for SoHoa."""
    env = os.environ.get("SOHOA_WORKSPACE")
    if env:
        return Path(env)
    configured = _configured("workspace")
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sohoa", appauthor=False))


def outbox_dir() -> Path:
    """The durable upload queue, inside the workspace."""
    return workspace_dir() / "outbox"


def store_data_dir() -> Path:
    """The embedded reference store's data, inside the workspace."""
    return workspace_dir() / "store"


def configured_trust_roots() -> list[Path]:
    """Trust anchors configured for this office, as certificate files in SOHOA_TRUST_ROOTS
    (paths separated by the OS path separator): Vietnam's national root CA and the
    Government Cipher Committee's CA are installed by the province, not bundled here."""
    value = os.environ.get("SOHOA_TRUST_ROOTS", "")
    return [Path(part) for part in value.split(os.pathsep) if part]


def agency_code() -> str | None:
    """The receiving agency's identifier (QCVN 102:2016/BTTTT, e.g. ``000.00.00.H38``) from
    ``SOHOA_AGENCY_CODE``, for issuing dossier codes where the province's system is not
    connected; checked by ``dossier.codes.configured_agency``. Else the configured one."""
    return os.environ.get("SOHOA_AGENCY_CODE", "").strip() or _configured("agency_code") or None


def _configured(name: str) -> str:
    """A value of the saved configuration; a broken file counts as none here (the settings
    screen and ``load_config`` report it), so the workspace still opens."""
    from dossier.config import ConfigError, load_config

    try:
        return str(getattr(load_config(), name))
    except ConfigError:
        return ""
