"""The handover dialog: tick the day's dossiers, look at the list, record it (signed or not),
print it.

The list is made by the core exactly as ``sohoa handover`` makes it
(:mod:`dossier.handover_desk`); every step that reads pages or signs runs off the UI thread
through the window's task runner (signing on the token's lane). A dossier already on a list
is shown with that list and cannot be ticked; if another desk hands one over while this dialog
is open, the core refuses the list and the dialog says which list it is on. The second tab
lists the lists recorded earlier (``handover_lists.EarlierLists``): opened again from the PDF
kept when each was recorded, to print it again, or exported as PDF and CSV.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from dossier.handover_desk import DEFAULT_DESK, Candidate
from dossier.handover_store import HandoverRefused, HandoverRequest

from desktop.errors import Explained, show_error
from desktop.formatting import format_date
from desktop.screens.handover_lists import EarlierLists
from desktop.screens.handover_preview import PdfPages, print_pdf, render_pages

DOSSIER_ROLE = Qt.ItemDataRole.UserRole + 11


def _sentence(text: str) -> str:
    """The core's reasons start lower-case (they are parts of sentences); on their own, capitalised."""
    return text[:1].upper() + text[1:] if text else text


def candidate_text(c: Candidate) -> str:
    title = c.code or QCoreApplication.translate("HandoverDialog", "Hồ sơ chưa có mã (số %1)").replace("%1", str(c.dossier_id))
    who = " · ".join(part for part in (c.applicant_name, c.masked_id) if part)
    counts = QCoreApplication.translate("HandoverDialog", "%1 thành phần, %2 trang").replace("%1", str(c.components)).replace(
        "%2", str(c.pages))
    line = f"{title}\n{who} · {counts}" if who else f"{title}\n{counts}"
    if c.handover:
        line += "\n" + QCoreApplication.translate("HandoverDialog", "Đã bàn giao: danh sách %1").replace("%1", c.handover)
    elif not c.code:
        line += "\n" + QCoreApplication.translate("HandoverDialog", "Chưa có mã hồ sơ: chưa bàn giao được")
    elif not c.components:
        line += "\n" + QCoreApplication.translate("HandoverDialog", "Chưa có thành phần hồ sơ nào")
    return line


class HandoverDialog(QDialog):
    """``recorded(number)`` once a list is recorded; ``pdf`` the PDF shown (draft or recorded)."""

    recorded = Signal(str)

    def __init__(self, window: Any, day: date, ask_signer: Callable[[QWidget], Any] | None,
                 sign_unavailable: str | None, preselect: set[int] | None = None) -> None:
        super().__init__(window)
        from dossier.config import load_config

        self.window_ = window
        self.day = day
        self._ask_signer = ask_signer
        self.candidates: list[Candidate] = []
        self.pdf: bytes | None = None
        self.number: str | None = None  # the recorded list's number, once recorded
        self._busy = False
        self._printer: QPrinter | None = None
        config = load_config()
        self.setObjectName("handover-dialog")
        self.setWindowTitle(self.tr("Bàn giao hồ sơ cho bộ phận một cửa"))
        self.resize(1150, 720)

        self.heading = QLabel()
        self.dossiers = QListWidget()
        self.dossiers.setObjectName("handover-dossiers")
        self.dossiers.setAccessibleName(self.tr("Hồ sơ để bàn giao"))
        self.dossiers.setWordWrap(True)
        self.dossiers.itemChanged.connect(lambda _item: self._selection_changed())
        heading_label = QLabel(self.tr("&Hồ sơ (Space để chọn):"))
        heading_label.setBuddy(self.dossiers)

        self.postal_items: dict[int, str] = {}  # dossier id -> số hiệu bưu gửi, typed for the current row
        self.postal_item = QLineEdit()
        self.postal_item.setObjectName("handover-postal-item")
        self.postal_item.setPlaceholderText(self.tr("ví dụ EA123456789VN"))
        self.postal_item.textEdited.connect(self._postal_item_edited)
        self.dossiers.currentRowChanged.connect(lambda _row: self._show_postal_item())
        postal_label = QLabel(self.tr("Số hiệu bưu &gửi của hồ sơ đang chọn:"))
        postal_label.setBuddy(self.postal_item)

        self.post_office = QLineEdit(config.post_office)
        self.post_office.setObjectName("handover-post-office")
        self.employee = QLineEdit(config.operator_name)
        self.employee.setObjectName("handover-employee")
        self.employee.setPlaceholderText(self.tr("khi ký: tên trên chứng thư số"))
        desk = f"{DEFAULT_DESK} – {config.agency_name}" if config.agency_name else DEFAULT_DESK
        self.desk = QLineEdit(desk)
        self.desk.setObjectName("handover-desk")
        self.receiver = QLineEdit()
        self.receiver.setObjectName("handover-receiver")
        self.receiver.setPlaceholderText(self.tr("để trống: ghi tay khi nhận"))
        form = QFormLayout()
        form.addRow(self.tr("&Bưu cục:"), self.post_office)
        form.addRow(self.tr("&Nhân viên bưu chính:"), self.employee)
        form.addRow(self.tr("Bộ phận &tiếp nhận:"), self.desk)
        form.addRow(self.tr("&Cán bộ tiếp nhận:"), self.receiver)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(heading_label)
        left_layout.addWidget(self.dossiers, 1)
        left_layout.addWidget(postal_label)
        left_layout.addWidget(self.postal_item)
        left_layout.addLayout(form)

        self.earlier = EarlierLists()
        self.earlier.open_requested.connect(self.reopen)
        self.earlier.export_requested.connect(self.ask_export)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("handover-tabs")
        self.tabs.addTab(left, self.tr("Lập danh sách mới"))
        self.tabs.addTab(self.earlier, self.tr("Danh sách đã lập"))
        self.preview = PdfPages()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 730])

        self.status = QLabel()
        self.status.setObjectName("handover-status")
        self.status.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("&Xem trước"))
        self.preview_button.setObjectName("handover-preview-button")
        self.record_button = QPushButton(self.tr("&Lập danh sách"))
        self.record_button.setObjectName("handover-record")
        self.record_button.setToolTip(self.tr("Ghi nhận danh sách, không ký số (in ra để hai bên ký tay)"))
        self.sign_button = QPushButton(self.tr("&Ký số và lập danh sách"))
        self.sign_button.setObjectName("handover-sign")
        self.print_button = QPushButton(self.tr("&In…"))
        self.print_button.setObjectName("handover-print")
        self.print_button.setToolTip(self.tr("In danh sách đã lập"))
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.close)
        self._sign_unavailable = sign_unavailable
        if sign_unavailable:
            self.sign_button.setToolTip(sign_unavailable)
        self.preview_button.clicked.connect(self.show_preview)
        self.record_button.clicked.connect(lambda: self.record(sign=False))
        self.sign_button.clicked.connect(lambda: self.record(sign=True))
        self.print_button.clicked.connect(self.ask_print)
        QShortcut(QKeySequence("Ctrl+P"), self, self.ask_print)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.record_button, self.sign_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._update_buttons()
        self.load(keep=preselect or set())
        self.load_lists()

    # -- the dossiers --------------------------------------------------------------------------

    def load(self, keep: set[int] | None = None) -> None:
        """Read the day's dossiers again (off the UI thread: page counts read every document)."""
        from dossier.handover_desk import candidates

        workspace, day = self.window_.workspace, self.day
        keep = self.checked_ids() if keep is None else keep
        self.heading.setText(self.tr("Hồ sơ nhận ngày %1").replace("%1", format_date(day)))
        self.window_.tasks.run(lambda _p, _c: candidates(workspace, day), name=self.tr("Đọc hồ sơ để bàn giao"),
                               on_success=lambda found: self._show_candidates(found, keep),
                               on_failure=lambda exc: show_error(self, exc))

    def _show_candidates(self, found: list[Candidate], keep: set[int]) -> None:
        self.candidates = found
        self.dossiers.blockSignals(True)
        self.dossiers.clear()
        for c in found:
            item = QListWidgetItem(candidate_text(c))
            item.setData(DOSSIER_ROLE, c.dossier_id)
            if c.can_hand_over:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if c.dossier_id in keep else Qt.CheckState.Unchecked)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)  # shown, greyed: on a list already or not ready
            self.dossiers.addItem(item)
        self.dossiers.blockSignals(False)
        if self.dossiers.count():
            self.dossiers.setCurrentRow(0)
        ready = sum(1 for c in found if c.can_hand_over)
        if not found:
            self.preview.show_message(self.tr("Không có hồ sơ nào nhận ngày này."))
        elif not ready:
            self.preview.show_message(self.tr("Mọi hồ sơ của ngày này đã được bàn giao hoặc chưa sẵn sàng."))
        self._update_buttons()

    def checked_ids(self) -> set[int]:
        return {self.dossiers.item(i).data(DOSSIER_ROLE) for i in range(self.dossiers.count())
                if self.dossiers.item(i).checkState() == Qt.CheckState.Checked}

    def set_checked(self, dossier_ids: set[int]) -> None:
        for i in range(self.dossiers.count()):
            item = self.dossiers.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if item.data(DOSSIER_ROLE) in dossier_ids
                                   else Qt.CheckState.Unchecked)

    def _current_dossier(self) -> int | None:
        item = self.dossiers.currentItem()
        return item.data(DOSSIER_ROLE) if item is not None else None

    def _show_postal_item(self) -> None:
        dossier_id = self._current_dossier()
        self.postal_item.setText(self.postal_items.get(dossier_id, "") if dossier_id is not None else "")
        self.postal_item.setEnabled(dossier_id is not None and bool(
            self.dossiers.currentItem().flags() & Qt.ItemFlag.ItemIsUserCheckable))

    def _postal_item_edited(self, text: str) -> None:
        dossier_id = self._current_dossier()
        if dossier_id is not None:
            self.postal_items[dossier_id] = text.strip()
            self._selection_changed()

    def _selection_changed(self) -> None:
        if self.number is None:  # a new choice makes the draft shown stale
            self.pdf = None
        self.number = None
        self._update_buttons()

    def _request(self) -> HandoverRequest:
        chosen = [c for c in self.candidates if c.dossier_id in self.checked_ids() and c.code]
        items = {c.code: self.postal_items[c.dossier_id] for c in chosen if self.postal_items.get(c.dossier_id)}
        return HandoverRequest(codes=tuple(c.code for c in chosen if c.code), employee=self.employee.text(),
                               receiver=self.receiver.text(), post_office=self.post_office.text(),
                               desk=self.desk.text(), postal_items=items)

    def _update_buttons(self) -> None:
        chosen = bool(self.checked_ids())
        self.preview_button.setEnabled(chosen and not self._busy)
        self.record_button.setEnabled(chosen and not self._busy)
        self.sign_button.setEnabled(chosen and not self._busy and not self._sign_unavailable)
        self.print_button.setEnabled(self.number is not None and not self._busy)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        if text:
            self.status.setText(text)
        self._update_buttons()

    # -- preview, record, print ------------------------------------------------------------------

    def show_preview(self) -> None:
        from dossier.handover_desk import draft

        workspace, request = self.window_.workspace, self._request()

        def work(_progress: Any, cancel: Any) -> tuple[Any, bytes, list[Any]]:
            handover, pdf = draft(workspace, request)
            return handover, pdf, render_pages(pdf, cancel=cancel)

        def done(result: tuple[Any, bytes, list[Any]]) -> None:
            handover, pdf, images = result
            self.pdf, self.number = pdf, None
            self.preview.show_pages(images)
            self._set_busy(False, self.tr("Bản xem trước (chưa ghi nhận, chưa có số): %1 hồ sơ, %2 trang.")
                           .replace("%1", str(len(handover.entries))).replace("%2", str(handover.pages)))

        self._set_busy(True, self.tr("Đang dựng bản xem trước…"))
        self.window_.tasks.run(work, name=self.tr("Xem trước danh sách bàn giao"), on_success=done,
                               on_failure=self._failed)

    def record(self, *, sign: bool) -> None:
        from dossier.handover_desk import record

        signer = None
        if sign:
            if self._ask_signer is None:
                return
            signer = self._ask_signer(self)
            if signer is None:  # the clerk cancelled the PIN dialog
                return
        workspace, request = self.window_.workspace, self._request()
        chosen = self.checked_ids()

        def work(_progress: Any, cancel: Any) -> tuple[Any, bytes, list[Any]]:
            handover, pdf = record(workspace, request, signer)
            return handover, pdf, render_pages(pdf, cancel=cancel)

        def done(result: tuple[Any, bytes, list[Any]]) -> None:
            handover, pdf, images = result
            self.pdf, self.number = pdf, handover.number
            self.preview.show_pages(images)
            text = (self.tr("Đã lập và ký số danh sách bàn giao số %1: %2 hồ sơ, %3 trang.") if sign else
                    self.tr("Đã lập danh sách bàn giao số %1: %2 hồ sơ, %3 trang. In ra để hai bên ký."))
            self._set_busy(False, text.replace("%1", handover.number).replace("%2", str(len(handover.entries)))
                           .replace("%3", str(handover.pages)))
            self.load(keep=set())
            self.load_lists()
            self.window_.refresh()  # the dossier list shows them handed over
            self.recorded.emit(handover.number)

        self._set_busy(True, self.tr("Đang ký và lập danh sách…") if sign else self.tr("Đang lập danh sách…"))
        self.window_.tasks.run(work, name=self.tr("Lập danh sách bàn giao"), lane="token" if sign else None,
                               on_success=done, on_failure=lambda exc: self._failed(exc, chosen))

    def _failed(self, error: BaseException, chosen: set[int] | None = None) -> None:
        self._set_busy(False)
        if isinstance(error, HandoverRefused):
            what = _sentence(str(error))
            self.status.setText(what)
            show_error(self, Explained(what, self.tr("Danh sách chưa được lập. Bỏ chọn hồ sơ đã bàn giao, "
                                                     "kiểm tra thông tin rồi lập lại.")))
            self.load(keep=chosen)  # shows which dossiers are on a list now
            return
        from desktop.errors import explain

        explained = explain(error)
        self.status.setText(explained.what)
        show_error(self, explained)

    # -- the lists recorded earlier --------------------------------------------------------------

    def load_lists(self) -> None:
        from dossier.handover_desk import recorded_lists

        workspace = self.window_.workspace
        self.window_.tasks.run(lambda _p, _c: recorded_lists(workspace), on_success=self.earlier.show_lists,
                               on_failure=lambda exc: show_error(self, exc))

    def reopen(self, number: str) -> None:
        """Show list ``number`` as it was recorded (its kept PDF); Print then prints it again."""
        from dossier.handover_desk import saved_pdf

        workspace = self.window_.workspace

        def work(_progress: Any, cancel: Any) -> tuple[bytes, list[Any]]:
            pdf = saved_pdf(workspace, number)
            return pdf, render_pages(pdf, cancel=cancel)

        def done(result: tuple[bytes, list[Any]]) -> None:
            pdf, images = result
            self.pdf, self.number = pdf, number
            self.preview.show_pages(images)
            self._set_busy(False, self.tr("Danh sách bàn giao số %1, bản đã lưu khi lập (%2 trang): "
                                          "in lại bằng Ctrl+P.").replace("%1", number).replace("%2", str(len(images))))

        self._set_busy(True, self.tr("Đang mở danh sách %1…").replace("%1", number))
        self.window_.tasks.run(work, name=self.tr("Mở danh sách bàn giao"), on_success=done,
                               on_failure=self._reopen_failed)

    def ask_export(self, number: str) -> QFileDialog:
        """Where to write list ``number``'s PDF; its CSV goes beside it under the same name."""
        dialog = QFileDialog(self, self.tr("Xuất danh sách bàn giao %1").replace("%1", number), "",
                             self.tr("Tệp PDF (*.pdf)"))
        dialog.setObjectName("handover-export-dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"{number}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export(number, Path(name)))
        dialog.open()  # window-modal, not exec'd: the event loop keeps running
        return dialog

    def export(self, number: str, pdf_path: Path) -> None:
        from dossier.handover import write_atomic
        from dossier.handover_desk import saved_csv, saved_pdf

        workspace, csv_path = self.window_.workspace, pdf_path.with_suffix(".csv")

        def work(_progress: Any, _cancel: Any) -> None:
            write_atomic(pdf_path, saved_pdf(workspace, number))
            write_atomic(csv_path, saved_csv(workspace, number))

        def done(_result: None) -> None:
            self._set_busy(False, self.tr("Đã xuất danh sách %1: %2 và %3.").replace("%1", number)
                           .replace("%2", pdf_path.name).replace("%3", csv_path.name))

        self._set_busy(True, self.tr("Đang xuất danh sách %1…").replace("%1", number))
        self.window_.tasks.run(work, name=self.tr("Xuất danh sách bàn giao"), on_success=done,
                               on_failure=self._reopen_failed)

    def _reopen_failed(self, error: BaseException) -> None:
        if not isinstance(error, HandoverRefused):
            self._failed(error)
            return
        self._set_busy(False)
        what = _sentence(str(error))
        self.status.setText(what)
        show_error(self, Explained(what, self.tr("Các hồ sơ vẫn thuộc danh sách này; chỉ tệp đã lưu của nó "
                                                 "cần được khôi phục.")))

    def ask_print(self) -> None:
        """The system's print dialog; the list is printed once it is accepted."""
        if self.number is None or self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Danh sách bàn giao %1").replace("%1", self.number))
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("handover-print-dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_on(printer))
        self._printer = printer  # kept alive while the dialog and the printing run
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # QDialog.open(), which PySide6 hides here
        dialog.show()

    def print_on(self, printer: QPrinter) -> None:
        if self.pdf is None:
            return
        pdf, number = self.pdf, self.number

        def done(pages: int) -> None:
            self._set_busy(False, self.tr("Đã in danh sách %1 (%2 trang).").replace("%1", str(number))
                           .replace("%2", str(pages)))

        self._printer = printer
        self._set_busy(True, self.tr("Đang in…"))
        # QPainter may paint on a QPrinter off the GUI thread (Qt's threading rules), so a long
        # list does not freeze the window while it is rasterised for the printer.
        self.window_.tasks.run(lambda _p, _c: print_pdf(pdf, printer), name=self.tr("In danh sách bàn giao"),
                               on_success=done, on_failure=self._failed)
