"""The "Kiểm tra" view: a document's type and fields beside the page they were read from.

For now the fields as read, one a line; the review form (crops, highlights, keyboard
acceptance) replaces it behind the same interface (``desktop.views.DocumentView``).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from dossier.workspace import Workspace

from desktop.tasks import Tasks


class ReviewView(QWidget):
    """A document's fields. Emits ``document_changed(id)`` after a correction or an acceptance."""

    document_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.tasks: Tasks | None = None
        self.document_id: int | None = None
        self.heading = QLabel(self.tr("Chưa chọn tài liệu"))
        self.fields = QListWidget()
        self.fields.setObjectName("fields")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.fields)

    def attach(self, workspace: Workspace, tasks: Tasks) -> None:
        self.workspace, self.tasks = workspace, tasks

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self.fields.clear()
        if document_id is None or self.workspace is None:
            self.heading.setText(self.tr("Chưa chọn tài liệu"))
            return
        fields = self.workspace.fields(document_id)
        if not fields:
            self.heading.setText(self.tr("Tài liệu chưa được đọc trường thông tin"))
            return
        self.heading.setText(self.tr("Các trường thông tin đã đọc"))
        for name, value in fields.items():
            shown = ", ".join(value) if isinstance(value, list) else (value or "")
            self.fields.addItem(f"{name}: {shown}")
