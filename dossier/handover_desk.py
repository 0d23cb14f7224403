"""The postal handover as a desk works it: which dossiers of a day can go on a list, a draft of
the list to look at before it is recorded, and the list recorded, signed by the employee.

A thin layer over :mod:`dossier.handover_store` (which records and refuses) and
:mod:`dossier.handover` (which renders), in the order ``sohoa handover`` calls them, so the
desktop's handover screen and the command line make the same list.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dossier.handover import HandoverList, mask_id, render_pdf
from dossier.handover_store import HandoverRequest, _components, hand_over, prepare_entries
from dossier.model import Dossier, now_vn
from dossier.signing_lane import Signer
from dossier.workspace import Workspace

DEFAULT_DESK = "Bộ phận Tiếp nhận và Trả kết quả"  # the one-stop desk, as ``sohoa handover`` defaults
DRAFT_NUMBER = "BẢN XEM TRƯỚC"  # a draft carries no number: numbers are taken when a list is recorded
SIGN_REASON = "Bàn giao hồ sơ"


@dataclass(frozen=True)
class Candidate:
    """A dossier as the handover screen lists it: the applicant's ID masked (the screen may be
    seen by the person at the counter), its pages as a person counts them, its list if any."""

    dossier_id: int
    code: str | None
    applicant_name: str
    masked_id: str
    components: int
    pages: int
    handover: str | None
    handed_over_at: str | None

    @property
    def can_hand_over(self) -> bool:
        """A list names dossiers by code; one without a code, or with nothing in it, cannot go."""
        return self.handover is None and bool(self.code) and self.components > 0


def candidate(workspace: Workspace, dossier: Dossier) -> Candidate:
    components = _components(workspace, dossier)
    return Candidate(dossier.id, dossier.code, dossier.applicant_name or "",
                     mask_id(dossier.applicant_personal_id) if dossier.applicant_personal_id else "",
                     len(components), sum(c.pages for c in components), dossier.handover, dossier.handed_over_at)


def candidates(workspace: Workspace, day: date | str) -> list[Candidate]:
    """The day's dossiers in the order they were received, those not handed over first."""
    found = [candidate(workspace, d) for d in workspace.dossiers_of_day(day)]
    return sorted(found, key=lambda c: c.handover is not None)


def draft(workspace: Workspace, request: HandoverRequest) -> tuple[HandoverList, bytes]:
    """The list as it would be made now, without a number and without recording anything;
    HandoverRefused (Vietnamese) for what the recording would refuse."""
    entries = prepare_entries(workspace, request)
    handover = HandoverList(number=DRAFT_NUMBER, handed_at=now_vn(), post_office=request.post_office.strip(),
                            employee=request.employee.strip(), desk=request.desk.strip(),
                            receiver=request.receiver.strip(), entries=tuple(e for _, e in entries))
    return handover, render_pdf(handover)


def _common_name(session: object) -> str:
    value = session.cert.subject.native.get("common_name", "")  # type: ignore[attr-defined]
    return value if isinstance(value, str) else (value[-1] if value else "")


def record(workspace: Workspace, request: HandoverRequest, signer: Signer | None = None) -> tuple[HandoverList, bytes]:
    """Record the list (``handovers/<number>.pdf`` in the workspace), signed by ``signer`` when
    given: its session opens first (one PIN), the employee defaults to the certificate's name,
    and a signature that fails records nothing. HandoverRefused, SigningError as raised."""
    if signer is None:
        return hand_over(workspace, request, render_pdf)
    options = replace(signer.options, reason=SIGN_REASON, location=request.post_office.strip() or None)
    with signer.session() as session:
        if not request.employee.strip():
            request = replace(request, employee=_common_name(session))
        folder = workspace.root / "handovers"
        folder.mkdir(exist_ok=True)

        def render(handover: HandoverList) -> bytes:
            with tempfile.TemporaryDirectory(dir=folder, prefix=".signing-") as tmp:
                source, signed = Path(tmp) / "list.pdf", Path(tmp) / "signed.pdf"
                source.write_bytes(render_pdf(handover))
                session.sign(source, signed, options)
                return signed.read_bytes()

        return hand_over(workspace, request, render, signed=True)


def list_pdf(workspace: Workspace, number: str) -> Path:
    """Where a recorded list's PDF (signed when it was signed) is kept."""
    with workspace.reading() as db:
        row = db.execute("SELECT pdf_path FROM handover_lists WHERE number = ?", (number,)).fetchone()
    if row is None or not row[0]:
        from dossier.handover_store import HandoverRefused

        raise HandoverRefused(f"không có danh sách bàn giao số {number}")
    return workspace.path(row[0])


__all__ = ["Candidate", "DEFAULT_DESK", "DRAFT_NUMBER", "candidate", "candidates", "draft", "list_pdf", "record"]
