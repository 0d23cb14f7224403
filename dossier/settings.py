"""Where SoHoa keeps its data on this machine, and the settings that come from the environment."""
from __future__ import annotations

import os
from pathlib import Path


def workspace_dir() -> Path:
    """The workspace folder: ``SOHOA_WORKSPACE``, else the user's data folder for SoHoa."""
    env = os.environ.get("SOHOA_WORKSPACE")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("sohoa", appauthor=False))


def outbox_dir() -> Path:
    """The durable upload queue, inside the workspace."""
    return workspace_dir() / "outbox"


def store_data_dir() -> Path:
    """The embedded reference store's data, inside the workspace."""
    return workspace_dir() / "store"
