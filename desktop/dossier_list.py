"""The left-hand lists: a day's dossiers with their state, and the selected dossier's documents.

Models, not widget items: a row's state is read from the workspace only when the row is
painted (a day has ~100 dossiers; a year's workspace 25,000), and cached until ``reload``.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from dossier.model import Document, DocumentState, Dossier
from dossier.workspace import Workspace

from desktop.formatting import state_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def dossier_state(documents: list[Document]) -> DocumentState | None:
    """A dossier is as far as its least advanced document (None: no document yet)."""
    return min((d.state for d in documents), default=None)


def dossier_title(dossier: Dossier) -> str:
    return dossier.code or QCoreApplication.translate("DossierList", "Hồ sơ chưa có mã (số %1)").replace(
        "%1", str(dossier.id))


class DossierListModel(QAbstractListModel):
    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.day: date | None = None
        self.dossiers: list[Dossier] = []
        self._states: dict[int, DocumentState | None] = {}

    def load_day(self, day: date) -> None:
        self.beginResetModel()
        self.day = day
        self.dossiers = self.workspace.dossiers_of_day(day)
        self._states.clear()
        self.endResetModel()

    def reload(self) -> None:
        if self.day is not None:
            self.load_day(self.day)

    def row_of(self, dossier_id: int) -> int | None:
        return next((i for i, d in enumerate(self.dossiers) if d.id == dossier_id), None)

    def state_of(self, row: int) -> DocumentState | None:
        dossier = self.dossiers[row]
        if dossier.id not in self._states:
            self._states[dossier.id] = dossier_state(self.workspace.documents_of(dossier.id))
        return self._states[dossier.id]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.dossiers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        dossier = self.dossiers[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = self.state_of(index.row())
            shown = state_label(state) if state else QCoreApplication.translate("DossierList", "Chưa có tài liệu")
            return f"{dossier_title(dossier)}\n{shown}"
        if role == ID_ROLE:
            return dossier.id
        if role == STATE_ROLE:
            return self.state_of(index.row())
        return None


class DocumentListModel(QAbstractListModel):
    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.documents: list[Document] = []

    def load_dossier(self, dossier_id: int | None) -> None:
        self.beginResetModel()
        self.documents = self.workspace.documents_of(dossier_id) if dossier_id is not None else []
        self.endResetModel()

    def row_of(self, document_id: int) -> int | None:
        return next((i for i, d in enumerate(self.documents) if d.id == document_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.documents)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        document = self.documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = QCoreApplication.translate("DocumentList", "Tài liệu %1").replace("%1", str(document.position))
            line = f"{title} · {state_label(document.state)}"
            if document.last_error:
                line += "\n" + QCoreApplication.translate("DocumentList", "Lỗi: %1").replace("%1", document.last_error)
            return line
        if role == ID_ROLE:
            return document.id
        if role == STATE_ROLE:
            return document.state
        return None
