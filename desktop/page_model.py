"""The pages of one document as a list model for the thumbnail view.

Thumbnails are asked for when a row is painted (``desktop.thumbnails``): the rows missing one
are gathered and made in one background job on the ``thumbnails`` lane, each shown as it
comes back. Dragging a page to another place is a ``dossier.pages.reorder`` (undoable),
never a change of the model alone.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QByteArray, QCoreApplication, QMimeData, QModelIndex,
                            QPersistentModelIndex, QSize, Qt, QTimer)
from PySide6.QtGui import QColor, QImage, QPixmap

from dossier.model import Page
from dossier.workspace import Workspace

from desktop.tasks import Tasks
from desktop.thumbnails import THUMBNAIL_SIZE, make_thumbnails

PAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 11
MIME = "application/x-sohoa-page-ids"
Index = QModelIndex | QPersistentModelIndex


class PageListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.tasks: Tasks | None = None
        self.pages: list[Page] = []
        self.on_reorder: Callable[[list[int]], None] | None = None  # the view applies it
        self._pixmaps: dict[tuple[str, int], QPixmap] = {}  # (sha256, rotation) → thumbnail
        self._wanted: dict[int, Page] = {}
        self._asked: set[tuple[str, int]] = set()
        self._placeholder = QPixmap(QSize(int(THUMBNAIL_SIZE * 0.71), THUMBNAIL_SIZE))
        self._placeholder.fill(QColor("#e8e8e8"))

    def attach(self, workspace: Workspace, tasks: Tasks) -> None:
        self.workspace, self.tasks = workspace, tasks

    def set_pages(self, pages: list[Page]) -> None:
        self.beginResetModel()
        self.pages = list(pages)
        self.endResetModel()

    def append_pages(self, pages: list[Page]) -> None:
        """Pages just scanned: added at the end without resetting the view (the clerk's place stays)."""
        if not pages:
            return
        self.beginInsertRows(QModelIndex(), len(self.pages), len(self.pages) + len(pages) - 1)
        self.pages.extend(pages)
        self.endInsertRows()

    def row_of(self, page_id: int) -> int | None:
        return next((i for i, p in enumerate(self.pages) if p.id == page_id), None)

    def has_thumbnail(self, row: int) -> bool:
        page = self.pages[row]
        return (page.image_sha256, page.rotation) in self._pixmaps

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.pages):
            return None
        page = self.pages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = QCoreApplication.translate("PageModel", "Trang %1").replace("%1", str(index.row() + 1))
            translate = QCoreApplication.translate
            marks = [mark for mark, on in ((translate("PageModel", "trắng"), page.blank),
                                           (translate("PageModel", "phân cách"), page.separator),
                                           (translate("PageModel", "có ghi chú"), page.note == "with_note"),
                                           (translate("PageModel", "bỏ ghi chú"), page.note == "without_note")) if on]
            return text + (f" ({', '.join(marks)})" if marks else "")
        if role == Qt.ItemDataRole.DecorationRole:
            key = (page.image_sha256, page.rotation)
            pixmap = self._pixmaps.get(key)
            if pixmap is None:
                self._want(page)
                return self._placeholder
            return pixmap
        if role == Qt.ItemDataRole.ToolTipRole:
            return page.source_file or ""
        if role == PAGE_ID_ROLE:
            return page.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = [str(self.pages[i.row()].id) for i in sorted(indexes, key=lambda i: i.row())]
        data.setData(MIME, QByteArray(",".join(ids).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Pages dropped before ``row`` (at the end when -1): the new order goes to the workspace.
        Returns False so the view removes nothing itself; the model is read again from the workspace."""
        if not data.hasFormat(MIME) or self.on_reorder is None:
            return False
        moved = [int(x) for x in bytes(data.data(MIME).data()).decode().split(",") if x]
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.pages)
        order = [p.id for p in self.pages]
        before = order[row] if row < len(order) else None
        rest = [i for i in order if i not in moved]
        at = rest.index(before) if before in rest else len(rest)
        self.on_reorder(rest[:at] + moved + rest[at:])
        return False

    # -- thumbnails --------------------------------------------------------------------------

    def _want(self, page: Page) -> None:
        key = (page.image_sha256, page.rotation)
        if key in self._asked or self.tasks is None:
            return
        self._asked.add(key)
        if not self._wanted:
            QTimer.singleShot(0, self._make_wanted)  # gather the rows painted in this pass
        self._wanted[page.id] = page

    def _make_wanted(self) -> None:
        pages, self._wanted = list(self._wanted.values()), {}
        if not pages or self.workspace is None or self.tasks is None:
            return
        workspace = self.workspace
        by_id = {p.id: p for p in pages}
        self.tasks.run(lambda progress, cancel: make_thumbnails(workspace, pages, progress, cancel),
                       name=QCoreApplication.translate("PageModel", "Tạo ảnh thu nhỏ"), lane="thumbnails",
                       on_progress=lambda made: self._thumbnail_ready(by_id[made.page_id], made.image))

    def _thumbnail_ready(self, page: Page, image: QImage) -> None:
        key = (page.image_sha256, page.rotation)
        if image.isNull():
            return
        self._pixmaps[key] = QPixmap.fromImage(image)
        for row, shown in enumerate(self.pages):
            if (shown.image_sha256, shown.rotation) == key:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
