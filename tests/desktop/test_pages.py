"""The pages screen on a real workspace: thumbnails, reorder, split, merge, marks, undo, zoom."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from dossier.workspace import Workspace

from desktop.thumbnails import thumbnail_path

from tests.scanner.conftest import sane_test_device  # noqa: F401 - the fixture

from .pages_helpers import dossier_with_pages

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _pages(window, document_id: int):  # type: ignore[no-untyped-def]
    return window.workspace.pages_of(document_id)


def _select(window, row: int) -> None:  # type: ignore[no-untyped-def]
    view = window.pages_view
    view.pages.setFocus()
    view.pages.selectionModel().setCurrentIndex(view.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.pages_view.pages, key, modifier)


def test_thumbnails_appear_once_made_and_stay_on_disk(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    _, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=4)
    window = open_window()
    view = window.pages_view
    assert view.document_id == document_id and view.model.rowCount() == 4
    assert view.heading.text() == "Tài liệu 1: 4 trang"
    qtbot.waitUntil(lambda: all(view.model.has_thumbnail(r) for r in range(4)), timeout=10000)
    files = [thumbnail_path(window.workspace, page) for page in _pages(window, document_id)]
    assert all(f.exists() for f in files) and len(set(files)) == 4
    qtbot.waitUntil(lambda: view.viewer.has_image, timeout=10000)  # page 1 at reading size
    before = view.viewer.zoom
    view.viewer.setFocus()
    qtbot.keyClick(view.pages, Qt.Key.Key_Plus)
    assert view.viewer.zoom > before
    window.resize(1280, 800)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "pages.png"))


def test_keyboard_and_drop_reorder_the_pages_in_the_workspace(open_window, qtbot, workspace_dir: Path,
                                                              tmp_path: Path) -> None:
    _, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=4)
    window = open_window()
    original = [p.id for p in _pages(window, document_id)]
    _select(window, 0)
    _press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in _pages(window, document_id)] == [original[1], original[0], *original[2:]]
    assert window.pages_view.selected_page_ids() == [original[0]]  # the moved page stays selected

    model = window.pages_view.model  # a drag of the last page in front of the first
    data = model.mimeData([model.index(3)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(-1))
    assert [p.id for p in _pages(window, document_id)] == [original[3], original[1], original[0], original[2]]
    assert [p.id for p in window.pages_view.model.pages] == [original[3], original[1], original[0], original[2]]


def test_split_here_makes_a_new_document_and_merge_joins_it_back(open_window, qtbot, workspace_dir: Path,
                                                                  tmp_path: Path) -> None:
    dossier_id, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=4)
    window = open_window()
    original = [p.id for p in _pages(window, document_id)]
    _select(window, 2)
    _press(qtbot, window, Qt.Key.Key_S)
    documents = window.workspace.documents_of(dossier_id)
    assert len(documents) == 2
    assert [p.id for p in _pages(window, documents[0].id)] == original[:2]
    assert [p.id for p in _pages(window, documents[1].id)] == original[2:]
    assert window.documents.rowCount() == 2  # the list beside shows the new document
    assert window.pages_view.model.rowCount() == 2
    assert "tài liệu 2" in window.pages_view.message.text()

    _press(qtbot, window, Qt.Key.Key_M)
    documents = window.workspace.documents_of(dossier_id)
    assert len(documents) == 1 and [p.id for p in _pages(window, documents[0].id)] == original
    assert window.documents.rowCount() == 1


def test_delete_then_undo_restores_the_page_and_redo_takes_it_again(open_window, qtbot, workspace_dir: Path,
                                                                     tmp_path: Path) -> None:
    _, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=3)
    window = open_window()
    original = [p.id for p in _pages(window, document_id)]
    _select(window, 1)
    _press(qtbot, window, Qt.Key.Key_Delete)
    assert [p.id for p in _pages(window, document_id)] == [original[0], original[2]]
    assert "Ctrl+Z" in window.pages_view.message.text()
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in _pages(window, document_id)] == original
    assert window.pages_view.model.rowCount() == 3
    _press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in _pages(window, document_id)] == [original[0], original[2]]


def test_rotate_mark_and_note_pair_by_key(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    _, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=2)
    window = open_window()
    _select(window, 0)
    _press(qtbot, window, Qt.Key.Key_R)
    assert _pages(window, document_id)[0].rotation == 90
    _press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert _pages(window, document_id)[0].rotation == 0
    _select(window, 1)
    _press(qtbot, window, Qt.Key.Key_B)
    assert _pages(window, document_id)[1].blank
    assert "trắng" in window.pages_view.model.index(1).data()
    _press(qtbot, window, Qt.Key.Key_X)
    assert _pages(window, document_id)[1].separator
    _select(window, 0)
    _press(qtbot, window, Qt.Key.Key_N)
    pages = _pages(window, document_id)
    assert [p.note for p in pages] == ["with_note", "without_note", None]
    # The pair must stay side by side (Circular 01/2023 Art. 8): the refusal is said, nothing moves.
    _select(window, 1)
    _press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert [p.id for p in _pages(window, document_id)] == [p.id for p in pages]
    assert "ghi chú" in window.pages_view.message.text() and not window.pages_view.message.isHidden()


def test_the_pages_shortcuts_are_in_the_help_overlay(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    dossier_with_pages(workspace_dir, tmp_path, pages=1)
    window = open_window()
    rows = dict(window.help_overlay.rows())
    assert rows["Xoay trang sang phải"] == "R" and rows["Xóa trang"] == "Del"
    assert rows["Tách tài liệu mới từ trang này"] == "S" and rows["Gộp với tài liệu sau"] == "M"
    assert rows["Hoàn tác"] == "Ctrl+Z" and rows["Làm lại"] == "Ctrl+Y"
    assert rows["Đánh dấu/bỏ đánh dấu trang trắng"] == "B" and rows["Quét lại trang"] == "Shift+F5"


def test_a_split_proposal_is_shown_and_applied_only_when_confirmed(open_window, qtbot, workspace_dir: Path,
                                                                   tmp_path: Path) -> None:
    """A blank sheet between two pages: the proposal names it; nothing changes until applied."""
    from PIL import Image

    from dossier.split import SplitRule  # noqa: F401 - the rule the view proposes with (default)

    dossier_id, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=3)
    window = open_window()
    view = window.pages_view
    _select(window, 0)
    _press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: not view.proposal_box.isHidden(), timeout=20000)
    assert view.proposal_text.text()  # what the clerk reads before confirming
    assert len(window.workspace.documents_of(dossier_id)) == 1
    del Image


def test_shift_f5_rescans_the_page_from_the_sane_test_device_in_its_place(open_window, qtbot, workspace_dir: Path,
                                                                          tmp_path: Path,
                                                                          sane_test_device: str) -> None:  # noqa: F811
    """A page scanned badly is scanned again from the real SANE test device: one sheet, put in
    the page's place (same position, a new image), the other pages untouched, and undoable."""
    from scanner import SaneBackend, WorkerBridge
    from scanner.operation import ScannerQueue

    from .test_intake import _ready

    _, (document_id,) = dossier_with_pages(workspace_dir, tmp_path, pages=3)
    before = _pages_of(workspace_dir, document_id)
    window = open_window()
    _ready(window, sane_test_device)
    backend = SaneBackend(extra_options=(("test_picture", "Color pattern"),))
    window.intake.queue = ScannerQueue(lambda device_id: WorkerBridge(backend))
    _select(window, 1)
    with qtbot.waitSignal(window.intake.scan_finished, timeout=60000):
        _press(qtbot, window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    after = _pages(window, document_id)
    assert len(after) == 3
    assert [p.id for p in after[::2]] == [before[0].id, before[2].id]  # the others untouched
    assert after[1].id != before[1].id and after[1].image_sha256 != before[1].image_sha256
    assert window.intake.message.text() == "Đã thay trang bằng bản quét lại."
    view = window.pages_view
    assert view.model.rowCount() == 3 and view.current_page_id() == after[1].id
    assert not list(window.workspace.root.glob(".rescan-*"))  # the scanner's scratch folder is gone
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.image_sha256 for p in _pages(window, document_id)] == [p.image_sha256 for p in before]


def test_a_printed_separator_sheet_in_an_imported_stack_splits_the_document(open_window, qtbot, workspace_dir: Path,
                                                                            tmp_path: Path) -> None:
    """A stack of paper with a document separator sheet (printed by dossier.separator, rendered
    at 100 dpi) imported as one PDF: P proposes the cut at the sheet, Ctrl+Enter applies it,
    and the window's documents list shows the two documents, the sheet marked at the head of
    the second."""
    from PIL import Image

    from dossier.separator import separator_sheet_pdf
    from tests.dossier.test_separator import render

    from .pages_helpers import page_file

    paper = [Image.open(page_file(tmp_path / "paper", n)).convert("RGB") for n in (1, 2, 3)]
    sheet = render(separator_sheet_pdf("document"), 100).image
    stack = tmp_path / "xap-giay.pdf"
    paper[0].save(stack, save_all=True, append_images=[paper[1], sheet, paper[2]], resolution=100)
    with Workspace.open(workspace_dir, user="thử nghiệm") as ws:
        dossier_id = ws.create_dossier().id
    window = open_window()
    assert window.selected_dossier_id() == dossier_id
    task = window.import_paths([stack])
    qtbot.waitUntil(lambda: task.done and window.documents.rowCount() == 1, timeout=30000)
    (document,) = window.workspace.documents_of(dossier_id)
    assert window.select_document(document.id)
    view = window.pages_view
    assert view.model.rowCount() == 4
    _select(window, 0)
    _press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: not view.proposal_box.isHidden(), timeout=30000)
    assert len(view.proposal.documents) == 2 and [s.number for s in view.proposal.separators] == [3]
    assert len(window.workspace.documents_of(dossier_id)) == 1  # nothing changes before the clerk confirms
    _press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    first, second = window.workspace.documents_of(dossier_id)
    assert [p.separator for p in _pages(window, first.id)] == [False, False]
    assert [p.separator for p in _pages(window, second.id)] == [True, False]
    assert view.message.text() == "Đã tách thành 2 tài liệu."
    qtbot.waitUntil(lambda: window.documents.rowCount() == 2, timeout=5000)


def _pages_of(workspace_dir: Path, document_id: int):  # type: ignore[no-untyped-def]
    with Workspace.open(workspace_dir, user="thử nghiệm") as ws:
        return ws.pages_of(document_id)
