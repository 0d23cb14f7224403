"""A batch's page counts follow its documents through the states; the session's pages per hour."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dossier.batch_stats import batch_counts, format_table, session_rate, start_session
from dossier.model import DocumentState, now_vn
from dossier.workspace import Workspace


def scan(ws: Workspace, batch_id: int, images: list[Path]) -> int:
    dossier = ws.create_dossier()
    document = ws.add_document(dossier.id, batch_id=batch_id)
    ws.add_pages(document.id, images)
    return document.id


def test_counts_follow_documents_through_the_states(workspace: Workspace, page_images: list[Path]) -> None:
    ws = workspace
    first = ws.create_batch(device="sane:test:0", profile="vn-2023")
    second = ws.create_batch(device="import")
    a = scan(ws, first.id, page_images[:3])
    b = scan(ws, first.id, page_images[3:])
    scan(ws, second.id, page_images[:1])

    [newest, oldest] = batch_counts(ws)
    assert (newest.batch_id, oldest.batch_id) == (second.id, first.id)
    assert (oldest.documents, oldest.scanned, oldest.processed, oldest.waiting_review) == (2, 5, 0, 0)
    assert newest.scanned == 1

    # OCR saved page by page: counted as processed while the document is still being read.
    page = ws.pages_of(a)[0]
    ws.save_page_ocr(page.id, b"{}")
    assert batch_counts(ws)[1].processed == 1

    ws.save_extraction(a, {"document_type": "decision", "fields": {}, "problems": []})  # 3 pages waiting
    ws.set_state(b, DocumentState.PROCESSED)
    counts = batch_counts(ws)[1]
    assert (counts.processed, counts.waiting_review, counts.reviewed) == (5, 3, 0)

    ws.accept_review(a)
    ws.attach_signed_pdf(a, page_images[0])  # any file stands for the signed PDF here
    counts = batch_counts(ws)[1]
    assert (counts.waiting_review, counts.signed, counts.uploaded) == (0, 3, 0)
    ws.attach_receipt(a, {"id": "r-1", "sha256": "x"})
    counts = batch_counts(ws)[1]
    assert (counts.signed, counts.uploaded, counts.done) == (3, 3, False)

    table = format_table(batch_counts(ws))
    assert "Chờ kiểm tra" in table and len(table.splitlines()) == 3


def test_an_empty_batch_and_the_limit(workspace: Workspace) -> None:
    ids = [workspace.create_batch().id for _ in range(4)]
    counts = batch_counts(workspace, limit=2)
    assert [c.batch_id for c in counts] == ids[:1:-1]
    assert counts[0].scanned == 0 and counts[0].documents == 0


def test_pages_per_hour_of_the_session(workspace: Workspace, page_images: list[Path]) -> None:
    batch = workspace.create_batch()
    scan(workspace, batch.id, page_images[:2])  # before the session: not counted
    start = now_vn()
    session = start_session(workspace, start)
    scan(workspace, batch.id, page_images)
    rate = session_rate(workspace, session, now=start + timedelta(minutes=30))
    assert rate.pages == 5 and rate.pages_per_hour == 10.0
    assert session_rate(workspace, session, now=start + timedelta(seconds=5)).pages_per_hour is None


def test_sohoa_batches_prints_the_counts_and_a_sample(workspace: Workspace, page_images: list[Path], capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from dossier.cli import main
    from dossier.quality import draw_sample

    batch = workspace.create_batch(device="sane:test:0")
    document_id = scan(workspace, batch.id, page_images[:2])
    workspace.save_extraction(document_id, {"document_type": "decision", "fields": {}, "problems": []})
    workspace.accept_review(document_id)
    draw_sample(workspace, batch.id, 10)
    folder = str(workspace.root)
    assert main(["--workspace", folder, "batches", "--quality", str(batch.id)]) == 0
    text = capsys.readouterr().out
    assert "Chờ kiểm tra" in text and "mẫu 1/1 tài liệu (10 %), chưa đạt" in text
    assert main(["--workspace", folder, "batches", "--json"]) == 0
    [counts] = json.loads(capsys.readouterr().out)["batches"]
    assert counts["batch_id"] == batch.id and counts["scanned"] == 2 and counts["reviewed"] == 2
