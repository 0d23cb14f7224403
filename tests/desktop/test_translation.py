"""The English translation: compiled from the .ts in the repository and loaded through Qt."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop import i18n
from desktop.app_settings import app_settings


@pytest.fixture
def fresh_translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the translations folder without any .qm, as in a fresh clone."""
    folder = tmp_path / "translations"
    folder.mkdir()
    for ts in i18n.TRANSLATIONS.glob("*.ts"):
        shutil.copy(ts, folder / ts.name)
    monkeypatch.setattr(i18n, "TRANSLATIONS", folder)
    return folder


def test_english_translation_changes_the_window(open_window, fresh_translations: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOHOA_LANG", "en")
    app = QCoreApplication.instance()
    translators = i18n.install(app, i18n.chosen_language(app_settings()))
    try:
        assert (fresh_translations / "sohoa_en.qm").exists()  # compiled on first start
        window = open_window()
        assert window.windowTitle() == "SoHoa – Digitizing dossiers"
        assert window.actions_by_name["scan"].text() == "Scan"
        assert window.views.tabText(0) == "Pages" and window.views.tabText(1) == "Review"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Quét") == "Quét"


def test_vietnamese_is_the_default_and_a_setting_chooses_english(settings_file: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, qapp) -> None:
    settings = app_settings()
    assert i18n.chosen_language(settings) == "vi"
    settings.setValue(i18n.SETTING, "en")
    assert i18n.chosen_language(settings) == "en"
    monkeypatch.setenv("SOHOA_LANG", "vi")  # the environment wins over the setting
    assert i18n.chosen_language(settings) == "vi"


def test_every_source_text_has_an_english_translation() -> None:
    text = (i18n.TRANSLATIONS / "sohoa_en.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text


def test_the_translation_files_know_every_visible_string(tmp_path: Path) -> None:
    """pyside6-lupdate over desktop/ finds no string the English files lack: a screen that adds
    a string adds its translation (run pyside6-lupdate on the screen's sources into its .ts,
    as ``i18n.translation_sources`` pairs them, then translate)."""
    import subprocess
    import sys

    tool = Path(sys.executable).with_name("pyside6-lupdate")
    screens = {p.stem.split("_")[0] for p in (Path(i18n.__file__).parent / "screens").glob("[!_]*.py")}
    for screen in sorted(screens):  # every screen has its translation file
        assert (i18n.TRANSLATIONS / f"{screen}_en.ts").exists(), f"{screen}: no {screen}_en.ts"
    for ts in sorted(i18n.TRANSLATIONS.glob("*_en.ts")):
        copy = tmp_path / ts.name
        shutil.copy(ts, copy)
        sources = [str(p) for p in i18n.translation_sources(ts)]
        assert sources, f"{ts.name}: translates no source file"
        subprocess.run([str(tool), *sources, "-ts", str(copy)], check=True, capture_output=True, timeout=60)
        updated = copy.read_text(encoding="utf-8")
        assert 'type="unfinished"' not in updated, f"{ts.name}: strings without an English translation"
