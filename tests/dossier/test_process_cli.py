"""``sohoa process`` as a clerk runs it: files in, a person's review, the SoftHSM2 token (one PIN
for the batch), the reference store on 127.0.0.1; resumed after SIGKILL with every document on
the store exactly once and no finished OCR redone."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from datastore.outbox import Outbox
from dossier.model import DocumentState
from dossier.workspace import Workspace, WorkspaceError
from tests.dossier.pipeline_fixtures import *  # noqa: F403
from tests.dossier.pipeline_fixtures import SOHOA, journal, redone_after_done, sohoa, sohoa_env, stored
from tests.signing.pki_setup import SOFTHSM_LIB, TOKEN_PIN


def _token_args(pki) -> list[str]:  # type: ignore[no-untyped-def]
    return ["--sign", "--pkcs11", SOFTHSM_LIB, "--token-serial", pki.token_serial, "--key-id", pki.key_id.hex(),
            "--upload"]


class Clerk:
    """A person at the review screen, in another process's place: accepts every document that
    waits in ``extracted``, through the workspace, while ``sohoa process`` runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Clerk:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)

    def _run(self) -> None:
        while not (self.folder / "sohoa.db").exists() and not self.stop.is_set():
            time.sleep(0.05)
        with Workspace.open(self.folder, user="người duyệt thử") as ws:
            while not self.stop.wait(0.1):
                for document in ws.documents_in_state(DocumentState.EXTRACTED):
                    try:
                        ws.accept_review(document.id)
                    except WorkspaceError:
                        pass  # moved on meanwhile


def _states(folder: Path) -> dict[int, DocumentState]:
    with Workspace.open(folder) as ws:
        with ws.reading() as db:
            return {i: DocumentState(s) for i, s in db.execute("SELECT id, state FROM documents WHERE removed = 0")}


def _stack(small_documents: list[Path], folder: Path) -> Path:
    """Two documents fed as one stack, a document separator sheet between them (one PDF)."""
    from PIL import Image

    from dossier.separator import separator_sheet_pdf
    from tests.dossier.test_separator import render

    sheet = render(separator_sheet_pdf("document"), 200).image
    pages = [Image.open(small_documents[0]).convert("RGB"), sheet, Image.open(small_documents[1]).convert("RGB")]
    path = folder / "xap-giay.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200, quality=90)
    return path


@pytest.mark.slow
def test_process_splits_waits_for_review_then_signs_with_the_token_and_uploads(
        tmp_path: Path, small_documents: list[Path], pipeline_pki, store) -> None:
    _, credentials = store
    before = {item["sha256"] for item in stored(credentials)}
    folder = tmp_path / "ws"
    stack = str(_stack(small_documents, tmp_path))
    first = sohoa("process", stack, "--split", "--workspace", str(folder), "--json", env=sohoa_env())
    assert first.returncode == 0, first.stderr
    assert "Tờ phân cách (giữ lại, không thuộc tài liệu nào): trang 2" in first.stderr  # the proposal, shown
    summary = json.loads(first.stdout)
    # Split at the sheet: two documents of one page each; the sheet is kept but never OCR'd.
    assert summary["documents"] == 2 and summary["pages"] == 2 and summary["pages_ocr"] == 2
    assert len(summary["waiting_for_review"]) == 2 and summary["uploaded"] == 0  # nobody accepted anything
    assert [f["new"] for f in summary["files"]] == [True]

    with Workspace.open(folder, user="người duyệt thử") as ws:  # the clerk reviews in the desktop
        for document in ws.documents_in_state(DocumentState.EXTRACTED):
            ws.accept_review(document.id)
    # Resume the workspace (no file named): sign with the token, PIN from the environment, upload.
    second = sohoa("process", "--workspace", str(folder), *_token_args(pipeline_pki),
                   env=sohoa_env(pipeline_pki, credentials, SOHOA_PIN=TOKEN_PIN))
    assert second.returncode == 0, second.stderr
    assert "2 đã ký, 2 đã tải lên, 0 lỗi" in second.stderr
    assert second.stderr.count("đã tải lên kho dữ liệu") == 2  # one progress line per document
    items = [i for i in stored(credentials) if i["sha256"] not in before]
    assert len(items) == 2 and [i["metadata"]["pages"] for i in items] == [1, 1]  # no separator sheet in them
    assert all("Nguyễn Văn An" in item["metadata"]["signature"]["subject"] for item in items)

    # The same file again: found by its SHA-256, nothing imported, split, OCR'd or sent twice.
    third = sohoa("process", stack, "--split", "--workspace", str(folder), "--json", env=sohoa_env())
    assert third.returncode == 0, third.stderr
    again = json.loads(third.stdout)
    assert not any(f["new"] for f in again["files"]) and again["pages_ocr"] == 0
    assert again["documents"] == 2 and again["uploaded"] == 2
    assert len(stored(credentials)) == len(before) + 2 and redone_after_done(journal(folder)) == []


def test_a_wrong_pin_stops_the_batch_before_any_page_is_read(tmp_path: Path, small_documents: list[Path],
                                                            pipeline_pki) -> None:
    folder = tmp_path / "ws"
    result = sohoa("process", str(small_documents[0]), "--workspace", str(folder), "--sign", "--pkcs11",
                   SOFTHSM_LIB, "--token-serial", pipeline_pki.token_serial, env=sohoa_env(pipeline_pki,
                                                                                           SOHOA_PIN="000000"))
    assert result.returncode == 1 and "PIN" in result.stderr and "không mở được khóa ký" in result.stderr
    assert journal(folder) == []  # not one page went to OCR
    assert "000000" not in result.stderr


def test_the_pin_is_never_an_argument(tmp_path: Path, small_documents: list[Path]) -> None:
    result = sohoa("process", str(small_documents[0]), "--workspace", str(tmp_path / "ws"), "--pin", "123456",
                   env=sohoa_env())
    assert result.returncode == 2 and "--pin" in result.stderr


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    # A session of its own, so the kill takes the OCR workers too, as a power cut would.
    return subprocess.Popen([*SOHOA, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True, text=True)


def _kill_when(process: subprocess.Popen, ready, timeout: float = 300) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)
            return True
        time.sleep(0.05)
    raise AssertionError("the moment to kill never came")


@pytest.mark.slow
def test_sigkill_mid_ocr_and_after_an_upload_then_resume_exactly_once(
        tmp_path: Path, small_documents: list[Path], pipeline_pki, store) -> None:
    _, credentials = store
    before = {item["sha256"] for item in stored(credentials)}
    folder = tmp_path / "ws"
    args = ["process", *map(str, small_documents), "--workspace", str(folder), *_token_args(pipeline_pki)]
    env = sohoa_env(pipeline_pki, credentials, SOHOA_PIN=TOKEN_PIN)
    with Clerk(folder):
        # Killed as the first page's OCR is saved: the other pages are in the workers.
        killed = _kill_when(_start(args, env), lambda: any(w == "done" for w, _ in journal(folder)))
        assert killed
        # Killed right after the first document reached the store.
        _kill_when(_start(args, env), lambda: DocumentState.UPLOADED in _states(folder).values())
        for _ in range(3):  # then run to the end (the clerk may accept the last one after a run ends)
            finished = subprocess.run([*SOHOA, *args], env=env, capture_output=True, text=True, timeout=600)
            assert finished.returncode in (0, 3), finished.stderr
            if set(_states(folder).values()) == {DocumentState.UPLOADED}:
                break
            time.sleep(0.5)
    states = _states(folder)
    assert len(states) == 3 and set(states.values()) == {DocumentState.UPLOADED}
    with Workspace.open(folder) as ws:
        hashes = [ws.get_document(i).signed_sha256 for i in states]
    items = [i for i in stored(credentials) if i["sha256"] not in before]
    assert sorted(i["sha256"] for i in items) == sorted(hashes)  # each document once, with its hash
    entries = journal(folder)
    assert redone_after_done(entries) == []  # no finished OCR was done again
    assert sorted(page for what, page in entries if what == "done") == sorted({p for _, p in entries})
    outbox = Outbox(folder / "outbox")
    assert sorted(e.sha256 for e in outbox.list()) == sorted(hashes)  # one outbox entry per document
    outbox.close()
