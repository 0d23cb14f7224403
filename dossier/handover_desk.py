"""The postal handover as a desk works it: which dossiers of a day can go on a list, a draft of
the list to look at before it is recorded, and the list recorded, signed by the employee.

A thin layer over :mod:`dossier.handover_store` (which records and refuses) and
:mod:`dossier.handover` (which renders), in the order ``sohoa handover`` calls them, so the
desktop's handover screen and the command line make the same list. Lists recorded earlier are
listed (``recorded_lists``) and opened again from what was kept: the PDF as handed over, checked
against its SHA-256 (``saved_pdf``), and its CSV (``saved_csv``).
"""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dossier.handover import HandoverList, mask_id, render_pdf, to_csv
from dossier.handover_store import HandoverRefused, HandoverRequest, _components, hand_over, load_list, prepare_entries
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
    return _kept_pdf(workspace, number)[0]


def _kept_pdf(workspace: Workspace, number: str) -> tuple[Path, str | None]:
    """The recorded list's PDF and the SHA-256 recorded for it; HandoverRefused for no such list."""
    with workspace.reading() as db:
        row = db.execute("SELECT pdf_path, pdf_sha256 FROM handover_lists WHERE number = ?", (number,)).fetchone()
    if row is None or not row[0]:
        raise HandoverRefused(f"không có danh sách bàn giao số {number}")
    return workspace.path(row[0]), row[1]


@dataclass(frozen=True)
class RecordedList:
    """A handover list recorded earlier, as the screen lists them: when, who, how many dossiers."""

    number: str
    handed_at: str  # ISO 8601, Vietnam time
    employee: str
    post_office: str
    dossiers: int
    signed: bool


def recorded_lists(workspace: Workspace) -> list[RecordedList]:
    """Every recorded list, the latest first (one query: a year of lists is a few thousand rows)."""
    with workspace.reading() as db:
        rows = db.execute("SELECT l.number, l.handed_at, l.employee, l.post_office, COUNT(e.dossier_id), l.signed "
                          "FROM handover_lists l LEFT JOIN handover_entries e ON e.list_id = l.id "
                          "GROUP BY l.id ORDER BY l.handed_at DESC, l.id DESC").fetchall()
    return [RecordedList(number, handed_at, employee, post_office, count, bool(signed))
            for number, handed_at, employee, post_office, count, signed in rows]


def saved_pdf(workspace: Workspace, number: str) -> bytes:
    """The PDF of list ``number`` exactly as it was handed over (signed when it was signed);
    HandoverRefused when the file is gone or is no longer the one recorded (its SHA-256)."""
    path, recorded_sha256 = _kept_pdf(workspace, number)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HandoverRefused(f"không đọc được tệp của danh sách bàn giao số {number} ({path.name}): {exc.strerror}; "
                              f"khôi phục tệp từ bản sao lưu của kho làm việc") from exc
    if recorded_sha256 and hashlib.sha256(data).hexdigest() != recorded_sha256:
        raise HandoverRefused(f"tệp của danh sách bàn giao số {number} đã bị thay đổi sau khi lập "
                              f"(mã băm không khớp); khôi phục tệp từ bản sao lưu của kho làm việc")
    return data


def saved_csv(workspace: Workspace, number: str) -> bytes:
    """List ``number`` as CSV (UTF-8 for Excel), from what was recorded: its dossiers, postal item
    numbers and notes; components and pages as the documents stand now (``load_list``)."""
    return to_csv(load_list(workspace, number))


__all__ = ["Candidate", "DEFAULT_DESK", "DRAFT_NUMBER", "RecordedList", "candidate", "candidates", "draft",
           "list_pdf", "record", "recorded_lists", "saved_csv", "saved_pdf"]
