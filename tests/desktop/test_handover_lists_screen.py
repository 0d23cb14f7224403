"""Earlier handover lists from the handover dialog: a list recorded yesterday's way is listed with
its time, dossiers and employee, opened again from the PDF kept when it was recorded, printed
again to a PDF printer, and exported as PDF and CSV; its dossiers stay on that one list."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dossier.config import Config, save_config
from dossier.handover_desk import list_pdf, record
from dossier.handover_store import HandoverRequest, list_numbers
from dossier.workspace import Workspace
from tests.desktop.test_handover_screen import (EMPLOYEE, POST_OFFICE, SCREENSHOTS, day_of_dossiers, items,
                                               print_through_dialog)

def test_an_earlier_list_is_opened_printed_and_exported_again(open_window, qtbot, workspace_dir: Path,
                                                              tmp_path: Path) -> None:
    codes = day_of_dossiers(workspace_dir, tmp_path / "papers")
    save_config(Config(operator_name=EMPLOYEE, operator_role="postal", post_office=POST_OFFICE))
    with Workspace.open(workspace_dir) as ws:  # recorded earlier (as sohoa handover records it)
        earlier, _ = record(ws, HandoverRequest(codes=tuple(codes[:2]), employee=EMPLOYEE, receiver="",
                                                post_office=POST_OFFICE, desk="Bộ phận một cửa"))
        kept = list_pdf(ws, earlier.number).read_bytes()
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.handover.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.earlier.lists.count() == 1, timeout=5000)
    qtbot.keyClick(dialog.dossiers, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # keyboard: the next tab
    assert dialog.tabs.currentWidget() is dialog.earlier
    row = dialog.earlier.lists.item(0).text()
    assert row.startswith(f"{earlier.number} · {earlier.handed_at:%d/%m/%Y %H:%M} · 2 hồ sơ")
    assert f"Nhân viên bưu chính: {EMPLOYEE}" in row

    dialog.earlier.lists.setFocus()  # keyboard: Enter opens the list chosen
    qtbot.keyClick(dialog.earlier.lists, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.number == earlier.number, timeout=10000)
    assert dialog.pdf == kept and dialog.preview.page_labels and dialog.print_button.isEnabled()
    assert earlier.number in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.preview.page_labels[0].isVisible(), timeout=5000)  # laid out, then grabbed
    dialog.grab().save(str(SCREENSHOTS / "handover-earlier.png"))

    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # printed again, as kept
    printed = print_through_dialog(qtbot, dialog, tmp_path / "in-lai.pdf")
    with pdfium.PdfDocument(str(printed)) as paper, pdfium.PdfDocument(kept) as original:
        assert len(paper) == len(original)

    qtbot.mouseClick(dialog.earlier.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog, "handover-export-dialog") is not None, timeout=5000)
    chooser = dialog.findChild(QFileDialog, "handover-export-dialog")
    target = tmp_path / "ban-sao" / "danh-sach.pdf"
    target.parent.mkdir()
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(lambda: "Đã xuất" in dialog.status.text(), timeout=10000)
    assert target.read_bytes() == kept
    rows = list(csv.reader(io.StringIO(target.with_suffix(".csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][1] == "Số danh sách" and {r[3] for r in rows[1:]} >= set(codes[:2])

    # Reopening recorded nothing: its dossiers are still on that list only, greyed out here.
    dialog.tabs.setCurrentIndex(0)
    marked = [i for i in items(dialog) if earlier.number in i.text()]
    assert len(marked) == 2 and not any(i.flags() & Qt.ItemFlag.ItemIsUserCheckable for i in marked)
    with Workspace.open(workspace_dir) as ws:
        assert list_numbers(ws) == [earlier.number]


def test_a_list_file_changed_since_is_said_not_shown(open_window, qtbot, workspace_dir: Path, tmp_path: Path) -> None:
    codes = day_of_dossiers(workspace_dir, tmp_path / "papers")
    save_config(Config(operator_name=EMPLOYEE, operator_role="postal", post_office=POST_OFFICE))
    with Workspace.open(workspace_dir) as ws:
        earlier, _ = record(ws, HandoverRequest(codes=(codes[0],), employee=EMPLOYEE, receiver="",
                                                post_office=POST_OFFICE, desk="Bộ phận một cửa"))
        path = list_pdf(ws, earlier.number)
    path.write_bytes(path.read_bytes() + b"\n% changed by hand\n")
    window = open_window()
    dialog = window.handover.open()
    qtbot.waitUntil(lambda: dialog.earlier.lists.count() == 1, timeout=5000)
    qtbot.mouseClick(dialog.earlier.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "error-dialog") is not None, timeout=10000)
    box = dialog.findChild(QMessageBox, "error-dialog")
    assert "đã bị thay đổi sau khi lập" in box.text() and earlier.number in box.text()
    assert dialog.number is None and not dialog.print_button.isEnabled()
    box.accept()
