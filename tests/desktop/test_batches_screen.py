"""The batches dock on a real workspace: its counts follow documents as they move state while
it is open (its timer, no click), and the quality-control check of a batch — a 20 % sample
drawn and shown, a document opened in the review view, one sent back to ``extracted`` with its
audit event, one passed — shows the same sample and verdicts after the window is reopened."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dossier import audit
from dossier.codes import format_code
from dossier.config import Config, save_config
from dossier.model import DocumentState, today_vn
from dossier.quality import load_sample
from dossier.workspace import Workspace
from tests.dossier.outputs_fixtures import page_image

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHECKER = "Hoàng Thị Lan"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def archive_batch(folder: Path, papers: Path, documents: int) -> tuple[int, list[int]]:
    """Today's register scanned as one batch: ``documents`` reviewed documents of two pages."""
    papers.mkdir(exist_ok=True)
    with Workspace.open(folder, user="lưu trữ viên") as ws:
        batch = ws.create_batch(operator="Trần Văn Đức", device="sane:test:0", profile="vn-2023")
        dossier = ws.create_dossier(code=format_code("000.13.27.H38", today_vn(), 1))
        ids = []
        for n in range(documents):
            document = ws.add_document(dossier.id, batch_id=batch.id)
            ws.add_pages(document.id, [page_image(papers, f"p{n}-{k}", 30 + k) for k in range(2)])
            ws.save_extraction(document.id, {"document_type": "decision", "fields": {}, "problems": []})
            ws.accept_review(document.id, who="Trần Văn Đức")
            ids.append(document.id)
    return batch.id, ids


def cell(dock, row: int, column: str) -> object:  # type: ignore[no-untyped-def]
    return dock.model.value(row, column)


def test_counts_follow_the_work_while_the_dock_is_open(open_window, qtbot, workspace_dir: Path,
                                                       tmp_path: Path) -> None:
    batch_id, ids = archive_batch(workspace_dir, tmp_path / "papers", 3)
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL_SHIFT)
    dock = window.batches.dock
    qtbot.waitUntil(lambda: dock.isVisible() and dock.model.rowCount() == 1, timeout=5000)
    assert window.batches.show_action in window.menus["tools"].actions()
    assert (cell(dock, 0, "batch"), cell(dock, 0, "scanned"), cell(dock, 0, "waiting_review")) == (str(batch_id), 6, 0)
    assert "6 trang đã quét" not in dock.rate.text()  # scanned before this session

    # Work goes on elsewhere (another desk, the pipeline): the dock follows without a click.
    with Workspace.open(workspace_dir) as ws:
        ws.set_state(ids[0], DocumentState.EXTRACTED)  # back to review
        ws.attach_signed_pdf(ids[1], ws.path(ws.pages_of(ids[1])[0].image_path))
        document = ws.add_document(ws.get_document(ids[0]).dossier_id, batch_id=batch_id)
        ws.add_pages(document.id, [page_image(tmp_path / "papers", "late", 90)])
    qtbot.waitUntil(lambda: cell(dock, 0, "signed") == 2, timeout=10000)
    assert (cell(dock, 0, "scanned"), cell(dock, 0, "waiting_review"), cell(dock, 0, "documents")) == (7, 2, 4)
    assert "1 trang đã quét" in dock.rate.text()  # the page added in this session
    dock.hide()
    assert not window.batches.timer.isActive()  # no reading while nobody looks


def test_quality_sample_is_drawn_checked_and_the_same_after_reopening(open_window, qtbot, workspace_dir: Path,
                                                                        tmp_path: Path) -> None:
    batch_id, ids = archive_batch(workspace_dir, tmp_path / "papers", 10)
    save_config(Config(operator_name=CHECKER, operator_role="archivist", qc_sample_percent=20))
    window = open_window()
    assert window.batches.quality_action in window.menus["tools"].actions()
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL_SHIFT)  # from anywhere: opens the dock, draws the sample
    panel = window.batches.dock.quality
    qtbot.waitUntil(lambda: panel.documents.count() == 2, timeout=10000)
    with Workspace.open(workspace_dir) as ws:
        sample = load_sample(ws, batch_id)
    assert sample is not None and len(sample.document_ids) == 2 and set(sample.document_ids) <= set(ids)
    shown = [panel.documents.item(i).data(Qt.ItemDataRole.UserRole + 22) for i in range(2)]
    assert shown == list(sample.document_ids)
    assert "20 % của 10" in panel.summary.text() and "còn 2 tài liệu chưa đạt" in panel.summary.text()
    first, second = sample.document_ids

    # The first opened in the review view (Enter), found wrong and sent back with a reason.
    panel.documents.setCurrentRow(0)
    panel.documents.setFocus()
    qtbot.keyClick(panel.documents, Qt.Key.Key_Return)
    assert window.selected_document_id() == first and window.views.currentIndex() == 1
    panel.note.setText("sai ngày ban hành")
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "chờ sửa" in panel.documents.item(0).text(), timeout=5000)
    # The second passed, by its key.
    panel.documents.setCurrentRow(1)
    qtbot.keyClick(panel.documents, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.documents.item(1).text().endswith("Đạt"), timeout=5000)
    assert "còn 1 tài liệu chưa đạt" in panel.summary.text()
    qtbot.waitUntil(lambda: cell(window.batches.dock, 0, "waiting_review") == 2, timeout=10000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.resize(1400, 850)
    qtbot.wait(50)
    window.grab().save(str(SCREENSHOTS / "batches.png"))

    with Workspace.open(workspace_dir) as ws:
        document = ws.get_document(first)
        assert document.state is DocumentState.EXTRACTED and "sai ngày ban hành" in (document.last_error or "")
        [event] = [e for e in audit.events(ws, document_id=first) if e.action == "quality.sent_back"]
        assert event.who == CHECKER and event.details["note"] == "sai ngày ban hành"
        assert [e.who for e in audit.events(ws, document_id=second) if e.action == "quality.passed"] == [CHECKER]
        assert ws.get_document(second).state is DocumentState.REVIEWED
    window.close()

    again = open_window()
    qtbot.keyClick(again, Qt.Key.Key_B, CTRL_SHIFT)
    panel = again.batches.dock.quality
    qtbot.waitUntil(lambda: panel.documents.count() == 2, timeout=10000)
    assert [panel.documents.item(i).data(Qt.ItemDataRole.UserRole + 22) for i in range(2)] == [first, second]
    assert "chờ sửa" in panel.documents.item(0).text() and panel.documents.item(1).text().endswith("Đạt")
    assert not panel.draw_button.isVisible()
    with Workspace.open(workspace_dir) as ws:
        assert [e.action for e in audit.events(ws) if e.action == "quality.sampled"] == ["quality.sampled"]
        # One more page of the register reviewed after the draw: it needs a sample of its own.
        late = ws.add_document(ws.get_document(first).dossier_id, batch_id=batch_id)
        ws.add_page(late.id, page_image(tmp_path / "papers", "late", 70))
        ws.save_extraction(late.id, {"document_type": "decision", "fields": {}, "problems": []})
        ws.accept_review(late.id)
    again.batches.load_sample()
    qtbot.waitUntil(lambda: panel.draw_button.isVisible(), timeout=5000)
    assert "1 tài liệu mới kiểm tra chưa được lấy mẫu" in panel.summary.text()
    qtbot.keyClick(again, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.documents.count() == 3, timeout=10000)
    assert panel.documents.item(2).data(Qt.ItemDataRole.UserRole + 22) == late.id
    with Workspace.open(workspace_dir) as ws:
        assert audit.verify(ws).intact
