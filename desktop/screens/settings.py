"""The settings screen: Công cụ › Cài đặt… (Ctrl+,) opens the workstation's configuration.

``window.settings_screen`` (``window.settings`` is the window's QSettings) has ``open()`` and
the signal ``changed(config)``, emitted with the new ``dossier.config.Config`` after a save, so
the other screens can follow the configuration (the store, the signing token…). The form
itself is ``settings_dialog.SettingsDialog``; this module ties it to the window: the task
runner for the checks and the scanner search, the signing screen's token picker, the
language (in QSettings, and applied at once: ``MainWindow.choose_language``), and the scanner
and profile preselected on the intake panel.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from dossier.config import Config, ConfigError, load_config

from desktop.i18n import Retranslated
from desktop.screens.settings_dialog import SettingsDialog


class SettingsScreen(Retranslated, QObject):
    changed = Signal(object)  # the new Config, after a save

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: SettingsDialog | None = None

    def config(self) -> Config:
        """The saved configuration; the defaults (with the reason on the status bar) when the
        file is broken, so the clerk can open the settings and save a good one over it."""
        try:
            config = load_config()
        except ConfigError as exc:
            self.window.statusBar().showMessage(str(exc), 15000)
            config = Config()
        from dossier.config import LANGUAGES

        from desktop.i18n import SETTING

        chosen = str(self.window.settings.value(SETTING, "") or "")  # also set by Xem › Ngôn ngữ
        return replace(config, language=chosen) if chosen in LANGUAGES else config

    def open(self) -> SettingsDialog:
        """Open the dialog (window-modal, not exec'd) on the saved configuration."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        signing = getattr(self.window, "signing", None)
        chooser = getattr(signing, "choose_token", None)
        dialog = SettingsDialog(self.config(), self.window, run_task=self.window.tasks.run,
                                choose_token=chooser if callable(chooser) else None)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: SettingsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def retranslate(self) -> None:
        self.action.setText(self.tr("Cài đặt…"))

    def _saved(self, config: Config, where: str) -> None:
        self.window.choose_language(config.language)  # saved in QSettings and applied now
        self.window.settings.sync()
        notes = [self.tr("Đã lưu cài đặt.")]
        if where == "keyring":
            notes.append(self.tr("Khóa bí mật đã cất vào kho khóa của hệ điều hành."))
        elif where == "session":
            notes.append(self.tr("Khóa bí mật chỉ được giữ đến khi đóng ứng dụng (máy không có kho khóa)."))
        workspace_changed = bool(config.workspace) and config.workspace != str(self.window.workspace.root)
        if workspace_changed:
            notes.append(self.tr("Thư mục kho làm việc mới được dùng từ lần mở ứng dụng sau."))
        self.window.statusBar().showMessage(" ".join(notes), 12000)
        apply_scan_defaults(self.window, config)
        self.changed.emit(config)


def apply_scan_defaults(window: Any, config: Config) -> None:
    """Preselect the configured scanner and profile on the intake panel (its own methods)."""
    intake = getattr(window, "intake", None)
    if intake is None:
        return
    if config.scan_device:
        intake.choose_device(config.scan_device)
    if config.scan_profile:
        index = intake.profile.findData(config.scan_profile)
        if index >= 0:
            intake.profile.setCurrentIndex(index)


def install(window: Any) -> None:
    screen = SettingsScreen(window)
    window.settings_screen = screen
    action = window.add_action("settings", "", "Ctrl+,", screen.open)
    screen.action = action
    screen.retranslate()
    window.menus["tools"].addAction(action)
    try:
        apply_scan_defaults(window, load_config())
    except ConfigError:
        pass  # said when the settings are opened
