"""The pipeline in process: real Tesseract, the test PKI's key, the reference store on 127.0.0.1.

The review rule, a batch's documents waiting for a person, a person's acceptance picked up by
the running pipeline, every document signed and stored exactly once with its hash, a second
run that redoes nothing, and the one gap the outbox cannot close by itself: a crash after a
document was queued but before the workspace recorded it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from datastore.client import StoreClient
from datastore.outbox import Outbox
from dossier.importing import import_files
from dossier.model import DocumentState
from dossier.page_words import FORMAT
from dossier.pipeline import Pipeline, PipelineBusy, PipelineOptions, pipeline_lock
from dossier.review_rule import review_verdict
from dossier.signing_lane import Signer
from dossier.upload_lane import Upload
from dossier.workspace import Workspace
from signing.sign import SignOptions
from signing.verify import verify_pdf
from tests.dossier.pipeline_fixtures import *  # noqa: F403
from tests.dossier.pipeline_fixtures import journal, redone_after_done, stored
from tests.scanner.conftest import sane_test_device  # noqa: F401 - the fixture
from tests.signing.pki_setup import P12_PASSWORD

CONFIDENT = {"number": {"value": "125/QĐ-UBND", "confidence": 0.95, "page": 1, "bbox": [0, 0, 9, 9]},
             "issue_date": {"value": "2025-03-12", "confidence": 0.91, "page": 1, "bbox": [0, 0, 9, 9]}}


def _extraction(fields: dict, problems: list | None = None) -> dict:
    return {"file": None, "document_type": "decision", "pages": 1, "fields": fields, "problems": problems or [],
            "text": ""}


# -- the review rule -------------------------------------------------------------------------

def test_review_rule_accepts_only_confident_documents_without_problems() -> None:
    assert review_verdict(_extraction(CONFIDENT)).accept
    doubtful = {**CONFIDENT, "signer": {"value": "Lâm Phương Mai", "confidence": 0.62, "page": 1, "bbox": [0] * 4}}
    verdict = review_verdict(_extraction(doubtful))
    assert not verdict.accept and verdict.reasons == ("Người ký: độ tin cậy 62%",)
    # A warning "may be right but deserves a look": it keeps the document for a person too.
    warning = {"field": "number", "level": "warning", "code": "number.padding", "message": "Số có số 0 ở đầu."}
    assert not review_verdict(_extraction(CONFIDENT, [warning])).accept
    error = {"field": None, "level": "error", "code": "no_text", "message": "Không đọc được chữ nào."}
    assert review_verdict(_extraction(CONFIDENT, [error])).reasons == ("văn bản: Không đọc được chữ nào.",)
    assert not review_verdict(_extraction(CONFIDENT), failed_pages=[2]).accept  # a page OCR could not read
    assert not review_verdict(_extraction({})).accept  # nothing read is nothing to accept


def _document_waiting(ws: Workspace, tmp_path: Path, name: str, extraction: dict) -> int:
    """A document in ``extracted`` with a saved extraction (no OCR: the rule reads what is saved)."""
    image = tmp_path / f"{name}.png"
    Image.new("L", (40, 56), 255).save(image)
    document = ws.add_document(None)
    page = ws.add_pages(document.id, [image])[0]
    words = {"format": FORMAT, "width": 40, "height": 56, "dpi": 200, "status": "ocr", "blank": False,
             "error": None, "mean_confidence": 0.95, "warnings": [], "words": [], "codes": [], "rereads": []}
    ws.save_page_ocr(page.id, json.dumps(words).encode())
    ws.save_extraction(document.id, extraction)
    return document.id


def test_auto_accept_takes_only_what_the_rule_allows(workspace: Workspace, tmp_path: Path) -> None:
    confident = _document_waiting(workspace, tmp_path, "a", _extraction(CONFIDENT))
    doubtful = _document_waiting(workspace, tmp_path, "b", _extraction(
        {**CONFIDENT, "place": {"value": "Chiồng Sinh", "confidence": 0.31, "page": 1, "bbox": [0] * 4}}))
    summary = Pipeline(workspace).run([confident, doubtful])  # without --auto-accept: both wait
    assert set(summary.waiting) == {confident, doubtful}
    summary = Pipeline(workspace, PipelineOptions(auto_accept=True)).run([confident, doubtful])
    accepted = workspace.get_document(confident)
    assert accepted.state is DocumentState.REVIEWED and accepted.review_automatic
    assert workspace.get_document(doubtful).state is DocumentState.EXTRACTED
    assert summary.waiting == {doubtful: ("Địa danh: độ tin cậy 31%",)}
    assert summary.accepted == summary.accepted_automatically == 1


def test_one_run_at_a_time_per_workspace(workspace: Workspace) -> None:
    with pipeline_lock(workspace.root):  # another run (or the desktop's) holds the workspace
        with pytest.raises(PipelineBusy, match="đang được một lượt xử lý khác dùng"):
            Pipeline(workspace).run([])
    assert Pipeline(workspace).run([]).documents == 0  # released when the holder ends


# -- the whole chain -------------------------------------------------------------------------

@pytest.mark.slow
def test_chain_waits_for_review_then_signs_and_stores_each_document_once(
        tmp_path: Path, small_documents: list[Path], pipeline_pki, store) -> None:
    _, credentials = store
    ws = Workspace.open(tmp_path / "ws", user="cán bộ thử")
    try:
        imported = import_files(ws, small_documents, new_batch=lambda: ws.create_batch(device="import"))
        ids = imported.document_ids
        assert len(ids) == 3 and not imported.failed
        signer = Signer(p12=pipeline_pki.p12["signer"], secret=P12_PASSWORD.decode(),
                        options=SignOptions(stamp="digitizer", trust_roots=(pipeline_pki.root,)))
        upload = Upload(credentials, tmp_path / "ws" / "outbox")

        # 1. No one to review: every document is read and waits in `extracted`, with its reasons.
        first = Pipeline(ws, PipelineOptions(auto_accept=True), signer=signer, upload=upload).run(ids)
        assert first.pages_ocr == 3 and first.signed == first.accepted_automatically
        for document_id in ids:
            document = ws.get_document(document_id)
            verdict = review_verdict(ws.extraction(document_id) or {})
            # The rule is the only way past review here: a document moved on only if it allows it.
            assert (document.state is DocumentState.EXTRACTED) == (not verdict.accept)
            assert document.state is DocumentState.REVIEWED or first.waiting[document_id] == verdict.reasons
        assert ws.get_document(ids[0]).document_type == "decision"

        # 2. A person accepts each document as it waits; the running pipeline signs and sends it.
        for document_id in first.waiting:
            ws.set_state(document_id, DocumentState.PROCESSED)  # read again: no OCR needed for that
        events = []
        pipeline: Pipeline | None = None

        def clerk(step) -> None:  # type: ignore[no-untyped-def]
            events.append(step)
            if step.event == "waiting":
                ws.accept_review(step.document_id, who="người duyệt thử")
                assert pipeline is not None
                pipeline.accepted(step.document_id)

        pipeline = Pipeline(ws, signer=signer, upload=upload, progress=clerk)
        second = pipeline.run(ids)
        assert second.pages_ocr == 0 and second.uploaded == 3 and not second.failed, second
        items = stored(credentials)
        assert len(items) == 3
        by_sha = {item["sha256"]: item for item in items}
        for document_id in ids:
            document = ws.get_document(document_id)
            assert document.state is DocumentState.UPLOADED
            item = by_sha[document.signed_sha256]
            assert document.receipt["id"] == item["id"]
            meta = item["metadata"]
            assert meta["document_type"] == document.document_type and meta["pages"] == 1
            assert meta["fields"] == {k: v for k, v in ws.fields(document_id).items() if v not in (None, "", [])}
            assert meta["digitized"]["dpi"] == 200 and meta["digitized"]["device"] == "import"
            assert meta["signature"]["level"] == "B-B" and "Nguyễn Văn An" in meta["signature"]["subject"]
            pdf = StoreClient(credentials).get_content(item["id"], tmp_path / f"{item['id']}.pdf")
            (signature,) = verify_pdf(pdf, [pipeline_pki.root], check_revocation=False).signatures
            assert signature.intact and signature.trusted

        # 3. The same files again, and the pipeline again: nothing new, no OCR, no upload.
        again = import_files(ws, list(reversed(small_documents)))
        assert sorted(again.document_ids) == sorted(ids) and not any(f.new for f in again.files)
        third = Pipeline(ws, signer=signer, upload=upload).run(ids)
        assert third.pages_ocr == 0 and third.uploaded == 3
        entries = journal(ws.root)
        assert [w for w, _ in entries].count("done") == 3 and redone_after_done(entries) == []
        assert len(stored(credentials)) == 3

        # 4. A crash after Outbox.queue, before the workspace recorded the entry: found again by
        # the signed PDF's hash, never queued a second time.
        copy = ws.add_document(None)
        source = ws.get_document(ids[0])
        ws.attach_pdf(copy.id, ws.path(source.pdf_path), state=DocumentState.PROCESSED)
        ws.save_extraction(copy.id, ws.extraction(ids[0]) or {})
        ws.accept_review(copy.id)
        Pipeline(ws, signer=signer).run([copy.id])
        signed = ws.get_document(copy.id)
        assert signed.state is DocumentState.SIGNED
        outbox = Outbox(tmp_path / "ws" / "outbox")
        metadata = json.loads((ws.document_dir(copy.id) / "metadata.json").read_text(encoding="utf-8"))
        entry_id = outbox.queue(ws.path(signed.signed_pdf_path), metadata)  # ... and the power goes
        outbox.close()
        Pipeline(ws, upload=upload).run([copy.id])
        done = ws.get_document(copy.id)
        assert done.state is DocumentState.UPLOADED and done.outbox_entry_id == entry_id
        outbox = Outbox(tmp_path / "ws" / "outbox")
        assert [e.id for e in outbox.list() if e.sha256 == signed.signed_sha256] == [entry_id]
        outbox.close()
        assert [i["sha256"] for i in stored(credentials)].count(signed.signed_sha256) == 1
    finally:
        ws.close()


# -- pages read while the scan goes on -----------------------------------------------------

@pytest.mark.slow
def test_pages_are_read_while_the_scanner_still_feeds(workspace: Workspace, tmp_path: Path,
                                                      sane_test_device: str) -> None:  # noqa: F811
    """SANE's test scanner through the scanner queue; each page is fed to the running pipeline
    as it lands. The test device's feeder holds 10 sheets and reads them in a few ms each: the
    listener slows it to a page every 0.7 s, an office ADF's pace at 300 dpi colour, which leaves
    the OCR pool (at a lower priority than the scanner) time to start on a loaded machine."""
    import threading
    import time

    from scanner import ScannerQueue, ScanOperation
    from scanner.model import ColorMode, ScanSettings, Source

    document = workspace.add_document(None, batch_id=workspace.create_batch(device=sane_test_device).id)
    pipeline = Pipeline(workspace)
    arrived: list[float] = []

    def on_page(operation, path, page) -> None:  # type: ignore[no-untyped-def]
        workspace.add_pages(document.id, [path], move=True, sources=[(sane_test_device, page.index + 1)])
        arrived.append(time.time())
        pipeline.feed(document.id, complete=False)
        time.sleep(0.7)

    pipeline.feed(document.id, complete=False)  # the scan is starting: more pages to come
    results: list = []
    runner = threading.Thread(target=lambda: results.append(pipeline.run([])))
    runner.start()
    scanners = ScannerQueue()
    try:
        settings = ScanSettings(source=Source.ADF, dpi=150, mode=ColorMode.GRAY)
        operation = scanners.submit(ScanOperation(sane_test_device, settings, tmp_path / "scan", on_page=on_page))
        assert operation.wait(60)
    finally:
        scanners.close()
    assert workspace.get_document(document.id).state is DocumentState.CAPTURED  # still open: not assembled
    pipeline.feed(document.id, complete=True)
    runner.join(120)
    (summary,) = results
    assert len(arrived) >= 3
    assert summary.documents == 1 and summary.pages == summary.pages_ocr == len(arrived)
    assert workspace.get_document(document.id).state is DocumentState.EXTRACTED  # nothing to read: it waits
    first_page = workspace.pages_of(document.id)[0].id
    done = [float(line.split()[3]) for line in (workspace.root / "ocr-journal.log").read_text().splitlines()
            if line.startswith(f"done {first_page} ")]
    assert done and done[0] < arrived[-1]  # page 1 was read before the last page came out of the feeder


def test_files_go_to_ocr_as_they_are_imported(workspace: Workspace, small_documents: list[Path]) -> None:
    """``sohoa process`` imports on a thread and feeds each file's document to the running
    pipeline (``run(fed_all=…)``): the first file is read while the last is still being copied
    in (an import slowed to 1.5 s a file, a slow disk's pace), and the run ends only once every
    file is in and read."""
    import threading
    import time

    pipeline = Pipeline(workspace)
    fed_all = threading.Event()
    imported: list[float] = []

    def on_file(item) -> None:  # type: ignore[no-untyped-def]
        imported.append(time.time())
        for document_id in item.document_ids:
            pipeline.feed(document_id)
        time.sleep(1.5)

    def importing() -> None:
        try:
            import_files(workspace, small_documents, on_file=on_file)
        finally:
            fed_all.set()

    importer = threading.Thread(target=importing)
    importer.start()
    summary = pipeline.run([], fed_all=fed_all)
    importer.join()
    assert summary.documents == len(small_documents) == summary.pages_ocr
    assert {d.state for d in workspace.documents_in_state(*DocumentState)} == {DocumentState.EXTRACTED}
    first_page = workspace.pages_of(workspace.documents_in_state(*DocumentState)[0].id)[0].id
    started = [float(line.split()[3]) for line in (workspace.root / "ocr-journal.log").read_text().splitlines()
               if line.startswith(f"start {first_page} ")]
    assert started and started[0] < imported[-1]  # page 1 went to OCR before the last file came in


# -- a store that does not answer ----------------------------------------------------------

def _signed_ready(ws: Workspace, tmp_path: Path, count: int) -> list[int]:
    """Documents with a PDF and an accepted extraction, ready to sign (no OCR needed)."""
    import pikepdf

    ids = []
    for number in range(count):
        pdf = tmp_path / f"doc-{number}.pdf"
        with pikepdf.new() as out:
            out.add_blank_page(page_size=(595, 842))
            out.docinfo["/Title"] = f"Tài liệu {number}"
            out.save(pdf)
        document = ws.add_document(None)
        ws.attach_pdf(document.id, pdf, state=DocumentState.PROCESSED)
        ws.save_extraction(document.id, _extraction(CONFIDENT))
        ws.accept_review(document.id, who="người duyệt thử")
        ids.append(document.id)
    return ids


def test_a_store_that_does_not_answer_keeps_the_batch_in_the_outbox(
        workspace: Workspace, tmp_path: Path, pipeline_pki, store) -> None:
    import socket

    from datastore.credentials import StoreCredentials

    _, credentials = store
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    ids = _signed_ready(workspace, tmp_path, 3)
    signer = Signer(p12=pipeline_pki.p12["signer"], secret=P12_PASSWORD.decode(),
                    options=SignOptions(trust_roots=(pipeline_pki.root,)))
    offline = Upload(StoreCredentials(dead, credentials.client_id, credentials.client_secret),
                     workspace.root / "outbox")
    summary = Pipeline(workspace, signer=signer, upload=offline).run(ids)
    assert summary.signed == 3 and summary.uploaded == 0 and set(summary.failed) == set(ids)
    # The first document is tried a few times; the others wait in the outbox without a try.
    assert all(workspace.get_document(i).state is DocumentState.QUEUED for i in ids)
    outbox = Outbox(workspace.root / "outbox")
    assert [e.attempts for e in outbox.list()] == [4, 0, 0]
    outbox.close()
    online = Upload(credentials, workspace.root / "outbox")
    again = Pipeline(workspace, signer=signer, upload=online).run(ids)  # the line is back
    assert again.uploaded == 3 and not again.failed
    hashes = {workspace.get_document(i).signed_sha256 for i in ids}
    assert hashes <= {item["sha256"] for item in stored(credentials)}


@pytest.mark.slow
def test_cancel_keeps_what_is_done_and_the_next_run_finishes(workspace: Workspace,
                                                            small_documents: list[Path]) -> None:
    import threading

    cancel = threading.Event()

    def stop_after_the_first_page(step) -> None:  # type: ignore[no-untyped-def]
        if step.event == "page":
            cancel.set()  # the clerk presses Cancel as the first page comes back

    ids = import_files(workspace, small_documents).document_ids
    stopped = Pipeline(workspace, progress=stop_after_the_first_page, cancel=cancel).run(ids)
    assert stopped.cancelled and 1 <= stopped.pages_ocr < 3
    saved = [p for what, p in journal(workspace.root) if what == "done"]
    finished = Pipeline(workspace).run(ids)
    assert not finished.cancelled and finished.pages_ocr == 3 - len(saved)
    assert all(workspace.get_document(i).state is DocumentState.EXTRACTED for i in ids)
    assert redone_after_done(journal(workspace.root)) == []
