"""The signing screen against the real parts: the SoftHSM2 token over PKCS#11, the certomancer
PKI (its OCSP service on 127.0.0.1 answers the revocation check), real widgets offscreen."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMessageBox

import signing.sign
from desktop.tasks import _Relay
from dossier.config import load_config
from dossier.model import DocumentState
from dossier.signing_batch import signature_status
from signing.verify import verify_pdf
from tests.desktop.signing_helpers import *  # noqa: F403 - the fixtures
from tests.desktop.signing_helpers import (EXPIRED_KEY_ID, EXPIRING_DAYS, EXPIRING_HOLDER, EXPIRING_KEY_ID,
                                           reviewed_dossier, settle, use_token)
from tests.signing.pki_setup import SOFTHSM_LIB, TOKEN_PIN

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def logins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a signing session logs into the token, in this process or in the signing
    process the screen starts (a spy: the real login runs)."""
    from dossier.signing_worker import SigningWorker

    calls: list[str] = []
    real = signing.sign.open_token
    real_start = SigningWorker.start

    def counting(module, pin, serial=None):  # type: ignore[no-untyped-def]
        calls.append(serial)
        return real(module, pin, serial)

    def starting(self) -> None:  # type: ignore[no-untyped-def]
        calls.append(self.signer.token_serial)  # the child logs in once, when it opens the session
        return real_start(self)

    monkeypatch.setattr(signing.sign, "open_token", counting)
    monkeypatch.setattr(SigningWorker, "start", starting)
    return calls


def _token_window(open_window, pki, decision_pdf, documents: int, waiting: int = 0):  # type: ignore[no-untyped-def]
    """A window set to sign with the test token's key, showing today's dossier of ``documents``
    reviewed documents (and ``waiting`` not reviewed yet); the window and the documents' ids."""
    use_token(pki.token_serial, pki.key_id.hex())
    window = open_window()
    _, ids = reviewed_dossier(window, decision_pdf, documents, waiting=waiting)
    return window, ids


def _pin_dialog(window, qtbot):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.signing.dialog is not None and window.signing.dialog.isVisible(), timeout=10000)
    return window.signing.dialog


def _error_box(window, qtbot) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-dialog") is not None, timeout=10000)
    return window.findChild(QMessageBox, "error-dialog")


def _states(window, ids: list[int]) -> list[str]:  # type: ignore[no-untyped-def]
    """"signed" once signed (the outbox may already have queued or sent it), else the state."""
    states = [window.workspace.get_document(i).state for i in ids]
    return ["signed" if state >= DocumentState.SIGNED else state.value for state in states]


def test_a_dossier_is_signed_with_the_token_through_the_pin_dialog(open_window, qtbot, token_env, decision_pdf,
                                                                   logins) -> None:
    pki = token_env
    window, ids = _token_window(open_window, pki, decision_pdf, 2, waiting=1)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    dialog = _pin_dialog(window, qtbot)
    assert dialog.findChild(type(dialog.pin), "pin").echoMode() == dialog.pin.EchoMode.Password
    assert dialog.request.holder == "Nguyễn Văn An" and dialog.request.count == 2 and dialog.request.pin_needed
    plan = dialog.request.preview.plan  # the stamp where signing.stamps puts it: page 1, top-left
    assert plan is not None and "Người số hóa: Nguyễn Văn An" in plan.text and plan.box[0] < 100
    assert not dialog.preview_label.pixmap().isNull() and not dialog.corner_label.pixmap().isNull()
    assert not dialog.sign_button.isEnabled()  # not before a PIN is typed
    qtbot.keyClicks(dialog.pin, TOKEN_PIN)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "signing-pin.png"))
    with qtbot.waitSignal(window.signing.signed, timeout=60000) as signed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert signed.args == [ids]
    assert logins == [pki.token_serial]  # one login for the whole run
    assert _states(window, ids) == ["signed"] * 2
    for document_id in ids:
        pdf = window.workspace.path(window.workspace.get_document(document_id).signed_pdf_path)
        report = verify_pdf(pdf, [pki.root], check_revocation=False)
        assert report.valid and "Nguyễn Văn An" in report.signatures[0].signer_subject
        assert signature_status(window.workspace, document_id).valid
    window.select_document(ids[0])
    window.views.setCurrentWidget(window.signing.view)
    text = window.signing.view.status.text()
    assert text.startswith("Đã ký · chữ ký hợp lệ · Nguyễn Văn An · ")
    assert datetime.strptime(text.rsplit(" · ", 1)[1], "%d/%m/%Y %H:%M")
    assert window.views.tabText(window.views.indexOf(window.signing.view)) == "Chữ ký số ✔"
    assert "Nội dung: không bị thay đổi sau khi ký" in window.signing.view.details.text()
    window.grab().save(str(SCREENSHOTS / "signing.png"))
    settle(window, qtbot)


def test_a_wrong_pin_signs_nothing_is_not_retried_and_says_what_to_do(open_window, qtbot, token_env, decision_pdf,
                                                                      logins) -> None:
    pki = token_env
    window, ids = _token_window(open_window, pki, decision_pdf, 2)
    emitted: list[list[int]] = []
    window.signing.signed.connect(emitted.append)
    window.actions_by_name["sign-dossier"].trigger()
    dialog = _pin_dialog(window, qtbot)
    qtbot.keyClicks(dialog.pin, "000000")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    box = _error_box(window, qtbot)
    assert "không nhận mã PIN" in box.text() and "Chưa ký tài liệu nào" in box.text()
    assert "lần thử" in box.text()  # the tries left, as the token reports them
    assert "Ctrl+Shift+S" in box.informativeText() and "không tự thử lại" in box.informativeText()
    box.grab().save(str(SCREENSHOTS / "signing-wrong-pin.png"))
    qtbot.wait(300)
    assert logins == [pki.token_serial] and not emitted and not window.signing.running
    assert _states(window, ids) == ["reviewed"] * 2
    assert window.signing.dialog is None  # no second PIN dialog opened by itself


def test_an_expired_certificate_is_refused_before_the_pin(open_window, qtbot, token_env, signing_pki, decision_pdf,
                                                          logins) -> None:
    _, expired_serial, _ = signing_pki
    use_token(expired_serial, EXPIRED_KEY_ID)
    window = open_window()
    _, ids = reviewed_dossier(window, decision_pdf, 1)
    window.actions_by_name["sign-dossier"].trigger()
    box = _error_box(window, qtbot)
    assert "Chứng thư số đã hết hạn ngày 01/01/2026" in box.text() and "Chưa ký tài liệu nào" in box.text()
    assert "gia hạn" in box.informativeText().lower()
    assert window.signing.dialog is None and logins == []  # no PIN asked for a certificate that cannot sign
    assert _states(window, ids) == ["reviewed"]


class _CancelAfterTheFirst(QObject):
    """Clicks the status bar's cancel button when the first document is signed. The signing
    worker waits for the click (a blocking queued connection to the task's relay), so the
    cancel lands between the first and the second document however loaded the machine is."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window_ = window
        self.clicked = False

    def watch(self, task) -> None:  # type: ignore[no-untyped-def]
        if task.name == "Ký số":
            relay = task.findChild(_Relay)
            relay.progressed.connect(self.on_progress, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(object)
    def on_progress(self, value) -> None:  # type: ignore[no-untyped-def]
        if value[0] >= 1 and not self.clicked:
            self.clicked = True
            self.window_.cancel_button.click()


def test_cancel_between_documents_keeps_the_signed_and_leaves_the_rest_reviewed(open_window, qtbot, token_env,
                                                                               decision_pdf) -> None:
    window, ids = _token_window(open_window, token_env, decision_pdf, 4)
    window.actions_by_name["sign-dossier"].trigger()
    dialog = _pin_dialog(window, qtbot)
    qtbot.keyClicks(dialog.pin, TOKEN_PIN)

    clerk = _CancelAfterTheFirst(window)
    window.tasks.started.connect(clerk.watch)
    with qtbot.waitSignal(window.signing.signed, timeout=60000) as signed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    done = signed.args[0]
    assert done == ids[:1] and clerk.clicked
    assert _states(window, ids) == ["signed"] * len(done) + ["reviewed"] * (len(ids) - len(done))
    assert all(signature_status(window.workspace, i).valid for i in done)
    assert window.signing.last_outcome.cancelled
    assert "vẫn chờ ký" in window.statusBar().currentMessage()
    settle(window, qtbot)


def test_a_signing_process_that_dies_is_said_plainly_and_loses_nothing(open_window, qtbot, token_env, decision_pdf,
                                                                       monkeypatch) -> None:
    import multiprocessing

    from dossier.signing_worker import SigningWorker

    window, ids = _token_window(open_window, token_env, decision_pdf, 3)
    real_sign = SigningWorker.sign
    asked: list[Path] = []

    def dies_at_the_second(self, src, dst, options):  # type: ignore[no-untyped-def]
        asked.append(src)
        if len(asked) == 2:  # the real signing process is killed, as by a crash or the OOM killer
            self._process.kill()
            self._process.join()
        return real_sign(self, src, dst, options)

    monkeypatch.setattr(SigningWorker, "sign", dies_at_the_second)
    window.actions_by_name["sign-dossier"].trigger()
    dialog = _pin_dialog(window, qtbot)
    qtbot.keyClicks(dialog.pin, TOKEN_PIN)
    with qtbot.waitSignal(window.signing.signed, timeout=60000) as signed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert signed.args == [ids[:1]]
    box = _error_box(window, qtbot)
    assert "Tài liệu 2: không ký được: tiến trình ký số đã dừng đột ngột" in box.text()
    assert "Đã dừng: 1 tài liệu chưa ký, vẫn chờ ký." in box.text()
    box.close()
    assert _states(window, ids) == ["signed", "reviewed", "reviewed"]
    assert not window.signing.running and not multiprocessing.active_children()
    settle(window, qtbot)


def test_cancelling_the_pin_dialog_leaves_no_signing_process(open_window, qtbot, decision_pdf) -> None:
    import multiprocessing

    window = open_window()
    _, ids = reviewed_dossier(window, decision_pdf, 1)
    window.actions_by_name["sign-dossier"].trigger()
    dialog = _pin_dialog(window, qtbot)
    (child,) = [c for c in multiprocessing.active_children() if c.name == "sohoa-signing"]  # spawned, waiting
    dialog.reject()
    qtbot.waitUntil(lambda: not child.is_alive(), timeout=30000)
    assert not window.signing.running and _states(window, ids) == ["reviewed"]


def test_the_token_picker_lists_the_token_with_days_left_and_saves_the_choice(open_window, qtbot, token_env,
                                                                             signing_pki) -> None:
    pki = token_env
    window = open_window()
    picker = window.signing.open_token_picker()
    assert picker.module.currentData() == ""  # nothing configured: the demo identity is the default
    assert "DEMO" in picker.tree.topLevelItem(0).text(0)
    with qtbot.waitSignal(picker.tokens_read, timeout=10000):
        picker.select_module(SOFTHSM_LIB)
    rows = {}
    for top in range(picker.tree.topLevelItemCount()):
        token = picker.tree.topLevelItem(top)
        for child in range(token.childCount()):
            item = token.child(child)
            rows[(token.text(0), item.text(0))] = item
    ours = next(item for (token, holder), item in rows.items() if pki.token_serial in token)
    days = (datetime(2036, 1, 1, tzinfo=timezone.utc) - datetime.now(timezone.utc)).days  # the PKI's signer
    assert ours.text(0) == "Nguyễn Văn An" and ours.text(1) == "SoHoa Test Issuing CA"
    assert ours.text(2).endswith("01/01/2036") and ours.text(3) == f"Còn {days} ngày"
    expired = next(item for (token, holder), item in rows.items() if "Thẻ hết hạn" in token)
    assert expired.text(3) == "Đã hết hạn – không dùng được" and not expired.flags() & Qt.ItemFlag.ItemIsEnabled
    expiring = next(item for (token, holder), item in rows.items() if "Thẻ sắp hết hạn" in token)
    assert expiring.text(0) == EXPIRING_HOLDER and expiring.flags() & Qt.ItemFlag.ItemIsEnabled
    assert expiring.text(3) == f"Còn {EXPIRING_DAYS} ngày – sắp hết hạn, cần gia hạn"
    picker.tree.setCurrentItem(expiring)  # a visible warning weeks before the end
    assert picker.warning.isVisible() and f"còn {EXPIRING_DAYS} ngày" in picker.warning.text()
    assert "gia hạn" in picker.warning.text()
    picker.grab().save(str(SCREENSHOTS / "signing-tokens.png"))
    picker.tree.setCurrentItem(ours)
    assert picker.warning.isHidden()
    qtbot.mouseClick(picker.save_button, Qt.MouseButton.LeftButton)
    config = load_config()
    assert (config.pkcs11_module, config.token_serial, config.key_id) == (SOFTHSM_LIB, pki.token_serial, "a1b2")


def test_the_demo_identity_signs_with_no_token_and_says_it_has_no_legal_value(open_window, qtbot, decision_pdf) -> None:
    window = open_window()
    _, ids = reviewed_dossier(window, decision_pdf, 1)
    window.actions_by_name["sign-dossier"].trigger()
    dialog = _pin_dialog(window, qtbot)
    assert dialog.request.demo and not dialog.pin_row.isVisible()
    assert "không có giá trị pháp lý" in dialog.findChild(type(dialog.preview_label), "demo-warning").text()
    with qtbot.waitSignal(window.signing.signed, timeout=60000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    window.select_document(ids[0])
    assert "chữ ký DEMO nguyên vẹn, không có giá trị pháp lý" in window.signing.view.status.text()
    settle(window, qtbot)


def test_the_pin_dialog_warns_of_a_certificate_near_its_end(open_window, qtbot, token_env, signing_pki,
                                                           decision_pdf) -> None:
    use_token(signing_pki[2], EXPIRING_KEY_ID)
    window = open_window()
    reviewed_dossier(window, decision_pdf, 1)
    window.actions_by_name["sign-dossier"].trigger()
    dialog = _pin_dialog(window, qtbot)
    warning = dialog.findChild(type(dialog.preview_label), "certificate-warning")
    assert warning is not None and f"còn {EXPIRING_DAYS} ngày" in warning.text()
    assert dialog.request.holder == EXPIRING_HOLDER
    dialog.reject()
    assert not window.signing.running and "chưa ký tài liệu nào" in window.statusBar().currentMessage()


def test_another_screen_gets_a_signer_with_the_pin_asked_once(open_window, qtbot, token_env, signing_pki) -> None:
    from PySide6.QtCore import QTimer

    pki = token_env
    use_token(pki.token_serial, pki.key_id.hex())
    window = open_window()

    def type_pin() -> None:
        dialog = window.signing.dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, type_pin)
            return
        qtbot.keyClicks(dialog.pin, TOKEN_PIN)
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, type_pin)
    signer = window.signing.ask_signer(window)
    assert signer is not None and signer.secret == TOKEN_PIN and TOKEN_PIN not in repr(signer)
    assert (signer.pkcs11, signer.token_serial, signer.key_id) == (SOFTHSM_LIB, pki.token_serial, pki.key_id)
    assert window.signing.dialog is None
    use_token(signing_pki[1], EXPIRED_KEY_ID)  # refused before any PIN, the reason shown
    assert window.signing.ask_signer(window) is None
    assert "hết hạn" in _error_box(window, qtbot).text() and window.signing.dialog is None


def test_the_batch_action_signs_the_reviewed_documents_of_the_selected_document_s_batch(
        open_window, qtbot, decision_pdf) -> None:
    from tests.dossier.signing_fixtures import add_reviewed

    window = open_window()  # the demo identity: the batch action is what is tested here
    ws = window.workspace
    batch = ws.create_batch(device="import")
    other = ws.create_batch(device="import")
    first = ws.create_dossier(code=None)
    second = ws.create_dossier(code=None)
    ids = [add_reviewed(ws, first.id, decision_pdf, batch_id=batch.id),
           add_reviewed(ws, second.id, decision_pdf, batch_id=batch.id)]
    elsewhere = add_reviewed(ws, first.id, decision_pdf, batch_id=other.id)
    window.show_day(window.dossiers.day)
    assert window.select_dossier(first.id) and window.select_document(ids[0])
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)  # L: lô, the batch
    box = _error_box(window, qtbot)  # the batch's quality-control sample (10 % by default) comes first
    assert "chưa được kiểm tra chất lượng" in box.text() and window.signing.dialog is None
    box.close()
    from dossier.quality import draw_sample, mark_passed

    for document_id in draw_sample(ws, batch.id, load_config().qc_sample_percent).document_ids:
        mark_passed(ws, batch.id, document_id)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-dialog") is None, timeout=5000)
    window.actions_by_name["sign-batch"].trigger()
    dialog = _pin_dialog(window, qtbot)
    assert dialog.request.count == 2
    with qtbot.waitSignal(window.signing.signed, timeout=60000) as signed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert signed.args == [ids] and _states(window, [elsewhere]) == ["reviewed"]
    settle(window, qtbot)


def test_a_document_signed_elsewhere_is_verified_when_shown(open_window, qtbot, token_env, decision_pdf) -> None:
    from dossier.signing_batch import sign_documents
    from dossier.signing_lane import Signer
    from signing.sign import SignOptions
    from tests.signing.pki_setup import P12_PASSWORD

    pki = token_env
    window = open_window()
    _, ids = reviewed_dossier(window, decision_pdf, 1)
    signer = Signer(p12=pki.p12["signer"], secret=P12_PASSWORD.decode(), options=SignOptions(trust_roots=(pki.root,)))
    assert sign_documents(window.workspace, signer, ids).signed == tuple(ids)  # as sohoa process does: no check kept
    assert signature_status(window.workspace, ids[0]) is None
    window.refresh()
    window.select_document(ids[0])
    qtbot.waitUntil(lambda: "chữ ký hợp lệ" in window.signing.view.status.text(), timeout=15000)
    assert signature_status(window.workspace, ids[0]).valid
    settle(window, qtbot)


def test_a_token_not_plugged_in_or_a_module_that_does_not_load_is_said_plainly(open_window, qtbot, token_env,
                                                                              decision_pdf, tmp_path) -> None:
    use_token("0000000000000000", "a1b2")  # a token chosen once, not plugged in today
    window = open_window()
    _, ids = reviewed_dossier(window, decision_pdf, 1)
    window.actions_by_name["sign-dossier"].trigger()
    box = _error_box(window, qtbot)
    assert "Không thấy thẻ ký số đã chọn" in box.text() and "Cắm thẻ vào máy" in box.informativeText()
    assert window.signing.dialog is None and _states(window, ids) == ["reviewed"]
    box.close()
    picker = window.signing.open_token_picker()
    qtbot.waitSignal(picker.tokens_read, timeout=10000).wait()  # the configured module is read at once
    missing = tmp_path / "libvendor-pkcs11.so"
    with qtbot.waitSignal(picker.tokens_read, timeout=10000):
        picker.select_module(str(missing))
    assert "Không nạp được thư viện PKCS#11" in picker.message.text() and not picker.save_button.isEnabled()
    picker.reject()


def test_the_signing_screen_speaks_english_when_asked(open_window, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop import i18n
    from desktop.app_settings import app_settings

    monkeypatch.setenv("SOHOA_LANG", "en")
    app = QCoreApplication.instance()
    translators = i18n.install(app, i18n.chosen_language(app_settings()))
    try:
        window = open_window()
        assert window.actions_by_name["sign-dossier"].text() == "Sign the dossier's reviewed documents"
        assert window.actions_by_name["choose-token"].text() == "Choose signing token…"
        assert window.views.tabText(window.views.indexOf(window.signing.view)).startswith("Signature")
    finally:
        for translator in translators:
            app.removeTranslator(translator)
