"""The "Trang" view: a document's pages as thumbnails beside the page at reading size.

Every change goes through ``dossier.pages`` (reorder, rotate, delete, split, merge, mark,
the note pair, undo/redo: each undoable and in the audit trail) and the split proposals of
``dossier.split_apply``; this view only shows the result, read back from the workspace.
Each action has a key (listed by the F1 overlay); the keys act while the focus is in this view,
so typing a dossier code elsewhere never rotates a page. Errors (a page pair that must stay
together, a document already sent) are said in the message line above the pages, not in a
dialog: the clerk keeps working.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListView, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from dossier import pages as page_ops
from dossier.workspace import Workspace, WorkspaceError

from desktop.i18n import RetranslatedWidget, paint_again
from desktop.page_model import PAGE_ID_ROLE, PageListModel
from desktop.page_viewer import ZOOM_STEP, PageViewer
from desktop.tasks import Tasks
from desktop.thumbnails import THUMBNAIL_SIZE


class PagesView(RetranslatedWidget, QWidget):
    """A document's pages. Emits ``document_changed(id)`` after changing a document's pages."""

    document_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pages-view")
        self.workspace: Workspace | None = None
        self.tasks: Tasks | None = None
        self.document_id: int | None = None
        self.rescan_handler: Callable[[int], None] | None = None  # the intake screen scans one page
        self.proposal: Any = None  # the split proposal shown, waiting for the clerk
        self._position = 0  # the shown document's place in its dossier
        self.heading = QLabel()
        self.heading.setObjectName("pages-heading")
        self.message = QLabel()
        self.message.setObjectName("pages-message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = PageListModel(self)
        self.model.on_reorder = self.reorder
        self.pages = QListView()
        self.pages.setObjectName("pages")
        self.pages.setModel(self.model)
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.pages.setGridSize(QSize(THUMBNAIL_SIZE + 24, THUMBNAIL_SIZE + 40))
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setMovement(QListView.Movement.Snap)
        self.pages.setUniformItemSizes(True)  # 200 pages laid out without measuring each
        self.pages.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.pages.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.pages.setWordWrap(True)
        self.viewer = PageViewer()

        self.proposal_box = QWidget()
        self.proposal_box.setObjectName("split-proposal")
        box = QHBoxLayout(self.proposal_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.proposal_text = QLabel()
        self.proposal_text.setWordWrap(True)
        self.apply_button = QPushButton()
        self.dismiss_button = QPushButton()
        box.addWidget(self.proposal_text, 1)
        box.addWidget(self.apply_button)
        box.addWidget(self.dismiss_button)
        self.proposal_box.hide()
        self.apply_button.clicked.connect(self.apply_proposal)
        self.dismiss_button.clicked.connect(self.dismiss_proposal)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])  # the page at reading size gets the larger part
        self.viewer.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.proposal_box)
        layout.addWidget(splitter, 1)
        self.pages.selectionModel().currentChanged.connect(lambda current, _: self._show_current())
        self._build_actions()
        self.retranslate()

    def retranslate(self) -> None:
        """The view's texts in the current language (at start, and when it changes)."""
        self.apply_button.setText(self.tr("Áp dụng đề xuất tách"))
        self.dismiss_button.setText(self.tr("Bỏ qua"))
        for action, text in self._action_texts:
            action.setText(text())
        if self.document_id is None or self.workspace is None:
            self.heading.setText(self.tr("Chưa chọn tài liệu"))
        else:
            self._update_heading(self._position)
        paint_again(self.model)  # the captions are made when painted

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self._action_texts: list[tuple[QAction, Callable[[], str]]] = []

        def a(name: str, text: Callable[[], str], keys: str | QKeySequence.StandardKey, slot: Callable[[], Any]) -> None:
            action = QAction(text(), self)
            self._action_texts.append((action, text))
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

        a("rotate-right", lambda: self.tr("Xoay trang sang phải"), "R", lambda: self.rotate(90))
        a("rotate-left", lambda: self.tr("Xoay trang sang trái"), "Shift+R", lambda: self.rotate(270))
        a("delete-page", lambda: self.tr("Xóa trang"), "Del", self.delete)
        a("split-here", lambda: self.tr("Tách tài liệu mới từ trang này"), "S", self.split_here)
        a("merge-next", lambda: self.tr("Gộp với tài liệu sau"), "M", self.merge_next)
        a("mark-blank", lambda: self.tr("Đánh dấu/bỏ đánh dấu trang trắng"), "B", lambda: self.toggle_mark("blank"))
        a("mark-separator", lambda: self.tr("Đánh dấu/bỏ đánh dấu tờ phân cách"), "X", lambda: self.toggle_mark("separator"))
        a("note-pair", lambda: self.tr("Nhân đôi trang: bản có và bản không có ghi chú"), "N", self.duplicate_for_note)
        a("rescan-page", lambda: self.tr("Quét lại trang"), "Shift+F5", self.rescan)
        a("move-earlier", lambda: self.tr("Chuyển trang lên trước"), "Ctrl+Left", lambda: self.move_selected(-1))
        a("move-later", lambda: self.tr("Chuyển trang ra sau"), "Ctrl+Right", lambda: self.move_selected(1))
        a("undo", lambda: self.tr("Hoàn tác"), QKeySequence.StandardKey.Undo, self.undo)
        a("redo", lambda: self.tr("Làm lại"), "Ctrl+Y", self.redo)
        a("propose-split", lambda: self.tr("Đề xuất tách tài liệu"), "P", self.propose_split)
        a("apply-split", lambda: self.tr("Áp dụng đề xuất tách"), "Ctrl+Return", self.apply_proposal)
        a("zoom-in", lambda: self.tr("Phóng to trang"), "+", lambda: self.viewer.zoom_by(ZOOM_STEP))
        a("zoom-out", lambda: self.tr("Thu nhỏ trang"), "-", lambda: self.viewer.zoom_by(1 / ZOOM_STEP))
        a("zoom-fit", lambda: self.tr("Vừa khung"), "Ctrl+0", self.viewer.fit)

    # -- DocumentView -------------------------------------------------------------------------

    def attach(self, workspace: Workspace, tasks: Tasks) -> None:
        self.workspace, self.tasks = workspace, tasks
        self.model.attach(workspace, tasks)

    def show_document(self, document_id: int | None) -> None:
        if document_id != self.document_id:
            self.dismiss_proposal()
            self.say("")
        self.document_id = document_id
        self.reload()

    def reload(self, select: list[int] | None = None) -> None:
        """Read the document's pages again, keeping the selected pages selected."""
        keep = select if select is not None else self.selected_page_ids()
        if self.document_id is None or self.workspace is None:
            self.heading.setText(self.tr("Chưa chọn tài liệu"))
            self.model.set_pages([])
            self._show_current()
            return
        try:
            document = self.workspace.get_document(self.document_id)
        except WorkspaceError:
            self.document_id = None
            self.reload()
            return
        self.model.set_pages(self.workspace.pages_of(self.document_id))
        self._update_heading(document.position)
        rows = [r for r in (self.model.row_of(i) for i in keep) if r is not None]
        if not rows and self.model.pages:
            rows = [0]
        for n, row in enumerate(rows):
            flag = QItemSelectionModel.SelectionFlag.Select
            if n == 0:
                self.pages.selectionModel().setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            else:
                self.pages.selectionModel().select(self.model.index(row), flag)
        self._show_current()

    def _update_heading(self, position: int) -> None:
        self._position = position
        self.heading.setText(self.tr("Tài liệu %1: %n trang", "", len(self.model.pages)).replace("%1", str(position)))

    def pages_arrived(self, document_id: int, pages: list) -> None:  # type: ignore[type-arg]
        """Pages just scanned into ``document_id``: shown at once when it is the one on screen."""
        if document_id != self.document_id or self.workspace is None:
            return
        known = {p.id for p in self.model.pages}
        self.model.append_pages([p for p in pages if p.id not in known])
        self._update_heading(self._position)  # no read per page: the document's place is as loaded
        if self.pages.currentIndex().row() < 0 and self.model.pages:
            self.pages.setCurrentIndex(self.model.index(0))

    # -- selection ------------------------------------------------------------------------------

    def selected_page_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.pages.selectionModel().selectedIndexes())
        if not rows and self.pages.currentIndex().isValid():
            rows = [self.pages.currentIndex().row()]
        return [self.model.pages[r].id for r in rows if r < len(self.model.pages)]

    def current_page_id(self) -> int | None:
        index = self.pages.currentIndex()
        return index.data(PAGE_ID_ROLE) if index.isValid() else None

    def _show_current(self) -> None:
        if self.workspace is None or self.tasks is None:
            return
        row = self.pages.currentIndex().row()
        page = self.model.pages[row] if 0 <= row < len(self.model.pages) else None
        self.viewer.show_page(self.workspace, self.tasks, page)

    # -- messages ------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """A message in the line above the pages (red for an error); empty hides it."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
        self.message.setVisible(bool(text))

    def _change(self, action: Callable[[], Any], *, select: list[int] | None = None,
                changed: list[int] | None = None) -> Any:
        """Run a page operation; its refusal is said, in Vietnamese, in the message line."""
        if self.workspace is None or self.document_id is None:
            return None
        try:
            result = action()
        except WorkspaceError as exc:
            self.say(self.tr("Không thực hiện được: %1").replace("%1", str(exc)), error=True)
            return None
        self.say("")
        self.reload(select)
        for document_id in changed or [self.document_id]:
            if document_id is not None:
                self.document_changed.emit(document_id)
        return result

    # -- the operations ------------------------------------------------------------------------

    def reorder(self, order: list[int]) -> None:
        ws, document_id = self.workspace, self.document_id
        self._change(lambda: page_ops.reorder(ws, document_id, order), select=self.selected_page_ids())

    def move_selected(self, step: int) -> None:
        selected = self.selected_page_ids()
        if not selected:
            return
        order = [p.id for p in self.model.pages]
        rest = [i for i in order if i not in selected]
        first = order.index(selected[0])
        at = max(0, min(len(rest), first + step))
        new = rest[:at] + selected + rest[at:]
        if new != order:
            self.reorder(new)

    def rotate(self, degrees: int) -> None:
        ws, selected = self.workspace, self.selected_page_ids()

        def turn() -> None:
            for page_id in selected:
                page_ops.rotate(ws, page_id, degrees)
        if selected:
            self._change(turn, select=selected)

    def delete(self) -> None:
        ws, selected = self.workspace, self.selected_page_ids()
        if selected:
            self._change(lambda: page_ops.delete(ws, selected))
            self.say(self.tr("Đã xóa %n trang; nhấn Ctrl+Z để lấy lại.", "", len(selected)))

    def split_here(self) -> None:
        ws, document_id, page_id = self.workspace, self.document_id, self.current_page_id()
        if page_id is None:
            return
        new = self._change(lambda: page_ops.split(ws, document_id, page_id))
        if new is not None:
            self.say(self.tr("Đã tách: các trang từ trang này thành tài liệu %1.").replace("%1", str(new.position)))
            self.document_changed.emit(new.id)

    def merge_next(self) -> None:
        ws, document_id = self.workspace, self.document_id
        if ws is None or document_id is None:
            return
        document = ws.get_document(document_id)
        following = None
        if document.dossier_id is not None:
            documents = ws.documents_of(document.dossier_id)
            index = next(i for i, d in enumerate(documents) if d.id == document_id)
            following = documents[index + 1] if index + 1 < len(documents) else None
        if following is None:
            self.say(self.tr("Không có tài liệu nào sau tài liệu này để gộp."), error=True)
            return
        self._change(lambda: page_ops.merge(ws, document_id, following.id), select=self.selected_page_ids())

    def toggle_mark(self, what: str) -> None:
        ws, selected = self.workspace, self.selected_page_ids()
        pages = {p.id: p for p in self.model.pages}

        def mark() -> None:
            for page_id in selected:
                on = not getattr(pages[page_id], what)
                page_ops.mark(ws, page_id, **{what: on})
        if selected:
            self._change(mark, select=selected)

    def duplicate_for_note(self) -> None:
        ws, page_id = self.workspace, self.current_page_id()
        if page_id is not None:
            self._change(lambda: page_ops.duplicate_for_note(ws, page_id), select=[page_id])
            self.say(self.tr("Trang này là bản có ghi chú; bản sau nó là bản không ghi chú: quét lại bản đó "
                             "(Shift+F5) sau khi che ghi chú."))

    def rescan(self) -> None:
        page_id = self.current_page_id()
        if page_id is None:
            return
        if self.rescan_handler is None:
            self.say(self.tr("Chức năng quét chưa sẵn sàng trên máy này."), error=True)
            return
        self.rescan_handler(page_id)

    def replace_page(self, page_id: int, image: Any) -> None:
        """The rescanned image takes the page's place (undoable)."""
        ws = self.workspace
        new = self._change(lambda: page_ops.replace(ws, page_id, image))
        if new is not None:
            self.reload([new.id])

    def undo(self) -> None:
        ws, document_id = self.workspace, self.document_id
        operation = self._change(lambda: page_ops.undo(ws, document_id))
        if self.document_id is not None and operation is None and self.message.isHidden():
            self.say(self.tr("Không còn thao tác nào để hoàn tác."))
        elif operation is not None:
            for other in operation.documents:
                self.document_changed.emit(other)

    def redo(self) -> None:
        ws, document_id = self.workspace, self.document_id
        operation = self._change(lambda: page_ops.redo(ws, document_id))
        if self.document_id is not None and operation is None and self.message.isHidden():
            self.say(self.tr("Không còn thao tác nào để làm lại."))
        elif operation is not None:
            for other in operation.documents:
                self.document_changed.emit(other)

    # -- split proposals -----------------------------------------------------------------------

    def propose_split(self) -> None:
        """Read the pages for separator sheets, patch codes and blank sheets (in the background)
        and show where the document would be cut; nothing changes until the clerk applies it."""
        if self.workspace is None or self.tasks is None or self.document_id is None:
            return
        from dossier.split_apply import propose_for_document

        ws, document_id = self.workspace, self.document_id
        self.say(self.tr("Đang đọc các trang để đề xuất tách…"))
        self.tasks.run(lambda progress, cancel: propose_for_document(ws, document_id),
                       name=self.tr("Đề xuất tách tài liệu"),
                       on_success=lambda proposal: self._show_proposal(document_id, proposal),
                       on_failure=lambda exc: self.say(str(exc), error=True))

    def _show_proposal(self, document_id: int, proposal: Any) -> None:
        if document_id != self.document_id:
            return
        self.say("")
        self.proposal = proposal
        lines = proposal.describe()
        if len(proposal.documents) <= 1 and not proposal.separators:
            lines = [self.tr("Không thấy chỗ nào cần tách: tài liệu giữ nguyên."), *proposal.notes]
        self.proposal_text.setText("\n".join(lines))
        self.apply_button.setEnabled(len(proposal.documents) > 1 or bool(proposal.separators))
        self.proposal_box.show()

    def apply_proposal(self) -> None:
        if self.proposal is None or self.workspace is None:
            return
        from dossier.split_apply import apply_split

        ws, document_id, proposal = self.workspace, self.document_id, self.proposal
        ids = self._change(lambda: apply_split(ws, document_id, proposal))
        self.dismiss_proposal()
        if ids:
            for other in ids:
                self.document_changed.emit(other)
            self.say(self.tr("Đã tách thành %n tài liệu.", "", len(ids)))

    def dismiss_proposal(self) -> None:
        self.proposal = None
        self.proposal_box.hide()
