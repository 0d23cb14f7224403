"""The postal handover screen: an action of the Tools menu (Ctrl+Shift+H) that opens the
handover dialog for the day shown, and a mark on the dossier list for dossiers on a list.

Signing the list asks the signing screen for the signer (``window.signing.ask_signer``: the
token chosen there, one PIN); without that screen the configured demo identity signs, and a
configured token without it leaves printing only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from dossier.model import today_vn

from desktop.i18n import Retranslated

if TYPE_CHECKING:  # imported when first opened: it pulls in the signing stack (desktop.warm_up)
    from desktop.screens.handover_dialog import HandoverDialog

ACTION = "handover"
KEYS = "Ctrl+Shift+H"


class HandedOverMark(QStyledItemDelegate):
    """The dossier list's rows, with "Đã bàn giao (list)" after the state of a dossier on a list
    (drawn on the row's second line, so the list's uniform row height still fits)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window.dossier_list)
        self.window_ = window

    def text_of(self, index: QModelIndex | QPersistentModelIndex) -> str:
        option = QStyleOptionViewItem()
        self.initStyleOption(option, index)
        return option.text

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        dossiers = self.window_.dossiers.dossiers
        if 0 <= index.row() < len(dossiers) and dossiers[index.row()].handover:
            option.text += " · " + self.tr("Đã bàn giao (%1)").replace("%1", dossiers[index.row()].handover)


class HandoverScreen(Retranslated, QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.dialog: HandoverDialog | None = None
        self.mark = HandedOverMark(window)
        window.dossier_list.setItemDelegate(self.mark)
        self.action = window.add_action(ACTION, "", KEYS, self.open)
        window.menus["tools"].addAction(self.action)
        self.retranslate()

    def retranslate(self) -> None:
        """The action in the current language (the dossier list's mark is made when painted)."""
        self.action.setText(self.tr("Bàn giao hồ sơ cho một cửa…"))

    def _signer_source(self) -> tuple[Any, str | None]:
        """(how to get a signer, why signing is unavailable or None)."""
        signing = getattr(self.window_, "signing", None)
        ask = getattr(signing, "ask_signer", None)
        if callable(ask):
            return ask, None
        from dossier.config import load_config

        if load_config().uses_demo_identity:
            return self._demo_signer, None
        return None, self.tr("Ký bằng token cần màn hình Ký số; hãy lập danh sách rồi in để ký tay.")

    def _demo_signer(self, _parent: QWidget) -> Any:
        """The demo identity (no legal value) when no token is configured, as ``sohoa demo`` signs."""
        from dossier.demo_identity import DEMO_P12_PASSWORD, demo_identity
        from dossier.signing_lane import Signer

        return Signer(p12=demo_identity(self.window_.workspace.root), secret=DEMO_P12_PASSWORD.decode())

    def new_dialog(self) -> HandoverDialog:
        """A handover dialog for the day shown, the selected dossier ticked when it can go."""
        self.window_.warm_up.load("desktop.screens.handover_dialog")
        from desktop.screens.handover_dialog import HandoverDialog

        ask, unavailable = self._signer_source()
        selected = self.window_.selected_dossier_id()
        return HandoverDialog(self.window_, self.window_.dossiers.day or today_vn(), ask, unavailable,
                              preselect={selected} if selected is not None else set())

    def open(self) -> HandoverDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        self.dialog = self.new_dialog()
        self.dialog.open()
        self.dialog.dossiers.setFocus()
        return self.dialog


def install(window: Any) -> None:
    window.handover = HandoverScreen(window)
