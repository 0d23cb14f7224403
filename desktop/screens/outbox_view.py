"""The outbox view (a dock at the bottom of the window) and the selected document's receipt.

The view lists every document on its way to the store with its state, attempts and last
error in the clerk's words (``problem_text``; the technical reason is in the tooltip), and
Retry (the selected rows) / Retry all. The receipt panel sits under the document list: the
store's id and the time it received the document, once it has.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QEvent, QItemSelection, QItemSelectionModel, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from dossier.model import VIETNAM, Document, DocumentState
from dossier.sending import Pending, Problem

from desktop.i18n import RetranslatedWidget, paint_again

Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 2


def problem_text(problem: Problem | None) -> str:
    """What went wrong and what happens next, as the clerk reads it."""
    if problem is None:
        return ""
    words = {
        Problem.UNREACHABLE: QCoreApplication.translate("Outbox", "Không kết nối được kho dữ liệu (mạng hoặc máy chủ không trả lời); tài liệu được giữ lại và tự gửi khi có kết nối."),
        Problem.STORE_ERROR: QCoreApplication.translate("Outbox", "Kho dữ liệu đang bận hoặc gặp sự cố; tài liệu sẽ được gửi lại sau."),
        Problem.AUTHENTICATION: QCoreApplication.translate("Outbox", "Kho dữ liệu không chấp nhận máy trạm này (sai mã máy trạm hoặc khóa bí mật); kiểm tra cấu hình kho dữ liệu."),
        Problem.INVALID: QCoreApplication.translate("Outbox", "Kho dữ liệu từ chối tài liệu: tệp hoặc thông tin mô tả không hợp lệ."),
        Problem.TOO_LARGE: QCoreApplication.translate("Outbox", "Kho dữ liệu từ chối tài liệu: tệp lớn hơn dung lượng kho cho phép."),
        Problem.REFUSED: QCoreApplication.translate("Outbox", "Kho dữ liệu từ chối tài liệu."),
        Problem.MISMATCH: QCoreApplication.translate("Outbox", "Bản kho nhận được không khớp với tệp trên máy; cần gửi lại."),
        Problem.OTHER: QCoreApplication.translate("Outbox", "Chưa gửi được do lỗi không xác định."),
    }
    return words[problem]


def state_text(state: str) -> str:
    words = {"signed": QCoreApplication.translate("Outbox", "Đã ký, chưa vào hàng đợi"),
             "queued": QCoreApplication.translate("Outbox", "Chờ gửi"),
             "sending": QCoreApplication.translate("Outbox", "Đang gửi"),
             "failed": QCoreApplication.translate("Outbox", "Bị kho từ chối")}
    return words.get(state, state)


def received_at(stored_at: str) -> str:
    """The store's time (ISO 8601, any offset) in Vietnam time: '01/12/2026 14:05'."""
    try:
        moment = datetime.fromisoformat(stored_at.replace("Z", "+00:00"))
    except ValueError:
        return stored_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(VIETNAM)
    return moment.strftime("%d/%m/%Y %H:%M")


def receipt_text(document: Document | None) -> str:
    """The selected document's way to the store in one or two lines ("" when not signed yet)."""
    if document is None:
        return ""
    if document.state is DocumentState.UPLOADED and document.receipt:
        receipt = document.receipt
        return QCoreApplication.translate("Outbox", "Đã lưu vào kho dữ liệu\nMã lưu trữ: %1\nNhận lúc: %2").replace(
            "%1", str(receipt.get("id", ""))).replace("%2", received_at(str(receipt.get("stored_at", ""))))
    if document.state is DocumentState.QUEUED:
        return QCoreApplication.translate("Outbox", "Chờ gửi lên kho dữ liệu (Ctrl+Shift+O: hàng đợi gửi)")
    if document.state is DocumentState.SIGNED:
        return QCoreApplication.translate("Outbox", "Đã ký số, chờ đưa vào hàng đợi gửi")
    return ""


class PendingModel(QAbstractTableModel):
    COLUMNS = ("dossier", "document", "state", "attempts", "error")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Pending] = []

    def set_rows(self, rows: list[Pending]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("Outbox", "Hồ sơ"), QCoreApplication.translate("Outbox", "Tài liệu"),
                QCoreApplication.translate("Outbox", "Trạng thái"), QCoreApplication.translate("Outbox", "Số lần gửi"),
                QCoreApplication.translate("Outbox", "Lỗi gần nhất"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ENTRY_ROLE:
            return row.entry_id
        if role == DOCUMENT_ROLE:
            return row.document_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "dossier":
                return row.dossier_code or (QCoreApplication.translate("Outbox", "Hồ sơ chưa có mã") if row.dossier_id else "")
            if column == "document":
                if row.document_id is None:
                    return QCoreApplication.translate("Outbox", "Tệp gửi từ dòng lệnh: %1").replace("%1", row.source)
                title = QCoreApplication.translate("Outbox", "Tài liệu %1").replace("%1", str(row.position))
                what = row.component or row.document_type
                return f"{title} · {what}" if what else title
            if column == "state":
                return state_text(row.state)
            if column == "attempts":
                return str(row.attempts)
            return problem_text(row.problem)
        if role == Qt.ItemDataRole.ToolTipRole and column == "error" and row.last_error:
            return QCoreApplication.translate("Outbox", "Chi tiết kỹ thuật: %1").replace("%1", row.last_error)
        return None


class OutboxDock(RetranslatedWidget, QDockWidget):
    def __init__(self, screen: Any, window: Any) -> None:
        super().__init__(QCoreApplication.translate("Outbox", "Hàng đợi gửi"), window)
        self.screen = screen
        self.window_ = window
        self.setObjectName("outbox-dock")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.status = QLabel()
        self.status.setObjectName("outbox-status")
        layout.addWidget(self.status)
        self.model = PendingModel(self)
        self.table = QTableView()
        self.table.setObjectName("outbox-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # arrows move between rows, Tab goes on to the buttons
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(self.open_document)  # double-click or Enter
        self.empty = QLabel(QCoreApplication.translate("Outbox", "Không có tài liệu nào chờ gửi."))
        self.empty.setObjectName("outbox-empty")
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.retry_selected = QPushButton(QCoreApplication.translate("Outbox", "Gửi lại mục đã chọn"))
        self.retry_selected.setObjectName("retry-selected")
        self.retry_selected.clicked.connect(self._retry_selected)
        self.retry_all = QPushButton(QCoreApplication.translate("Outbox", "Gửi lại tất cả"))
        self.retry_all.setObjectName("retry-all")
        self.retry_all.clicked.connect(screen.retry_all)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_selected)
        buttons.addWidget(self.retry_all)
        layout.addLayout(buttons)
        self.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()

    def retranslate(self) -> None:
        """The dock's texts in the current language; the rows' and headers' words painted again."""
        self.setWindowTitle(QCoreApplication.translate("Outbox", "Hàng đợi gửi"))
        self.empty.setText(QCoreApplication.translate("Outbox", "Không có tài liệu nào chờ gửi."))
        self.retry_selected.setText(QCoreApplication.translate("Outbox", "Gửi lại mục đã chọn"))
        self.retry_all.setText(QCoreApplication.translate("Outbox", "Gửi lại tất cả"))
        paint_again(self.model)

    def show_pending(self, rows: list[Pending]) -> None:
        selected = set(self.selected_entries())
        self.model.set_rows(rows)
        self.select_rows([row for row, pending in enumerate(rows) if pending.entry_id in selected])  # kept
        self.empty.setVisible(not rows)
        self.retry_all.setEnabled(bool(rows))
        self.retry_selected.setEnabled(bool(rows))

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def select_rows(self, rows: list[int]) -> None:
        """Select whole rows (not through the keyboard's modifiers, as ``selectRow`` would)."""
        selection = QItemSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected(self) -> list[Pending]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = sorted({index.row() for index in model.selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def selected_entries(self) -> list[str]:
        return [row.entry_id for row in self.selected() if row.entry_id]

    def _retry_selected(self) -> None:
        self.screen.retry(self.selected())

    def open_document(self, index: QModelIndex) -> None:
        """Show the row's document in the window."""
        row = self.model.rows[index.row()]
        if row.dossier_id is not None and self.window_.select_dossier(row.dossier_id) and row.document_id:
            self.window_.select_document(row.document_id)


class ReceiptPanel(QLabel):
    """Under the document list: where the selected document is on its way to the store."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("receipt-label")
        self.document_id: int | None = None
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lists = window.document_list.parentWidget()
        left = lists.parentWidget() if isinstance(lists, QSplitter) else None
        if left is not None and left.layout() is not None:
            left.layout().addWidget(self)  # below the dossier and document lists
        else:  # a window laid out otherwise: the status bar holds it
            window.statusBar().addWidget(self)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_document(self.document_id)
        super().changeEvent(event)

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        document = None
        if document_id is not None and document_id >= 0:
            try:
                document = self.window_.workspace.get_document(document_id)
            except ValueError:
                document = None
        text = receipt_text(document)
        self.setText(text)
        tip = ""
        if document is not None and document.receipt:
            tip = QCoreApplication.translate("Outbox", "Mã băm SHA-256: %1").replace(
                "%1", str(document.receipt.get("sha256", "")))
        self.setToolTip(tip)
        self.setVisible(bool(text))
