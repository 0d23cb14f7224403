"""Desktop tests: real widgets on Qt's offscreen platform, settings in a throw-away INI file."""
from __future__ import annotations

import os

# Before Qt is imported anywhere: no display is needed, and none is touched.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's QSettings go to this file, never to the developer's own settings."""
    path = tmp_path / "sohoa-settings.ini"
    monkeypatch.setenv("SOHOA_SETTINGS_FILE", str(path))
    monkeypatch.delenv("SOHOA_LANG", raising=False)
    return path


@pytest.fixture
def workspace_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ws"
    monkeypatch.setenv("SOHOA_WORKSPACE", str(folder))
    return folder


@pytest.fixture
def open_window(qtbot, settings_file: Path, workspace_dir: Path) -> Iterator:  # type: ignore[no-untyped-def]
    """Opens the main window as ``sohoa`` would (workspace from the environment, restored
    settings), shown and exposed; windows still open are closed (saving their state) at the end."""
    from desktop.app import application, open_window as build

    application()
    windows = []

    def opener():  # type: ignore[no-untyped-def]
        window = build()
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # the window's shortcuts need it active
            window.show()
            window.activateWindow()
        windows.append(window)
        return window

    yield opener
    for window in windows:
        if window.isVisible():
            window.close()
        window.workspace.close()
