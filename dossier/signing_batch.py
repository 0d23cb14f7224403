"""Signing the reviewed documents of a dossier or a batch in one go, and each signed
document's signature status as the app checked it.

One PIN for the whole run (``dossier.signing_lane``): the session opens first, so a wrong PIN
or an unusable certificate stops the run before any document is touched. Documents go to the
lane one at a time, so a cancel takes effect between two documents: those signed stay signed,
the others stay ``reviewed`` for the next run. Each signed document is verified at once
(``signing.verify``) and the result kept beside it (``signature-check.json``), so the window
shows the status without validating a PDF on every click.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from asn1crypto import x509

from signing.errors import SigningError

from dossier.model import Document, DocumentState, now_iso
from dossier.signing_lane import Signer, SigningLane
from dossier.workspace import Workspace, write_durably

if TYPE_CHECKING:
    from dossier.signing_worker import SigningWorker

CHECK_NAME = "signature-check.json"


@dataclass(frozen=True)
class SigningStep:
    """One document done (signed, or refused with ``error``); ``done`` of ``total``."""

    done: int
    total: int
    document_id: int
    error: str | None


@dataclass(frozen=True)
class SigningOutcome:
    signed: tuple[int, ...]
    failed: tuple[tuple[int, str], ...] = ()
    cancelled: bool = False
    stopped_by: str | None = None  # the token went away or broke: the rest wait, reviewed
    left: tuple[int, ...] = ()  # not attempted (cancel or stop): still reviewed
    checks: tuple["SignatureCheck", ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SignatureCheck:
    """What verifying the signed PDF found, in the words the window shows."""

    document_id: int
    valid: bool  # intact and from a trusted certificate
    intact: bool
    trusted: bool
    holder: str  # the signer's common name (or the whole subject when it has none)
    signed_at: str | None  # ISO time of the signature
    level: str
    demo: bool  # signed with the demo identity: no legal value
    detail: str
    checked_at: str


def reviewed_documents(ws: Workspace, *, dossier_id: int | None = None, batch_id: int | None = None) -> list[Document]:
    """The documents a sign action signs: state ``reviewed``, with a PDF, of the dossier or batch."""
    if (dossier_id is None) == (batch_id is None):
        raise TypeError("reviewed_documents needs a dossier_id or a batch_id")
    documents = ws.documents_of(dossier_id) if dossier_id is not None else ws.documents_of_batch(batch_id)  # type: ignore[arg-type]
    return [d for d in documents if d.state is DocumentState.REVIEWED and d.pdf_path]


def sign_documents(ws: Workspace, signer: Signer, document_ids: Sequence[int], *,
                   progress: Callable[[SigningStep], None] | None = None,
                   cancel: threading.Event | None = None,
                   verify_roots: Sequence[x509.Certificate] | None = None,
                   worker: "SigningWorker | None" = None) -> SigningOutcome:
    """Sign ``document_ids`` (the reviewed ones) with ``signer``, one after another.

    Raises the session's ``SigningError`` (``PinError``, ``CertificateRefused``, ``TokenError``)
    before any document is touched. ``verify_roots`` (when given) verifies each signed PDF
    against them and keeps the result (``signature_status``). ``worker`` (a
    ``dossier.signing_worker.SigningWorker``, spawned or not) signs and verifies in a child
    process, so the desktop's window keeps the GIL; it is opened with ``signer`` and closed here.
    """
    wanted = [i for i in document_ids if _signable(ws, i)]
    outcome: dict[int, str | None] = {}
    finished = threading.Event()

    def done(document_id: int, error: str | None) -> None:  # on the lane's thread
        outcome[document_id] = error
        finished.set()

    # The lane has its own cancel event: ours is checked between documents.
    lane = SigningLane(ws, signer, done, session=(lambda: worker.session(signer)) if worker is not None else None)
    lane.start()
    stopped_by: str | None = None
    signed: list[int] = []
    failed: list[tuple[int, str]] = []
    checks: list[SignatureCheck] = []
    cancelled = False
    attempted = 0
    try:
        for document_id in wanted:
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            if lane.stopped_by or stopped_by:
                break
            finished.clear()
            lane.submit(document_id)
            finished.wait()
            attempted += 1
            error = outcome[document_id]
            if error is None:
                signed.append(document_id)
                if verify_roots is not None:
                    try:
                        checks.append(check_signature(ws, document_id, verify_roots,
                                                      verify=worker.verify if worker is not None else None))
                    except SigningError as exc:  # the worker died: signed stays signed, checked when shown
                        stopped_by = f"không kiểm tra được chữ ký: {exc}"
            else:
                failed.append((document_id, error))
            if progress is not None:
                progress(SigningStep(attempted, len(wanted), document_id, error))
    finally:
        lane.finish()
    return SigningOutcome(signed=tuple(signed), failed=tuple(failed), cancelled=cancelled,
                          stopped_by=lane.stopped_by or stopped_by,
                          left=tuple(wanted[attempted:]), checks=tuple(checks))


def _signable(ws: Workspace, document_id: int) -> bool:
    # The lane skips other documents without a word; leaving them out keeps the count right.
    document = ws.get_document(document_id)
    return document.state is DocumentState.REVIEWED and bool(document.pdf_path)


def check_signature(ws: Workspace, document_id: int, trust_roots: Sequence[x509.Certificate], *,
                    verify: Callable[..., Any] | None = None) -> SignatureCheck:
    """Verify the document's signed PDF (offline) and keep the result beside it.

    ``verify`` (default ``signing.verify.verify_pdf``) does the validation: a
    ``SigningWorker``'s, to validate in its process.

    Revocation is not checked here: the session checked the certificate's revocation with the
    CA when it opened (``signing.sign.SigningSession.check_certificate``), and a B-B signature
    carries no revocation data an offline check could read.
    """
    from dossier.demo_identity import is_demo_subject

    if verify is None:
        from signing.verify import verify_pdf as verify
    document = ws.get_document(document_id)
    if not document.signed_pdf_path:
        raise ValueError(f"document {document_id} has no signed PDF")
    report = verify(ws.path(document.signed_pdf_path), list(trust_roots), fetch=False, check_revocation=False)
    if not report.signatures:
        check = SignatureCheck(document_id, False, False, False, "", None, "", False,
                               "không tìm thấy chữ ký trong tệp", now_iso())
    else:
        last = report.signatures[-1]  # ours: the latest revision
        check = SignatureCheck(
            document_id=document_id, valid=report.valid, intact=all(s.intact for s in report.signatures),
            trusted=last.trusted, holder=common_name(last.signer_subject),
            signed_at=last.signing_time.isoformat(timespec="seconds") if last.signing_time else None,
            level=last.level.value, demo=is_demo_subject(last.signer_subject), detail=last.detail,
            checked_at=now_iso())
    write_durably(json.dumps(asdict(check), ensure_ascii=False, indent=1).encode(),
                  ws.document_dir(document_id) / CHECK_NAME)
    return check


def signature_status(ws: Workspace, document_id: int) -> SignatureCheck | None:
    """The last check of the document's signature (None: not signed, or not checked yet)."""
    document = ws.get_document(document_id)
    if not document.signed_pdf_path:
        return None
    path = ws.root / "documents" / str(document_id) / CHECK_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        check = SignatureCheck(**data)
    except (OSError, ValueError, TypeError):
        return None
    return check


def common_name(subject: str) -> str:
    """'Common Name: Nguyễn Văn An, Organization: …' (asn1crypto's human_friendly) → 'Nguyễn Văn An'."""
    from dossier.signing_setup import name_part

    return name_part(subject, "Common Name") or subject


def signed_at_local(check: SignatureCheck) -> datetime | None:
    """The signing time in Vietnam time, for dd/mm/yyyy HH:MM on screen."""
    if not check.signed_at:
        return None
    from signing.stamps import VIETNAM_TIME

    return datetime.fromisoformat(check.signed_at).astimezone(VIETNAM_TIME)
