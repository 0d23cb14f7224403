"""The shortcut overlay (F1): every action of the window with its key, over the window.

Built from the window's actions when shown, so a screen that adds an action (with a shortcut)
is listed without touching this file.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("help-overlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._panel = QWidget(self)
        self._panel.setObjectName("help-panel")
        self._panel.setStyleSheet("#help-panel { background: palette(window); border-radius: 8px; }")
        self._grid = QGridLayout()
        inner = QVBoxLayout(self._panel)
        title = QLabel()
        self._title = title
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        inner.addWidget(title)
        inner.addLayout(self._grid)
        self._closing = QLabel()
        inner.addWidget(self._closing)
        parent.installEventFilter(self)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Its texts in the current language; the rows are the actions' own texts."""
        self._title.setText(self.tr("Phím tắt"))
        self._closing.setText(self.tr("Nhấn Esc hoặc F1 để đóng."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():  # shown: its rows again, from the actions' new texts
                self.hide()
                self.toggle()
        super().changeEvent(event)

    def rows(self) -> list[tuple[str, str]]:
        """(action, keys) for every action of the window that has a shortcut."""
        window = self.parentWidget()
        seen: dict[str, str] = {}
        for action in window.findChildren(QAction) if window else []:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys and action.text():
                seen.setdefault(action.text().replace("&", ""), ", ".join(keys))
        return sorted(seen.items(), key=lambda row: row[1])

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for row, (text, keys) in enumerate(self.rows()):
            key = QLabel(f"<b>{keys}</b>")
            self._grid.addWidget(key, row, 0)
            self._grid.addWidget(QLabel(text), row, 1)
        self._fit()
        self.show()
        self.raise_()
        self.setFocus()

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._panel.adjustSize()
        self._panel.move((self.width() - self._panel.width()) // 2, (self.height() - self._panel.height()) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
