"""The batches dock: a table of the latest scanning batches and their page counts per stage,
the session's pages per hour, and the quality-control panel of the selected batch.

Widgets only: what they show comes from ``desktop.screens.batches`` (which reads the core off
the UI thread); the panel's buttons call back into it.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QTableView, QVBoxLayout, QWidget)

from dossier.batch_stats import BatchCounts
from dossier.model import Document, DocumentState
from dossier.quality import Sample, Verdict

from desktop.formatting import format_date
from desktop.i18n import RetranslatedWidget, paint_again

BATCH_ROLE = Qt.ItemDataRole.UserRole + 21
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 22
Index = QModelIndex | QPersistentModelIndex


COLUMNS: tuple[tuple[str, str], ...] = (
    ("batch", QCoreApplication.translate("Batches", "Lô")),
    ("started", QCoreApplication.translate("Batches", "Bắt đầu")),
    ("documents", QCoreApplication.translate("Batches", "Tài liệu")),
    ("scanned", QCoreApplication.translate("Batches", "Đã quét")),
    ("processed", QCoreApplication.translate("Batches", "Đã nhận dạng")),
    ("waiting_review", QCoreApplication.translate("Batches", "Chờ kiểm tra")),
    ("signed", QCoreApplication.translate("Batches", "Đã ký")),
    ("uploaded", QCoreApplication.translate("Batches", "Đã gửi")),
    ("source", QCoreApplication.translate("Batches", "Nguồn")),  # last: it stretches
)
NUMBER_COLUMNS = {"documents", "scanned", "processed", "waiting_review", "signed", "uploaded"}


class BatchTable(QAbstractTableModel):
    """The batches, newest first; counts are pages except the documents column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BatchCounts] = []

    def set_rows(self, rows: Sequence[BatchCounts]) -> bool:
        """Replace the rows; True when the batches themselves changed (not only their counts),
        which resets the view (the caller keeps the selection)."""
        rows = list(rows)
        if [r.batch_id for r in rows] == [r.batch_id for r in self.rows]:
            changed = [i for i, (old, new) in enumerate(zip(self.rows, rows)) if old != new]
            self.rows = rows
            if changed:  # counts only: the selection and the scroll position stay
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def row_of(self, batch_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.batch_id == batch_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Batches", COLUMNS[section][1])
        return None

    def value(self, row: int, key: str) -> Any:
        counts = self.rows[row]
        if key == "batch":
            return str(counts.batch_id)
        if key == "started":
            return f"{format_date(counts.started_at)} {counts.started_at[11:16]}"
        if key == "source":
            return " · ".join(part for part in (counts.device, counts.profile, counts.operator) if part)
        return getattr(counts, key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(index.row(), key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BATCH_ROLE:
            return self.rows[index.row()].batch_id
        return None


def verdict_text(verdict: Verdict, state: DocumentState) -> str:
    if verdict is Verdict.PASSED:
        return QCoreApplication.translate("Batches", "Đạt")
    if verdict is Verdict.SENT_BACK:
        return QCoreApplication.translate("Batches", "Đã sửa, chờ kiểm tra lại") if state is DocumentState.REVIEWED else QCoreApplication.translate("Batches", "Đã trả lại, chờ sửa")
    return QCoreApplication.translate("Batches", "Chờ kiểm tra")


class QualityPanel(RetranslatedWidget, QWidget):
    """The selected batch's sample: each document with its verdict; open, pass, send back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quality-panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("quality-summary")
        self.summary.setWordWrap(True)
        self.draw_button = QPushButton()
        self.draw_button.setObjectName("quality-draw")
        self.documents = QListWidget()
        self.documents.setObjectName("quality-documents")
        self.note = QLineEdit()
        self.note.setObjectName("quality-note")
        self.open_button = QPushButton()
        self.open_button.setObjectName("quality-open")
        self.pass_button = QPushButton()
        self.pass_button.setObjectName("quality-pass")
        self.back_button = QPushButton()
        self.back_button.setObjectName("quality-send-back")
        buttons = QHBoxLayout()
        for button in (self.open_button, self.pass_button, self.back_button):
            buttons.addWidget(button)
        layout.addWidget(self.summary)
        layout.addWidget(self.draw_button)
        layout.addWidget(self.documents, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.documents.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.sample: Sample | None = None
        self.retranslate()
        self.show_sample(None, None, {})

    def retranslate(self) -> None:
        """The panel's own texts in the current language (the screen shows the sample again)."""
        self.documents.setAccessibleName(QCoreApplication.translate("Batches", "Tài liệu mẫu kiểm tra lại"))
        self.note.setPlaceholderText(QCoreApplication.translate("Batches", "Lý do trả lại (ví dụ: sai số ký hiệu)"))
        self.open_button.setText(QCoreApplication.translate("Batches", "Mở để kiểm tra"))
        self.open_button.setToolTip(QCoreApplication.translate("Batches", "Mở tài liệu trong màn hình Kiểm tra (Enter)"))
        self.pass_button.setText(QCoreApplication.translate("Batches", "Đạt"))
        self.pass_button.setToolTip(QCoreApplication.translate("Batches", "Tài liệu đúng (Alt+D)"))
        self.back_button.setText(QCoreApplication.translate("Batches", "Trả lại để sửa"))
        self.back_button.setToolTip(QCoreApplication.translate("Batches", "Trả tài liệu về bước kiểm tra để sửa (Alt+T)"))
        # After the texts: a button's setText replaces its shortcut with the text's mnemonic.
        self.pass_button.setShortcut(QKeySequence("Alt+D"))
        self.back_button.setShortcut(QKeySequence("Alt+T"))

    def show_sample(self, batch_id: int | None, sample: Sample | None, documents: dict[int, Document],
                    percent: int = 0) -> None:
        current = self.current_document()
        self.sample = sample
        self.documents.clear()
        if batch_id is None:
            self.summary.setText(QCoreApplication.translate("Batches", "Chọn một lô để kiểm tra chất lượng."))
        elif sample is None:
            self.summary.setText(QCoreApplication.translate("Batches", "Lô %1 chưa lấy mẫu kiểm tra chất lượng (%2 % tài liệu đã kiểm tra, ít nhất 1).")
                                 .replace("%1", str(batch_id)).replace("%2", str(percent)))
        else:
            for document_id in sample.document_ids:
                document = documents.get(document_id)
                if document is None:  # removed since the draw
                    continue
                title = QCoreApplication.translate("Batches", "Tài liệu %1 (số %2)").replace("%1", str(document.position)).replace("%2", str(document.id))
                item = QListWidgetItem(f"{title} · {verdict_text(sample.verdicts[document_id], document.state)}")
                item.setData(DOCUMENT_ROLE, document_id)
                self.documents.addItem(item)
            state = (QCoreApplication.translate("Batches", "đã đạt, được ký") if sample.cleared else
                     QCoreApplication.translate("Batches", "còn %1 tài liệu chưa đạt").replace("%1", str(len(sample.document_ids) - sample.checked)))
            if sample.late:
                state = QCoreApplication.translate("Batches", "%1 tài liệu mới kiểm tra chưa được lấy mẫu").replace(
                    "%1", str(sample.late))
            self.summary.setText(QCoreApplication.translate("Batches", "Lô %1: mẫu %2 tài liệu (%3 % của %4 tài liệu đã kiểm tra, rút ngày %5) · %6.")
                                 .replace("%1", str(batch_id)).replace("%2", str(len(sample.document_ids)))
                                 .replace("%3", str(sample.percent)).replace("%4", str(sample.pool))
                                 .replace("%5", format_date(sample.drawn_at)).replace("%6", state))
            rows = [self.documents.item(i).data(DOCUMENT_ROLE) for i in range(self.documents.count())]
            self.documents.setCurrentRow(rows.index(current) if current in rows else 0)
        self.draw_button.setText(QCoreApplication.translate("Batches", "Lấy mẫu bổ sung") if sample is not None
                                 else QCoreApplication.translate("Batches", "Lấy mẫu kiểm tra chất lượng"))
        self.draw_button.setVisible(batch_id is not None and (sample is None or sample.late > 0))
        self._update_buttons()

    def current_document(self) -> int | None:
        item = self.documents.currentItem()
        return item.data(DOCUMENT_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.current_document() is not None
        for button in (self.open_button, self.pass_button, self.back_button):
            button.setEnabled(chosen)


class BatchesDock(QDockWidget):
    def __init__(self, window: Any) -> None:
        super().__init__(QCoreApplication.translate("Batches", "Lô quét"), window)
        self.setObjectName("batches-dock")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.rate = QLabel()
        self.rate.setObjectName("batches-rate")
        self.model = BatchTable(self)
        self.table = QTableView()
        self.table.setObjectName("batches-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.quality = QualityPanel()
        layout.addWidget(self.rate)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.quality, 1)
        self.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the rows' words are made when painted
            self.setWindowTitle(QCoreApplication.translate("Batches", "Lô quét"))
            paint_again(self.model)
        super().changeEvent(event)

    def selected_batch(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(BATCH_ROLE) if index.isValid() else None

    def select_batch(self, batch_id: int) -> bool:
        row = self.model.row_of(batch_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True
