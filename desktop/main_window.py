"""The main window: a day's dossiers on the left, the selected document's pages and review in
the middle, the state and any long work in the status bar.

It owns the workspace, the selection and the task runner; the views (``desktop.views``) show
one document. Everything it shows is read lazily: the day's dossiers at start, a dossier's
documents when it is selected, a document's pages when the view asks.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QListView, QMainWindow,
                               QProgressBar, QPushButton, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from dossier.model import today_vn
from dossier.workspace import Workspace

from desktop.dossier_list import ID_ROLE, DocumentListModel, DossierListModel, dossier_title
from desktop.errors import show_error
from desktop.formatting import format_date, state_label
from desktop.help_overlay import HelpOverlay
from desktop.i18n import RetranslatedWidget, paint_again
from desktop.pages_view import PagesView
from desktop.review_view import ReviewView
from desktop.tasks import Task, Tasks
from desktop.warm_up import WarmUp

PAGES_TAB, REVIEW_TAB = 0, 1
REFRESH_DELAY_MS = 150  # state changes reported within this time make one refresh of the lists
# The interpreter hands its lock to a waiting thread after this long (CPython's default is
# 5 ms). Every model row Qt paints is a call into Python needing the lock; while the pipeline's
# thread extracts fields in Python, each such call could wait the whole interval.
SWITCH_INTERVAL_S = 0.001


class MainWindow(RetranslatedWidget, QMainWindow):
    """Hooks for the screens built on this window: ``set_scan_handler`` (F5 calls it; until
    the intake screen sets one the window says scanning is not available yet);
    ``dossier_selected(id)`` and ``document_selected(id)`` whenever the selection changes
    (-1: none); ``document_accepted(id)`` when the clerk accepts a document's review."""

    dossier_selected = Signal(int)
    document_selected = Signal(int)
    # The clerk accepted a document's review: whoever runs a Pipeline that waits for reviews
    # connects its ``Pipeline.accepted`` here, so the document is signed and sent in that run
    # at once instead of at the pipeline's next look at the workspace.
    document_accepted = Signal(int)

    def __init__(self, workspace: Workspace, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.tasks = Tasks(self)
        self._scan_handler: Callable[[], None] | None = None
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._refresh_due = False
        self._closed = False
        self._refresh_timer = QTimer(self)  # the window's own: stopped when it closes
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(lambda: self.refresh() if self._refresh_due else None)
        self.tasks.started.connect(self.track)
        self.setObjectName("main-window")
        self.setAcceptDrops(True)

        self.dossiers = DossierListModel(workspace, self)
        self.documents = DocumentListModel(workspace, self)
        self.dossier_list = QListView()
        self.dossier_list.setObjectName("dossier-list")
        self.dossier_list.setModel(self.dossiers)
        self.dossier_list.setUniformItemSizes(True)  # no measuring every row of a long day
        self.document_list = QListView()
        self.document_list.setObjectName("document-list")
        self.document_list.setModel(self.documents)
        self.day_label = QLabel()
        self.day_label.setObjectName("day-label")

        self.pages_view = PagesView()
        self.review_view = ReviewView()
        for view in (self.pages_view, self.review_view):
            view.attach(workspace, self.tasks)
            view.document_changed.connect(self.refresh_document)
        self.review_view.document_requested.connect(self.select_document)  # F8 across the dossier
        self.review_view.document_accepted.connect(self.document_accepted)
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.addTab(self.pages_view, "")
        self.views.addTab(self.review_view, "")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.day_label)
        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self.dossier_list)
        lists.addWidget(self.document_list)
        left_layout.addWidget(lists)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.views)
        splitter.setStretchFactor(1, 3)
        from desktop.intake import IntakePanel

        self.intake = IntakePanel(self)  # the dossier code, scanner and profile above the lists
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.intake)
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_actions()
        self.retranslate()
        self.help_overlay = HelpOverlay(self)
        self.set_scan_handler(self.intake.scan)
        self.pages_view.rescan_handler = self.intake.rescan_page
        self.document_accepted.connect(self.intake.review_accepted)

        self.dossier_list.selectionModel().currentChanged.connect(self._dossier_changed)
        self.document_list.selectionModel().currentChanged.connect(self._document_changed)
        # What the window does not need to be shown (the scanning and signing stacks): imported
        # after it is shown, one module per event-loop turn; the screens ask it for theirs.
        self.warm_up = WarmUp(self)
        from desktop.screens import install_all

        install_all(self)  # signing, sending, handover, batches, settings (desktop/screens/)

    # -- building ----------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.state_label = QLabel()
        self.state_label.setObjectName("state-label")
        bar.addWidget(self.state_label, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMaximumWidth(240)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        work = QWidget()
        row = QHBoxLayout(work)
        row.setContentsMargins(0, 0, 0, 0)
        self.work_label = QLabel()
        row.addWidget(self.work_label)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        self.work_widget = work
        bar.addPermanentWidget(work)
        # The bar is as tall with the work shown as without: showing it for each job then
        # lays out the status bar alone, not the whole window with its 50 thumbnails.
        self.cancel_button.setText(self.tr("Hủy"))  # measured with its text (retranslate sets it again)
        bar.setMinimumHeight(work.sizeHint().height() + bar.layout().contentsMargins().top()
                             + bar.layout().contentsMargins().bottom())
        work.hide()
        self._tracked: Task | None = None
        self.cancel_button.clicked.connect(self.cancel_work)

    def add_action(self, name: str, text: str, keys: QKeySequence | str | QKeySequence.StandardKey | None,
                   slot: Callable[[], Any], *, toolbar: bool = False) -> QAction:
        """An action reachable by its key anywhere in the window (and listed in the help
        overlay), kept in ``actions_by_name``; screens add theirs to a menu of ``menus``."""
        action = QAction(text, self)
        action.setObjectName(name)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)  # reachable by its key wherever focus is in the window
        self.actions_by_name[name] = action
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def _texts(self) -> tuple[dict[str, str], dict[str, str]]:
        """The window's own action texts and menu titles by name, in the current language."""
        actions = {"scan": self.tr("Quét"), "import": self.tr("Nhập tệp…"), "new-dossier": self.tr("Hồ sơ mới…"),
                   "show-pages": self.tr("Xem trang"), "show-review": self.tr("Kiểm tra trường thông tin"),
                   "focus-dossiers": self.tr("Chọn danh sách hồ sơ"),
                   "focus-documents": self.tr("Chọn danh sách tài liệu"), "previous-day": self.tr("Ngày trước"),
                   "next-day": self.tr("Ngày sau"), "today": self.tr("Hôm nay"), "refresh": self.tr("Làm mới"),
                   "cancel-work": self.tr("Hủy việc đang chạy"), "help": self.tr("Trợ giúp phím tắt"),
                   "lang-en": "English", "lang-vi": "Tiếng Việt",  # each in its own language, never translated
                   "quit": self.tr("Thoát")}
        menus = {"dossier": self.tr("&Hồ sơ"), "view": self.tr("&Xem"), "language": self.tr("Ngôn ngữ"),
                 "sign": self.tr("&Ký số"), "send": self.tr("&Gửi"), "tools": self.tr("&Công cụ"),
                 "help": self.tr("&Trợ giúp")}
        return actions, menus

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("toolbar")
        self.addToolBar(self.toolbar)
        a = self.add_action
        scan = a("scan", "", "F5", self.request_scan, toolbar=True)
        imp = a("import", "", QKeySequence.StandardKey.Open, self.import_files, toolbar=True)
        new = a("new-dossier", "", QKeySequence.StandardKey.New, self.new_dossier, toolbar=True)
        pages = a("show-pages", "", "Ctrl+1", lambda: self.views.setCurrentIndex(PAGES_TAB))
        review = a("show-review", "", "Ctrl+2", lambda: self.views.setCurrentIndex(REVIEW_TAB))
        dossiers = a("focus-dossiers", "", "Alt+1", self.dossier_list.setFocus)
        documents = a("focus-documents", "", "Alt+2", self.document_list.setFocus)
        previous = a("previous-day", "", "Alt+Left", lambda: self.show_day_offset(-1))
        following = a("next-day", "", "Alt+Right", lambda: self.show_day_offset(1))
        today = a("today", "", "Alt+Home", lambda: self.show_day(today_vn()))
        refresh = a("refresh", "", "Ctrl+R", self.refresh)
        cancel = a("cancel-work", "", "Ctrl+.", self.cancel_work)
        help_ = a("help", "", "F1", self.toggle_help, toolbar=True)
        english = a("lang-en", "", None, lambda: self.choose_language("en"))
        vietnamese = a("lang-vi", "", None, lambda: self.choose_language("vi"))
        quit_ = a("quit", "", "Ctrl+Q", self.close)

        menu = self.menuBar()
        dossier_menu = menu.addMenu("")
        self.menus = {"dossier": dossier_menu}
        for action in (new, scan, imp):
            dossier_menu.addAction(action)
        dossier_menu.addSeparator()
        dossier_menu.addAction(quit_)
        view_menu = menu.addMenu("")
        for action in (pages, review, dossiers, documents, previous, following, today, refresh, cancel):
            view_menu.addAction(action)
        language_menu = view_menu.addMenu("")
        language_menu.addAction(vietnamese)
        language_menu.addAction(english)
        self.menus["view"] = view_menu
        for key in ("sign", "send", "tools"):
            self.menus[key] = menu.addMenu("")
        help_menu = menu.addMenu("")
        help_menu.addAction(help_)
        self._menu_titles = {**self.menus, "language": language_menu, "help": help_menu}
        self._own_actions = dict(self.actions_by_name)

    def retranslate(self) -> None:
        """Every text of the window in the current language (at start, and when it changes);
        the screens' actions are theirs to retranslate."""
        self.setWindowTitle(self.tr("SoHoa – Số hóa hồ sơ"))
        self.views.setTabText(PAGES_TAB, self.tr("Trang"))
        self.views.setTabText(REVIEW_TAB, self.tr("Kiểm tra"))
        self.cancel_button.setText(self.tr("Hủy"))
        self.toolbar.setWindowTitle(self.tr("Thanh công cụ"))
        actions, menus = self._texts()
        for name, text in actions.items():
            self._own_actions[name].setText(text)
        for name, title in menus.items():
            self._menu_titles[name].setTitle(title)
        if hasattr(self, "help_overlay"):  # at start: the lists are filled by restore_state
            paint_again(self.dossiers)  # their rows' words are made when painted
            paint_again(self.documents)
            self.update_day_label()
            self._update_state_label()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and self._closed and not self.isVisible():
            return True  # closed (its workspace and tasks shut): nothing to say again, not to its screens either
        return super().event(event)

    # -- selection -----------------------------------------------------------------------------

    def show_day(self, day: date) -> None:
        self.dossiers.load_day(day)
        self.update_day_label()
        self.documents.load_dossier(None)
        self._show_document(None)

    def update_day_label(self) -> None:
        day = self.dossiers.day or today_vn()
        self.day_label.setText(self.tr("Hồ sơ nhận ngày %1 (%2)").replace("%1", format_date(day))
                               .replace("%2", str(len(self.dossiers.dossiers))))

    def show_day_offset(self, days: int) -> None:
        self.show_day((self.dossiers.day or today_vn()) + timedelta(days=days))

    def select_dossier(self, dossier_id: int) -> bool:
        """Select a dossier, moving to its day if needed; False if it does not exist."""
        row = self.dossiers.row_of(dossier_id)
        if row is None:
            try:
                dossier = self.workspace.get_dossier(dossier_id)
            except ValueError:
                return False
            self.show_day(date.fromisoformat(dossier.received_date))
            row = self.dossiers.row_of(dossier_id)
            if row is None:
                return False
        index = self.dossiers.index(row)
        self.dossier_list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.dossier_list.scrollTo(index)
        return True

    def select_document(self, document_id: int) -> bool:
        row = self.documents.row_of(document_id)
        if row is None:
            return False
        index = self.documents.index(row)
        self.document_list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def selected_dossier_id(self) -> int | None:
        index = self.dossier_list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def selected_document_id(self) -> int | None:
        index = self.document_list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _dossier_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dossier_id = current.data(ID_ROLE) if current.isValid() else None
        self.documents.load_dossier(dossier_id)
        self.dossier_selected.emit(-1 if dossier_id is None else dossier_id)
        if self.documents.documents:
            self.select_document(self.documents.documents[0].id)
        else:
            self._show_document(None)

    def _document_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_document(current.data(ID_ROLE) if current.isValid() else None)

    def _show_document(self, document_id: int | None) -> None:
        self.pages_view.show_document(document_id)
        self.review_view.show_document(document_id)
        self._update_state_label()
        self.document_selected.emit(-1 if document_id is None else document_id)

    def _update_state_label(self) -> None:
        row = self.dossier_list.currentIndex().row()
        if row < 0:
            self.state_label.setText(self.tr("Chưa chọn hồ sơ"))
            return
        dossier = self.dossiers.dossiers[row]
        state = self.dossiers.state_of(row)
        text = self.tr("Hồ sơ %1: %2").replace("%1", dossier_title(dossier)).replace(
            "%2", state_label(state) if state else self.tr("chưa có tài liệu"))
        document_id = self.selected_document_id()
        if document_id is not None:
            document = self.documents.documents[self.document_list.currentIndex().row()]
            text += " · " + self.tr("Tài liệu %1: %2").replace("%1", str(document.position)).replace(
                "%2", state_label(document.state))
        self.state_label.setText(text)

    def refresh(self, *, views: bool = False) -> None:
        """Read the lists again (after work changed the workspace), keeping the selection.

        Rows are updated in place when the same dossiers and documents are still there, and
        the views show the selected document again only when its record changed (or
        ``views``): the pipeline changes states many times a minute, and a rebuilt form
        under the clerk's cursor, or a page decoded again, is what held the UI up
        (bench/gui_latency.py)."""
        self._refresh_due = False
        dossier_id, document_id = self.selected_dossier_id(), self.selected_document_id()
        row = self.document_list.currentIndex().row()
        before = self.documents.documents[row] if 0 <= row < len(self.documents.documents) else None
        if not self.dossiers.reload():  # a dossier came or went: the list was reset
            self.update_day_label()
            if dossier_id is not None and self.select_dossier(dossier_id) and document_id is not None:
                self.select_document(document_id)
            return
        if dossier_id is None:
            self._update_state_label()
            return
        if not self.documents.reload():  # a document came or went: the list was reset
            if document_id is None or not self.select_document(document_id):
                self._dossier_changed(self.dossier_list.currentIndex(), QModelIndex())
            else:
                self._show_document(document_id)
            return
        after = next((d for d in self.documents.documents if d.id == document_id), None)
        if document_id is not None and (views or after != before):
            self._show_document(document_id)
        else:
            self._update_state_label()

    def schedule_refresh(self) -> None:
        """``refresh`` soon, once for however many changes are reported meanwhile (a pipeline
        reports a state change per document per step)."""
        if not self._refresh_due:
            self._refresh_due = True
            self._refresh_timer.start()

    def refresh_document(self, document_id: int) -> None:
        """A view changed ``document_id``: the lists, and the views when it is the one shown."""
        self.refresh(views=document_id == self.selected_document_id())

    # -- actions ------------------------------------------------------------------------------

    def set_scan_handler(self, handler: Callable[[], None] | None) -> None:
        self._scan_handler = handler

    def request_scan(self) -> None:
        if self._scan_handler is not None:
            self._scan_handler()
        else:
            self.statusBar().showMessage(self.tr("Chức năng quét chưa sẵn sàng trên máy này."), 5000)

    def new_dossier(self) -> None:
        code, ok = QInputDialog.getText(self, self.tr("Hồ sơ mới"),
                                        self.tr("Mã hồ sơ (để trống nếu hồ sơ chưa có mã):"))
        if not ok:
            return
        try:
            dossier = self.workspace.create_dossier(code=code.strip() or None)
        except (ValueError, OSError) as exc:
            show_error(self, exc)
            return
        self.show_day(date.fromisoformat(dossier.received_date))
        self.select_dossier(dossier.id)

    def import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Nhập tệp"), "",
                                                self.tr("Ảnh và PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"))
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> Task:
        from dossier.importing import import_files

        workspace = self.workspace

        dossier_id = self.selected_dossier_id()

        def work(progress: Callable[[Any], None], cancel: Any) -> Any:
            result = import_files(workspace, paths, new_batch=lambda: workspace.create_batch(profile="import"))
            if dossier_id is not None:  # into the selected dossier, after its documents
                for document_id in result.document_ids:
                    if workspace.get_document(document_id).dossier_id is None:
                        workspace.move_to_dossier(document_id, dossier_id, reason="import")
            return result

        def done(result: Any) -> None:
            self.statusBar().showMessage(self.tr("Đã nhập %n tài liệu", "", len(result.document_ids)), 8000)
            for name, reason in result.failed:
                from desktop.errors import Explained

                show_error(self, Explained(f"{name}: {reason}", self.tr("Kiểm tra tệp rồi nhập lại.")))
            self.refresh()

        return self.tasks.run(work, name=self.tr("Nhập tệp"), on_success=done,
                              on_failure=lambda exc: show_error(self, exc))

    # Files dropped anywhere on the window are imported, as Ctrl+O does.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def toggle_help(self) -> None:
        self.help_overlay.toggle()

    def choose_language(self, language: str) -> None:
        """Xem › Ngôn ngữ (and the settings screen): saved, and applied at once."""
        from PySide6.QtWidgets import QApplication

        from desktop import i18n

        self.settings.setValue(i18n.SETTING, language)
        # Every save of the settings comes here: one that keeps the language does not make every
        # window, dock and screen set its texts again (the signing screen reads its status anew).
        if language != i18n.current_language():
            i18n.switch(QApplication.instance(), language)

    # -- long work in the status bar ------------------------------------------------------------

    def track(self, task: Task) -> None:
        """Show ``task``'s progress (an int percentage, or (done, total)) and its cancel button.
        A job without a name (a page decoded for the viewer) is not long work: not shown."""
        if not task.name:
            return
        self._tracked = task
        self.work_label.setText(task.name)
        # No bar until the job says how far it is. Qt animates a "busy" bar (range 0..0) with
        # some 50 repaints a second: 58 ms of the UI thread's CPU each second, most of what it
        # did during a scan (whose job never knows the total), each repaint one more wait for
        # a core on a loaded machine (bench/gui_latency.py).
        self.progress.hide()
        self.work_widget.show()
        task.progressed.connect(self._show_progress)
        task.finished.connect(lambda: self._work_ended(task))

    def _show_progress(self, value: Any) -> None:
        done = total = None
        if isinstance(value, tuple) and len(value) == 2:
            done, total = value
        elif isinstance(value, int | float):
            done, total = value, 100
        else:  # a core progress value (dossier.pipeline.Progress has pages_done / pages_total)
            done, total = getattr(value, "pages_done", None), getattr(value, "pages_total", None)
        if done is not None and total:
            self.progress.setRange(0, int(total))
            self.progress.setValue(int(done))
            self.progress.show()

    def _work_ended(self, task: Task) -> None:
        if self._tracked is task:
            running = [t for t in self.tasks.running if t is not task and not t.done and t.name]
            if running:
                self.track(running[-1])
            else:
                self._tracked = None
                self.work_widget.hide()

    def cancel_work(self) -> None:
        if self._tracked is not None:
            self._tracked.cancel()
            self.work_label.setText(self.tr("Đang hủy…"))

    # -- saving where the clerk left off ----------------------------------------------------------

    def restore_state(self) -> None:
        """Window geometry and the selection of the last session (or today's dossiers)."""
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.show_day(today_vn())
        dossier_id = _int(self.settings.value("selection/dossier"))
        document_id = _int(self.settings.value("selection/document"))
        restored = dossier_id is not None and self.select_dossier(dossier_id)
        if restored and document_id is not None:
            self.select_document(document_id)
        if not restored and self.dossiers.dossiers:  # the latest dossier: the clerk can start at once
            self.select_dossier(self.dossiers.dossiers[-1].id)
        tab = _int(self.settings.value("selection/tab"))
        if tab is not None:
            self.views.setCurrentIndex(tab)
        self._update_state_label()

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("workspace/path", str(self.workspace.root))
        for key, value in (("selection/dossier", self.selected_dossier_id()),
                           ("selection/document", self.selected_document_id())):
            if value is None:
                self.settings.remove(key)
            else:
                self.settings.setValue(key, value)
        self.settings.setValue("selection/tab", self.views.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._refresh_timer.stop()
        self._refresh_due = False
        self.save_state()
        self.intake.close_queue()
        self.tasks.shutdown()
        super().closeEvent(event)


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
