"""The archive batches screen: a dock (Tools › Ctrl+Shift+B) with each scanning batch's pages
scanned, processed, waiting for review, signed and uploaded, the session's pages per hour, and
the quality-control check of a batch before it is signed (Ctrl+Shift+Q).

While the dock is shown the counts are read again every few seconds, off the UI thread, by a
runner of its own (not the window's, whose tasks show in the status bar), and never twice at
once: one grouped query (``dossier.batch_stats``), a few milliseconds on a year's workspace.
The quality check is ``dossier.quality``: its sample and verdicts are in the audit trail, so
the dock shows the same sample after a restart.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer

from desktop.errors import show_error
from desktop.i18n import Retranslated
from desktop.screens.batches_view import BatchesDock
from desktop.tasks import Tasks

REFRESH_MS = 3000  # a few seconds: a page takes ~2 s to OCR, so the counts move at about this pace
REVIEW_TAB = 1


def _percent() -> int:
    from dossier.config import Config, ConfigError, load_config

    try:
        return load_config().qc_sample_percent
    except ConfigError:
        return Config().qc_sample_percent


def _checker(window: Any) -> str:
    from dossier.config import ConfigError, load_config

    try:
        return load_config().operator_name or window.workspace.user
    except ConfigError:
        return window.workspace.user


class BatchesScreen(Retranslated, QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.workspace = window.workspace
        from dossier.batch_stats import start_session

        self.session = start_session(window.workspace)  # one MAX(id): the pages/hour count from here
        self.runner = Tasks(self, max_threads=1)
        self._reading = False
        self._quality_asked = False  # Ctrl+Shift+Q before the dock's first read: answered after it
        self.dock = BatchesDock(window)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        self.dock.table.selectionModel().currentRowChanged.connect(self._batch_changed)
        panel = self.dock.quality
        panel.draw_button.clicked.connect(self.check_quality)
        panel.open_button.clicked.connect(self.open_document)
        panel.documents.itemActivated.connect(lambda _item: self.open_document())
        panel.pass_button.clicked.connect(self.mark_passed)
        panel.back_button.clicked.connect(self.send_back)

        a = window.add_action
        self.show_action = a("show-batches", "", "Ctrl+Shift+B", self.toggle)
        self.quality_action = a("quality-check", "", "Ctrl+Shift+Q", self.check_quality)
        menu = window.menus["tools"]
        menu.addAction(self.show_action)
        menu.addAction(self.quality_action)
        self.retranslate()

    def retranslate(self) -> None:
        """The actions in the current language; a shown dock's counts and sample said again."""
        self.show_action.setText(self.tr("Lô quét và tiến độ"))
        self.quality_action.setText(self.tr("Kiểm tra chất lượng lô"))
        if self.dock.isVisible():
            self.refresh()
            self.load_sample()

    # -- the dock and its counts ----------------------------------------------------------------

    def toggle(self) -> None:
        if self.dock.isVisible() and self.dock.table.hasFocus():
            self.dock.hide()
            return
        self.show()

    def show(self) -> None:
        if not self.dock.isVisible() and not self.dock.isFloating():
            # Wide enough for the counts' columns; the clerk's own width is kept by the window state.
            self.window_.resizeDocks([self.dock], [max(self.dock.width(), 600)], Qt.Orientation.Horizontal)
        self.dock.show()
        self.dock.raise_()
        self.dock.table.setFocus()
        self.refresh()

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.timer.start()
        else:
            self.timer.stop()

    def refresh(self) -> None:
        """Read the counts again in the background (skipped while the last read still runs)."""
        if self._reading:
            return
        from dossier.batch_stats import batch_counts, session_rate

        workspace, session = self.workspace, self.session
        self._reading = True
        self.runner.run(lambda _p, _c: (batch_counts(workspace), session_rate(workspace, session)),
                        on_success=self._show_counts, on_failure=self._read_failed)

    def _read_failed(self, error: BaseException) -> None:
        self._reading = False
        self.dock.rate.setText(self.tr("Không đọc được tiến độ: %1").replace("%1", str(error)))

    def _show_counts(self, result: Any) -> None:
        self._reading = False
        counts, rate = result
        selected = self.dock.selected_batch()
        if self.dock.model.set_rows(counts):
            if selected is None or not self.dock.select_batch(selected):
                if counts:
                    self.dock.select_batch(counts[0].batch_id)
        per_hour = rate.pages_per_hour
        text = self.tr("Phiên làm việc từ %1: %2 trang đã quét").replace("%1", f"{self.session.since:%H:%M}").replace(
            "%2", str(rate.pages))
        if per_hour is not None:
            text += " · " + self.tr("%1 trang/giờ").replace("%1", f"{per_hour:.0f}")
        self.dock.rate.setText(text)
        if self._quality_asked:
            self._quality_asked = False
            self.check_quality()

    # -- quality control --------------------------------------------------------------------------

    def _batch_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.load_sample()

    def load_sample(self) -> None:
        """Show the selected batch's recorded sample (or that none is drawn yet)."""
        from dossier.quality import load_sample

        batch_id = self.dock.selected_batch()
        if batch_id is None:
            self.dock.quality.show_sample(None, None, {})
            return
        workspace = self.workspace

        def work(_p: Any, _c: Any) -> Any:
            sample = load_sample(workspace, batch_id)
            return sample, self._documents(sample)

        self.runner.run(work, on_success=lambda r: self._show_sample(batch_id, *r),
                        on_failure=lambda exc: show_error(self.window_, exc))

    def _documents(self, sample: Any) -> dict[int, Any]:
        from dossier.workspace import WorkspaceError

        found = {}
        for document_id in (sample.document_ids if sample else ()):
            try:
                found[document_id] = self.workspace.get_document(document_id)
            except WorkspaceError:
                continue  # removed since the draw: not shown
        return found

    def _show_sample(self, batch_id: int, sample: Any, documents: dict[int, Any]) -> None:
        if self.dock.selected_batch() == batch_id:
            self.dock.quality.show_sample(batch_id, sample, documents, _percent())

    def check_quality(self) -> None:
        """Draw (or show the recorded) sample of the selected batch; Ctrl+Shift+Q from anywhere."""
        if not self.dock.isVisible():
            self.show()
        batch_id = self.dock.selected_batch()
        if batch_id is None:
            document_id = self.window_.selected_document_id()
            if document_id is not None:
                batch_id = self.workspace.get_document(document_id).batch_id
            if batch_id is not None and not self.dock.model.rows:
                self._quality_asked = True  # the first read is on its way
                return
            if batch_id is None or not self.dock.select_batch(batch_id):
                self.window_.statusBar().showMessage(self.tr("Chọn một lô để kiểm tra chất lượng."), 5000)
                return
        from dossier.quality import draw_sample

        percent = _percent()
        self._verdict(lambda ws, who: draw_sample(ws, batch_id, percent, who=who),
                      self.tr("Lấy mẫu kiểm tra chất lượng"), batch_id)
        self.dock.quality.documents.setFocus()

    def _verdict(self, change: Any, name: str, batch_id: int) -> None:
        workspace, who = self.workspace, _checker(self.window_)

        def work(_p: Any, _c: Any) -> Any:
            sample = change(workspace, who)
            return sample, self._documents(sample)

        def done(result: Any) -> None:
            self._show_sample(batch_id, *result)
            self.window_.refresh()  # a document sent back changed state in the lists
            self.refresh()

        self.window_.tasks.run(work, name=name, on_success=done, on_failure=lambda exc: show_error(self.window_, exc))

    def open_document(self) -> None:
        """The sampled document in the review view, for the second check."""
        document_id = self.dock.quality.current_document()
        if document_id is None:
            return
        document = self.workspace.get_document(document_id)
        if document.dossier_id is None or not self.window_.select_dossier(document.dossier_id) \
                or not self.window_.select_document(document_id):
            self.window_.statusBar().showMessage(
                self.tr("Tài liệu %1 chưa thuộc hồ sơ nào nên chưa mở được.").replace("%1", str(document_id)), 8000)
            return
        self.window_.views.setCurrentIndex(REVIEW_TAB)

    def mark_passed(self) -> None:
        from dossier.quality import mark_passed

        batch_id, document_id = self.dock.selected_batch(), self.dock.quality.current_document()
        if batch_id is None or document_id is None:
            return
        self._verdict(lambda ws, who: mark_passed(ws, batch_id, document_id, who=who),
                      self.tr("Ghi kết quả kiểm tra chất lượng"), batch_id)

    def send_back(self) -> None:
        from dossier.quality import send_back

        batch_id, document_id = self.dock.selected_batch(), self.dock.quality.current_document()
        if batch_id is None or document_id is None:
            return
        note = self.dock.quality.note.text()
        self.dock.quality.note.clear()
        self._verdict(lambda ws, who: send_back(ws, batch_id, document_id, note, who=who),
                      self.tr("Trả lại tài liệu để sửa"), batch_id)


def install(window: Any) -> None:
    window.batches = BatchesScreen(window)
