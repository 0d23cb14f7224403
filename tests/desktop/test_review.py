"""The review screen on a generated decision read by real Tesseract: fields with their crops,
corrections by keyboard that survive a restart, Enter and F8 to the fields needing attention,
validation errors in red, and a box drawn on the page read into a field."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QMessageBox

from dossier.audit import events
from dossier.model import today_vn
from dossier.workspace import Workspace
from tests.docgen import generate_document
from tests.dossier.pipeline_fixtures import pipeline_pki  # noqa: F401 - the fixture

DPI = 200  # the smallest resolution Decree 30/2020 allows: the cheapest page to OCR
SEED = 31
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def read_decision(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, Path]:
    """A one-page decision put through the pipeline once for the module (clean-up, Tesseract,
    extraction) in a workspace kept as a template: the page, its ground truth, its extraction."""
    from dossier.pipeline import Pipeline

    generated = generate_document(seed=SEED, document_type="decision", dpi=DPI, pages=1)
    folder = tmp_path_factory.mktemp("review")
    path = folder / "decision.png"
    generated.pages[0].image.save(path, dpi=(DPI, DPI))
    template = folder / "workspace"
    with Workspace.open(template) as ws:
        dossier = ws.create_dossier(code=None)
        document = ws.add_document(dossier.id)
        ws.add_page(document.id, path)
        Pipeline(ws).run([document.id])
        extraction = ws.extraction(document.id)
        assert extraction is not None and ws.pages_of(document.id)[0].cleaned_path
    return path, generated.fields, extraction, template


def fill_workspace(folder: Path, read: tuple[Path, dict, dict, Path], documents: int = 1) -> list[int]:
    """Today's dossier with the processed decision waiting for review, and ``documents - 1``
    more copies of it (the same page and extraction)."""
    page, _truth, extraction, template = read
    shutil.copytree(template, folder)
    with Workspace.open(folder) as ws:
        [dossier] = ws.dossiers_of_day(today_vn())
        ids = [d.id for d in ws.documents_of(dossier.id)]
        for _ in range(documents - 1):
            document = ws.add_document(dossier.id)
            ws.add_page(document.id, page)
            ws.save_extraction(document.id, extraction)
            ids.append(document.id)
    return ids


def review(window, qtbot):  # type: ignore[no-untyped-def]
    window.views.setCurrentIndex(1)
    view = window.review_view
    qtbot.waitUntil(lambda: bool(view.rows) and view.focusWidget() is not None and view.focusWidget().hasFocus(),
                    timeout=5000)
    return view


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key events carrying Vietnamese letters, as an input method delivers them (QTest's
    keyClicks only takes Latin-1 characters)."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def flagged_names(extraction: dict) -> list[str]:
    from dossier.review import field_order
    from ocr.extract.model import REVIEW_THRESHOLD

    names = field_order(list(extraction["fields"]))
    return [n for n in names if extraction["fields"][n]["confidence"] < REVIEW_THRESHOLD]


def test_fields_with_crops_and_a_keyboard_correction_survive_a_restart(open_window, qtbot, workspace_dir: Path,
                                                                     read_decision) -> None:
    page, truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    for name, item in extraction["fields"].items():  # each field beside its crop of the paper
        x0, y0, x1, y1 = item["bbox"]
        crop = view.rows[name].crop
        qtbot.waitUntil(lambda crop=crop: not crop.pixmap().isNull(), timeout=5000)
        assert (crop.pixmap().width(), crop.pixmap().height()) == (x1 - x0, y1 - y0)
    assert view.type_box.currentData() == "decision"
    assert view.rows["issue_date"].text() == "/".join(reversed(truth["issue_date"].split("-")))  # dd/mm/yyyy
    qtbot.waitUntil(lambda: not view.canvas.page_size.isEmpty(), timeout=5000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "review.png"))

    row = view.rows["signer"]
    view.focus_field("signer")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(row.editor, "Nguyễn Văn Bình")
    qtbot.keyClick(row.editor, Qt.Key.Key_Escape)  # Esc takes the typing back
    assert row.text() == extraction["fields"]["signer"]["value"]
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(row.editor, "Nguyễn Văn Bình")
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert window.workspace.fields(document_id)["signer"] == "Nguyễn Văn Bình"  # saved at once
    assert "✔" in row.mark.text()
    window.close()
    window.workspace.close()

    window = open_window()  # a restart: the correction is in the workspace and its audit trail
    view = review(window, qtbot)
    assert view.rows["signer"].text() == "Nguyễn Văn Bình"
    [correction] = window.workspace.corrections(document_id)
    assert (correction.field, correction.old_value, correction.new_value) == (
        "signer", extraction["fields"]["signer"]["value"], "Nguyễn Văn Bình")
    assert any(e.action == "field.corrected" for e in events(window.workspace, document_id=document_id))


def test_enter_goes_to_the_next_flagged_field_and_ctrl_enter_accepts(open_window, qtbot, workspace_dir: Path,
                                                                    read_decision) -> None:
    page, _truth, extraction, _template = read_decision
    flagged = flagged_names(extraction)
    assert len(flagged) >= 2, "the generated decision should have doubtful fields to review"
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    assert view.current == flagged[0]  # the form opens on the first field needing attention
    assert view.rows[flagged[0]].flag == "doubt"
    assert "#fff1a8" in view.rows[flagged[0]].editor.styleSheet()  # yellow
    for index, name in enumerate(flagged):
        qtbot.keyClick(view.rows[name].editor, Qt.Key.Key_Return)  # vouch for it, go on
        assert view.rows[name].flag is None
        if index + 1 < len(flagged):
            assert view.current == flagged[index + 1]
    assert view.state is not None and not view.state.flagged
    qtbot.keyClick(view.rows[flagged[-1]].editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.get_document(document_id).state.value == "reviewed"
    assert window.workspace.get_document(document_id).reviewed_by
    qtbot.waitUntil(lambda: bool(view.rows) and view.rows[flagged[0]].editor.isReadOnly(), timeout=5000)
    assert "chỉ xem" in view.heading.text()  # accepted: shown as it will be signed, not edited


def test_a_validation_error_is_red_with_its_message(open_window, qtbot, workspace_dir: Path, read_decision) -> None:
    page, _truth, extraction, _template = read_decision
    fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    row = view.rows["issue_date"]
    view.focus_field("issue_date")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.editor, "31/02/2025")  # no such day
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert row.flag == "error"
    assert "#ffc9c9" in row.editor.styleSheet()
    [problem] = [p for p in view.state.problems if p.field == "issue_date"]  # type: ignore[union-attr]
    assert row.message.isVisible() and problem.message in row.message.text()
    view.focus_field("issue_date")  # mended: the red goes away
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.editor, "20/01/2026")
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert row.flag is None and not row.message.isVisible()


def test_f8_goes_to_the_next_flagged_field_of_the_dossier(open_window, qtbot, workspace_dir: Path,
                                                        read_decision) -> None:
    page, _truth, extraction, _template = read_decision
    flagged = flagged_names(extraction)
    first, second = fill_workspace(workspace_dir, read_decision, documents=2)
    window = open_window()
    view = review(window, qtbot)
    assert view.document_id == first
    view.focus_field(flagged[-1])
    qtbot.keyClick(view.rows[flagged[-1]].editor, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: view.document_id == second, timeout=5000)
    assert window.selected_document_id() == second
    assert view.current == flagged[0]


def test_a_box_drawn_on_the_page_is_read_into_the_field(open_window, qtbot, workspace_dir: Path,
                                                       read_decision) -> None:
    page, truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    row = view.rows["signer"]
    view.focus_field("signer")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(row.editor, Qt.Key.Key_Delete)
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert window.workspace.fields(document_id)["signer"] == ""
    view.focus_field("signer")
    canvas = view.canvas
    qtbot.waitUntil(lambda: not canvas.page_size.isEmpty(), timeout=5000)
    x0, y0, x1, y1 = extraction["fields"]["signer"]["bbox"]
    canvas.show_box((x0, y0, x1, y1))  # scrolled into view
    start = canvas.mapFromScene(QPointF(x0 - 8, y0 - 6))
    end = canvas.mapFromScene(QPointF(x1 + 8, y1 + 6))
    assert canvas.viewport().rect().contains(start) and canvas.viewport().rect().contains(end)
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas.viewport(), pos=QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(canvas.viewport(), pos=end)
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: window.workspace.fields(document_id)["signer"] != "", timeout=20000)
    assert window.workspace.fields(document_id)["signer"] == truth["signer"]
    assert row.text() == truth["signer"]


def test_ctrl_enter_with_an_error_left_asks_first(open_window, qtbot, workspace_dir: Path, read_decision) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    page, _truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    row = view.rows["issue_date"]
    view.focus_field("issue_date")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.editor, "31/02/2025")  # no such day
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert row.flag == "error" and view.state is not None
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    qtbot.keyClick(row.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked and all(p.message in asked[0] for p in view.state.errors)  # the errors are listed
    assert window.workspace.get_document(document_id).state.value == "extracted"
    window.activateWindow()  # the offscreen platform does not give it back after the dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    view.focus_field("issue_date")
    qtbot.keyClick(row.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.get_document(document_id).state.value == "reviewed"


def test_typing_then_leaving_the_screen_saves_and_the_help_lists_the_keys(open_window, qtbot, workspace_dir: Path,
                                                                          read_decision) -> None:
    page, _truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    row = view.rows["place"]
    view.focus_field("place")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(row.editor, "Hội An")
    window.close()  # no Enter, no Tab: the field is saved all the same
    with Workspace.open(workspace_dir) as ws:
        assert ws.fields(document_id)["place"] == "Hội An"
    shortcuts = dict(window.help_overlay.rows())
    assert "F8, Ctrl+Down" in shortcuts.values()
    assert any("Return" in keys or "Enter" in keys for text, keys in shortcuts.items()
               if text == "Chấp nhận trường, sang trường cần kiểm tra")


def test_values_are_edited_as_the_clerk_writes_them() -> None:
    from desktop.field_editor import shown_value, stored_value

    assert shown_value("issue_date", "2025-03-12") == "12/03/2025"
    assert stored_value("issue_date", " 12/3/2025 ") == "2025-03-12"
    assert stored_value("issue_date", "31/02/2025") == "31/02/2025"  # kept as typed: validation says why
    assert stored_value("recipients", "Như Điều 3;\n\n  Lưu: VT \n") == ["Như Điều 3;", "Lưu: VT"]
    assert shown_value("recipients", ["Như Điều 3;", "Lưu: VT"]) == "Như Điều 3;\nLưu: VT"
    assert stored_value("signer", "  Âu   Quang Trung ") == "Âu Quang Trung"


def test_f9_reads_the_field_again_from_its_box(open_window, qtbot, workspace_dir: Path, read_decision) -> None:
    page, truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    row = view.rows["signer"]
    view.focus_field("signer")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.editor, "Au Quang")
    qtbot.keyClick(row.editor, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.workspace.fields(document_id)["signer"] == truth["signer"], timeout=20000)
    assert [c.new_value for c in window.workspace.corrections(document_id)] == ["Au Quang", truth["signer"]]


def test_choosing_another_type_validates_against_it(open_window, qtbot, workspace_dir: Path, read_decision) -> None:
    page, _truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    before = {p.code for p in view.state.problems}  # type: ignore[union-attr]
    qtbot.keyClick(view.rows["signer"].editor, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert view.type_box.hasFocus()
    index = view.type_box.findData("application_form")
    view.type_box.setCurrentIndex(index)
    view.type_box.activated.emit(index)  # as choosing it in the open list does
    assert window.workspace.get_document(document_id).document_type == "application_form"
    after = {p.code for p in view.state.problems}  # type: ignore[union-attr]
    assert after != before and any(p.field for p in view.state.problems)  # a form's own fields are missing
    assert any(e.action == "document.updated" for e in events(window.workspace, document_id=document_id))


def test_a_page_the_clerk_turned_is_shown_and_cropped_turned(qapp, tmp_path: Path, read_decision) -> None:
    """Extraction's boxes are in the turned page's pixels, so the crops must be too."""
    from PIL import Image

    from desktop.page_images import PageImage, load_crops

    page, _truth, extraction, _template = read_decision
    with Image.open(page) as image:
        image.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "sideways.png")  # fed in sideways
        x0, y0, x1, y1 = extraction["fields"]["number"]["bbox"]
        expected = image.convert("L").crop((x0, y0, x1, y1))
    crop = load_crops(PageImage(tmp_path / "sideways.png", 90), {"number": (x0, y0, x1, y1)})["number"]
    assert (crop.width(), crop.height()) == expected.size
    ink = [(x, y) for x in range(0, expected.width, 3) for y in range(0, expected.height, 3)
           if expected.getpixel((x, y)) < 100]
    assert ink and all(crop.pixelColor(x, y).lightness() < 160 for x, y in ink)


def test_ctrl_page_down_shows_the_next_page_of_the_document(open_window, qtbot, workspace_dir: Path,
                                                           read_decision) -> None:
    [document_id] = fill_workspace(workspace_dir, read_decision)
    with Workspace.open(workspace_dir) as ws:
        ws.add_page(document_id, read_decision[0])  # a second page, not OCR'd: shown as scanned
    window = open_window()
    view = review(window, qtbot)
    assert view.shown_page_number == 1 and view.page_label.text() == "Trang 1/2"
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.shown_page_number == 2 and view.page_label.text() == "Trang 2/2"
    assert view.page_path(2) is not None and view.page_path(2).size is None  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not view.canvas.page_size.isEmpty() and not view.canvas.highlight.isVisible(),
                    timeout=5000)


def test_a_page_file_gone_is_said_above_the_page_and_the_fields_still_work(open_window, qtbot, workspace_dir: Path,
                                                                          read_decision) -> None:
    [document_id] = fill_workspace(workspace_dir, read_decision)
    with Workspace.open(workspace_dir) as ws:
        page = ws.pages_of(document_id)[0]
        ws.path(page.cleaned_path).unlink()  # type: ignore[arg-type]
    window = open_window()
    view = review(window, qtbot)
    qtbot.waitUntil(lambda: "Không mở được ảnh trang" in view.page_error.text(), timeout=5000)
    assert view.page_error.isVisible()
    assert not window.findChildren(QMessageBox, "error-dialog")  # no dialog per crop
    row = view.rows["place"]
    view.focus_field("place")
    qtbot.keyClick(row.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(row.editor, "Hội An")
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert window.workspace.fields(document_id)["place"] == "Hội An"


def test_a_value_from_a_qr_code_or_mended_by_extraction_is_marked(open_window, qtbot, workspace_dir: Path,
                                                                  read_decision) -> None:
    [document_id] = fill_workspace(workspace_dir, read_decision)
    with Workspace.open(workspace_dir) as ws:  # as extraction reports a QR code's value and a mended symbol
        extraction = ws.extraction(document_id) or {}
        extraction["fields"]["issue_date"]["source"] = "qr"
        extraction["fields"]["number"]["corrected_from"] = "9O/QD-VP"
        ws.save_extraction(document_id, extraction)
    window = open_window()
    view = review(window, qtbot)
    assert "QR" in view.rows["issue_date"].mark.text()
    assert "mã QR" in view.rows["issue_date"].mark.toolTip()
    assert "✎" in view.rows["number"].mark.text() and "«9O/QD-VP»" in view.rows["number"].mark.toolTip()
    assert view.rows["place"].mark.text() == ""


def test_accepting_a_document_hands_it_to_the_pipeline_waiting_for_reviews(open_window, qtbot, workspace_dir: Path,
                                                                         read_decision,
                                                                         pipeline_pki) -> None:  # noqa: F811
    """A pipeline run that waits for the clerk's reviews (with a real PKCS#12 signer) is told of
    the acceptance through ``window.document_accepted`` and signs the document in that run."""
    import threading

    from dossier.model import DocumentState
    from dossier.pipeline import Pipeline
    from dossier.signing_lane import Signer
    from signing.sign import SignOptions
    from tests.signing.pki_setup import P12_PASSWORD

    _page, _truth, extraction, _template = read_decision
    [document_id] = fill_workspace(workspace_dir, read_decision)
    window = open_window()
    view = review(window, qtbot)
    signer = Signer(p12=pipeline_pki.p12["signer"], secret=P12_PASSWORD.decode(),
                    options=SignOptions(stamp="digitizer", trust_roots=(pipeline_pki.root,)))
    waiting = threading.Event()

    def progress(step) -> None:  # type: ignore[no-untyped-def]  # the pipeline's thread
        if getattr(step, "event", None) == "waiting":
            waiting.set()

    pipeline = Pipeline(window.workspace, signer=signer, progress=progress)
    window.document_accepted.connect(pipeline.accepted)
    told: list[int] = []
    window.document_accepted.connect(told.append)
    task = window.tasks.run(lambda _p, _c: pipeline.run([document_id], until_reviewed=True), name="ký thử")
    qtbot.waitUntil(waiting.is_set, timeout=30000)  # the run has reached the review and waits
    for name in flagged_names(extraction):
        view.focus_field(name)
        qtbot.keyClick(view.rows[name].editor, Qt.Key.Key_Return)  # vouch for each doubtful field
    qtbot.keyClick(view.rows[view.current].editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert told == [document_id]
    qtbot.waitUntil(lambda: window.workspace.get_document(document_id).state is DocumentState.SIGNED, timeout=60000)
    pipeline.cancel.set()  # until_reviewed: only cancel ends the run
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    assert window.workspace.get_document(document_id).signed_pdf_path
