"""The document list says an upload's error as the outbox says it, in plain Vietnamese, with the
store client's technical words in the tooltip: a real store on 127.0.0.1 refuses the upload."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from datastore.outbox import RetryPolicy
from dossier.config import Config, save_config
from dossier.model import DocumentState
from dossier.workspace import Workspace
from tests.dossier.sending_helpers import FixedPortStore, signed_documents


@pytest.fixture
def refusing_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A configured store that refuses the next upload with HTTP 422 (its own fault switch)."""
    from desktop.screens import outbox

    monkeypatch.setattr(outbox, "SEND_POLICY", RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.05))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    store = FixedPortStore(tmp_path / "store-data")
    credentials = store.register()
    save_config(Config(store_url=store.url, store_client_id=credentials.client_id))
    monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", credentials.client_secret)
    store.start(faults={"fail_first": 1, "status": 422})
    yield store
    store.stop()


def test_the_document_list_says_an_upload_error_as_the_outbox_does(
        open_window, qtbot, workspace_dir: Path, tmp_path: Path, refusing_store) -> None:
    with Workspace.open(workspace_dir) as ws:
        [document_id] = signed_documents(ws, tmp_path / "paper", 1)
    window = open_window()
    qtbot.waitUntil(lambda: bool(window.workspace.get_document(document_id).last_error), timeout=15000)
    document = window.workspace.get_document(document_id)
    assert document.state is DocumentState.QUEUED and "HTTP 422" in document.last_error
    assert window.select_dossier(document.dossier_id) and window.select_document(document_id)
    window.refresh()

    row = window.documents.index(window.documents.row_of(document_id))
    title, error = row.data().split("\n")
    assert title.startswith("Tài liệu 1 · ")
    assert error == "Kho dữ liệu từ chối tài liệu: tệp hoặc thông tin mô tả không hợp lệ."
    assert "HTTP" not in row.data() and "Lỗi:" not in row.data()
    tooltip = row.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Chi tiết kỹ thuật: ") and "HTTP 422" in tooltip

    window.outbox.show_view()  # the outbox dock says the same words
    model = window.outbox.dock.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.index(0, model.columnCount() - 1).data() == error


def test_errors_of_other_steps_keep_their_own_words(open_window, workspace_dir: Path) -> None:
    with Workspace.open(workspace_dir) as ws:
        dossier = ws.create_dossier(code="000.00.21.H12-250312-0002")
        document = ws.add_document(dossier.id, component="Đơn đề nghị")
        ws.record_failure(document.id, "không đọc được trang 2: tệp ảnh hỏng")
    window = open_window()
    assert window.select_dossier(dossier.id) and window.select_document(document.id)
    row = window.documents.index(window.documents.row_of(document.id))
    assert row.data().split("\n")[1] == "Lỗi: không đọc được trang 2: tệp ảnh hỏng"
