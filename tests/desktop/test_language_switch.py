"""The language chosen in the settings applies at once: menus, docks, the status bar and the
screens say English without a restart, and Vietnamese (with its diacritics) again after."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import i18n
from dossier.workspace import Workspace
from tests.desktop.test_settings_screen import choose, open_settings, press_save
from tests.secret_service import no_store_secrets  # noqa: F401 - fixture


@pytest.fixture(autouse=True)
def back_to_vietnamese(monkeypatch: pytest.MonkeyPatch, no_store_secrets: None) -> Iterator[None]:  # noqa: F811
    """No keyring prompt for the embedded store; the app's language is Vietnamese after the test."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    yield
    i18n.switch(QApplication.instance(), "vi")
    QApplication.processEvents()


def _texts(window) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What a clerk reads on the window: menu titles, a dock, the status bar, the panels."""
    return {"menus": [action.text() for action in window.menuBar().actions()],
            "title": window.windowTitle(),
            "tabs": [window.views.tabText(i) for i in range(window.views.count())],
            "scan": window.actions_by_name["scan"].text(),
            "sign": window.actions_by_name["sign-dossier"].text(),
            "outbox-dock": window.outbox.dock.windowTitle(),
            "outbox-header": window.outbox.dock.model.headerData(0, Qt.Orientation.Horizontal),
            "indicator": window.outbox.indicator.text(),
            "state": window.state_label.text(),
            "intake": [window.intake.code_label.text(), window.intake.scan_button.text()],
            "pages": window.pages_view.heading.text(),
            "review": window.review_view.type_label.text(),
            "dossier-row": window.dossiers.index(0).data() if window.dossiers.rowCount() else "",
            "help": window.help_overlay._title.text()}


def test_english_chosen_in_the_settings_applies_at_once_and_vietnamese_comes_back(open_window, qtbot,
                                                                                   workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as ws:
        ws.create_dossier()  # received today, no code yet: the window opens on it
    window = open_window()
    qtbot.waitUntil(lambda: window.outbox.indicator.text() == "Trực tuyến", timeout=20000)
    vietnamese = _texts(window)
    assert vietnamese["menus"] == ["&Hồ sơ", "&Xem", "&Ký số", "&Gửi", "&Công cụ", "&Trợ giúp"]

    dialog = open_settings(window, qtbot)
    choose(dialog, "language", "en")
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&Dossier", timeout=5000)
    english = _texts(window)
    assert english["menus"] == ["&Dossier", "&View", "&Sign", "S&end", "&Tools", "&Help"]
    assert english["title"] == "SoHoa – Digitizing dossiers"
    assert english["tabs"][:2] == ["Pages", "Review"] and english["tabs"][2].startswith("Signature")
    assert (english["scan"], english["outbox-dock"], english["indicator"]) == ("Scan", "Outbox", "Online")
    assert english["intake"] == ["Dossier code:", "Scan (F5)"]
    assert english["state"].startswith("Dossier ") and "no documents" in english["state"]
    assert english["dossier-row"].endswith("No documents yet")
    assert english["help"] == "Keyboard shortcuts"
    assert window.settings.value(i18n.SETTING) == "en" and i18n.current_language() == "en"
    assert window.statusBar().currentMessage().startswith("Settings saved.")
    changed = [key for key in vietnamese if vietnamese[key] == english[key]]
    assert changed == [], f"not translated at once: {changed}"

    window.actions_by_name["lang-vi"].trigger()  # Xem › Ngôn ngữ › Tiếng Việt, back at once too
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&Hồ sơ", timeout=5000)
    assert _texts(window) == vietnamese
    assert window.outbox.indicator.text() == "Trực tuyến" and window.intake.code_label.text() == "Mã hồ sơ:"
