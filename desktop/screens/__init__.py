"""The screens of the day's later work, each installed onto the main window by its module.

Every module here has ``install(window: MainWindow) -> None``, which adds its actions (menus,
toolbar, shortcuts through ``window.add_action``), tabs (``window.views``), docks or status-bar
widgets, and keeps what it built on the window as one attribute named after the module
(``window.signing``, ``window.outbox`` …). They are installed in ``SCREENS`` order after the
window's own scan, pages and review screens, so a new screen is a new module and one line here.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

SCREENS: tuple[str, ...] = ("signing", "outbox", "handover", "batches", "settings")


def install_all(window: Any) -> None:
    for name in SCREENS:
        import_module(f"{__name__}.{name}").install(window)
