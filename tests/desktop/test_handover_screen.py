"""The handover screen on a real workspace: two of the day's dossiers ticked, the draft shown
page by page, the list recorded and signed with the demo identity, the dossiers marked in the
workspace and the dossier list, the list printed to a PDF printer, and a second list with one
of them refused with the number of the list it is on."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox

from dossier.codes import format_code
from dossier.config import Config, save_config
from dossier.handover_desk import list_pdf
from dossier.model import today_vn
from dossier.workspace import Workspace
from signing.verify import verify_pdf
from tests.dossier.outputs_fixtures import add_component

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
AGENCY = "000.13.27.H38"
POST_OFFICE = "Bưu điện thị xã Thuận An"
EMPLOYEE = "Nguyễn Thị Hường"
APPLICANTS = (("Lê Văn Ánh", "079084001234"), ("Phạm Thị Ngọc Bích", "087184000999"),
              ("Đặng Quốc Hưng", "001203045678"))


def day_of_dossiers(folder: Path, papers: Path) -> list[str]:
    """Three dossiers received today, each a 2-page form and a 3-page drawing (one blank back)."""
    papers.mkdir()
    codes = []
    with Workspace.open(folder, user="cán bộ một cửa") as ws:
        for n, (name, personal_id) in enumerate(APPLICANTS, start=1):
            dossier = ws.create_dossier(code=format_code(AGENCY, today_vn(), n), applicant_name=name,
                                        applicant_personal_id=personal_id)
            add_component(ws, dossier.id, papers, "Đơn đề nghị cấp giấy phép xây dựng", 2)
            add_component(ws, dossier.id, papers, "Bản vẽ thiết kế", 3, blank_pages=1)
            codes.append(dossier.code or "")
    return codes


def items(dialog) -> list:  # type: ignore[no-untyped-def]
    return [dialog.dossiers.item(i) for i in range(dialog.dossiers.count())]


def confirm_signer_later(window, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    """Press "Continue" in the signing screen's signer dialog once it is up (it runs modal, so
    from a timer); with the demo identity it asks no PIN. Returns the holder it named."""
    asked: list[str] = []

    def attempt() -> None:
        pin_dialog = getattr(getattr(window, "signing", None), "dialog", None)
        if pin_dialog is not None and pin_dialog.isVisible():
            asked.append(pin_dialog.request.holder)
            qtbot.mouseClick(pin_dialog.sign_button, Qt.MouseButton.LeftButton)
        elif hasattr(window, "signing"):
            QTimer.singleShot(50, attempt)

    QTimer.singleShot(50, attempt)
    return asked


def open_dialog(window, qtbot):  # type: ignore[no-untyped-def]
    dialog = window.handover.new_dialog()
    dialog.show()
    qtbot.waitUntil(lambda: dialog.dossiers.count() == 3, timeout=5000)
    return dialog


def test_handover_list_from_the_screen(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    codes = day_of_dossiers(workspace_dir, tmp_path / "papers")
    save_config(Config(operator_name=EMPLOYEE, operator_role="postal", post_office=POST_OFFICE))
    window = open_window()
    assert window.handover.action in window.menus["tools"].actions()

    # Keyboard: the shortcut opens the dialog on the day shown, the list focused; Space ticks.
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.handover.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.dossiers.count() == 3, timeout=5000)
    first = items(dialog)[0]
    assert codes[0] in first.text() and "079*****1234" in first.text() and "5 trang" in first.text()
    assert "079084001234" not in " ".join(i.text() for i in items(dialog))
    assert dialog.post_office.text() == POST_OFFICE and dialog.employee.text() == EMPLOYEE
    dialog.set_checked(set())
    for row in (0, 1):
        dialog.dossiers.setFocus()
        dialog.dossiers.setCurrentRow(row)
        qtbot.keyClick(dialog.dossiers, Qt.Key.Key_Space)
    assert dialog.checked_ids() == {items(dialog)[0].data(Qt.ItemDataRole.UserRole + 11),
                                    items(dialog)[1].data(Qt.ItemDataRole.UserRole + 11)}
    assert not dialog.print_button.isEnabled()  # nothing recorded to print yet
    dialog.dossiers.setCurrentRow(0)
    qtbot.keyClicks(dialog.postal_item, "EA123456789VN")  # the post's tracking number of the first

    # A second desk has the third and the second dossier ticked in its own dialog meanwhile.
    other = open_dialog(window, qtbot)
    other.set_checked({items(other)[1].data(Qt.ItemDataRole.UserRole + 11)})

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.preview.page_labels), timeout=10000)
    assert "chưa ghi nhận" in dialog.status.text() and "10 trang" in dialog.status.text()
    with Workspace.open(workspace_dir) as ws:
        assert all(ws.find_dossier(c).handover is None for c in codes)  # a draft records nothing

    asked = confirm_signer_later(window, qtbot)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.number is not None, timeout=20000)
    number = dialog.number
    assert asked or not hasattr(window, "signing")  # the signing screen's dialog named the signer
    assert number.startswith("BG-") and number in dialog.status.text() and "2 hồ sơ" in dialog.status.text()
    assert dialog.preview.page_labels and not dialog.preview.page_labels[0].pixmap().isNull()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "handover.png"))

    with Workspace.open(workspace_dir) as ws:
        assert [ws.find_dossier(c).handover for c in codes] == [number, number, None]
        pdf_path = list_pdf(ws, number)
    report = verify_pdf(pdf_path, trust_roots=(), check_revocation=False)
    assert report.signatures and report.signatures[0].intact  # signed (the demo identity: untrusted)
    document = pdfium.PdfDocument(str(pdf_path))
    text = document[0].get_textpage().get_text_range()
    assert number in text and codes[0] in text and "079*****1234" in text and "EA123456789VN" in text
    list_pages = len(document)
    document.close()

    # Marked: in the dialog (greyed, with the list) and in the window's dossier list.
    qtbot.waitUntil(lambda: f"danh sách {number}" in items(dialog)[-1].text(), timeout=5000)
    marked = [i for i in items(dialog) if number in i.text()]
    assert len(marked) == 2 and not any(i.flags() & Qt.ItemFlag.ItemIsUserCheckable for i in marked)
    rows = [window.handover.mark.text_of(window.dossiers.index(r)) for r in range(window.dossiers.rowCount())]
    assert [f"Đã bàn giao ({number})" in r for r in rows] == [True, True, False]

    # Printed through the print dialog, to a PDF file standing for the printer.
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    printed = print_through_dialog(qtbot, dialog, tmp_path / "printed.pdf")
    with pdfium.PdfDocument(str(printed)) as paper:
        assert len(paper) == list_pages

    # The other desk's list names a dossier now on the first list: refused, saying which list.
    qtbot.waitUntil(lambda: other.record_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(other.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "đã được bàn giao" in other.status.text(), timeout=10000)
    assert number in other.status.text() and codes[1] in other.status.text()
    box = other.findChild(QMessageBox, "error-dialog")
    assert box is not None and number in box.text()
    box.grab().save(str(SCREENSHOTS / "handover-refused.png"))
    box.accept()
    with Workspace.open(workspace_dir) as ws:
        assert ws.find_dossier(codes[2]).handover is None
        from dossier.handover_store import list_numbers

        assert list_numbers(ws) == [number]
    qtbot.waitUntil(lambda: f"danh sách {number}" in items(other)[1].text(), timeout=5000)


def print_through_dialog(qtbot, dialog, printed: Path) -> Path:
    """Accept the handover dialog's print dialog once it is open, printing to ``printed``: no
    printer here, so a PDF file stands for it. Returns once the dialog says it printed."""
    qtbot.waitUntil(lambda: dialog.findChild(QPrintDialog, "handover-print-dialog") is not None, timeout=5000)
    print_dialog = dialog.findChild(QPrintDialog, "handover-print-dialog")
    printer = print_dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    print_dialog.done(QPrintDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: "Đã in" in dialog.status.text(), timeout=20000)
    return printed
