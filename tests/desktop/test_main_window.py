"""The main window on a real workspace: what it lists, where it was left, its shortcuts."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dossier.codes import format_code
from dossier.model import today_vn
from dossier.workspace import Workspace

from desktop.dossier_list import ID_ROLE
from desktop.formatting import format_date

AGENCY = "000.00.00.H38"


def _dossiers(folder: Path, count: int, documents: int = 2) -> list[tuple[int, str, list[int]]]:
    """``count`` dossiers received today, each with ``documents`` documents of one page."""
    made = []
    with Workspace.open(folder, user="test") as ws:
        for n in range(1, count + 1):
            dossier = ws.create_dossier(code=format_code(AGENCY, today_vn(), n))
            made.append((dossier.id, dossier.code or "", [ws.add_document(dossier.id).id for _ in range(documents)]))
    return made


def _row_texts(view) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [model.index(row).data() for row in range(model.rowCount())]


def test_window_lists_todays_dossier_in_vietnamese(open_window, workspace_dir: Path) -> None:
    (dossier_id, code, _), = _dossiers(workspace_dir, 1)
    window = open_window()
    assert window.windowTitle() == "SoHoa – Số hóa hồ sơ"
    rows = _row_texts(window.dossier_list)
    assert len(rows) == 1 and code in rows[0] and "Đã quét" in rows[0]
    assert window.day_label.text() == f"Hồ sơ nhận ngày {format_date(today_vn())} (1)"
    assert window.selected_dossier_id() == dossier_id  # the clerk can start at once
    assert [window.actions_by_name[n].shortcut().toString() for n in ("scan", "import", "new-dossier", "help")] == \
        ["F5", "Ctrl+O", "Ctrl+N", "F1"]
    assert window.actions_by_name["scan"].text() == "Quét"
    assert "Đã quét" in window.state_label.text() and code in window.state_label.text()


def test_selection_is_restored_after_a_restart(open_window, workspace_dir: Path) -> None:
    made = _dossiers(workspace_dir, 3)
    dossier_id, code, documents = made[1]
    window = open_window()
    assert window.select_dossier(dossier_id)
    assert window.select_document(documents[1])
    window.resize(700, 600)
    window.views.setCurrentIndex(1)
    window.close()

    again = open_window()
    assert again.selected_dossier_id() == dossier_id
    assert again.selected_document_id() == documents[1]
    assert again.dossier_list.currentIndex().data(ID_ROLE) == dossier_id
    assert code in again.state_label.text() and "Tài liệu 2" in again.state_label.text()
    assert again.pages_view.document_id == documents[1] and again.review_view.document_id == documents[1]
    assert again.views.currentWidget() is again.review_view
    assert (again.width(), again.height()) == (700, 600)


def test_f1_shows_every_shortcut_and_esc_closes_it(open_window, qtbot, workspace_dir: Path) -> None:
    _dossiers(workspace_dir, 1)
    window = open_window()
    qtbot.keyClick(window.dossier_list, Qt.Key.Key_F1)
    qtbot.waitUntil(window.help_overlay.isVisible, timeout=2000)
    rows = dict((text, keys) for text, keys in window.help_overlay.rows())
    assert rows["Quét"] == "F5" and rows["Nhập tệp…"] == "Ctrl+O" and rows["Hồ sơ mới…"] == "Ctrl+N"
    assert rows["Trợ giúp phím tắt"] == "F1"
    qtbot.keyClick(window.help_overlay, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.help_overlay.isVisible(), timeout=2000)


def test_keyboard_moves_between_dossiers(open_window, qtbot, workspace_dir: Path) -> None:
    made = _dossiers(workspace_dir, 2)
    window = open_window()
    window.select_dossier(made[0][0])
    window.dossier_list.setFocus()
    qtbot.keyClick(window.dossier_list, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.selected_dossier_id() == made[1][0], timeout=2000)
    assert window.selected_document_id() == made[1][2][0]


def test_screenshot_of_the_main_window(open_window, workspace_dir: Path, tmp_path: Path) -> None:
    from PIL import Image

    made = _dossiers(workspace_dir, 4, documents=3)
    pages = []
    for n in range(3):
        pages.append(tmp_path / f"page-{n}.png")
        Image.new("L", (248, 351), 255).save(pages[-1])
    with Workspace.open(workspace_dir) as ws:
        ws.add_pages(made[-1][2][0], pages)
    window = open_window()
    assert window.selected_document_id() == made[-1][2][0]
    assert window.pages_view.model.rowCount() == 3
    window.resize(1200, 760)
    target = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "main-window.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(target))
    assert target.stat().st_size > 10_000


def test_a_file_that_cannot_be_read_is_explained_in_vietnamese(open_window, qtbot, workspace_dir: Path,
                                                               tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    _dossiers(workspace_dir, 1)
    window = open_window()
    broken = tmp_path / "to-khai.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<")  # a truncated download
    task = window.import_paths([broken])
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-dialog") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "error-dialog")
    assert "to-khai.pdf" in box.text() and "không đọc được tệp" in box.text()
    assert box.informativeText() == "Kiểm tra tệp rồi nhập lại."
    box.close()


def test_long_work_shows_progress_and_the_cancel_button_stops_it(open_window, qtbot, workspace_dir: Path) -> None:
    import threading

    _dossiers(workspace_dir, 1)
    window = open_window()
    outcome: list[str] = []

    def work(progress, cancel: threading.Event):  # type: ignore[no-untyped-def]
        progress((3, 50))
        if cancel.wait(10):
            raise InterruptedError("cancelled")
        return "finished"

    task = window.tasks.run(work, name="Quét 50 trang", on_cancelled=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: window.progress.maximum() == 50 and window.progress.value() == 3, timeout=5000)
    assert window.work_widget.isVisible() and window.work_label.text() == "Quét 50 trang"
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert outcome == ["cancelled"]
    qtbot.waitUntil(lambda: not window.work_widget.isVisible(), timeout=2000)


def test_a_dropped_image_is_imported(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    from PIL import Image
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    _dossiers(workspace_dir, 1)
    window = open_window()
    image = tmp_path / "giay-khai-sinh.png"
    Image.new("L", (200, 280), 255).save(image)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(image))])
    started = []
    window.tasks.started.connect(started.append)
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(started) and started[0].done, timeout=10_000)
    (imported,) = started[0].result.files
    assert imported.name == "giay-khai-sinh.png" and imported.pages == 1 and imported.new
    assert window.statusBar().currentMessage() == "Đã nhập 1 tài liệu"
