"""Starting the desktop app: the QApplication, the language, the workspace, the main window.

``main()`` is what ``sohoa`` with no arguments runs (``desktop.launcher``). The workspace is
``SOHOA_WORKSPACE`` when set, else the one of the configuration (the settings screen), else
the one used last (QSettings), else the default folder (``dossier.settings.workspace_dir``).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import i18n
from desktop.app_settings import APPLICATION, ORGANIZATION, app_settings


def workspace_folder(settings: QSettings) -> Path:
    if os.environ.get("SOHOA_WORKSPACE"):
        return Path(os.environ["SOHOA_WORKSPACE"])
    from dossier.settings import _configured

    if _configured("workspace"):  # chosen in the settings screen: it wins over the last one used
        return Path(_configured("workspace"))
    last = settings.value("workspace/path")
    if last:
        return Path(str(last))
    from dossier.settings import workspace_dir

    return workspace_dir()


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), named so QSettings finds the app's settings."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(["sohoa", *(argv or [])])
    return app  # type: ignore[return-value]


def open_window(settings: QSettings | None = None):  # type: ignore[no-untyped-def]
    """Open the workspace and build the main window on it, restored where it was left.

    Raises the workspace's error (Vietnamese) when it cannot be opened."""
    from dossier.workspace import Workspace

    from desktop.main_window import MainWindow

    settings = settings or app_settings()
    workspace = Workspace.open(workspace_folder(settings))
    window = MainWindow(workspace, settings)
    window.restore_state()
    return window


def run(argv: list[str] | None = None, *, on_shown: Callable[[object], None] | None = None) -> int:
    if on_shown is None and os.environ.get("SOHOA_APP_SMOKE"):  # open, screenshot, quit (desktop.smoke)
        from desktop.smoke import run_smoke

        target = Path(os.environ["SOHOA_APP_SMOKE"])
        on_shown = lambda window: run_smoke(window, target)  # noqa: E731
    app = application(argv)
    settings = app_settings()
    translators = i18n.install(app, i18n.chosen_language(settings))  # noqa: F841 - kept alive
    try:
        window = open_window(settings)
    except (ValueError, OSError) as exc:
        from desktop.errors import explain

        explained = explain(exc)
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "SoHoa – Không mở được kho làm việc"),
                          explained.what)
        box.setInformativeText(QCoreApplication.translate(
            "App", "Kiểm tra thư mục kho làm việc (biến SOHOA_WORKSPACE) rồi mở lại ứng dụng."))
        box.exec()
        return 1
    window.show()
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    code = app.exec()
    window.workspace.close()
    return code


def main() -> int:
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
