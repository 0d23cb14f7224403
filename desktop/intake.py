"""The intake screen: a new dossier (its code typed, read from the receipt's QR code, or issued
by the workspace), the scanner and profile, and the scan itself.

A scan is a ``scanner.ScanOperation`` on the ``ScannerQueue`` (one serial lane per scanner),
waited for on a ``Tasks`` lane named after the scanner, so the UI thread only ever hears
of pages already on disk. Each page goes into the workspace as it lands (a page of the
document being scanned) and, when processing is on, straight into ``Pipeline.feed`` so page 1
is OCR'd while the feeder still pulls the rest; its thumbnail appears at once. The clerk may
select another dossier meanwhile: the scan carries on into its own document.

A scan that stops (a jam, an open cover, the cable) keeps its pages; its Vietnamese message
(``scanner.messages.vietnamese_message``) is shown in the status bar and in this panel beside
"Tiếp tục", which carries on the same batch (``ScanOperation.continuation``).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from dossier.model import Page
from dossier.workspace import Workspace, WorkspaceError
from scanner.operation import OperationState, ScannerQueue, ScanOperation
from scanner.profiles import DEFAULT_PROFILES, Profile, check_profile

from desktop.errors import explain
from desktop.i18n import RetranslatedWidget
from desktop.tasks import Task, Tasks

SCANS_DIR = "scans"  # the scanner's own record of each batch (page-NNNN files), inside the workspace

PROFILE_NAMES = {"dossier_intake": QT_TRANSLATE_NOOP("IntakePanel", "Hồ sơ tiếp nhận (hai mặt, khay nạp)"),
                 "results": QT_TRANSLATE_NOOP("IntakePanel", "Kết quả giải quyết (mặt kính)"),
                 "archive_batch": QT_TRANSLATE_NOOP("IntakePanel", "Lô lưu trữ (một mặt, khay nạp)")}


CODE_PAGES = 2  # the receipt and its back: where the one-stop desk's code is printed


def dossier_code_on_page(ws: Workspace, page: Page) -> str | None:
    """The dossier code a QR code or barcode on the page states (``ocr.extract.codes``, the
    extraction's own reader: ``dossier_code`` with source qr/barcode); None when there is none."""
    from ocr.extract.codes import fields_from_codes, read_codes
    from ocr.loading import load_page
    from ocr.sources import list_pages

    image = load_page(list_pages(ws.path(page.image_path), force=True)[0]).image
    field = fields_from_codes(read_codes(image), page=1).get("dossier_code")
    if field is None or field.source not in ("qr", "barcode") or not field.value:
        return None
    return str(field.value)


@dataclass(frozen=True)
class _Started:
    """The scan's first report: its batch's records exist, the scanner is about to feed."""

    operation: ScanOperation
    document_id: int
    dossier_id: int | None  # the dossier to select; None: carry on where the clerk is


class IntakePanel(RetranslatedWidget, QWidget):
    """Sits above the pages; the window's Scan action (F5) calls ``scan``.

    ``scan_finished(op)`` is emitted (main thread) when a scan operation ends, however it ended.
    """

    scan_finished = Signal(object)
    _pipeline_wanted = Signal()  # emitted from the scanner's thread, delivered on the main thread

    def __init__(self, window: Any, *, backend_for: Callable[[str], Any] | None = None) -> None:
        super().__init__(window)
        self.setObjectName("intake")
        self.window_ = window
        self.workspace: Workspace = window.workspace
        self.tasks: Tasks = window.tasks
        self.queue = ScannerQueue(backend_for)
        self.profiles: dict[str, Profile] = dict(DEFAULT_PROFILES)
        self.process_pages = False  # OCR each page as it lands (Pipeline.feed)
        self.stopped: ScanOperation | None = None  # the batch a jam stopped, for "Tiếp tục"
        self.running: ScanOperation | None = None
        self._document_of: dict[int, int] = {}  # id(operation) → document it scans into
        self._pipeline: Any = None
        self._pipeline_task: Task | None = None
        self._pipeline_lock = threading.Lock()
        self._pipeline_running = False
        self._early_feeds: list[tuple[int, bool]] = []  # fed before the worker's pipeline exists
        self._code_pages: dict[int, int] = {}  # document → pages looked at for the dossier code
        self._pages_in: dict[int, int] = {}  # document → its pages, as the scan reported them
        self._starting = False  # F5 pressed, the batch's records not made yet (on the scanner's lane)
        self._pipeline_wanted.connect(self._start_pipeline, Qt.ConnectionType.QueuedConnection)

        self.code = QLineEdit()
        self.code.setObjectName("dossier-code")
        self.new_dossier = QCheckBox()
        self.new_dossier.setObjectName("scan-new-dossier")
        self.new_dossier.setChecked(True)
        self.device = QComboBox()
        self.device.setObjectName("device")
        self.profile = QComboBox()
        self.profile.setObjectName("profile")
        for combo in (self.device, self.profile):  # long names shrink with the window (700 px wide)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.code.setMinimumWidth(80)
        self._fill_profiles()
        self.scan_button = QPushButton()
        self.scan_button.setObjectName("scan-button")
        self.scan_button.clicked.connect(self.scan)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_devices)

        self.message = QLabel()
        self.message.setObjectName("intake-message")
        self.message.setWordWrap(True)
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("continue-scan")
        self.continue_button.clicked.connect(self.continue_batch)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("end-batch")
        self.stop_button.clicked.connect(self.end_batch)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        code_label = self.code_label = QLabel()
        code_label.setBuddy(self.code)
        row.addWidget(code_label)
        row.addWidget(self.code, 2)
        row.addWidget(self.new_dossier)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        device_label = self.device_label = QLabel()
        device_label.setBuddy(self.device)
        second.addWidget(device_label)
        second.addWidget(self.device, 1)
        second.addWidget(self.find_button)
        profile_label = self.profile_label = QLabel()
        profile_label.setBuddy(self.profile)
        second.addWidget(profile_label)
        second.addWidget(self.profile, 1)
        second.addWidget(self.scan_button)
        problem = QHBoxLayout()
        problem.setContentsMargins(0, 0, 0, 0)
        problem.addWidget(self.message, 1)
        problem.addWidget(self.continue_button)
        problem.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(row)
        layout.addLayout(second)
        layout.addLayout(problem)
        self.retranslate()
        self._show_problem(None)

    def retranslate(self) -> None:
        """The panel's texts in the current language (at start, and when it changes)."""
        self.code.setPlaceholderText(self.tr("Mã hồ sơ (để trống: lấy từ mã QR trên phiếu hoặc cấp mã mới)"))
        self.new_dossier.setText(self.tr("Quét vào hồ sơ mới"))
        self.scan_button.setText(self.tr("Quét (F5)"))
        self.find_button.setText(self.tr("Tìm máy quét"))
        self.continue_button.setText(self.tr("Tiếp tục"))
        self.stop_button.setText(self.tr("Kết thúc đợt quét"))
        self.code_label.setText(self.tr("Mã hồ sơ:"))
        self.device_label.setText(self.tr("Máy quét:"))
        self.profile_label.setText(self.tr("Cấu hình:"))
        for index in range(self.profile.count()):  # the chosen profile stays chosen
            name = self.profile.itemData(index)
            if name in PROFILE_NAMES:
                self.profile.setItemText(index, QCoreApplication.translate("IntakePanel", PROFILE_NAMES[name]))

    # -- devices and profiles ---------------------------------------------------------------

    def _fill_profiles(self) -> None:
        self.profile.clear()
        for name in self.profiles:
            self.profile.addItem(QCoreApplication.translate("IntakePanel", PROFILE_NAMES[name])
                                 if name in PROFILE_NAMES else name, name)

    def set_profiles(self, profiles: dict[str, Profile], chosen: str | None = None) -> None:
        self.profiles = dict(profiles)
        self._fill_profiles()
        if chosen is not None:
            self.profile.setCurrentIndex(self.profile.findData(chosen))

    def find_devices(self) -> Task:
        """List the scanners in the background (a network driver may take seconds)."""
        from scanner.service import list_devices

        self.find_button.setEnabled(False)
        self.message.setText(self.tr("Đang tìm máy quét…"))
        return self.tasks.run(lambda progress, cancel: list_devices(), name=self.tr("Tìm máy quét"),
                              on_success=self._devices_found, on_failure=self._devices_failed)

    def _devices_found(self, infos: list[Any]) -> None:
        self.find_button.setEnabled(True)
        chosen = self.device.currentData()
        self.device.clear()
        for info in infos:
            self.device.addItem(f"{info.device.name} ({info.device.id})", info.device.id)
        if chosen is not None and self.device.findData(chosen) >= 0:
            self.device.setCurrentIndex(self.device.findData(chosen))
        self.message.setText("" if infos else self.tr("Không tìm thấy máy quét nào. Kiểm tra máy đã bật và "
                                                      "đã cắm cáp, rồi bấm Tìm máy quét."))
        self.message.setVisible(bool(self.message.text()))

    def _devices_failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self._say(explain(error).what, error=True)

    def choose_device(self, device_id: str, name: str | None = None) -> None:
        index = self.device.findData(device_id)
        if index < 0:
            self.device.addItem(name or device_id, device_id)
            index = self.device.count() - 1
        self.device.setCurrentIndex(index)

    # -- scanning ----------------------------------------------------------------------------

    def scan(self) -> Task | None:
        """F5: a new batch from the chosen scanner into a new document of the target dossier
        (a new dossier, with the code typed, else none yet; or the selected one)."""
        if self.running is not None or self._starting:
            self._say(self.tr("Máy quét đang quét; chờ đợt này xong hoặc bấm Hủy."))
            return None
        device_id = self.device.currentData()
        if not device_id:
            self._say(self.tr("Chưa chọn máy quét. Bấm Tìm máy quét rồi chọn máy."), error=True)
            return None
        profile_name = self.profile.currentData()
        try:
            settings = check_profile(self.profiles[profile_name]).settings
        except Exception as exc:  # noqa: BLE001 - a refused profile is said, not raised
            self._say(self.tr("Không dùng được cấu hình này: %1").replace("%1", str(exc)), error=True)
            return None
        window = self.window_
        into = None if self.new_dossier.isChecked() else window.selected_dossier_id()
        code = self.code.text().strip() or None if into is None else None
        ws = self.workspace

        def prepare() -> tuple[ScanOperation, int, int]:
            # On the scanner's lane, in one transaction (one durable commit, synchronous=FULL:
            # an fsync) instead of three: bench/gui_latency.py measured these commits, and the
            # waits for the pipeline's lock before them, as the 100-200 ms gaps at each scan's
            # start while they ran on the UI thread.
            with ws.writing():
                dossier_id = into if into is not None else ws.create_dossier(code=code).id
                batch = ws.create_batch(device=device_id, profile=profile_name)
                document = ws.add_document(dossier_id, batch_id=batch.id)
            folder = ws.root / SCANS_DIR / f"batch-{batch.id}"
            return ScanOperation(device_id, settings, folder), document.id, dossier_id

        return self._start(prepare, device_id)

    def _start(self, prepare: Callable[[], tuple[ScanOperation, int, int | None]], device_id: str) -> Task:
        """Run the scan ``prepare`` makes (on the scanner's lane): the UI hears of the batch's
        document once it exists (``_Started``), then of each page already on disk."""
        self._show_problem(None)
        self._starting = True
        ws, queue = self.workspace, self.queue

        def work(progress: Callable[[Any], None], cancel: threading.Event) -> ScanOperation:
            operation, document_id, dossier_id = prepare()

            def on_page(op: ScanOperation, path: Path, page: Any) -> None:  # the scanner's thread
                added = ws.add_page(document_id, path, source_file=op.device_id, source_page=page.index + 1)
                progress(added)
                if self.process_pages:
                    self._feed(document_id, complete=False)

            operation._on_page = on_page  # noqa: SLF001 - set before it is queued, read only by its thread
            progress(_Started(operation, document_id, dossier_id))
            queue.submit(operation)
            while not operation.wait(0.1):
                if cancel.is_set():
                    operation.cancel()
            return operation

        self.scan_button.setEnabled(False)
        return self.tasks.run(work, name=self.tr("Quét"), lane=f"scanner:{device_id}",
                              on_progress=self._scan_progressed, on_success=self._scan_ended,
                              on_failure=self._scan_broke)

    def _scan_progressed(self, report: Any) -> None:
        if isinstance(report, _Started):
            self._scan_started(report)
        else:
            self._page_arrived(report)

    def _scan_started(self, started: _Started) -> None:
        self._starting = False
        self.running = started.operation
        self._document_of[id(started.operation)] = started.document_id
        self._feed(started.document_id, complete=False)
        if started.dossier_id is None:  # "Tiếp tục": the same document, already on screen
            return
        self.code.clear()  # ready for the next citizen
        window = self.window_
        if not window.dossiers.reload():  # the list only: the views load once, for the selection below
            window.update_day_label()
        if window.select_dossier(started.dossier_id):
            window.documents.reload()  # the dossier was selected already: its new document
            window.select_document(started.document_id)

    def _page_arrived(self, page: Page) -> None:
        window = self.window_
        window.pages_view.pages_arrived(page.document_id, [page])
        self._look_for_code(page.document_id, page)
        self._pages_in[page.document_id] = page.position  # pages are appended: the last one's place is the count
        window.statusBar().showMessage(self.tr("Đã quét %n trang", "", page.position), 4000)

    def _look_for_code(self, document_id: int, page: Page) -> Task | None:
        """The receipt on top of the stack carries the dossier code in its QR code (or
        barcode): read on the first pages of a dossier that has no code yet, in the background."""
        seen = self._code_pages.get(document_id, 0)
        self._code_pages[document_id] = seen + 1
        if seen >= CODE_PAGES:  # before any read: every later page of the batch costs nothing here
            return None
        dossier_id = self.workspace.get_document(document_id).dossier_id
        if dossier_id is None or self.workspace.get_dossier(dossier_id).code:
            return None
        ws = self.workspace
        return self.tasks.run(lambda progress, cancel: dossier_code_on_page(ws, page), lane="codes",
                              name=self.tr("Đọc mã QR trên phiếu"),
                              on_success=lambda code: self._code_found(dossier_id, code))

    def _code_found(self, dossier_id: int, code: str | None) -> None:
        if not code or self.workspace.get_dossier(dossier_id).code:
            return
        try:
            self.workspace.update_dossier(dossier_id, code=code)
        except (WorkspaceError, ValueError) as exc:  # a code already used, or not a dossier code
            self._say(self.tr("Mã QR trên phiếu không dùng được: %1").replace("%1", str(exc)), error=True)
            return
        self.window_.schedule_refresh()
        self.window_.statusBar().showMessage(self.tr("Mã hồ sơ %1 đọc từ mã QR trên phiếu").replace("%1", code), 8000)

    def _pages_counted(self, document_id: int | None) -> int:
        if document_id is None:
            return 0
        if document_id not in self._pages_in:
            self._pages_in[document_id] = len(self.workspace.pages_of(document_id))
        return self._pages_in[document_id]

    def _scan_ended(self, operation: ScanOperation) -> None:
        self.running, self._starting = None, False
        self.scan_button.setEnabled(True)
        document_id = self._document_of.get(id(operation))
        window = self.window_
        if operation.error is not None and operation.state is OperationState.FAILED:
            from scanner.messages import vietnamese_message

            pages = self._pages_counted(document_id)
            text = vietnamese_message(operation.error, saved_pages=pages)
            self.stopped = operation
            self._show_problem(text)
            window.statusBar().showMessage(text)
        else:
            self.stopped = None
            self._feed(document_id, complete=True)
            count = self._pages_counted(document_id)
            self._say(self.tr("Đã quét xong: %n trang.", "", count))
            window.statusBar().showMessage(self.tr("Đã quét xong: %n trang.", "", count), 8000)
        window.schedule_refresh()
        self.scan_finished.emit(operation)

    def _scan_broke(self, error: BaseException) -> None:
        """The scan's job itself failed (the dossier could not be made: a code already used):
        said in the panel; ``scan_finished`` carries the operation, or None when none began."""
        operation, self.running, self._starting = self.running, None, False
        self.scan_button.setEnabled(True)
        self._say(explain(error).what, error=True)
        self.scan_finished.emit(operation)

    def continue_batch(self) -> ScanOperation | None:
        """"Tiếp tục": the same batch carries on after the jam is cleared; pages are appended."""
        stopped = self.stopped
        if stopped is None or self.running is not None:
            return None
        document_id = self._document_of[id(stopped)]
        self.stopped = None
        operation = stopped.continuation()
        self._start(lambda: (operation, document_id, None), operation.device_id)
        return operation

    def end_batch(self) -> None:
        """The clerk keeps the pages scanned so far and does not continue the stopped batch."""
        stopped, self.stopped = self.stopped, None
        if stopped is not None:
            self._feed(self._document_of.get(id(stopped)), complete=True)
        self._show_problem(None)

    # -- rescan one page -----------------------------------------------------------------------

    def rescan_page(self, page_id: int) -> ScanOperation | None:
        """Scan one sheet and put it in place of ``page_id`` (``dossier.pages.replace``)."""
        if self.running is not None or self._starting:
            self._say(self.tr("Máy quét đang quét; chờ đợt này xong hoặc bấm Hủy."))
            return None
        device_id = self.device.currentData()
        if not device_id:
            self._say(self.tr("Chưa chọn máy quét. Bấm Tìm máy quét rồi chọn máy."), error=True)
            return None
        settings = check_profile(self.profiles[self.profile.currentData()]).settings
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix=".rescan-", dir=self.workspace.root))
        operation = ScanOperation(device_id, settings, folder,
                                  on_page=lambda op, path, page: op.cancel())  # one sheet is enough
        self.running = operation
        queue = self.queue

        def work(progress: Callable[[Any], None], cancel: threading.Event) -> ScanOperation:
            queue.submit(operation)
            while not operation.wait(0.1):
                if cancel.is_set():
                    operation.cancel()
            return operation

        def done(op: ScanOperation) -> None:
            import shutil

            self.running = None
            if op.pages:
                self.window_.pages_view.replace_page(page_id, op.pages[0])
                self._say(self.tr("Đã thay trang bằng bản quét lại."))
            elif op.error is not None:
                from scanner.messages import vietnamese_message

                self._say(vietnamese_message(op.error), error=True)
            shutil.rmtree(folder, ignore_errors=True)
            self.scan_finished.emit(op)

        self.tasks.run(work, name=self.tr("Quét lại trang"), lane=f"scanner:{device_id}", on_success=done)
        return operation

    # -- the pipeline ------------------------------------------------------------------------

    def _feed(self, document_id: int | None, *, complete: bool) -> None:
        """With processing on, the scanned document goes to the pipeline: one run at a time,
        started by the first scan, ending when nothing fed is left to do. A document fed while
        the run is finishing is taken by the same worker in one more run (``_pipeline_lock``),
        never dropped. The pipeline is built on the worker: importing the OCR stack takes
        most of a second, which the UI thread must not wait for."""
        if not self.process_pages or document_id is None:
            return
        with self._pipeline_lock:
            if self._pipeline is not None:
                self._pipeline.feed(document_id, complete=complete)
                return
            self._early_feeds.append((document_id, complete))
        if threading.current_thread() is threading.main_thread():
            self._start_pipeline()
        else:  # a page from the scanner's thread: the job is started (a QObject made) on the main thread
            self._pipeline_wanted.emit()

    def _start_pipeline(self) -> None:
        with self._pipeline_lock:
            if self._pipeline_running or not self._early_feeds:
                return  # the worker is still building the pipeline (it takes these), or it took them
            self._pipeline_running = True
        ws = self.workspace

        def run(progress: Callable[[Any], None], cancel: threading.Event) -> Any:
            from dossier.pipeline import Pipeline

            try:
                pipeline = Pipeline(ws, progress=progress, cancel=cancel)
                with self._pipeline_lock:
                    for fed in self._early_feeds:
                        pipeline.feed(fed[0], complete=fed[1])
                    self._early_feeds.clear()
                    self._pipeline = pipeline
                while True:
                    summary = pipeline.run([])
                    with self._pipeline_lock:
                        if pipeline._fed.empty() or cancel.is_set():  # noqa: SLF001 - fed after the run looked
                            self._pipeline, self._pipeline_running = None, False
                            return summary
            except BaseException:
                with self._pipeline_lock:
                    self._pipeline, self._pipeline_running = None, False
                raise

        self._pipeline_task = self.tasks.run(run, name=self.tr("Nhận dạng chữ"), lane="pipeline", latest_only=True,
                                             on_progress=self._pipeline_progressed,
                                             on_success=lambda _: self.window_.schedule_refresh(),
                                             on_failure=lambda exc: self._say(explain(exc).what, error=True))

    def review_accepted(self, document_id: int) -> None:
        """The clerk accepted a document: the running pipeline, if any, takes it on now."""
        with self._pipeline_lock:
            if self._pipeline is not None:
                self._pipeline.accepted(document_id)

    def _pipeline_progressed(self, progress: Any) -> None:
        if getattr(progress, "event", "page") != "page":  # a document changed state: the lists say so
            self.window_.schedule_refresh()

    # -- messages -------------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
        self.message.setVisible(bool(text))
        self.continue_button.hide()
        self.stop_button.hide()

    def _show_problem(self, text: str | None) -> None:
        """A stopped batch: its message and the two ways on; None clears it."""
        self._say(text or "", error=bool(text))
        self.continue_button.setVisible(bool(text))
        self.stop_button.setVisible(bool(text))
        if text:
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_queue(self) -> None:
        self.queue.close(timeout=5)
