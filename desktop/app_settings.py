"""The desktop's own settings (window geometry, last workspace, language, selection) in QSettings.

``SOHOA_SETTINGS_FILE`` points them at an INI file instead of the user's registry/config, so
tests and benchmarks never read or change the clerk's settings.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORGANIZATION = "SoHoa"
APPLICATION = "SoHoa"


def app_settings() -> QSettings:
    path = os.environ.get("SOHOA_SETTINGS_FILE")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)
