"""The settings screen on the real window: typed in, checked against the real peers (the
reference store on 127.0.0.1, SoftHSM2's module, ports nobody listens on), saved, reopened;
the secret in a real GNOME Keyring (private D-Bus session) or, without one, in memory only."""
from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from datastore import credentials as store_credentials
from datastore.credentials import KEYRING_SERVICE
from dossier.config import Config, config_path, load_config, save_config
from dossier.embedded_store import EmbeddedStore
from tests.desktop.signing_helpers import signing_pki, token_env  # noqa: F401 - SoftHSM2 token fixtures
from tests.scanner.conftest import sane_test_device  # noqa: F401 - the fixture
from tests.secret_service import no_keyring, no_store_secrets, secret_service  # noqa: F401 - fixtures

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SECRET = "khoa-bi-mat-ban-3-Xw7"


@pytest.fixture(autouse=True)
def _no_session_secrets(no_store_secrets: None) -> Iterator[None]:
    """Every test starts without store secrets (tests/secret_service.py); a language chosen in a
    test (applied at once) is taken back after it."""
    yield
    from desktop import i18n

    i18n.switch(QApplication.instance(), "vi")
    QApplication.processEvents()


@pytest.fixture(scope="module")
def running_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with EmbeddedStore(tmp_path_factory.mktemp("store")) as store:
        yield store, store.register_client("bàn tiếp nhận 3")


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def open_settings(window, qtbot):  # type: ignore[no-untyped-def]
    """Ctrl+, as the clerk presses it; returns the dialog once shown."""
    window.activateWindow()  # back from a closed dialog: the window's shortcuts need it active
    qtbot.waitUntil(window.isActiveWindow, timeout=15000)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_screen.dialog is not None and window.settings_screen.dialog.isVisible(),
                    timeout=15000)
    return window.settings_screen.dialog


def type_into(qtbot, dialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = dialog.edits[name] if name != "store_secret" else dialog.secret
    dialog.tabs.setCurrentIndex(next(i for i in range(dialog.tabs.count()) if dialog.tabs.widget(i).isAncestorOf(edit)))
    edit.clear()
    edit.setFocus()
    for char in text:  # key events carrying Vietnamese letters, as an input method sends them
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):  # (QTest's keyClicks: Latin-1 only)
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    assert edit.text() == text


def choose(dialog, name: str, value: str) -> None:  # type: ignore[no-untyped-def]
    combo = dialog.edits[name]
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered for {name}"
    combo.setCurrentIndex(index)


def press_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def wait_checked(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.checking is None and dialog.save_button.isEnabled(), timeout=30000)


def test_settings_round_trip(open_window, qtbot, tmp_path: Path) -> None:
    window = open_window()
    assert window.actions_by_name["settings"].shortcut().toString() == "Ctrl+,"
    assert window.actions_by_name["settings"] in window.menus["tools"].actions()
    dialog = open_settings(window, qtbot)
    assert dialog.windowTitle() == "Cài đặt máy trạm"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == \
        ["Người làm việc", "Kho dữ liệu", "Ký số", "Quét", "Chung"]
    type_into(qtbot, dialog, "operator_name", "Nguyễn Thị Hồng Nhung")
    choose(dialog, "operator_role", "archivist")
    type_into(qtbot, dialog, "agency_name", "UBND phường Bến Nghé")
    type_into(qtbot, dialog, "agency_code", "000.00.00.H38")
    type_into(qtbot, dialog, "post_office", "Bưu cục Sài Gòn")
    choose(dialog, "stamp_profile", "copy")
    choose(dialog, "signature_level", "B-B")
    choose(dialog, "language", "en")
    dialog.edits["qc_sample_percent"].setValue(25)
    dialog.tabs.setCurrentIndex(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "settings.png"))
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000) as changed:
        press_save(qtbot, dialog)
    saved = load_config()
    assert changed.args[0] == saved
    assert (saved.operator_name, saved.operator_role, saved.agency_name, saved.agency_code, saved.post_office) == \
        ("Nguyễn Thị Hồng Nhung", "archivist", "UBND phường Bến Nghé", "000.00.00.H38", "Bưu cục Sài Gòn")
    assert (saved.stamp_profile, saved.signature_level, saved.language, saved.qc_sample_percent) == ("copy", "B-B", "en", 25)
    assert saved.uses_embedded_store and saved.uses_demo_identity  # untouched: the built-in defaults
    from desktop.i18n import SETTING, chosen_language

    assert window.settings.value(SETTING) == "en" and chosen_language(window.settings) == "en"
    assert window.statusBar().currentMessage() == "Settings saved."  # English at once
    qtbot.waitUntil(lambda: window.settings_screen.dialog is None)

    again = open_settings(window, qtbot)
    assert again.edits["operator_name"].text() == "Nguyễn Thị Hồng Nhung"
    assert again.edits["operator_role"].currentData() == "archivist"
    assert again.edits["qc_sample_percent"].value() == 25
    assert again.form_config() == saved


def test_a_wrong_value_is_said_and_nothing_is_saved(open_window, qtbot) -> None:
    window = open_window()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog, "agency_code", "H38")
    press_save(qtbot, dialog)
    assert dialog.isVisible() and "QCVN 102:2016" in dialog.problems.text()
    assert not config_path().exists()


def test_the_secret_goes_to_the_keyring_and_never_to_a_file(open_window, qtbot, secret_service, running_store,  # noqa: F811
                                                            tmp_path: Path) -> None:
    store, account = running_store
    window = open_window()
    dialog = open_settings(window, qtbot)
    assert "kho khóa của hệ điều hành" in dialog.secret_note.text() and "chỉ được giữ" not in dialog.secret_note.text()
    type_into(qtbot, dialog, "store_url", store.url)
    type_into(qtbot, dialog, "store_client_id", account.client_id)
    type_into(qtbot, dialog, "store_secret", account.client_secret)
    assert dialog.secret.echoMode() == dialog.secret.EchoMode.Password
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)  # the store is asked for a token with these credentials: accepted
    assert secret_service.get_password(KEYRING_SERVICE, account.client_id) == account.client_secret
    assert "kho khóa của hệ điều hành" in window.statusBar().currentMessage()
    exported = tmp_path / "deploy.json"
    again = open_settings(window, qtbot)
    assert again.secret.text() == "" and "đã có" in again.secret.placeholderText()
    assert again.export_to(exported) == exported
    for path in (config_path(), exported):
        text = path.read_text(encoding="utf-8")
        assert account.client_secret not in text and "secret" not in json.loads(text)
        assert json.loads(text)["store_url"] == store.url
    from dossier.store_secret import store_credentials

    assert store_credentials().client_secret == account.client_secret  # what the outbox will send with


def test_without_a_keyring_the_secret_is_kept_for_this_session_only(open_window, qtbot, no_keyring,  # noqa: F811
                                                                    running_store) -> None:
    store, account = running_store
    window = open_window()
    dialog = open_settings(window, qtbot)
    assert "không có kho khóa" in dialog.secret_note.text() and "đến khi đóng ứng dụng" in dialog.secret_note.text()
    type_into(qtbot, dialog, "store_url", store.url)
    type_into(qtbot, dialog, "store_client_id", account.client_id)
    type_into(qtbot, dialog, "store_secret", account.client_secret)
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)
    assert store_credentials.session_secret(account.client_id) == account.client_secret
    assert "đến khi đóng ứng dụng" in window.statusBar().currentMessage()
    assert account.client_secret not in config_path().read_text(encoding="utf-8")


def test_a_refused_secret_stops_the_save(open_window, qtbot, no_keyring, running_store) -> None:  # noqa: F811
    store, account = running_store
    window = open_window()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog, "store_url", store.url)
    type_into(qtbot, dialog, "store_client_id", account.client_id)
    type_into(qtbot, dialog, "store_secret", "not-the-secret")
    press_save(qtbot, dialog)
    wait_checked(qtbot, dialog)
    assert dialog.isVisible() and "từ chối" in dialog.problems.text()
    assert dialog.tabs.currentIndex() == 1 and not config_path().exists()
    assert store_credentials.session_secret(account.client_id) is None


def test_a_store_that_does_not_answer_is_warned_and_can_be_saved_anyway(open_window, qtbot, no_keyring) -> None:  # noqa: F811
    url = closed_port_url()
    window = open_window()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog, "store_url", url)
    type_into(qtbot, dialog, "store_client_id", "ban-3")
    type_into(qtbot, dialog, "store_secret", SECRET)
    press_save(qtbot, dialog)
    assert dialog.checking is not None  # checked off the UI thread: the window stays responsive
    wait_checked(qtbot, dialog)
    assert dialog.isVisible() and not config_path().exists()
    assert f"Kho dữ liệu {url} không trả lời" in dialog.problems.text()
    assert dialog.save_button.text() == "Vẫn lưu"
    assert dialog.grab().save(str(SCREENSHOTS / "settings-store.png"))
    with qtbot.waitSignal(window.settings_screen.changed, timeout=5000):
        press_save(qtbot, dialog)
    assert load_config().store_url == url and SECRET not in config_path().read_text(encoding="utf-8")


def test_a_pkcs11_module_that_does_not_load_stops_the_save(open_window, qtbot, tmp_path: Path) -> None:
    fake = tmp_path / "libvendor-pkcs11.so"
    fake.write_bytes(b"not a shared library")
    window = open_window()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog, "pkcs11_module", str(fake))
    dialog.tabs.setCurrentIndex(0)
    press_save(qtbot, dialog)
    wait_checked(qtbot, dialog)
    assert "Không nạp được mô-đun PKCS#11" in dialog.problems.text()
    assert dialog.tabs.currentIndex() == 2 and dialog.isVisible() and not config_path().exists()


def test_export_and_import_for_another_desk(open_window, qtbot, tmp_path: Path) -> None:
    save_config(Config(operator_name="Trần Văn Bình", agency_code="000.00.00.H38", token_serial="5a1c",
                       key_id="a1b2", stamp_profile="none"))
    window = open_window()
    dialog = open_settings(window, qtbot)
    exported = dialog.export_to(tmp_path / "trien-khai.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["agency_code"] == "000.00.00.H38" and data["stamp_profile"] == "none"
    assert (data["operator_name"], data["token_serial"], data["key_id"]) == ("", "", "")  # this desk's own
    assert "Đã xuất cài đặt" in dialog.problems.text()

    data.update(agency_name="UBND xã Tân Phú", qc_sample_percent=5, stamp_profile="copy")
    deployment = tmp_path / "tinh.json"
    deployment.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert dialog.import_from(deployment) is not None
    assert dialog.edits["agency_name"].text() == "UBND xã Tân Phú"
    assert dialog.edits["operator_name"].text() == "Trần Văn Bình"  # kept: this desk's operator
    assert dialog.edits["token_serial"].text() == "5a1c"
    assert load_config().agency_name == ""  # nothing saved before Save
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)
    assert (load_config().agency_name, load_config().qc_sample_percent) == ("UBND xã Tân Phú", 5)

    broken = tmp_path / "hong.json"
    broken.write_text('{"format": "sohoa-config", "mat_khau": "x"}', encoding="utf-8")
    again = open_settings(window, qtbot)
    assert again.import_from(broken) is None and "mục không biết: mat_khau" in again.problems.text()


def test_the_scanner_is_found_and_preselected_for_intake(open_window, qtbot, sane_test_device: str) -> None:  # noqa: F811
    window = open_window()
    dialog = open_settings(window, qtbot)
    dialog.tabs.setCurrentIndex(3)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.edits["scan_device"].findData(sane_test_device) >= 0, timeout=60000)
    choose(dialog, "scan_device", sane_test_device)
    choose(dialog, "scan_profile", "archive_batch")
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)
    assert (load_config().scan_device, load_config().scan_profile) == (sane_test_device, "archive_batch")
    assert window.intake.device.currentData() == sane_test_device
    assert window.intake.profile.currentData() == "archive_batch"


def test_the_token_is_chosen_with_the_signing_screens_picker(open_window, qtbot, token_env) -> None:  # noqa: F811
    from PySide6.QtCore import QTimer

    from tests.signing.pki_setup import SOFTHSM_LIB

    pki = token_env
    window = open_window()
    dialog = open_settings(window, qtbot)
    dialog.tabs.setCurrentIndex(2)
    assert dialog.token_button.isEnabled() and dialog.edits["pkcs11_module"].text() == ""  # the demo identity
    picked: list[str] = []

    problems: list[BaseException] = []

    def pick() -> None:  # runs inside the picker's own event loop (choose_token waits for it)
        try:
            qtbot.waitUntil(lambda: window.signing.picker is not None and window.signing.picker.isVisible(),
                            timeout=20000)
            picker = window.signing.picker
            with qtbot.waitSignal(picker.tokens_read, timeout=30000):
                picker.select_module(SOFTHSM_LIB)
            for top in range(picker.tree.topLevelItemCount()):
                token = picker.tree.topLevelItem(top)
                if pki.token_serial in token.text(0):
                    picker.tree.setCurrentItem(token.child(0))
                    picked.append(token.child(0).text(0))
            qtbot.mouseClick(picker.save_button, Qt.MouseButton.LeftButton)
        except BaseException as exc:  # noqa: BLE001 - the picker is closed, so the test fails instead of hanging
            problems.append(exc)
            if window.signing.picker is not None:
                window.signing.picker.reject()

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(dialog.token_button, Qt.MouseButton.LeftButton)
    assert not problems, problems
    assert picked == ["Nguyễn Văn An"]
    assert (dialog.edits["pkcs11_module"].text(), dialog.edits["token_serial"].text(), dialog.edits["key_id"].text()) == \
        (SOFTHSM_LIB, pki.token_serial, pki.key_id.hex())
    type_into(qtbot, dialog, "operator_name", "Nguyễn Văn An")
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)  # the module loads, the token and its key are found: saved at once
    saved = load_config()
    assert (saved.pkcs11_module, saved.token_serial, saved.key_id, saved.operator_name) == \
        (SOFTHSM_LIB, pki.token_serial, pki.key_id.hex(), "Nguyễn Văn An")


def test_a_new_workspace_applies_at_the_next_start_the_language_at_once(open_window, qtbot, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import i18n
    from desktop.app_settings import app_settings

    window = open_window()
    first = window.workspace.root
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog, "workspace", str(tmp_path / "kho-moi"))
    choose(dialog, "language", "en")
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)
    assert window.workspace.root == first  # this session goes on where it is
    assert "next time the app opens" in window.statusBar().currentMessage()  # said in the new language
    qtbot.waitUntil(lambda: window.windowTitle() == "SoHoa – Digitizing dossiers", timeout=5000)
    window.close()
    i18n.switch(QApplication.instance(), "vi")  # the app's process ends; the next start reads the setting

    monkeypatch.delenv("SOHOA_WORKSPACE")  # a plain start: no --workspace
    app = QApplication.instance()
    translators = i18n.install(app, i18n.chosen_language(app_settings()))
    try:
        again = open_window()
        assert again.workspace.root == tmp_path / "kho-moi"
        english = open_settings(again, qtbot)
        assert english.windowTitle() == "Workstation settings"
        assert english.tabs.tabText(1) == "Data store" and english.save_button.text() == "Save"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_export_button_asks_where_and_writes_the_file(open_window, qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = open_window()
    dialog = open_settings(window, qtbot)
    type_into(qtbot, dialog, "agency_name", "UBND xã Tân Phú")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog, "settings-file-dialog") is not None)
    chooser = dialog.findChild(QFileDialog, "settings-file-dialog")
    assert chooser.isVisible() and dialog.isVisible()  # window-modal over the settings, not a blocking exec
    target = tmp_path / "cho-cac-ban.json"
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(target.exists)
    assert json.loads(target.read_text(encoding="utf-8"))["agency_name"] == "UBND xã Tân Phú"
    assert not config_path().exists()  # exporting saves nothing here


def test_a_broken_configuration_file_is_said_and_can_be_saved_over(open_window, qtbot) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('{"operator_name": "Lê Văn Tám", ', encoding="utf-8")  # cut off mid-write by hand
    window = open_window()
    dialog = open_settings(window, qtbot)
    assert "bị hỏng" in window.statusBar().currentMessage()
    assert dialog.form_config() == Config()  # the built-in defaults, to save a good file over it
    type_into(qtbot, dialog, "operator_name", "Lê Văn Tám")
    with qtbot.waitSignal(window.settings_screen.changed, timeout=30000):
        press_save(qtbot, dialog)
    assert load_config().operator_name == "Lê Văn Tám"


def test_the_language_chosen_in_the_view_menu_is_the_one_shown(open_window, qtbot) -> None:
    window = open_window()
    window.actions_by_name["lang-en"].trigger()  # Xem › Ngôn ngữ › English
    dialog = open_settings(window, qtbot)
    assert dialog.edits["language"].currentData() == "en"
