"""The handover dialog's second tab: the lists recorded earlier, to open, print or export again.

Each row is one list (number, time, dossiers, employee, signed or not) from
``dossier.handover_desk.recorded_lists``; opening shows the PDF kept when it was recorded,
checked against its SHA-256 (``saved_pdf``), so what is printed again is what was handed over.
Nothing here records anything: a dossier stays on the one list it is on.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from dossier.handover_desk import RecordedList

from desktop.i18n import RetranslatedWidget

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 12


def list_text(recorded: RecordedList) -> str:
    """'BG-261202-0001 · 02/12/2026 14:05 · 3 hồ sơ' and, below, who handed it over."""
    at = datetime.fromisoformat(recorded.handed_at)
    line = QCoreApplication.translate("HandoverLists", "%1 · %2 · %3 hồ sơ").replace("%1", recorded.number).replace(
        "%2", f"{at:%d/%m/%Y %H:%M}").replace("%3", str(recorded.dossiers))
    who = QCoreApplication.translate("HandoverLists", "Nhân viên bưu chính: %1").replace("%1", recorded.employee)
    if recorded.signed:
        who += " · " + QCoreApplication.translate("HandoverLists", "đã ký số")
    return f"{line}\n{who}"


class EarlierLists(RetranslatedWidget, QWidget):
    """Emits ``open_requested(number)`` (Enter, a double-click or Mở lại) and
    ``export_requested(number)``; the dialog does the reading off the UI thread."""

    open_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handover-earlier")
        self.recorded: list[RecordedList] = []
        self.label = QLabel()
        self.lists = QListWidget()
        self.lists.setObjectName("handover-earlier-lists")
        self.lists.setWordWrap(True)
        self.label.setBuddy(self.lists)
        self.empty = QLabel()
        self.empty.setObjectName("handover-earlier-empty")
        self.empty.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.setObjectName("handover-reopen")
        self.export_button = QPushButton()
        self.export_button.setObjectName("handover-export")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.lists, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.lists.itemActivated.connect(lambda _item: self._request(self.open_requested))
        self.lists.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.open_button.clicked.connect(lambda: self._request(self.open_requested))
        self.export_button.clicked.connect(lambda: self._request(self.export_requested))
        self.retranslate()
        self.show_lists([])

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Danh sách đã lập (mới nhất trước):"))
        self.empty.setText(self.tr("Chưa lập danh sách bàn giao nào trong kho làm việc này."))
        self.open_button.setText(self.tr("&Mở lại"))
        self.open_button.setToolTip(self.tr("Xem lại bản đã lưu khi lập danh sách, để in lại (Ctrl+P)"))
        self.export_button.setText(self.tr("Xuất &PDF và CSV…"))
        self.show_lists(self.recorded)

    def show_lists(self, recorded: list[RecordedList]) -> None:
        chosen = self.current_number()
        self.recorded = list(recorded)
        self.lists.clear()
        for entry in self.recorded:
            item = QListWidgetItem(list_text(entry))
            item.setData(NUMBER_ROLE, entry.number)
            self.lists.addItem(item)
        numbers = [entry.number for entry in self.recorded]
        if numbers:
            self.lists.setCurrentRow(numbers.index(chosen) if chosen in numbers else 0)
        self.empty.setVisible(not numbers)
        self._update_buttons()

    def current_number(self) -> str | None:
        item = self.lists.currentItem()
        return item.data(NUMBER_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.current_number() is not None
        self.open_button.setEnabled(chosen)
        self.export_button.setEnabled(chosen)

    def _request(self, signal: Signal) -> None:  # type: ignore[type-arg]
        number = self.current_number()
        if number is not None:
            signal.emit(number)  # type: ignore[attr-defined]
