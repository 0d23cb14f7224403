"""Page operations: each changes what a clerk sees, sends the document back to the step that
must be redone, is recorded in the audit trail, and can be undone and redone after a restart."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier import audit, pages
from dossier.model import DocumentState
from dossier.workspace import Workspace, WorkspaceError


def _ocr_all(ws: Workspace, document_id: int) -> None:
    for page in ws.pages_without_ocr(document_id):
        ws.save_page_ocr(page.id, f'{{"page": {page.id}, "rotation": {page.rotation}}}'.encode())


def _extracted(ws: Workspace, images: list[Path], count: int = 4) -> int:
    """A document whose pages are OCR'd and whose fields are read: where page operations hurt."""
    dossier = ws.create_dossier()
    document = ws.add_document(dossier.id, component="Tờ khai")
    ws.add_pages(document.id, images[:count])
    _ocr_all(ws, document.id)
    ws.set_state(document.id, DocumentState.PROCESSED)
    ws.save_extraction(document.id, {"document_type": "application_form", "fields": {}, "problems": []})
    return document.id


def _ids(ws: Workspace, document_id: int) -> list[int]:
    return [p.id for p in ws.pages_of(document_id)]


def test_reorder_keeps_ocr_redoes_extraction_and_undoes(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    a, b, c, d = _ids(workspace, doc)
    reordered = pages.reorder(workspace, doc, [b, a, c, d])
    assert [p.id for p in reordered] == [b, a, c, d] and [p.position for p in reordered] == [1, 2, 3, 4]
    assert workspace.get_document(doc).state is DocumentState.PROCESSED
    assert workspace.pages_without_ocr(doc) == []
    pages.undo(workspace)
    assert _ids(workspace, doc) == [a, b, c, d]
    assert workspace.get_document(doc).state is DocumentState.EXTRACTED  # nothing happened in between
    pages.redo(workspace)
    assert _ids(workspace, doc) == [b, a, c, d]
    with pytest.raises(WorkspaceError, match="mỗi trang một lần"):
        pages.reorder(workspace, doc, [a, a, c, d])


def test_rotate_drops_that_pages_ocr_only(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    first = workspace.pages_of(doc)[0]
    turned = pages.rotate(workspace, first.id, 90)
    assert turned.rotation == 90 and turned.ocr_path is None
    assert workspace.get_document(doc).state is DocumentState.CAPTURED
    assert [p.id for p in workspace.pages_without_ocr(doc)] == [first.id]
    assert pages.rotate(workspace, first.id, -180).rotation == 270
    pages.undo(workspace)
    pages.undo(workspace)
    restored = workspace.get_page(first.id)
    assert restored.rotation == 0 and restored.ocr_path == first.ocr_path
    assert workspace.get_document(doc).state is DocumentState.EXTRACTED


def test_undo_after_the_pipeline_moved_on_never_claims_stale_work(workspace: Workspace,
                                                                  page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    first = workspace.pages_of(doc)[0]
    pages.rotate(workspace, first.id)
    _ocr_all(workspace, doc)  # the pipeline re-did the page turned by 90°
    workspace.set_state(doc, DocumentState.PROCESSED)
    workspace.save_extraction(doc, {"document_type": "application_form", "fields": {}, "problems": []})
    pages.undo(workspace)
    page = workspace.get_page(first.id)
    assert page.rotation == 0 and page.ocr_path == first.ocr_path  # the OCR of the upright page is back
    assert workspace.get_document(doc).state is DocumentState.PROCESSED  # extraction must be redone


def test_delete_is_recoverable_until_the_history_is_dropped(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    victim = workspace.pages_of(doc)[1]
    pages.delete(workspace, [victim.id])
    assert victim.id not in _ids(workspace, doc) and [p.position for p in workspace.pages_of(doc)] == [1, 2, 3]
    assert workspace.path(victim.image_path).is_file()
    pages.undo(workspace)
    assert _ids(workspace, doc)[1] == victim.id
    pages.redo(workspace)
    removed = pages.drop_undo_history(workspace)
    assert victim.image_path in removed and not workspace.path(victim.image_path).exists()
    assert all(workspace.path(p.image_path).is_file() for p in workspace.pages_of(doc))
    assert pages.undo(workspace) is None
    dropped = [e for e in audit.events(workspace) if e.action == "page.history_dropped"]
    assert dropped[-1].details["sha256"] == [victim.image_sha256]


def test_split_and_merge(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    a, b, c, d = _ids(workspace, doc)
    dossier_id = workspace.get_document(doc).dossier_id
    later = workspace.add_document(dossier_id, component="Giấy tờ khác")
    new = pages.split(workspace, doc, c)
    assert _ids(workspace, doc) == [a, b] and _ids(workspace, new.id) == [c, d]
    assert [x.id for x in workspace.documents_of(dossier_id)] == [doc, new.id, later.id]
    assert new.state is DocumentState.PROCESSED and workspace.get_document(doc).state is DocumentState.PROCESSED
    merged = pages.merge(workspace, doc, new.id)
    assert _ids(workspace, merged.id) == [a, b, c, d]
    with pytest.raises(WorkspaceError):
        workspace.get_document(new.id)
    pages.undo(workspace)  # the merge
    assert _ids(workspace, new.id) == [c, d]
    pages.undo(workspace)  # the split
    assert _ids(workspace, doc) == [a, b, c, d]
    assert [x.id for x in workspace.documents_of(dossier_id)] == [doc, later.id]
    with pytest.raises(WorkspaceError, match="trang đầu"):
        pages.split(workspace, doc, a)
    other = workspace.add_document(workspace.create_dossier().id)
    with pytest.raises(WorkspaceError, match="hai hồ sơ"):
        pages.merge(workspace, doc, other.id)


def test_mark_blank_and_separator(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    page = workspace.pages_of(doc)[3]
    marked = pages.mark(workspace, page.id, blank=True, separator=True)
    assert marked.blank and marked.separator
    assert workspace.get_document(doc).state is DocumentState.PROCESSED
    assert not pages.mark(workspace, page.id, blank=False).blank
    pages.undo(workspace)
    assert workspace.get_page(page.id).blank


def test_rescan_and_replace_keeps_the_old_image_for_undo(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images, count=3)
    old = workspace.pages_of(doc)[1]
    new = pages.replace(workspace, old.id, page_images[4])
    assert _ids(workspace, doc)[1] == new.id and new.position == 2 and new.ocr_path is None
    assert new.image_sha256 != old.image_sha256
    assert workspace.get_document(doc).state is DocumentState.CAPTURED
    assert workspace.path(old.image_path).is_file()
    pages.undo(workspace)
    assert _ids(workspace, doc)[1] == old.id and workspace.get_document(doc).state is DocumentState.EXTRACTED


def test_page_with_a_handwritten_note_is_kept_twice_in_order(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images, count=3)
    a, b, c = _ids(workspace, doc)
    with_note, without_note = pages.duplicate_for_note(workspace, b, page_images[4])
    assert (with_note.note, without_note.note) == ("with_note", "without_note")
    assert with_note.note_pair == without_note.note_pair == b
    assert _ids(workspace, doc) == [a, b, without_note.id, c]
    assert workspace.get_document(doc).state is DocumentState.CAPTURED  # the new scan needs OCR
    with pytest.raises(WorkspaceError, match="Điều 8"):
        pages.reorder(workspace, doc, [a, without_note.id, b, c])
    with pytest.raises(WorkspaceError, match="Điều 8"):
        pages.split(workspace, doc, without_note.id)
    pages.reorder(workspace, doc, [b, without_note.id, a, c])  # the pair moves together
    rescanned = pages.replace(workspace, b, page_images[3])  # the pairing follows the rescan
    assert workspace.get_page(without_note.id).note_pair == rescanned.id == rescanned.note_pair
    pages.delete(workspace, [rescanned.id])
    assert workspace.get_page(without_note.id).note is None


def test_undo_survives_a_restart(tmp_path: Path, page_images: list[Path]) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        doc = _extracted(ws, page_images)
        a, b, c, d = _ids(ws, doc)
        pages.reorder(ws, doc, [d, c, b, a])
        pages.rotate(ws, a)
    with Workspace.open(tmp_path / "ws") as ws:
        assert [op.kind for op in pages.history(ws, doc)] == ["reorder", "rotate"]
        pages.undo(ws, doc)
        pages.undo(ws, doc)
    with Workspace.open(tmp_path / "ws") as ws:
        assert _ids(ws, doc) == [a, b, c, d] and ws.get_page(a).rotation == 0
        assert pages.redo(ws, doc).kind == "reorder"
        assert _ids(ws, doc) == [d, c, b, a]
        # a new operation drops what could still be redone on that document
        pages.mark(ws, b, blank=True)
        assert pages.redo(ws, doc) is None


def test_documents_sent_to_the_store_are_not_changed(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images, count=2)
    workspace.set_state(doc, DocumentState.QUEUED)
    first = workspace.pages_of(doc)[0]
    with pytest.raises(WorkspaceError, match="kho lưu trữ"):
        pages.rotate(workspace, first.id)
    assert workspace.get_page(first.id).rotation == 0


def test_every_operation_is_in_an_intact_audit_trail(workspace: Workspace, page_images: list[Path]) -> None:
    doc = _extracted(workspace, page_images)
    a, b, c, d = _ids(workspace, doc)
    pages.reorder(workspace, doc, [b, a, c, d])
    pages.rotate(workspace, c)
    pages.undo(workspace)
    actions = [e.action for e in audit.events(workspace, document_id=doc)]
    assert actions[-3:] == ["page.reorder", "page.rotate", "page.undo"]
    assert audit.verify(workspace).intact
