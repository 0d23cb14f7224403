"""The workspace: records round-trip, files are in the workspace before their rows, states persist."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from dossier.model import DocumentState
from dossier.workspace import Workspace, WorkspaceError, file_sha256


def test_state_order_follows_the_pipeline() -> None:
    order = list(DocumentState)
    assert [s.value for s in order] == ["captured", "processed", "extracted", "reviewed", "signed", "queued",
                                        "uploaded"]
    assert DocumentState.CAPTURED < DocumentState.PROCESSED < DocumentState.UPLOADED
    assert min(DocumentState.SIGNED, DocumentState.PROCESSED) is DocumentState.PROCESSED
    assert sorted(reversed(order)) == order


def test_opening_sets_wal_foreign_keys_and_creates_the_folders(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "new" / "ws") as ws:
        with ws.reading() as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
        assert (ws.root / "pages").is_dir() and (ws.root / "sohoa.db").is_file()
        with pytest.raises(sqlite3.IntegrityError):
            with ws.writing() as db:  # a document of a dossier that does not exist
                db.execute("INSERT INTO documents (dossier_id, kind, state, created_at, updated_at) "
                           "VALUES (999, 'result', 'captured', 'x', 'x')")


def test_dossier_round_trip_by_id_code_and_day(workspace: Workspace) -> None:
    dossier = workspace.create_dossier(code="000.13.27.H38-230512-0007", procedure_code="1.011442.000.00.00.H38",
                                       applicant_name="Trần Thị Bình", applicant_personal_id="079185001234",
                                       appointment_date="2023-05-19")
    other = workspace.create_dossier(received_date=date(2023, 5, 12))
    workspace.create_dossier(received_date=date(2023, 5, 13))
    assert dossier.received_date == "2023-05-12"  # the day the code states
    assert workspace.get_dossier(dossier.id) == dossier
    assert workspace.find_dossier(" 000.13.27.H38-230512-0007 ") == dossier
    assert workspace.find_dossier("000.13.27.H38-230512-0008") is None
    assert [d.id for d in workspace.dossiers_of_day("2023-05-12")] == [dossier.id, other.id]
    with pytest.raises(WorkspaceError, match="đã có"):
        workspace.create_dossier(code="000.13.27.H38-230512-0007")
    with pytest.raises(ValueError, match="không có dạng mã hồ sơ"):
        workspace.create_dossier(code="H38 hồ sơ 7")


def test_documents_move_through_states_and_keep_the_last_error(workspace: Workspace, page_images: list[Path]) -> None:
    dossier = workspace.create_dossier()
    batch = workspace.create_batch(device="test:0", profile="dossier_intake")
    first = workspace.add_document(dossier.id, component="Tờ khai", batch_id=batch.id)
    second = workspace.add_document(dossier.id, kind="result", component="Giấy phép")
    assert [d.id for d in workspace.documents_of(dossier.id)] == [first.id, second.id]
    assert [d.id for d in workspace.documents_of_batch(batch.id)] == [first.id]
    assert first.state is DocumentState.CAPTURED
    workspace.set_state(first.id, DocumentState.PROCESSED)
    failed = workspace.record_failure(first.id, "Tesseract hết thời gian ở trang 2")
    assert failed.state is DocumentState.PROCESSED and failed.last_error.startswith("Tesseract")
    assert [d.id for d in workspace.documents_in_state(DocumentState.PROCESSED)] == [first.id]
    assert [d.id for d in workspace.documents_in_state(DocumentState.CAPTURED)] == [second.id]
    with pytest.raises(WorkspaceError, match="trạng thái"):
        workspace.set_state(first.id, DocumentState.EXTRACTED, expected=DocumentState.CAPTURED)
    assert workspace.get_document(first.id).last_error is not None  # the refused change changed nothing
    assert workspace.set_state(first.id, DocumentState.EXTRACTED).last_error is None


def test_pages_are_copied_into_the_workspace_durably(workspace: Workspace, page_images: list[Path]) -> None:
    document = workspace.add_document(None, kind="result")
    pages = workspace.add_pages(document.id, page_images[:3])
    assert [p.position for p in pages] == [1, 2, 3]
    for page, original in zip(pages, page_images):
        stored = workspace.path(page.image_path)
        assert stored.is_file() and stored.parent == workspace.root / "pages"
        assert page.image_sha256 == file_sha256(original) == file_sha256(stored)
    moved = workspace.add_page(document.id, page_images[3], move=True)
    assert not page_images[3].exists() and workspace.path(moved.image_path).is_file()
    assert moved.position == 4
    assert workspace.orphan_files() == []
    assert not list((workspace.root / "pages").glob("*.part"))


def test_a_failed_page_import_leaves_the_originals_and_no_rows(workspace: Workspace, page_images: list[Path],
                                                                 tmp_path: Path) -> None:
    document = workspace.add_document(None, kind="result")
    with pytest.raises(FileNotFoundError):
        workspace.add_pages(document.id, [page_images[0], tmp_path / "missing.png"], move=True)
    assert page_images[0].exists()
    assert workspace.pages_of(document.id) == []


def test_extraction_corrections_and_review(workspace: Workspace) -> None:
    document = workspace.add_document(None)
    extraction = {"document_type": "application_form", "pages": 1, "problems": [],
                  "fields": {"full_name": {"value": "Lê Văn Cưòng", "confidence": 0.6, "page": 1, "bbox": [1, 2, 3, 4]},
                             "phone": {"value": "0912345678", "confidence": 0.95, "page": 1, "bbox": [1, 2, 3, 4]}}}
    saved = workspace.save_extraction(document.id, extraction)
    assert saved.state is DocumentState.EXTRACTED and saved.document_type == "application_form"
    assert workspace.extraction(document.id) == extraction
    correction = workspace.record_correction(document.id, "full_name", "Lê Văn Cường", who="Phạm Thu")
    assert (correction.old_value, correction.new_value, correction.who) == ("Lê Văn Cưòng", "Lê Văn Cường", "Phạm Thu")
    workspace.record_correction(document.id, "recipients", ["Như trên", "Lưu: VT"])
    assert workspace.fields(document.id) == {"full_name": "Lê Văn Cường", "phone": "0912345678",
                                             "recipients": ["Như trên", "Lưu: VT"]}
    assert workspace.extraction(document.id) == extraction  # what was read stays as read
    assert [c.field for c in workspace.corrections(document.id)] == ["full_name", "recipients"]
    reviewed = workspace.accept_review(document.id, who="Phạm Thu")
    assert reviewed.state is DocumentState.REVIEWED and reviewed.reviewed_by == "Phạm Thu"
    with pytest.raises(WorkspaceError):
        workspace.accept_review(document.id)  # only from extracted


def test_pdf_signature_outbox_and_receipt(workspace: Workspace, tmp_path: Path) -> None:
    document = workspace.add_document(None, kind="result")
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(b"%PDF-1.7 unsigned")
    with_pdf = workspace.attach_pdf(document.id, pdf)
    assert with_pdf.sha256 == file_sha256(pdf) and workspace.path(with_pdf.pdf_path).read_bytes() == pdf.read_bytes()
    signed_file = workspace.document_dir(document.id) / "signed.pdf"
    signed_file.write_bytes(b"%PDF-1.7 signed")  # written in place by the signer
    signed = workspace.attach_signed_pdf(document.id, signed_file)
    assert signed.state is DocumentState.SIGNED and signed.signed_sha256 == file_sha256(signed_file)
    queued = workspace.attach_outbox_entry(document.id, "abc123")
    assert queued.state is DocumentState.QUEUED and queued.outbox_entry_id == "abc123"
    receipt = {"id": "doc-1", "sha256": signed.signed_sha256, "bytes": 15, "stored_at": "2025-03-12T09:41:07Z"}
    uploaded = workspace.attach_receipt(document.id, receipt)
    assert uploaded.state is DocumentState.UPLOADED and uploaded.receipt == receipt


def test_records_survive_reopening(tmp_path: Path, page_images: list[Path]) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        dossier = ws.create_dossier(code="000.00.00.H38-230512-0001")
        document = ws.add_document(dossier.id)
        ws.add_pages(document.id, page_images[:2])
        ws.set_state(document.id, DocumentState.PROCESSED)
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.find_dossier("000.00.00.H38-230512-0001") == dossier
        assert ws.get_document(document.id).state is DocumentState.PROCESSED
        assert len(ws.pages_of(document.id)) == 2


def test_handover_puts_a_dossier_on_one_list_only(workspace: Workspace) -> None:
    first, second = workspace.create_dossier(), workspace.create_dossier()
    workspace.record_handover([first.id], "BG-0001")
    assert workspace.get_dossier(first.id).handover == "BG-0001"
    with pytest.raises(WorkspaceError, match="BG-0001"):
        workspace.record_handover([second.id, first.id], "BG-0002")
    assert workspace.get_dossier(second.id).handover is None  # all or none


def test_a_nested_write_that_fails_undoes_only_its_part(workspace: Workspace, page_images: list[Path]) -> None:
    document = workspace.add_document(None, kind="result")
    with workspace.writing():
        workspace.add_pages(document.id, page_images[:1], move=True)
        assert page_images[0].exists()  # not before the outer transaction commits
        with pytest.raises(FileNotFoundError):
            workspace.add_pages(document.id, [page_images[1], Path("/nonexistent/x.png")])
    assert not page_images[0].exists() and page_images[1].exists()
    assert len(workspace.pages_of(document.id)) == 1


def test_a_rolled_back_move_keeps_the_originals(workspace: Workspace, page_images: list[Path]) -> None:
    document = workspace.add_document(None, kind="result")
    with pytest.raises(RuntimeError):
        with workspace.writing():
            workspace.add_pages(document.id, page_images[:2], move=True)
            raise RuntimeError("crash before the commit")
    assert all(p.exists() for p in page_images[:2])
    assert workspace.pages_of(document.id) == []
    assert len(workspace.orphan_files()) == 2  # the copies, listed for clean-up, never a row without a file


def test_a_file_that_is_not_a_workspace_database_is_refused_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "sohoa.db").write_bytes(b"this is a scanned page, not a database" * 100)
    with pytest.raises(WorkspaceError, match="không phải cơ sở dữ liệu"):
        Workspace.open(folder)
    from dossier.cli import main

    assert main(["--workspace", str(folder), "dossier", "list"]) == 1


def test_an_imported_scan_is_kept_once_and_an_outside_edit_leaves_the_page(
        workspace: Workspace, page_images: list[Path]) -> None:
    """The stored original and its page are one file on disk (a hard link: an A4 scan is not
    written twice), while the clerk's own file is copied, so editing it later changes no page."""
    from dossier.importing import import_files

    original = page_images[0].read_bytes()
    (document_id,) = import_files(workspace, [page_images[0]]).document_ids
    (page,) = workspace.pages_of(document_id)
    stored = next((workspace.root / "imports").iterdir())
    page_file = workspace.path(page.image_path)
    assert page_file.samefile(stored) and page_file.read_bytes() == original
    assert page.image_sha256 == file_sha256(page_file)

    page_images[0].write_bytes(b"edited in place afterwards")
    assert page_file.read_bytes() == original and stored.read_bytes() == original

    added = workspace.add_page(document_id, page_images[1])
    assert not workspace.path(added.image_path).samefile(page_images[1])
    page_images[1].write_bytes(b"edited in place afterwards")
    assert file_sha256(workspace.path(added.image_path)) == added.image_sha256


def test_a_file_that_changes_while_it_is_taken_in_is_not_kept_under_its_old_hash(
        workspace: Workspace, page_images: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A scanner's driver still writing the file as the clerk imports it: the copy no longer
    has the bytes that were hashed, so the file is refused (and can be imported again), never
    stored under a hash that is not its own."""
    import dossier.importing as importing
    from PIL import Image

    real_list_pages = importing.list_pages

    def still_being_written(path: Path, **kwargs: object) -> list:
        refs = real_list_pages(path, **kwargs)
        Image.new("L", (40, 56), color=7).save(path)  # the driver rewrites it between hash and copy
        return refs

    monkeypatch.setattr(importing, "list_pages", still_being_written)
    result = importing.import_files(workspace, [page_images[0]])
    assert not result.document_ids and "thay đổi trong khi đang chép" in result.failed[0][1]
    assert not any((workspace.root / "imports").iterdir())
    monkeypatch.setattr(importing, "list_pages", real_list_pages)
    (document_id,) = importing.import_files(workspace, [page_images[0]]).document_ids
    (page,) = workspace.pages_of(document_id)
    assert page.image_sha256 == file_sha256(page_images[0]) == file_sha256(workspace.path(page.image_path))
