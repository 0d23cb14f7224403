"""Sending from the app: signed documents go to the reference store on 127.0.0.1 (real HTTP),
the receipt shows under the document list, an offline store keeps them in the outbox with
the reason in Vietnamese, a new window on the same workspace sends them exactly once, and
Retry / Retry all send what the store refused. Short retry delays through the screen's
policy parameters, not sleeps."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from datastore.outbox import RetryPolicy
from dossier.config import Config, save_config
from dossier.model import DocumentState
from dossier.sending import store_answers
from dossier.workspace import Workspace
from tests.dossier.sending_helpers import FixedPortStore, signed_documents, stored_hashes

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def quick_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.screens import outbox

    monkeypatch.setattr(outbox, "SEND_POLICY", RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.05))
    monkeypatch.setattr(outbox, "OFFLINE_CHECKS", (0.2, 0.4))
    monkeypatch.setattr(outbox, "ONLINE_CHECK", 0.5)
    for name in ("SOHOA_STORE_URL", "SOHOA_STORE_CLIENT_ID", "SOHOA_STORE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


_KEYS: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def _one_demo_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One demo key for the module's signatures (making an RSA key costs about a second)."""
    _KEYS[:] = [tmp_path_factory.mktemp("demo-key")]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A configured store (not the embedded one), not started yet; the secret from the environment."""
    store = FixedPortStore(tmp_path / "store-data")
    credentials = store.register()
    save_config(Config(store_url=store.url, store_client_id=credentials.client_id))
    monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", credentials.client_secret)
    yield store, credentials
    store.stop()


def _signed(workspace_dir: Path, scratch: Path, count: int) -> list[int]:
    with Workspace.open(workspace_dir) as ws:
        return signed_documents(ws, scratch, count, keys=_KEYS[0])


def _states(window, ids: list[int]) -> list[DocumentState]:  # type: ignore[no-untyped-def]
    return [window.workspace.get_document(i).state for i in ids]


def _uploaded(window, ids: list[int]):  # type: ignore[no-untyped-def]
    return lambda: all(s is DocumentState.UPLOADED for s in _states(window, ids))


def _table(window) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = window.outbox.dock.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _signed_hashes(window, ids: list[int]) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(window.workspace.get_document(i).signed_sha256 for i in ids)


def test_signed_documents_go_to_the_embedded_store_and_the_receipt_shows(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    ids = _signed(workspace_dir, tmp_path / "paper", 2)
    window = open_window()  # nothing configured: the embedded store, in the workspace's store/ folder
    qtbot.waitUntil(_uploaded(window, ids), timeout=20000)
    screen = window.outbox
    qtbot.waitUntil(lambda: screen.indicator.text() == "Trực tuyến", timeout=5000)
    assert screen.store_status() == "online" and screen.embedded is not None
    assert (workspace_dir / "store").is_dir() and screen.credentials.url.startswith("http://127.0.0.1:")
    assert sorted(stored_hashes(screen.credentials)) == _signed_hashes(window, ids)  # one document per hash

    document = window.workspace.get_document(ids[1])
    assert window.select_dossier(document.dossier_id) and window.select_document(ids[1])
    text = screen.receipt.text()
    assert screen.receipt.isVisible()
    lines = text.splitlines()
    assert lines[:2] == ["Đã lưu vào kho dữ liệu", f"Mã lưu trữ: {document.receipt['id']}"]
    assert re.fullmatch(r"Nhận lúc: \d{2}/\d{2}/\d{4} \d{2}:\d{2}", lines[2])  # dd/mm/yyyy HH:MM, Vietnam time
    window.grab().save(str(SCREENSHOTS / "outbox-receipt.png"))

    url = screen.credentials.url
    window.close()  # the embedded store stops with the window
    assert not store_answers(url, timeout=0.5)


def test_offline_documents_wait_then_a_new_window_sends_them_exactly_once(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path, store) -> None:
    process, credentials = store
    process.start()
    first = _signed(workspace_dir, tmp_path / "paper", 1)
    window = open_window()
    qtbot.waitUntil(_uploaded(window, first), timeout=15000)
    assert window.outbox.embedded is None and window.outbox.credentials.url == process.url

    process.stop()  # the line goes down; the clerk signs two more documents
    later = signed_documents(window.workspace, tmp_path / "paper", 2, keys=_KEYS[0])
    signing = getattr(window, "signing", None)
    if signing is not None and hasattr(signing, "signed"):
        signing.signed.emit(later)  # what the signing screen says after a batch
    else:
        window.outbox.documents_signed(later)
    qtbot.waitUntil(lambda: window.outbox.indicator.text() == "Ngoại tuyến · 2 chờ gửi", timeout=10000)
    assert window.outbox.store_status() == "offline"
    assert _states(window, later) == [DocumentState.QUEUED] * 2

    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.outbox.dock.isVisible()
    rows = _table(window)
    assert len(rows) == 2 and all(row[0] == "000.00.21.H12-250312-0001" for row in rows)
    assert all(row[2] == "Chờ gửi" for row in rows) and rows[0][3] != "0"
    assert all(row[4].startswith("Không kết nối được kho dữ liệu") for row in rows)
    assert window.select_dossier(window.workspace.get_document(later[0]).dossier_id)
    assert window.select_document(later[0])
    assert window.outbox.receipt.text().startswith("Chờ gửi lên kho dữ liệu")
    window.grab().save(str(SCREENSHOTS / "outbox.png"))
    window.close()

    process.start()  # the store is back, the clerk opens the app again
    again = open_window()
    qtbot.waitUntil(_uploaded(again, first + later), timeout=15000)
    hashes = stored_hashes(credentials)
    assert sorted(hashes) == _signed_hashes(again, first + later)  # each arrived, none twice
    qtbot.waitUntil(lambda: again.outbox.indicator.text() == "Trực tuyến", timeout=5000)


def test_a_store_that_dies_after_storing_but_before_answering_still_holds_one_copy(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path, store) -> None:
    process, credentials = store
    # The store keeps the document, then waits before its receipt: it is killed meanwhile.
    process.start(faults={"stall_first": 1, "stall_seconds": 30})
    ids = _signed(workspace_dir, tmp_path / "paper", 1)
    window = open_window()
    qtbot.waitUntil(lambda: window.outbox.indicator.text() == "Đang gửi 1…", timeout=10000)
    qtbot.waitUntil(lambda: len(stored_hashes(credentials)) == 1, timeout=10000)
    process.kill()
    qtbot.waitUntil(lambda: window.outbox.indicator.text() == "Ngoại tuyến · 1 chờ gửi", timeout=10000)
    assert _states(window, ids) == [DocumentState.QUEUED]  # no receipt seen: it still waits
    window.close()

    process.start(faults={})  # back, without the fault
    again = open_window()
    qtbot.waitUntil(_uploaded(again, ids), timeout=15000)
    assert stored_hashes(credentials) == _signed_hashes(again, ids)  # the second PUT was not a second copy


def test_documents_go_out_by_themselves_when_the_store_answers_again(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path, store) -> None:
    process, credentials = store
    ids = _signed(workspace_dir, tmp_path / "paper", 2)
    window = open_window()  # the store is not running yet
    qtbot.waitUntil(lambda: window.outbox.indicator.text() == "Ngoại tuyến · 2 chờ gửi", timeout=10000)
    process.start()  # nobody clicks anything: the periodic check finds it
    qtbot.waitUntil(_uploaded(window, ids), timeout=15000)
    assert sorted(stored_hashes(credentials)) == _signed_hashes(window, ids)


def test_retry_and_retry_all_send_what_the_store_refused(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path, store) -> None:
    process, credentials = store
    process.start(faults={"fail_first": 2, "status": 422})  # the store refuses the next two uploads
    ids = _signed(workspace_dir, tmp_path / "paper", 2)
    window = open_window()
    screen = window.outbox
    qtbot.waitUntil(lambda: screen.indicator.text() == "Trực tuyến · 2 bị từ chối", timeout=10000)
    screen.show_view()
    rows = _table(window)
    assert [row[2] for row in rows] == ["Bị kho từ chối"] * 2
    assert all("Kho dữ liệu từ chối tài liệu" in row[4] for row in rows)
    assert "HTTP 422" in screen.dock.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)

    screen.dock.select_rows([1])
    assert screen.dock.selected_entries() == [screen.pending[1].entry_id]
    qtbot.mouseClick(screen.dock.retry_selected, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _states(window, ids)[1] is DocumentState.UPLOADED, timeout=10000)
    assert window.workspace.get_document(ids[0]).state is DocumentState.QUEUED  # not chosen: still refused
    qtbot.waitUntil(lambda: len(_table(window)) == 1, timeout=5000)  # the view follows within a moment

    # Keyboard only: Ctrl+Shift+O puts the focus in the list, Tab Tab reaches Retry all, Space presses it.
    screen.dock.hide()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: screen.dock.table.hasFocus(), timeout=3000)
    qtbot.keyClick(screen.dock.table, Qt.Key.Key_Tab)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is screen.dock.retry_all
    qtbot.keyClick(screen.dock.retry_all, Qt.Key.Key_Space)
    qtbot.waitUntil(_uploaded(window, ids), timeout=10000)
    qtbot.waitUntil(lambda: screen.dock.empty.isVisible(), timeout=5000)
    assert sorted(stored_hashes(credentials)) == _signed_hashes(window, ids)


def test_an_unconfigured_store_says_so(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    save_config(Config(store_url="http://127.0.0.1:9", store_client_id="desk-1"))  # no secret anywhere
    ids = _signed(workspace_dir, tmp_path / "paper", 1)
    window = open_window()
    qtbot.waitUntil(lambda: window.outbox.store_status() == "unconfigured", timeout=5000)
    assert window.outbox.indicator.text() == "Chưa cấu hình kho dữ liệu · 1 chờ gửi"
    assert _states(window, ids) == [DocumentState.SIGNED]


def test_credentials_the_store_refuses_are_named(open_window, qtbot, workspace_dir: Path, tmp_path: Path,
                                                 store, monkeypatch: pytest.MonkeyPatch) -> None:
    process, credentials = store
    process.start()
    monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", "not-the-secret")
    ids = _signed(workspace_dir, tmp_path / "paper", 1)
    window = open_window()
    qtbot.waitUntil(lambda: window.outbox.indicator.text() == "Kho từ chối máy trạm · 1 chờ gửi", timeout=10000)
    assert _table(window)[0][4].startswith("Kho dữ liệu không chấp nhận máy trạm này")
    assert _states(window, ids) == [DocumentState.QUEUED] and stored_hashes(credentials) == []
    assert window.outbox.store_status() == "offline"

    monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", credentials.client_secret)  # the secret is fixed
    window.outbox.show_view()
    qtbot.mouseClick(window.outbox.dock.retry_all, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(_uploaded(window, ids), timeout=10000)
    assert stored_hashes(credentials) == _signed_hashes(window, ids)


def test_a_store_chosen_in_the_settings_takes_over_from_the_embedded_one(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path, store) -> None:
    process, credentials = store
    process.start()
    save_config(Config())  # nothing configured: the embedded store
    window = open_window()
    screen = window.outbox
    qtbot.waitUntil(lambda: screen.embedded is not None and screen.store_status() == "online", timeout=10000)
    embedded_url = screen.credentials.url
    screen.configuration_changed(Config(operator_name="Lê Thị Hoa"))  # not about the store: nothing moves
    assert screen.embedded is not None and screen.credentials.url == embedded_url

    chosen = Config(store_url=process.url, store_client_id=credentials.client_id)
    save_config(chosen)
    settings_screen = getattr(window, "settings_screen", None)
    if settings_screen is not None and hasattr(settings_screen, "changed"):
        settings_screen.changed.emit(chosen)  # what the settings screen says after a save
    else:
        screen.configuration_changed(chosen)
    qtbot.waitUntil(lambda: screen.credentials is not None and screen.credentials.url == process.url, timeout=10000)
    assert screen.embedded is None
    qtbot.waitUntil(lambda: not store_answers(embedded_url, timeout=0.5), timeout=5000)  # stopped
    ids = signed_documents(window.workspace, tmp_path / "paper", 1, keys=_KEYS[0])
    screen.documents_signed(ids)
    qtbot.waitUntil(_uploaded(window, ids), timeout=10000)
    assert stored_hashes(credentials) == _signed_hashes(window, ids)
