"""The "Kiểm tra" view: a document's type and fields beside the page they were read from.

Keyboard-first, as a verification station at a counter: Enter accepts the field and goes to
the next one needing attention, F8 to the next flagged field of the whole dossier, Ctrl+Enter
accepts the document, Esc takes back what was typed in the field. Every edit is saved when the
field is left or accepted (``Workspace.record_correction``, which audits it), then the
document is validated again so the colours follow. Page images and crops are read in a worker.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMessageBox, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from dossier.fields import type_label
from dossier.model import DocumentState, Page
from dossier.review import ReviewState, review_state
from dossier.workspace import Workspace
from ocr.extract.profile import table

from desktop.errors import show_error
from desktop.field_editor import FieldRow
from desktop.i18n import RetranslatedWidget
from desktop.page_canvas import ZOOM_STEP, PageCanvas
from desktop.page_images import PageImage, load_crops, load_page_image, page_image, render
from desktop.tasks import Tasks

# F9 reads the field's own box again with this much paper around it: a box cut tight by
# extraction can clip an accent above the line or a descender below it.
REREAD_MARGIN_PX = 8


def document_types() -> list[str]:
    """The design's document types, in the profile's order."""
    return list(table("document_types").get("types", {}))


class ReviewView(RetranslatedWidget, QWidget):
    """A document's fields. Emits ``document_changed(id)`` after an acceptance or a change of
    type, and ``document_requested(id)`` when F8 finds the next flagged field in another document
    (the window selects it; the field gets the focus when it is shown)."""

    document_changed = Signal(int)
    document_accepted = Signal(int)  # after Workspace.accept_review: a pipeline waiting for it goes on
    document_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-view")
        self.workspace: Workspace | None = None
        self.tasks: Tasks | None = None
        self.document_id: int | None = None
        self.state: ReviewState | None = None
        self.rows: dict[str, FieldRow] = {}
        self.current: str | None = None  # the field the clerk is on: a drawn box goes into it
        self._pending_focus: str | None = None
        self._pages: list[Page] = []
        self._shown_page: PageImage | None = None
        self.shown_page_number = 0
        self.editable = False  # the document waits for review: its fields can be corrected
        self._page_cache: dict[PageImage, QImage] = {}
        self._crop_cache: dict[tuple[PageImage, tuple[int, int, int, int]], QImage] = {}

        self.heading = QLabel()
        self._heading_text: Callable[[], str] = lambda: self.tr("Chưa chọn tài liệu")
        self._action_texts: list[tuple[QAction, Callable[[], str]]] = []
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.type_box = QComboBox()
        self.type_box.setObjectName("document-type")
        for name in document_types():
            self.type_box.addItem(type_label(name), name)
        self.type_box.activated.connect(self._type_chosen)
        type_label_widget = QLabel()
        type_label_widget.setBuddy(self.type_box)
        self.type_label = type_label_widget
        self.document_problems = QLabel()
        self.document_problems.setObjectName("document-problems")
        self.document_problems.setWordWrap(True)
        self.document_problems.setStyleSheet("color: #b00000;")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)

        self.form = QWidget()
        self.form.setObjectName("review-form")
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form)
        self.canvas = PageCanvas()
        self.canvas.region_drawn.connect(self._region_drawn)
        self.page_label = QLabel()
        self.page_label.setObjectName("page-label")
        paper = QWidget()
        paper_layout = QVBoxLayout(paper)
        paper_layout.setContentsMargins(0, 0, 0, 0)
        paper_layout.addWidget(self.page_label)
        self.page_error = QLabel()
        self.page_error.setObjectName("page-error")
        self.page_error.setWordWrap(True)
        self.page_error.setStyleSheet("color: #b00000;")
        self.page_error.hide()
        paper_layout.addWidget(self.page_error)
        paper_layout.addWidget(self.canvas, 1)

        top = QHBoxLayout()
        top.addWidget(type_label_widget)
        top.addWidget(self.type_box, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addLayout(top)
        left_layout.addWidget(self.document_problems)
        left_layout.addWidget(self.scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(paper)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)
        self._build_actions()
        self.retranslate()
        self._set_enabled(False)

    def retranslate(self) -> None:
        """The view's texts in the current language (at start, and when it changes): the
        shown document's heading, page and field messages are made again from its state."""
        # No mnemonic of its own: Alt+L is the "focus-type" action (listed in F1). A mnemonic
        # grabbed again by each retranslation would make Alt+L ambiguous with it, and do nothing.
        self.type_label.setText(self.tr("Loại văn bản (Alt+L):"))
        self.hint.setText(self.tr("Enter: chấp nhận trường · F8: trường cần kiểm tra tiếp theo · "
                                  "Ctrl+Enter: chấp nhận tài liệu · Esc: hoàn tác · kéo chuột trên trang: "
                                  "đọc vùng vào trường đang chọn"))
        for act, text in self._action_texts:
            act.setText(text())
        self.heading.setText(self._heading_text())
        if self.shown_page_number:
            self._show_page_label()
        if self.state is not None:
            self._show_state(reload_text=False)

    def _set_heading(self, text: Callable[[], str]) -> None:
        self._heading_text = text
        self.heading.setText(text())

    def _build_actions(self) -> None:
        def action(name: str, text: Callable[[], str], keys: list[QKeySequence], slot: Callable[[], Any],
                   context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
            act = QAction(text(), self)
            self._action_texts.append((act, text))
            act.setObjectName(name)
            act.setShortcuts(keys)
            act.setShortcutContext(context)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        key = QKeySequence
        self.accept_field_action = action("accept-field", lambda: self.tr("Chấp nhận trường, sang trường cần kiểm tra"),
                                          [key(Qt.Key.Key_Return), key(Qt.Key.Key_Enter)], self.accept_field)
        self.revert_action = action("revert-field", lambda: self.tr("Hoàn tác trường đang sửa"),
                                    [key(Qt.Key.Key_Escape)], self.revert_field)
        self.next_action = action("next-flagged", lambda: self.tr("Trường cần kiểm tra tiếp theo trong hồ sơ"),
                                  [key("F8"), key("Ctrl+Down")], self.next_flagged_in_dossier,
                                  Qt.ShortcutContext.WindowShortcut)
        self.accept_action = action("accept-document", lambda: self.tr("Chấp nhận tài liệu đã kiểm tra"),
                                    [key("Ctrl+Return"), key("Ctrl+Enter")], self.accept_document)
        self.type_action = action("focus-type", lambda: self.tr("Chọn loại văn bản"), [key("Alt+L")], self.type_box.setFocus)
        self.reread_action = action("reread-field", lambda: self.tr("Đọc lại trường từ vùng của nó trên trang"),
                                    [key("F9")], self.reread_field)
        action("zoom-in", lambda: self.tr("Phóng to trang"), [key("Ctrl++"), key("Ctrl+=")],
               lambda: self.canvas.zoom(ZOOM_STEP))
        action("zoom-out", lambda: self.tr("Thu nhỏ trang"), [key("Ctrl+-")], lambda: self.canvas.zoom(1 / ZOOM_STEP))
        action("zoom-fit", lambda: self.tr("Trang vừa chiều rộng"), [key("Ctrl+0")], self.canvas.fit_width)
        action("next-page", lambda: self.tr("Trang sau của tài liệu"), [key("Ctrl+PgDown")], lambda: self.turn_page(1))
        action("previous-page", lambda: self.tr("Trang trước của tài liệu"), [key("Ctrl+PgUp")], lambda: self.turn_page(-1))

    def _set_enabled(self, on: bool) -> None:
        self.type_box.setEnabled(on)
        for act in (self.accept_field_action, self.revert_action, self.accept_action, self.reread_action):
            act.setEnabled(on)

    # -- DocumentView --------------------------------------------------------------------------

    def attach(self, workspace: Workspace, tasks: Tasks) -> None:
        self.workspace, self.tasks = workspace, tasks

    def show_document(self, document_id: int | None) -> None:
        self._save_current()
        self.document_id = document_id
        self.state = None
        self.current = None
        self._clear_rows()
        self.canvas.set_page(None)
        self._shown_page = None
        self.shown_page_number = 0
        self.page_label.clear()
        self.page_error.hide()
        self._pages = []
        self.document_problems.hide()
        if document_id is None or self.workspace is None:
            self._set_heading(lambda: self.tr("Chưa chọn tài liệu"))
            self._set_enabled(False)
            return
        document = self.workspace.get_document(document_id)
        self._pages = [p for p in self.workspace.pages_of(document_id) if not p.separator]
        self.state = review_state(self.workspace, document_id)
        if self.state is None:
            self._set_heading(lambda: self.tr("Tài liệu chưa được đọc trường thông tin"))
            self._set_enabled(False)
            if self._pages:
                self._show_page(1)
            return
        self._set_enabled(True)
        # Once accepted the fields are what gets signed and sent: shown, no longer edited here.
        self.editable = document.state == DocumentState.EXTRACTED
        if not self.editable:
            for act in (self.revert_action, self.accept_action, self.reread_action):
                act.setEnabled(False)
            self.type_box.setEnabled(False)
        self._set_heading(lambda: self.tr("Tài liệu %1 · %2").replace("%1", str(document.position))
                          .replace("%2", self._waiting_text(document.state)))
        index = self.type_box.findData(self.state.document_type)
        self.type_box.setCurrentIndex(index)
        for field in self.state.fields:
            self._add_row(field.name)
        for row in self.rows.values():
            row.editor.setReadOnly(not self.editable)
        self._show_state(reload_text=True)
        self._load_crops()
        target = self._pending_focus or (self.state.flagged[0] if self.state.flagged else None) \
            or (self.state.fields[0].name if self.state.fields else None)
        self._pending_focus = None
        if target is not None:
            self.focus_field(target)
        elif self._pages:
            self._show_page(1)

    def _waiting_text(self, state: DocumentState) -> str:
        if state == DocumentState.EXTRACTED:
            return self.tr("chờ kiểm tra")
        if state in (DocumentState.CAPTURED, DocumentState.PROCESSED):
            return self.tr("chưa đọc xong")
        return self.tr("đã kiểm tra, chỉ xem")

    def _add_row(self, name: str) -> FieldRow:
        row = FieldRow(name)
        row.focused.connect(self._field_focused)
        row.left.connect(self._field_left)
        row.enter_pressed.connect(self.accept_field)
        self.form_layout.insertWidget(self.form_layout.count() - 1, row)
        self.rows[name] = row
        return row

    def _clear_rows(self) -> None:
        for row in self.rows.values():
            row.blockSignals(True)
            row.setParent(None)
            row.deleteLater()
        self.rows = {}

    # -- state and colours ---------------------------------------------------------------------

    def _revalidate(self) -> None:
        if self.workspace is None or self.document_id is None:
            return
        self.state = review_state(self.workspace, self.document_id)
        if self.state is None:
            return
        for field in self.state.fields:  # a problem may name a field the form did not have yet
            if field.name not in self.rows:
                self._add_row(field.name).show_state(field, reload_text=True)
        self._show_state(reload_text=False)

    def _show_state(self, *, reload_text: bool) -> None:
        assert self.state is not None
        for field in self.state.fields:
            row = self.rows.get(field.name)
            if row is not None:
                row.show_state(field, reload_text=reload_text or not row.changed)
        own = self.state.document_problems
        self.document_problems.setText("\n".join(p.message for p in own))
        self.document_problems.setVisible(bool(own))

    # -- fields --------------------------------------------------------------------------------

    def focus_field(self, name: str) -> None:
        row = self.rows.get(name)
        if row is None:
            return
        row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(row)
        self._field_focused(name)

    def _field_focused(self, name: str) -> None:
        self.current = name
        field = self.state.get(name) if self.state else None
        if field is None:
            return
        self._show_page(field.page or 1, field.bbox)

    def _field_left(self, name: str) -> None:
        self._save(name)

    def _save(self, name: str, *, confirm: bool = False) -> bool:
        """Record the field's value if it changed (or, with ``confirm``, if it was only doubtful:
        the clerk vouches for it, which the audit trail shows as a correction to the same value)."""
        row = self.rows.get(name)
        field = self.state.get(name) if self.state else None
        if row is None or field is None or self.workspace is None or self.document_id is None \
                or not self.editable:
            return False
        vouch = confirm and field.flag == "doubt"
        if not row.changed and not vouch:
            return False
        try:
            self.workspace.record_correction(self.document_id, name, row.value())
        except (ValueError, OSError) as exc:
            show_error(self, exc)
            return False
        row.saved = row.text()
        # Not ``document_changed``: a correction changes no list or state the window shows, and
        # the window's refresh would rebuild this form under the clerk's cursor.
        self._revalidate()
        return True

    def _save_current(self) -> None:
        if self.current is not None:
            self._save(self.current)

    def accept_field(self) -> None:
        """Enter: save (and vouch for) the field, go to the next field needing attention."""
        if self.state is None:
            return
        if self.current is not None:
            self._save(self.current, confirm=True)
        following = self._next_flagged_after(self.current)
        if following is not None:
            self.focus_field(following)
        else:
            self._message(self.tr("Không còn trường cần kiểm tra. Nhấn Ctrl+Enter để chấp nhận tài liệu."))

    def _next_flagged_after(self, name: str | None) -> str | None:
        assert self.state is not None
        names = [f.name for f in self.state.fields]
        flagged = set(self.state.flagged)
        start = names.index(name) + 1 if name in names else 0
        for candidate in names[start:] + names[:start]:
            if candidate in flagged and candidate != name:
                return candidate
        return None

    def revert_field(self) -> None:
        if self.current is not None and self.current in self.rows:
            self.rows[self.current].revert()

    def next_flagged_in_dossier(self) -> None:
        """F8: the next flagged field of this document, else of the following documents of the dossier."""
        if self.workspace is None or self.document_id is None:
            return
        self._save_current()
        if self.state is not None:
            following = self._next_flagged_after(self.current)
            names = [f.name for f in self.state.fields]
            if following is not None and (self.current not in names
                                          or names.index(following) > names.index(self.current)):
                self.focus_field(following)
                return
        document = self.workspace.get_document(self.document_id)
        if document.dossier_id is None:
            others = []
        else:
            others = [d for d in self.workspace.documents_of(document.dossier_id) if d.id != document.id]
            others = sorted(others, key=lambda d: (d.position <= document.position, d.position))
        for other in others:
            state = review_state(self.workspace, other.id)
            if state is not None and state.flagged and other.state == DocumentState.EXTRACTED:
                self._pending_focus = state.flagged[0]
                self.document_requested.emit(other.id)
                if self.document_id != other.id:  # nobody selected it: show it here
                    self.show_document(other.id)
                return
        if self.state is not None and self.state.flagged:
            self.focus_field(self.state.flagged[0])
            return
        self._message(self.tr("Hồ sơ không còn trường nào cần kiểm tra."))

    def accept_document(self) -> None:
        """Ctrl+Enter: the document's fields are accepted; with errors left, after the clerk confirms."""
        if self.workspace is None or self.document_id is None or self.state is None:
            return
        self._save_current()
        document = self.workspace.get_document(self.document_id)
        if document.state != DocumentState.EXTRACTED:
            self._message(self.tr("Tài liệu này không ở trạng thái chờ kiểm tra."))
            return
        errors = self.state.errors
        if errors and not self.confirm_with_errors(errors):
            return
        try:
            self.workspace.accept_review(self.document_id)
        except (ValueError, OSError) as exc:
            show_error(self, exc)
            return
        self._message(self.tr("Đã chấp nhận tài liệu %1.").replace("%1", str(document.position)))
        accepted = self.document_id
        self.document_accepted.emit(accepted)
        self.document_changed.emit(accepted)

    def confirm_with_errors(self, errors: list) -> bool:  # type: ignore[type-arg]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Còn lỗi trong tài liệu"),
                          self.tr("Tài liệu còn lỗi:") + "\n" + "\n".join(f"• {p.message}" for p in errors)
                          + "\n\n" + self.tr("Vẫn chấp nhận tài liệu?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _type_chosen(self, _index: int) -> None:
        chosen = self.type_box.currentData()
        if self.workspace is None or self.document_id is None or self.state is None \
                or chosen == self.state.document_type:
            return
        try:
            self.workspace.update_document(self.document_id, document_type=chosen)
        except (ValueError, OSError) as exc:
            show_error(self, exc)
            return
        self._revalidate()
        self.document_changed.emit(self.document_id)

    def _message(self, text: str) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)
        self.hint.setToolTip(text)

    # -- pages and crops (read in a worker) ----------------------------------------------------

    def page_path(self, number: int) -> PageImage | None:
        """The image a field's bbox refers to (``desktop.page_images``)."""
        if self.workspace is None or not 1 <= number <= len(self._pages):
            return None
        return page_image(self.workspace, self._pages[number - 1])

    def turn_page(self, step: int) -> None:
        """Ctrl+PgDown/PgUp: another page of the document (to draw a box for a field read on
        no page, or on the wrong one)."""
        number = self.shown_page_number + step
        if 1 <= number <= len(self._pages):
            field = self.state.get(self.current) if self.state and self.current else None
            self._show_page(number, field.bbox if field and field.page == number else None)

    def _show_page_label(self) -> None:
        self.page_label.setText(self.tr("Trang %1/%2").replace("%1", str(self.shown_page_number))
                                .replace("%2", str(len(self._pages))))

    def _show_page(self, number: int, bbox: tuple[int, int, int, int] | None = None) -> None:
        path = self.page_path(number)
        if path is None:
            return
        self.shown_page_number = number
        self._show_page_label()
        if path == self._shown_page:
            self.canvas.show_box(bbox)
            return
        self._shown_page = path
        cached = self._page_cache.get(path)
        if cached is not None:
            self.canvas.set_page(QPixmap.fromImage(cached))
            self.canvas.show_box(bbox)
            return
        if self.tasks is None:
            return
        document_id = self.document_id

        def shown(image: QImage) -> None:
            self._page_cache[path] = image
            if self.document_id == document_id and self._shown_page == path:
                self.canvas.set_page(QPixmap.fromImage(image))
                field = self.state.get(self.current) if self.state and self.current else None
                self.canvas.show_box(field.bbox if field and (field.page or 1) == number else bbox)

        self.tasks.run(lambda _p, _c: load_page_image(path), name=self.tr("Mở trang"), lane="review-images",
                       on_success=shown, on_failure=self._image_failed)

    def _image_failed(self, error: BaseException) -> None:
        """The page file cannot be read (gone, damaged): said above the page, where the clerk
        is looking, without a dialog per crop; the fields can still be typed."""
        self.page_error.setText(self.tr("Không mở được ảnh trang (%1): quét lại trang này ở màn hình Trang.")
                                .replace("%1", str(error)))
        self.page_error.show()

    def _region_failed(self, error: BaseException) -> None:
        self._message(self.tr("Không đọc được vùng đã khoanh (%1): khoanh rộng hơn một chút, hoặc gõ giá trị.")
                      .replace("%1", str(error)))

    def _load_crops(self) -> None:
        if self.state is None or self.tasks is None:
            return
        wanted: dict[PageImage, dict[str, tuple[int, int, int, int]]] = {}
        for field in self.state.fields:
            path = self.page_path(field.page or 1) if field.bbox else None
            if path is None or field.bbox is None:
                continue
            x0, y0, x1, y1 = field.bbox
            key = (path, field.bbox)
            if key in self._crop_cache:
                self.rows[field.name].crop.set_image(self._crop_cache[key])
            else:
                wanted.setdefault(path, {})[field.name] = field.bbox
        document_id = self.document_id
        for path, boxes in wanted.items():
            def shown(crops: dict[str, QImage], path: PageImage = path, boxes: dict = boxes) -> None:  # type: ignore[type-arg]
                for name, image in crops.items():
                    self._crop_cache[(path, boxes[name])] = image
                    if self.document_id == document_id and name in self.rows:
                        self.rows[name].crop.set_image(image)

            self.tasks.run(lambda _p, _c, path=path, boxes=boxes: load_crops(path, boxes),
                           name=self.tr("Cắt ảnh trường"), lane="review-images", on_success=shown,
                           on_failure=self._image_failed)

    # -- a box drawn on the page ---------------------------------------------------------------

    def _region_drawn(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """A box drawn on the page: read into the field the clerk is on."""
        if self.current is None or self._shown_page is None:
            self._message(self.tr("Chọn một trường trước khi khoanh vùng trên trang."))
            return
        self.read_into_field(self.current, self._shown_page, (x0, y0, x1, y1))

    def reread_field(self) -> None:
        """F9: the field's own box read again, alone and with a margin (the keyboard's way to
        what a box drawn with the mouse does)."""
        field = self.state.get(self.current) if self.state and self.current else None
        path = self.page_path(field.page or 1) if field is not None else None
        if field is None or field.bbox is None or path is None:
            self._message(self.tr("Trường này chưa có vùng trên trang: khoanh vùng bằng chuột."))
            return
        m = REREAD_MARGIN_PX
        x0, y0, x1, y1 = field.bbox
        self.read_into_field(field.name, path, (x0 - m, y0 - m, x1 + m, y1 + m))

    def read_into_field(self, name: str, page: PageImage, bbox: tuple[int, int, int, int]) -> None:
        """OCR the region (Tesseract, in a worker); the text becomes the field's correction."""
        document_id = self.document_id
        if self.tasks is None or document_id is None:
            return
        if not self.editable:
            self._message(self.tr("Tài liệu đã được chấp nhận: không sửa trường được nữa."))
            return
        self._save(name)

        def work(_progress: Callable[[Any], None], _cancel: threading.Event) -> tuple[str, float]:
            from ocr.region import read_region

            return read_region(render(page), bbox, page.dpi)

        def read(result: tuple[str, float]) -> None:
            text, _confidence = result
            if self.document_id != document_id or name not in self.rows:
                return
            if not text.strip():
                self._message(self.tr("Không đọc được chữ trong vùng đã khoanh."))
                return
            row = self.rows[name]
            row.set_text(text if row.name == "recipients" else " ".join(text.split()))
            self._save(name)
            self.focus_field(name)
            self._message(self.tr("Đã đọc vùng vào trường «%1».").replace("%1", row.label.text()))

        self.tasks.run(work, name=self.tr("Đọc vùng đã khoanh"), lane="review-ocr", on_success=read,
                       on_failure=self._region_failed)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._sized:  # the form and the paper share the width, half each
            self._sized = True
            half = max(1, self.width() // 2)
            self.splitter.setSizes([half, half])
        QTimer.singleShot(0, self.canvas.fit_width)
        QTimer.singleShot(0, self._focus_current)  # Ctrl+2: the cursor is in the field to check

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Another tab, or the window closing: what is typed in the field is saved, not lost.
        self._save_current()
        super().hideEvent(event)

    def _focus_current(self) -> None:
        if self.current is not None and self.isVisible():
            self.focus_field(self.current)
