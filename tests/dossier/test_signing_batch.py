"""Signing a dossier's reviewed documents in one run: one session, cancel between documents,
each signed PDF verified; the signer from the configuration; the stamp preview."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from dossier.config import Config
from dossier.model import DocumentState
from dossier.signing_batch import reviewed_documents, sign_documents, signature_status
from dossier.signing_lane import Signer
from dossier.signing_setup import Usability, certificate_state, configured_signer
from dossier.stamp_preview import stamp_preview
from dossier.workspace import Workspace
from signing.errors import SigningError
from signing.model import CertificateInfo
from signing.sign import SignOptions
from tests.dossier.pipeline_fixtures import pipeline_pki  # noqa: F401 - the fixture
from tests.dossier.signing_fixtures import add_reviewed, decision_pdf  # noqa: F401 - the fixture
from tests.signing.pki_setup import P12_PASSWORD


@pytest.fixture
def dossier_with_three(workspace: Workspace, decision_pdf: Path) -> tuple[int, list[int]]:
    dossier = workspace.create_dossier(code=None)
    ids = [add_reviewed(workspace, dossier.id, decision_pdf) for _ in range(3)]
    add_reviewed(workspace, dossier.id, decision_pdf, reviewed=False)  # waits for review: not signed
    return dossier.id, ids


def _signer(pki, **options) -> Signer:  # type: ignore[no-untyped-def]
    return Signer(p12=pki.p12["signer"], secret=P12_PASSWORD.decode(),
                  options=SignOptions(trust_roots=(pki.root,), **options))


def test_a_dossier_is_signed_in_one_run_and_each_document_verified(workspace, dossier_with_three, pipeline_pki):
    dossier_id, ids = dossier_with_three
    assert [d.id for d in reviewed_documents(workspace, dossier_id=dossier_id)] == ids
    steps = []
    outcome = sign_documents(workspace, _signer(pipeline_pki, stamp="digitizer"), ids, progress=steps.append,
                             verify_roots=[pipeline_pki.root])
    assert outcome.signed == tuple(ids) and not outcome.failed and not outcome.left
    assert [(s.done, s.total, s.document_id) for s in steps] == [(1, 3, ids[0]), (2, 3, ids[1]), (3, 3, ids[2])]
    for document_id in ids:
        assert workspace.get_document(document_id).state is DocumentState.SIGNED
        status = signature_status(workspace, document_id)
        assert status is not None and status.valid and status.trusted and not status.demo
        assert status.holder == "Nguyễn Văn An" and status.level == "B-B"
    assert reviewed_documents(workspace, dossier_id=dossier_id) == []


def test_cancel_between_documents_leaves_the_rest_reviewed(workspace, dossier_with_three, pipeline_pki):
    _, ids = dossier_with_three
    cancel = threading.Event()
    outcome = sign_documents(workspace, _signer(pipeline_pki), ids, progress=lambda step: cancel.set(),
                             cancel=cancel)
    assert outcome.cancelled and outcome.signed == (ids[0],) and outcome.left == tuple(ids[1:])
    states = [workspace.get_document(i).state for i in ids]
    assert states == [DocumentState.SIGNED, DocumentState.REVIEWED, DocumentState.REVIEWED]


def test_a_refused_key_stops_before_any_document(workspace, dossier_with_three, pipeline_pki):
    _, ids = dossier_with_three
    wrong = Signer(p12=pipeline_pki.p12["signer"], secret="sai-mat-khau", options=SignOptions())
    with pytest.raises(SigningError):
        sign_documents(workspace, wrong, ids)
    expired = Signer(p12=pipeline_pki.p12["expired"], secret=P12_PASSWORD.decode(),
                     options=SignOptions(trust_roots=(pipeline_pki.root,)))
    with pytest.raises(SigningError, match="expired"):
        sign_documents(workspace, expired, ids)
    assert all(workspace.get_document(i).state is DocumentState.REVIEWED for i in ids)


def test_the_demo_identity_signs_when_no_token_is_configured(workspace, dossier_with_three):
    _, ids = dossier_with_three
    signer = configured_signer(Config(), None, workspace.root)
    assert signer.p12 is not None and signer.options.stamp == "digitizer"
    outcome = sign_documents(workspace, signer, ids[:1], verify_roots=[])
    (check,) = outcome.checks
    assert check.demo and check.intact and not check.trusted and not check.valid


def test_a_token_signer_from_the_configuration() -> None:
    config = Config(pkcs11_module="/usr/lib/softhsm/libsofthsm2.so", token_serial="abc", key_id="A1B2",
                    tsa_url="http://127.0.0.1:1/tsa", stamp_profile="copy", agency_name="UBND XÃ AN BÌNH")
    signer = configured_signer(config, "123456", Path("/nonexistent"))
    assert signer.pkcs11 == config.pkcs11_module and signer.token_serial == "abc" and signer.key_id == b"\xa1\xb2"
    assert signer.options.level.value == "B-LTA" and signer.options.agency == "UBND XÃ AN BÌNH"


def test_certificate_states_warn_a_month_ahead() -> None:
    now = datetime(2026, 12, 1, tzinfo=timezone.utc)

    def info(days: int, usage: tuple[str, ...] = ("digital_signature",)) -> CertificateInfo:
        return CertificateInfo("s", "i", "1", now - timedelta(days=400), now + timedelta(days=days), usage)

    assert certificate_state(info(200), now).usability is Usability.USABLE
    state = certificate_state(info(12), now)
    assert state.usability is Usability.EXPIRING and state.days_left == 12 and state.usability.can_sign
    assert certificate_state(info(-3), now).usability is Usability.EXPIRED
    assert not certificate_state(info(200, ("key_encipherment",)), now).usability.can_sign


def test_the_stamp_preview_is_where_signing_puts_it(decision_pdf: Path) -> None:
    preview = stamp_preview(decision_pdf, "digitizer", digitizer="Nguyễn Văn An", agency="")
    assert preview.plan is not None and "Người số hóa: Nguyễn Văn An" in preview.plan.text
    x0, y0, x1, y1 = preview.plan.box
    width, height = preview.page_size
    assert x1 < width / 2 and y0 > height / 2  # top-left, as Circular 01/2023 Art. 8 wants
    copy = stamp_preview(decision_pdf, "copy", digitizer="", agency="UBND XÃ AN BÌNH")
    assert copy.plan is not None and copy.plan.box[0] > width / 2 and copy.plan.text.startswith("SAO Y")
    assert stamp_preview(decision_pdf, "none", digitizer="", agency="").plan is None
