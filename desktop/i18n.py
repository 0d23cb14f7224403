"""The app's language: Vietnamese source texts, an English translation through Qt's system.

Every visible string is written in Vietnamese (with full diacritics) inside ``tr()`` /
``QCoreApplication.translate()``; ``resources/translations/sohoa_<lang>.ts`` holds the other
languages of the window's own screens and ``<screen>_<lang>.ts`` those of each screen in
``desktop/screens/`` (``<screen>.py`` and ``<screen>_*.py``: one file per screen, so screens
are translated independently — ``translation_sources``). They are compiled to ``.qm`` by
setup.sh (``pyside6-lrelease``). A checkout where it
was not compiled yet is compiled here on first start, so a fresh clone needs no manual step.

``switch`` changes the language of a running app: Qt sends every widget a
``QEvent.LanguageChange``, and each window, dock, panel and screen re-sets its texts in its
``retranslate()``: widgets through ``RetranslatedWidget`` (Qt's pattern, ``changeEvent``), the
screens' objects, which have no ``changeEvent``, as the window's children through ``Retranslated``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import (QAbstractItemModel, QAbstractListModel, QCoreApplication, QEvent, QLibraryInfo, QModelIndex,
                            QSettings, Qt, QTranslator)

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
SETTING = "ui/language"


def chosen_language(settings: QSettings) -> str:
    """``SOHOA_LANG`` (vi|en) wins, then the saved setting, else Vietnamese."""
    for value in (os.environ.get("SOHOA_LANG", ""), str(settings.value(SETTING, "") or "")):
        value = value.strip().lower()[:2]
        if value in LANGUAGES:
            return value
    return DEFAULT_LANGUAGE


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def translation_sources(ts: Path) -> list[Path]:
    """The source files whose strings ``ts`` translates (see the module docstring)."""
    desktop = Path(__file__).resolve().parent
    screens = desktop / "screens"
    name = ts.stem.rsplit("_", 1)[0]
    if name != "sohoa":
        return sorted({*screens.glob(f"{name}.py"), *screens.glob(f"{name}_*.py")})
    return sorted(p for p in desktop.rglob("*.py") if p.parent != screens or p.name == "__init__.py")


def compiled_all(language: str) -> list[Path]:
    """Every ``.qm`` of ``language``: the window's own first, then each screen's."""
    names = sorted(p.name for p in TRANSLATIONS.glob(f"*_{language}.[tq][sm]"))
    stems = sorted({n.rsplit(".", 1)[0] for n in names}, key=lambda stem: (stem != f"sohoa_{language}", stem))
    found = [compiled(language, stem) for stem in stems]
    return [path for path in found if path is not None]


def compiled(language: str, stem: str | None = None) -> Path | None:
    """The ``.qm`` of ``stem`` (default ``sohoa_<language>``), compiled now if missing or older
    than its ``.ts``."""
    source = TRANSLATIONS / f"{stem or 'sohoa_' + language}.ts"
    target = source.with_suffix(".qm")
    if not source.exists():
        return target if target.exists() else None
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        tool = _lrelease()
        if tool is None:
            return target if target.exists() else None
        subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return target if target.exists() else None


_installed: list[QTranslator] = []  # what ``install`` put on the app last, for ``switch``
_current = [DEFAULT_LANGUAGE]


def current_language() -> str:
    """The language the app's texts are in now (``install`` / ``switch`` set it)."""
    return _current[0]


def switch(app: QCoreApplication, language: str) -> None:
    """Change the running app's language now: the translators of the previous one go, those of
    ``language`` come (none for Vietnamese); Qt then posts ``LanguageChange`` to every window."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    install(app, language)
    if language == DEFAULT_LANGUAGE:  # no translator installed: Qt would not tell the windows
        QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators of ``language`` on ``app`` (none for Vietnamese, the source).

    Returns them: the caller keeps them alive as long as the app (Qt does not own them;
    ``switch`` also keeps them, to remove them)."""
    _current[0] = language if language in LANGUAGES else DEFAULT_LANGUAGE
    installed: list[QTranslator] = []
    if language == DEFAULT_LANGUAGE:
        return installed
    for qm in compiled_all(language):
        ours = QTranslator(app)
        if ours.load(str(qm)):
            app.installTranslator(ours)
            installed.append(ours)
    qt = QTranslator(app)  # Qt's own dialog buttons
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    _installed[:] = installed
    return installed


class Retranslated:
    """Mixed into a screen's QObject (before QObject): its ``retranslate()`` on each
    ``LanguageChange``, which a QObject has no ``changeEvent`` for; Qt sends it the event as a
    child of the window."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().event(event)  # type: ignore[misc]


class RetranslatedWidget:
    """Mixed into a widget (before its Qt class): its ``retranslate()`` on each
    ``LanguageChange``, in ``changeEvent``, Qt's place for it; not ``event()``, which every
    paint and mouse move of the widget would go through in Python on the UI thread."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def paint_again(model: QAbstractItemModel) -> None:
    """Have the views paint ``model``'s rows (and a table's headers) again: their words are made
    when painted (``data``, ``headerData``), so this is how a model's words follow the language."""
    columns = 1
    if not isinstance(model, QAbstractListModel):  # a list has one column and no header
        columns = model.columnCount(QModelIndex())
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    rows = model.rowCount(QModelIndex())
    if rows:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
