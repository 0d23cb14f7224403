"""The intake screen against SANE's real test device: scan into a new dossier, a jam mid-batch,
continuing the batch, importing a file into the selected dossier."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from scanner import ColorMode, PageSize, ScanSettings, Source, WorkerBridge
from scanner.operation import OperationState, ScannerQueue
from scanner.profiles import Profile

from tests.scanner.conftest import sane_test_device  # noqa: F401 - the fixture
from tests.scanner.sane_faults import LoadedFeeder

from .pages_helpers import page_file

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# A small page at 75 dpi from the feeder: the flow is the same as at 300 dpi colour, in a fraction of the time.
QUICK = Profile("thu-nhanh", ScanSettings(Source.ADF, 75, ColorMode.COLOR, PageSize(60, 85)), draft=True)


def _ready(window, sane_device: str) -> None:  # type: ignore[no-untyped-def]
    intake = window.intake
    intake.choose_device(sane_device, "SANE test")
    intake.set_profiles({QUICK.name: QUICK}, QUICK.name)


def _feeders(*drivers):  # type: ignore[no-untyped-def]
    """``backend_for`` handing out one real SANE test driver per pass, each in its own worker."""
    remaining = list(drivers)
    return lambda device_id: WorkerBridge(remaining.pop(0))


def test_f5_scans_into_a_new_dossier_and_the_thumbnails_appear(open_window, qtbot, workspace_dir: Path,
                                                               sane_test_device: str) -> None:  # noqa: F811
    from scanner import SaneBackend

    window = open_window()
    _ready(window, sane_test_device)
    # The test device's colour pattern, so the screenshot shows pages rather than black sheets.
    window.intake.queue = ScannerQueue(_feeders(SaneBackend(extra_options=(("test_picture", "Color pattern"),))))
    with qtbot.waitSignal(window.intake.scan_finished, timeout=60000) as finished:
        qtbot.keyClick(window.dossier_list, Qt.Key.Key_F5)
    operation = finished.args[0]
    assert operation.state is OperationState.DONE
    dossiers = window.workspace.dossiers_of_day(window.dossiers.day)
    assert len(dossiers) == 1
    (document,) = window.workspace.documents_of(dossiers[0].id)
    pages = window.workspace.pages_of(document.id)
    assert len(pages) == 10  # the test device's feeder holds 10 sheets
    assert [p.source_page for p in pages] == list(range(1, 11))
    view = window.pages_view
    assert view.document_id == document.id and view.model.rowCount() == 10
    qtbot.waitUntil(lambda: all(view.model.has_thumbnail(r) for r in range(10)), timeout=20000)
    assert "10 trang" in window.intake.message.text()
    window.resize(1280, 800)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "intake.png"))


def test_a_typed_dossier_code_names_the_new_dossier(open_window, qtbot, workspace_dir: Path,
                                                    sane_test_device: str) -> None:  # noqa: F811
    from dossier.codes import format_code
    from dossier.model import today_vn

    window = open_window()
    _ready(window, sane_test_device)
    window.intake.queue = ScannerQueue(_feeders(LoadedFeeder(sheets=2)))
    code = format_code("000.00.00.H38", today_vn(), 7)
    qtbot.keyClicks(window.intake.code, code)
    with qtbot.waitSignal(window.intake.scan_finished, timeout=60000):
        window.actions_by_name["scan"].trigger()
    dossier = window.workspace.find_dossier(code)
    assert dossier is not None and window.selected_dossier_id() == dossier.id
    assert len(window.workspace.pages_of(window.workspace.documents_of(dossier.id)[0].id)) == 2
    assert window.intake.code.text() == ""  # ready for the next citizen


def test_a_jam_mid_batch_says_so_in_vietnamese_keeps_the_pages_and_continues(open_window, qtbot, workspace_dir: Path,
                                                                             sane_test_device: str) -> None:  # noqa: F811
    window = open_window()
    _ready(window, sane_test_device)
    # The real test device, jammed on the 4th sheet; after the clerk clears it, the 4 sheets left.
    window.intake.queue = ScannerQueue(_feeders(LoadedFeeder(sheets=7, fail_at=3), LoadedFeeder(sheets=4)))
    with qtbot.waitSignal(window.intake.scan_finished, timeout=60000) as finished:
        window.actions_by_name["scan"].trigger()
    assert finished.args[0].state is OperationState.FAILED
    document_id = window.pages_view.document_id
    assert len(window.workspace.pages_of(document_id)) == 3  # kept
    expected = ("Kẹt giấy ở trang 4. Hãy mở khay nạp, gỡ tờ giấy bị kẹt, đặt lại tờ đó lên đầu xấp giấy "
                "rồi bấm Tiếp tục; 3 trang đã quét vẫn được giữ nguyên.")
    intake = window.intake
    assert intake.message.text() == expected and intake.message.isVisible()
    assert window.statusBar().currentMessage() == expected  # where the clerk is looking
    assert intake.continue_button.isVisible()
    assert window.pages_view.model.rowCount() == 3
    window.resize(1280, 800)
    window.grab().save(str(SCREENSHOTS / "intake-jam.png"))

    with qtbot.waitSignal(intake.scan_finished, timeout=60000) as finished:
        qtbot.mouseClick(intake.continue_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].state is OperationState.DONE
    pages = window.workspace.pages_of(document_id)
    assert len(pages) == 7 and not intake.continue_button.isVisible()
    assert window.pages_view.model.rowCount() == 7


def test_the_clerk_can_look_at_another_dossier_while_the_scanner_runs(open_window, qtbot, workspace_dir: Path,
                                                                      tmp_path: Path,
                                                                      sane_test_device: str) -> None:  # noqa: F811
    from .pages_helpers import dossier_with_pages

    earlier, _ = dossier_with_pages(workspace_dir, tmp_path, pages=2)
    window = open_window()
    _ready(window, sane_test_device)
    with qtbot.waitSignal(window.intake.scan_finished, timeout=60000):
        window.actions_by_name["scan"].trigger()
        # The batch's records are made on the scanner's lane; its dossier is shown once they exist.
        qtbot.waitUntil(lambda: window.intake.running is not None, timeout=10000)
        scanning = window.selected_dossier_id()
        assert scanning != earlier
        assert window.select_dossier(earlier)  # the UI answers at once, the scan goes on
        assert window.pages_view.model.rowCount() == 2
    assert len(window.workspace.pages_of(window.workspace.documents_of(scanning)[0].id)) == 10
    assert window.pages_view.model.rowCount() == 2  # the pages shown stay the earlier dossier's


def test_an_imported_page_file_goes_into_the_selected_dossier(open_window, qtbot, workspace_dir: Path,
                                                              tmp_path: Path) -> None:
    from .pages_helpers import dossier_with_pages

    dossier_id, (first,) = dossier_with_pages(workspace_dir, tmp_path, pages=1)
    window = open_window()
    assert window.selected_dossier_id() == dossier_id
    task = window.import_paths([page_file(tmp_path / "imports", 42)])
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    documents = window.workspace.documents_of(dossier_id)
    assert [d.id for d in documents][0] == first and len(documents) == 2
    assert window.documents.rowCount() == 2
    assert len(window.workspace.pages_of(documents[1].id)) == 1


def test_the_qr_code_on_the_receipt_names_a_dossier_scanned_without_code(open_window, qtbot, workspace_dir: Path,
                                                                          tmp_path: Path) -> None:
    """The SANE test device prints no QR code, so the receipt is a generated page going through
    the same path as a scanned page (the intake's page-arrived step)."""
    import numpy as np
    import zxingcpp
    from PIL import Image

    from dossier.codes import format_code
    from dossier.model import today_vn
    from dossier.workspace import Workspace

    code = format_code("000.00.00.H38", today_vn(), 12)
    symbol = zxingcpp.create_barcode(f"https://dichvucong.hanoi.gov.vn/tra-cuu-ho-so?maHoSo={code}",
                                     zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    qr = np.asarray(symbol.to_image(scale=6, add_quiet_zones=True))
    receipt = np.full((1169, 827), 255, dtype=np.uint8)  # A4 at 100 dpi
    receipt[80:80 + qr.shape[0], 500:500 + qr.shape[1]] = qr
    path = tmp_path / "phieu-tiep-nhan.png"
    Image.fromarray(receipt).save(path, dpi=(100, 100))
    with Workspace.open(workspace_dir) as ws:
        dossier = ws.create_dossier()
        document = ws.add_document(dossier.id)
    window = open_window()
    page = window.workspace.add_page(document.id, path)
    task = window.intake._look_for_code(document.id, page)
    assert task is not None
    qtbot.waitUntil(lambda: window.workspace.get_dossier(dossier.id).code == code, timeout=20000)
    qtbot.waitUntil(lambda: any(code in window.dossiers.index(r).data() for r in range(window.dossiers.rowCount())),
                    timeout=5000)


@pytest.mark.slow
def test_with_processing_on_the_scanned_pages_go_through_the_pipeline(open_window, qtbot, workspace_dir: Path,
                                                                      sane_test_device: str) -> None:  # noqa: F811
    """Pipeline.feed: each page goes to OCR as it lands; the document is extracted once the scan ends."""
    from dossier.model import DocumentState

    window = open_window()
    _ready(window, sane_test_device)
    window.intake.process_pages = True
    window.intake.queue = ScannerQueue(_feeders(LoadedFeeder(sheets=2)))
    with qtbot.waitSignal(window.intake.scan_finished, timeout=60000):
        window.actions_by_name["scan"].trigger()
    document_id = window.pages_view.document_id
    qtbot.waitUntil(lambda: window.workspace.get_document(document_id).state >= DocumentState.EXTRACTED,
                    timeout=120000)
    assert all(p.ocr_path for p in window.workspace.pages_of(document_id))
    qtbot.waitUntil(lambda: window.intake._pipeline_task.done, timeout=30000)
