"""The "Trang" view: a document's pages (thumbnails, reorder, rotate, split …).

For now a list of the selected document's pages; the thumbnail view replaces the list behind
the same interface (``desktop.views.DocumentView``).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from dossier.workspace import Workspace

from desktop.tasks import Tasks


class PagesView(QWidget):
    """A document's pages. Emits ``document_changed(id)`` after changing a document's pages."""

    document_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.tasks: Tasks | None = None
        self.document_id: int | None = None
        self.heading = QLabel(self.tr("Chưa chọn tài liệu"))
        self.pages = QListWidget()
        self.pages.setObjectName("pages")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages)

    def attach(self, workspace: Workspace, tasks: Tasks) -> None:
        self.workspace, self.tasks = workspace, tasks

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self.pages.clear()
        if document_id is None or self.workspace is None:
            self.heading.setText(self.tr("Chưa chọn tài liệu"))
            return
        position = self.workspace.get_document(document_id).position
        pages = self.workspace.pages_of(document_id)
        self.heading.setText(self.tr("Tài liệu %1: %n trang", "", len(pages)).replace("%1", str(position)))
        for page in pages:
            self.pages.addItem(self.tr("Trang %1").replace("%1", str(page.position)))
