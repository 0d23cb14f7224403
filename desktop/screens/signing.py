"""The signing screen: sign the reviewed documents of a dossier, a batch or the day with the
token (or the demo identity), one PIN for the run, and see each signed document's status.

A run: the token is read and page 1 of the first document rendered with its stamp on the
"token" lane; the PIN dialog (``signing_pin``) shows both; then ``dossier.signing_batch``
signs on the same lane through the token's serial queue, one document at a time, the status
bar counting and cancelling between documents; each signed PDF is verified at once and
``signed(list)`` names the documents signed. The token picker (``signing_tokens``) writes
the choice of module, token and key into the workstation configuration.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from dossier.config import Config, ConfigError, load_config
from dossier.model import Document

from desktop.errors import Explained, show_error
from desktop.formatting import state_label
from desktop.i18n import Retranslated
from desktop.screens.signing_errors import explain_signing

if TYPE_CHECKING:
    from dossier.signing_batch import SignatureCheck, SigningOutcome
    from dossier.signing_lane import Signer
    from dossier.signing_worker import SigningWorker

    from desktop.screens.signing_pin import PinDialog, SigningRequest
    from desktop.screens.signing_tokens import TokenPicker

# The signing stack (pyHanko, fontTools, aiohttp …) is not imported with this module: the window
# is shown without it (0.84 s of its start, python -X importtime) and the warm-up imports it after
# (desktop.warm_up.SIGNING); an action the clerk takes before that imports it then (``_ready``).
STACK = ("dossier.signing_batch", "dossier.signing_worker", "desktop.screens.signing_pin",
         "desktop.screens.signing_tokens")
PREVIEW_SCALE = 2.0  # page 1 rendered at 144 dpi: the stamp's 10 pt text readable in the corner view


def status_text(document: Document, check: SignatureCheck | None) -> str:
    """The document's signature status in one line, as the clerk reads it."""
    if not document.signed_pdf_path:
        return QCoreApplication.translate("SigningScreen", "Chưa ký số (%1)").replace("%1", state_label(document.state))
    if check is None:
        return QCoreApplication.translate("SigningScreen", "Đã ký · chưa kiểm tra chữ ký")
    from dossier.signing_batch import signed_at_local

    at = signed_at_local(check)
    tail = " · ".join(part for part in (check.holder, at.strftime("%d/%m/%Y %H:%M") if at else "") if part)
    if not check.intact:
        verdict = QCoreApplication.translate("SigningScreen", "CHỮ KÝ KHÔNG HỢP LỆ: tệp đã bị thay đổi sau khi ký hoặc bị hỏng")
    elif check.demo:
        verdict = QCoreApplication.translate("SigningScreen", "chữ ký DEMO nguyên vẹn, không có giá trị pháp lý")
    elif check.valid:
        verdict = QCoreApplication.translate("SigningScreen", "chữ ký hợp lệ")
    else:
        verdict = QCoreApplication.translate("SigningScreen", "chữ ký nguyên vẹn nhưng chứng thư chưa được tin cậy (máy chưa cài chứng thư gốc)")
    signed = QCoreApplication.translate("SigningScreen", "Đã ký")
    return f"{signed} · {verdict}" + (f" · {tail}" if tail else "")


def mark(check: SignatureCheck | None) -> str:
    """One sign for a signed document's verdict: ✔ valid, ⚠ intact but not trusted (or DEMO),
    ✖ not valid, … not checked yet."""
    if check is None:
        return "…"
    if not check.intact:
        return "✖"
    return "✔" if check.valid and not check.demo else "⚠"


def details_text(check: SignatureCheck) -> str:
    """What the check found, line by line (the validator's own words in a tooltip)."""
    lines = [QCoreApplication.translate("SigningScreen", "Mức chữ ký: PAdES %1").replace("%1", check.level),
             QCoreApplication.translate("SigningScreen", "Nội dung: không bị thay đổi sau khi ký") if check.intact else
             QCoreApplication.translate("SigningScreen", "Nội dung: ĐÃ BỊ THAY ĐỔI hoặc hỏng sau khi ký"),
             QCoreApplication.translate("SigningScreen", "Chứng thư: được tin cậy") if check.trusted else
             QCoreApplication.translate("SigningScreen", "Chứng thư: không thuộc danh sách chứng thư gốc tin cậy của máy này")]
    checked = datetime.fromisoformat(check.checked_at)
    lines.append(QCoreApplication.translate("SigningScreen", "Kiểm tra lúc %1").replace("%1", checked.strftime("%d/%m/%Y %H:%M")))
    return "\n".join(lines)


@dataclass(frozen=True)
class _Run:
    config: Config
    document_ids: tuple[int, ...]


class SignatureView(QWidget):
    """The "Chữ ký số" tab: the selected document's signature status, checked again on demand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature-view")
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("signature-status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        layout.addWidget(self.status)
        self.details = QLabel()
        self.details.setObjectName("signature-details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verify-again")
        layout.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


class SigningScreen(Retranslated, QObject):
    """``signed(ids)`` after a run, with the documents it signed and verified."""

    signed = Signal(list)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.running = False
        self.last_outcome: SigningOutcome | None = None
        self.dialog: PinDialog | None = None
        self.picker: TokenPicker | None = None
        self._checking: set[int] = set()  # documents being verified now
        self._status_due = False  # a signed document's status waits for the signing stack

        self.view = SignatureView()
        self.view.verify_button.clicked.connect(self.verify_selected)
        window.views.addTab(self.view, "")
        window.document_selected.connect(self.show_status)

        a = window.add_action
        menu = window.menus["sign"]
        for action in (
            a("sign-dossier", "", "Ctrl+Shift+S", self.sign_dossier, toolbar=True),
            a("sign-batch", "", "Ctrl+Shift+L", self.sign_batch),
            a("sign-day", "", "Ctrl+Shift+D", self.sign_day),
        ):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(a("verify-signature", "", "Ctrl+Shift+V", self.verify_selected))
        menu.addAction(a("choose-token", "", "Ctrl+Shift+K", self.choose_token))
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's actions, tab and view in the current language (at start, and when it changes)."""
        texts = {"sign-dossier": self.tr("Ký tài liệu đã kiểm tra của hồ sơ"),
                 "sign-batch": self.tr("Ký tài liệu đã kiểm tra của cả lô"),
                 "sign-day": self.tr("Ký mọi tài liệu đã kiểm tra trong ngày"),
                 "verify-signature": self.tr("Kiểm tra lại chữ ký của tài liệu"),
                 "choose-token": self.tr("Chọn thẻ ký số…")}
        for name, text in texts.items():
            self.window.actions_by_name[name].setText(text)
        self.view.verify_button.setText(self.tr("Kiểm tra lại chữ ký"))
        document_id = self.window.selected_document_id()
        self.show_status(-1 if document_id is None else document_id)

    # -- what to sign ----------------------------------------------------------------------

    def _ready(self) -> None:
        """The signing stack imported, on this (the main) thread: by the warm-up, or now."""
        self.window.warm_up.load(*STACK)

    def _reviewed(self, **where: int) -> list[int]:
        """The ids of the reviewed documents of a dossier (``dossier_id=``) or a batch (``batch_id=``)."""
        self._ready()
        from dossier.signing_batch import reviewed_documents

        return [d.id for d in reviewed_documents(self.workspace, **where)]

    def sign_dossier(self) -> None:
        dossier_id = self.window.selected_dossier_id()
        if dossier_id is None:
            self._say(self.tr("Chọn một hồ sơ để ký."))
            return
        self.sign(self._reviewed(dossier_id=dossier_id))

    def sign_batch(self) -> None:
        document_id = self.window.selected_document_id()
        batch_id = self.workspace.get_document(document_id).batch_id if document_id is not None else None
        if batch_id is None:
            self._say(self.tr("Chọn một tài liệu của lô cần ký."))
            return
        from dossier.quality import blocking_reason

        try:
            percent = load_config().qc_sample_percent
        except ConfigError:
            percent = Config().qc_sample_percent
        # An archive batch is signed once its quality-control sample passed (dossier.quality);
        # a document sent back is no longer reviewed, so the dossier and day actions skip it anyway.
        reason = blocking_reason(self.workspace, batch_id, percent)
        if reason is not None:
            show_error(self.window, Explained(self.tr("Chưa ký được cả lô: %1.").replace("%1", reason),
                                              self.tr("Kiểm tra chất lượng các tài liệu mẫu của lô trước, rồi ký lại.")))
            return
        self.sign(self._reviewed(batch_id=batch_id))

    def sign_day(self) -> None:
        self.sign([i for dossier in self.window.dossiers.dossiers for i in self._reviewed(dossier_id=dossier.id)])

    # -- a run -----------------------------------------------------------------------------

    def sign(self, document_ids: list[int]) -> None:
        """Read the token, show the PIN dialog with the stamp preview, then sign ``document_ids``."""
        if self.running:
            self._say(self.tr("Đang ký một lượt khác; chờ lượt đó xong."))
            return
        if not document_ids:
            self._say(self.tr("Không có tài liệu nào đã kiểm tra đang chờ ký."))
            return
        try:
            config = load_config()
        except ConfigError as exc:
            show_error(self.window, Explained(str(exc), self.tr("Sửa cấu hình trong phần Cài đặt rồi ký lại.")))
            return
        self._ready()
        from dossier.signing_worker import SigningWorker

        self.running = True
        first = self.workspace.get_document(document_ids[0])
        first_pdf = self.workspace.path(first.pdf_path) if first.pdf_path else None
        run = _Run(config, tuple(document_ids))
        root = self.workspace.root

        def read(progress: Any, cancel: Any) -> tuple[SigningRequest, SigningWorker]:
            request = prepare(config, len(document_ids), first_pdf, root)
            worker = SigningWorker()
            worker.spawn()  # the signing process imports pyHanko while the clerk types the PIN
            return request, worker

        self.window.tasks.run(read, name=self.tr("Đọc thẻ ký số"), lane="token",
                              on_success=lambda result: self._ask_pin(run, *result),
                              on_failure=self._refused)

    def _refused(self, error: BaseException) -> None:
        self.running = False
        show_error(self.window, explain_signing(error))

    def _ask_pin(self, run: _Run, request: SigningRequest, worker: SigningWorker) -> None:
        from desktop.screens.signing_pin import PinDialog

        dialog = PinDialog(request, self.window)
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if result != QDialog.DialogCode.Accepted:
                worker.close(wait=False)
                self.running = False
                self._say(self.tr("Đã hủy, chưa ký tài liệu nào."))
                return
            self._start(run, dialog.take_pin(), worker)

        dialog.finished.connect(finished)
        dialog.open()

    def _start(self, run: _Run, pin: str | None, worker: SigningWorker) -> None:
        from dossier.signing_batch import sign_documents
        from dossier.signing_setup import configured_signer, configured_trust_roots

        workspace = self.workspace
        total = len(run.document_ids)

        def work(progress: Any, cancel: Any) -> SigningOutcome:
            progress((0, total))
            # Built here, not on the UI thread; the demo identity's file is made or checked in the
            # signing process (decrypting it held the GIL 50-100 ms, bench/signing_latency.py --demo).
            try:
                roots = configured_trust_roots()
                signer = configured_signer(run.config, pin, workspace.root, roots, demo_identity=worker.demo_identity)
            except BaseException:
                worker.close(wait=False)
                raise
            # In the signing process: pyHanko's Python work on a thread here held the window's
            # GIL (event-loop gaps of 115-370 ms over 20 documents, bench/signing_latency.py).
            return sign_documents(workspace, signer, run.document_ids, cancel=cancel, verify_roots=roots,
                                  progress=lambda step: progress((step.done, step.total)), worker=worker)

        # The PIN stays in this closure and the Signer, in memory, for the run only.
        self.window.tasks.run(work, name=self.tr("Ký số"), lane="token", on_success=self._finished,
                              on_failure=self._refused, on_progress=self._progress)

    def _progress(self, value: Any) -> None:
        done, total = value
        self._say(self.tr("Ký số: đã ký %1/%2 tài liệu").replace("%1", str(done)).replace("%2", str(total)))

    def _finished(self, outcome: SigningOutcome) -> None:
        self.running = False
        self.last_outcome = outcome
        self.window.refresh()
        self.show_status(self.window.selected_document_id() or -1)
        valid = sum(1 for check in outcome.checks if check.valid or (check.demo and check.intact))
        text = self.tr("Đã ký %1 tài liệu (%2 chữ ký đã kiểm tra hợp lệ)").replace(
            "%1", str(len(outcome.signed))).replace("%2", str(valid))
        if outcome.cancelled:
            text += " · " + self.tr("đã dừng theo yêu cầu, %1 tài liệu vẫn chờ ký").replace("%1", str(len(outcome.left)))
        self._say(text, 15000)
        problems = [self.tr("Tài liệu %1: %2").replace("%1", str(self._position(i))).replace("%2", reason)
                    for i, reason in outcome.failed]
        if outcome.stopped_by:
            problems.append(self.tr("Đã dừng: %1 tài liệu chưa ký, vẫn chờ ký.").replace("%1", str(len(outcome.left))))
        if problems:
            show_error(self.window, Explained("\n".join(problems),
                                              self.tr("Kiểm tra thẻ và tệp của các tài liệu này rồi ký lại.")))
        if outcome.signed:
            self.signed.emit(list(outcome.signed))

    def _position(self, document_id: int) -> int:
        return self.workspace.get_document(document_id).position

    # -- for the other screens --------------------------------------------------------------

    def ask_signer(self, parent: QWidget | None = None) -> Signer | None:
        """The configured signer, its PIN asked once in the masked dialog (modal); None when
        cancelled or refused (the reason is shown)."""
        self._ready()
        from dossier.signing_setup import configured_signer, configured_trust_roots

        from desktop.screens.signing_pin import PinDialog

        parent = parent or self.window
        try:
            config = load_config()
        except ConfigError as exc:
            show_error(parent, Explained(str(exc), self.tr("Sửa cấu hình trong phần Cài đặt rồi ký lại.")))
            return None
        root = self.workspace.root
        # The token is read on its lane while a local event loop keeps the window painting.
        loop = QEventLoop()
        def read(progress: Any, cancel: Any) -> tuple[SigningRequest, tuple, Path | None]:  # type: ignore[type-arg]
            from dossier.demo_identity import demo_identity

            # The demo identity's file is checked here, not on the UI thread (decrypting it takes 50 ms).
            demo = demo_identity(root) if config.uses_demo_identity else None
            return prepare(config, 0, None, root), configured_trust_roots(), demo

        task = self.window.tasks.run(read, name=self.tr("Đọc thẻ ký số"), lane="token")
        task.finished.connect(loop.quit)
        if not task.done:
            loop.exec()
        if task.error is not None:
            show_error(parent, explain_signing(task.error))
            return None
        request, roots, demo = task.result
        dialog = PinDialog(request, parent)
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if not accepted:
            return None
        return configured_signer(config, dialog.take_pin(), self.workspace.root, roots,
                                 demo_identity=(lambda _folder: demo) if demo is not None else None)

    def open_token_picker(self) -> TokenPicker:
        """The token picker, opened (window-modal); ``choose_token`` waits for it."""
        self._ready()
        from desktop.screens.signing_tokens import TokenPicker

        picker = TokenPicker(self.window.tasks, self.window)
        self.picker = picker
        picker.accepted.connect(lambda: self._say(self.tr("Đã lưu lựa chọn thẻ ký số.")))
        picker.open()
        return picker

    def choose_token(self) -> bool:
        """Open the token picker and wait; True when a choice was saved into the configuration."""
        picker = self.open_token_picker()
        picker.exec()
        self.picker = None
        return picker.saved is not None

    # -- status ----------------------------------------------------------------------------

    def show_status(self, document_id: int) -> None:
        if document_id < 0:
            self.view.status.setText(self.tr("Chưa chọn tài liệu."))
            self.view.details.clear()
            self.view.verify_button.setEnabled(False)
            self._show_mark("", "")
            return
        document = self.workspace.get_document(document_id)
        signed = bool(document.signed_pdf_path)
        # Selected before the warm-up imported the signing stack (at start, the restored
        # selection): shown as not checked yet, the stored check read once it is imported.
        waiting = signed and "dossier.signing_batch" not in sys.modules
        if waiting and not self._status_due:
            self._status_due = True
            self.window.warm_up.after("dossier.signing_batch", self._status_again)
        check = None
        if signed and not waiting:
            from dossier.signing_batch import signature_status

            check = signature_status(self.workspace, document_id)
        text = status_text(document, check)
        self.view.status.setText(text)
        self.view.verify_button.setEnabled(signed and not waiting)
        self._show_mark(mark(check) if signed else "", text)
        self.view.details.setText(details_text(check) if check is not None else "")
        if signed and not waiting and check is None and document_id not in self._checking:
            self.verify(document_id)  # signed elsewhere (sohoa process, a handover): checked once, here

    def _status_again(self) -> None:
        self._status_due = False
        document_id = self.window.selected_document_id()
        self.show_status(-1 if document_id is None else document_id)

    def _show_mark(self, sign: str, tooltip: str) -> None:
        """The tab's title carries the verdict's mark, seen from the other tabs too."""
        index = self.window.views.indexOf(self.view)
        self.window.views.setTabText(index, self.tr("Chữ ký số") + (f" {sign}" if sign else ""))
        self.window.views.setTabToolTip(index, tooltip)

    def verify_selected(self) -> None:
        document_id = self.window.selected_document_id()
        if document_id is None or not self.workspace.get_document(document_id).signed_pdf_path:
            self._say(self.tr("Tài liệu này chưa được ký."))
            return
        self.verify(document_id)

    def verify(self, document_id: int) -> None:
        """Verify the document's signed PDF off the UI thread; its status is shown when done."""
        self._ready()
        from dossier.signing_batch import check_signature
        from dossier.signing_setup import configured_trust_roots

        workspace = self.workspace
        self._checking.add(document_id)

        def shown(_check: SignatureCheck | None = None) -> None:
            self._checking.discard(document_id)
            if self.window.selected_document_id() == document_id:
                self.show_status(document_id)

        def failed(error: BaseException) -> None:
            shown()
            show_error(self.window, explain_signing(error))

        self.window.tasks.run(lambda progress, cancel: check_signature(workspace, document_id, configured_trust_roots()),
                              name=self.tr("Kiểm tra chữ ký"), on_success=shown, on_failure=failed)

    def _say(self, text: str, timeout: int = 8000) -> None:
        self.window.statusBar().showMessage(text, timeout)


def prepare(config: Config, count: int, first_pdf: Path | None, demo_folder: Path) -> SigningRequest:
    """What the PIN dialog shows, read off the UI thread: the token's certificate (refused
    here when it cannot sign, before any PIN), whether a PIN is needed, the stamp preview."""
    # The first signature and verification of the process import most of pyHanko; unmarshalling
    # its modules holds the GIL for tenths of a second (seen as 370 ms event-loop gaps in the
    # middle of a run), so they are imported here, while the clerk waits for the PIN dialog.
    import signing.sign  # noqa: F401
    import signing.verify  # noqa: F401
    from pyhanko.sign.validation import ades  # noqa: F401

    from dossier.demo_identity import DEMO_COMMON_NAME, DEMO_ORGANISATION
    from dossier.signing_setup import certificate_state, chosen_certificate, organisation, refusal

    from desktop.screens.signing_pin import SigningRequest, preview_images
    from desktop.screens.signing_tokens import expiry_warning, holder_of

    warning = None
    if config.uses_demo_identity:
        holder, issuer, agency = DEMO_COMMON_NAME, DEMO_ORGANISATION, DEMO_ORGANISATION
        where, pin_needed, demo = QCoreApplication.translate("SigningScreen", "danh tính DEMO của máy này (không cần thẻ)"), False, True
    else:
        from signing.errors import TokenError
        from signing.tokens import list_tokens, needs_pin

        tokens = list_tokens(config.pkcs11_module)
        if not config.token_serial and len(tokens) > 1:  # as the session would refuse, before the PIN
            raise TokenError("several tokens are plugged in; choose one by serial")
        info = chosen_certificate(config, tokens)
        if info is None:
            if not any(t.serial == config.token_serial for t in tokens) or not tokens:
                raise TokenError(f"no token with serial {config.token_serial} is plugged in")
            raise TokenError(f"the token has no certificate for key id {config.key_id}")
        state = certificate_state(info)
        if not state.usability.can_sign:
            raise refusal(info, state)
        token = next(t for t in tokens if not config.token_serial or t.serial == config.token_serial)
        holder, issuer, agency = holder_of(info.subject), holder_of(info.issuer), organisation(info.subject)
        where = QCoreApplication.translate("SigningScreen", "thẻ %1 (số sê-ri %2)").replace("%1", token.label or token.model).replace("%2", token.serial)
        pin_needed, demo = needs_pin(config.pkcs11_module, token.serial), False
        warning = expiry_warning(info)
    preview = None
    if first_pdf is not None:
        from dossier.stamp_preview import stamp_preview

        try:
            preview = stamp_preview(first_pdf, config.stamp_profile, digitizer=config.operator_name or holder,
                                    agency=config.agency_name or agency, scale=PREVIEW_SCALE)
        except Exception:  # noqa: BLE001 - a page that will not render is refused by the signing itself
            preview = None
    return SigningRequest(holder=holder, issuer=issuer, where=where, pin_needed=pin_needed, demo=demo, count=count,
                          warning=warning, preview=preview, images=preview_images(preview) if preview else None)


def install(window: Any) -> None:
    window.signing = SigningScreen(window)
