"""What the README's first command leaves a newcomer, end to end in the real window: the demo
workspace of ``sohoa demo --app`` (sample paper read, waiting for review), nothing configured,
reviewed, signed with the demo identity through the PIN dialog (no PIN for it) and sent by
itself to the embedded store the app started on 127.0.0.1, where the documents arrive."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from datastore.client import StoreClient
from dossier.config import load_config
from dossier.model import DocumentState


@pytest.mark.slow
def test_the_demo_workspace_is_reviewed_signed_and_sent_on_the_built_in_defaults(
        open_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.demo_app import prepare

    folder = prepare(tmp_path / "demo", scanner=False)
    monkeypatch.setenv("SOHOA_WORKSPACE", str(folder / "workspace"))
    assert load_config().uses_embedded_store and load_config().uses_demo_identity  # nothing configured
    window = open_window()
    documents = window.documents.documents
    assert len(window.dossiers.dossiers) == 1 and len(documents) == 3
    assert all(d.state is DocumentState.EXTRACTED for d in documents)
    for document in documents:  # the clerk's review (its keys are tested in test_review.py)
        window.workspace.accept_review(document.id, who="cán bộ thử")
    window.refresh()

    qtbot.waitUntil(lambda: window.outbox.credentials is not None, timeout=30000)  # the embedded store is up
    assert window.outbox.embedded is not None and window.outbox.credentials.url.startswith("http://127.0.0.1:")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.signing.dialog is not None and window.signing.dialog.isVisible(), timeout=30000)
    dialog = window.signing.dialog
    assert dialog.request.demo and not dialog.request.pin_needed and dialog.request.count == 3
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    def states() -> set[DocumentState]:
        return {window.workspace.get_document(d.id).state for d in documents}

    qtbot.waitUntil(lambda: states() == {DocumentState.UPLOADED}, timeout=120000)
    stored = StoreClient(window.outbox.credentials).find_documents()
    assert len(stored) == 3
    signed = {window.workspace.get_document(d.id).signed_sha256 for d in documents}
    assert {item["sha256"] for item in stored} == signed
