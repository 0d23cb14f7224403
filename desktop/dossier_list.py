"""The left-hand lists: a day's dossiers with their state, and the selected dossier's documents.

Models, not widget items. The day's states are read in one query with the day's dossiers
(a day has ~100 dossiers; a year's workspace 25,000), not one query a painted row. ``reload``
updates the rows in place when the day still has the same dossiers, so the selection and the
views stay put while the scanner and the pipeline change states many times a minute.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from dossier.model import Document, DocumentState, Dossier
from dossier.sending import problem_of
from dossier.workspace import Workspace

from desktop.formatting import state_label
from desktop.screens.outbox_view import problem_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def dossier_state(documents: list[Document]) -> DocumentState | None:
    """A dossier is as far as its least advanced document (None: no document yet)."""
    return min((d.state for d in documents), default=None)


def dossier_title(dossier: Dossier) -> str:
    return dossier.code or QCoreApplication.translate("DossierList", "Hồ sơ chưa có mã (số %1)").replace(
        "%1", str(dossier.id))


def error_text(document: Document) -> str:
    """The document's last error as the clerk reads it. A signed or queued document's error is an
    upload's (the store client's partly English words): said as the outbox says it
    (``dossier.sending.problem_of``); the other steps' errors are Vietnamese sentences already."""
    if document.state in (DocumentState.SIGNED, DocumentState.QUEUED):
        return problem_text(problem_of(document.last_error))
    return QCoreApplication.translate("DocumentList", "Lỗi: %1").replace("%1", document.last_error or "")


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
        self._states = self._read_states(self.dossiers)
        self.endResetModel()

    def reload(self) -> bool:
        """Read the day again. True when it has the same dossiers: the changed rows are
        updated in place (no reset: the selection, the scroll position and the views stay);
        False after a reset (a dossier came or went)."""
        if self.day is None:
            return False
        dossiers = self.workspace.dossiers_of_day(self.day)
        if [d.id for d in dossiers] != [d.id for d in self.dossiers]:
            self.load_day(self.day)
            return False
        states = self._read_states(dossiers)
        changed = [row for row, (old, new) in enumerate(zip(self.dossiers, dossiers, strict=True))
                   if old != new or self._states.get(old.id) != states.get(new.id)]
        self.dossiers, self._states = dossiers, states
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
        return True

    def _read_states(self, dossiers: list[Dossier]) -> dict[int, DocumentState | None]:
        """Each dossier's state (its least advanced document), in one query for the day."""
        states: dict[int, DocumentState | None] = {d.id: None for d in dossiers}
        if not dossiers:
            return states
        with self.workspace.reading() as db:
            rows = db.execute("SELECT d.dossier_id, d.state FROM documents d JOIN dossiers s ON s.id = d.dossier_id "
                              "WHERE s.received_date = ? AND d.removed = 0",
                              (dossiers[0].received_date,)).fetchall()
        for dossier_id, state in rows:
            if dossier_id in states:
                known = states[dossier_id]
                value = DocumentState(state)
                states[dossier_id] = value if known is None else min(known, value)
        return states

    def row_of(self, dossier_id: int) -> int | None:
        return next((i for i, d in enumerate(self.dossiers) if d.id == dossier_id), None)

    def state_of(self, row: int) -> DocumentState | None:
        dossier = self.dossiers[row]
        if dossier.id not in self._states:  # a dossier added to the list without a reload
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
        self.dossier_id: int | None = None
        self.documents: list[Document] = []

    def load_dossier(self, dossier_id: int | None) -> None:
        self.beginResetModel()
        self.dossier_id = dossier_id
        self.documents = self.workspace.documents_of(dossier_id) if dossier_id is not None else []
        self.endResetModel()

    def reload(self) -> bool:
        """Read the dossier's documents again; like ``DossierListModel.reload``, True when
        the rows were updated in place (same documents), False after a reset."""
        documents = self.workspace.documents_of(self.dossier_id) if self.dossier_id is not None else []
        if [d.id for d in documents] != [d.id for d in self.documents]:
            self.load_dossier(self.dossier_id)
            return False
        changed = [row for row, (old, new) in enumerate(zip(self.documents, documents, strict=True)) if old != new]
        self.documents = documents
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
        return True

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
                line += "\n" + error_text(document)
            return line
        if role == Qt.ItemDataRole.ToolTipRole and document.last_error:
            return QCoreApplication.translate("DocumentList", "Chi tiết kỹ thuật: %1").replace("%1", document.last_error)
        if role == ID_ROLE:
            return document.id
        if role == STATE_ROLE:
            return document.state
        return None
