"""Signing and verifying in the signing process (``dossier.signing_worker``): the SoftHSM2
token logged in once in the child, the PIN's refusal coming back whole, cancel between
documents, and a child that dies stopping the run without losing a document."""
from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

import pytest

import signing.sign
import signing.verify
from dossier.model import DocumentState
from dossier.signing_batch import sign_documents, signature_status
from dossier.signing_lane import Signer
from dossier.signing_worker import SigningWorker
from dossier.workspace import Workspace
from signing.errors import PinError
from signing.sign import SignOptions
from tests.dossier.pipeline_fixtures import pipeline_pki  # noqa: F401 - the fixture
from tests.dossier.signing_fixtures import add_reviewed, decision_pdf  # noqa: F401 - the fixture
from tests.signing.pki_setup import SOFTHSM_LIB, TOKEN_PIN


@pytest.fixture
def three(workspace: Workspace, decision_pdf: Path) -> list[int]:
    dossier = workspace.create_dossier(code=None)
    return [add_reviewed(workspace, dossier.id, decision_pdf) for _ in range(3)]


@pytest.fixture
def token(pipeline_pki, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The child sees the PKI's SoftHSM2 token (it inherits this environment)."""
    monkeypatch.setenv("SOFTHSM2_CONF", str(pipeline_pki.softhsm_conf))
    return pipeline_pki


def _token_signer(pki, pin: str = TOKEN_PIN) -> Signer:  # type: ignore[no-untyped-def]
    return Signer(pkcs11=SOFTHSM_LIB, token_serial=pki.token_serial, key_id=pki.key_id, secret=pin,
                  options=SignOptions(stamp="digitizer", trust_roots=(pki.root,)))


def _nothing_here(*_args, **_kwargs):  # type: ignore[no-untyped-def]
    raise AssertionError("signed or verified in the test's own process")


def test_the_token_signs_and_verifies_in_the_child_and_cancel_works_between_documents(
        workspace, three, token, monkeypatch) -> None:
    monkeypatch.setattr(signing.sign.SigningSession, "sign", _nothing_here)
    monkeypatch.setattr(signing.verify, "verify_pdf", _nothing_here)
    cancel = threading.Event()
    steps = []

    def progress(step) -> None:  # type: ignore[no-untyped-def]
        steps.append(step.done)
        if step.done == 2:
            cancel.set()

    outcome = sign_documents(workspace, _token_signer(token), three, progress=progress, cancel=cancel,
                             verify_roots=[token.root], worker=SigningWorker())
    assert outcome.signed == tuple(three[:2]) and outcome.cancelled and outcome.left == (three[2],)
    assert steps == [1, 2] and not outcome.failed and outcome.stopped_by is None
    for document_id in three[:2]:
        status = signature_status(workspace, document_id)
        assert status is not None and status.valid and status.trusted and status.holder == "Nguyễn Văn An"
    assert workspace.get_document(three[2]).state is DocumentState.REVIEWED
    assert not multiprocessing.active_children()  # the signing process ended with the run


def test_a_wrong_pin_comes_back_as_the_pin_error_and_nothing_is_signed(workspace, three, token) -> None:
    with pytest.raises(PinError):
        sign_documents(workspace, _token_signer(token, pin="000000"), three, worker=SigningWorker())
    assert all(workspace.get_document(i).state is DocumentState.REVIEWED for i in three)
    assert not multiprocessing.active_children()


def test_a_signing_process_that_dies_stops_the_run_and_loses_nothing(workspace, three, token) -> None:
    def kill_after_first(step) -> None:  # type: ignore[no-untyped-def]
        if step.done == 1:
            for child in multiprocessing.active_children():
                if child.name == "sohoa-signing":
                    child.kill()
                    child.join()

    outcome = sign_documents(workspace, _token_signer(token), three, progress=kill_after_first,
                             verify_roots=[token.root], worker=SigningWorker())
    assert outcome.signed == (three[0],)
    assert outcome.stopped_by is not None and "tiến trình ký số đã dừng đột ngột" in outcome.stopped_by
    assert outcome.failed[0][0] == three[1] and outcome.left == (three[2],)
    assert workspace.get_document(three[0]).state is DocumentState.SIGNED
    for document_id in three[1:]:
        assert workspace.get_document(document_id).state is DocumentState.REVIEWED  # signed next run
        assert not (workspace.document_dir(document_id) / "signed.pdf.part").exists()
    assert "dừng đột ngột" in (workspace.get_document(three[1]).last_error or "")


def test_the_worker_answers_requests_from_its_own_process(tmp_path, decision_pdf, token) -> None:
    with SigningWorker(_token_signer(token)) as worker:
        assert worker.pid is not None and worker.pid != os.getpid()
        result = worker.sign(decision_pdf, tmp_path / "signed.pdf", SignOptions(trust_roots=(token.root,)))
        report = worker.verify(tmp_path / "signed.pdf", [token.root], check_revocation=False)
    assert result.signer_serial and (tmp_path / "signed.pdf").read_bytes().startswith(b"%PDF")
    assert report.valid and report.signatures[0].field == "SoHoa1"


def test_the_demo_identity_is_made_in_the_child_then_signs_there(tmp_path, decision_pdf, monkeypatch) -> None:
    import dossier.demo_identity

    from dossier.demo_identity import DEMO_P12_PASSWORD

    monkeypatch.setattr(dossier.demo_identity, "demo_identity", _nothing_here)
    worker = SigningWorker()
    path = worker.demo_identity(tmp_path)  # made there: decrypting it to check holds the GIL
    assert path == tmp_path / "demo-identity.p12" and path.exists()
    with worker.session(Signer(p12=path, secret=DEMO_P12_PASSWORD.decode())):
        result = worker.sign(decision_pdf, tmp_path / "signed.pdf", SignOptions())
    assert "SoHoa DEMO" in result.signer_subject and worker.pid is None
