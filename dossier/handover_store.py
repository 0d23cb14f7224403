"""Handing dossiers over from the post office to the one-stop desk, recorded in the workspace.

A dossier travels on one handover list only: the list number is taken, the list written and
the dossiers marked as handed over (``dossiers.handover``, through ``Workspace.record_handover``)
in one write transaction, so a crash leaves either the whole handover or none of it, and two
lists can never claim the same dossier (``handover_entries.dossier_id`` is UNIQUE as well).
Numbers are ``BG-YYMMDD-NNNN``, a sequence of the day in Vietnam time, like dossier codes
(Circular 01/2018 Art. 19): taken inside the transaction that records the list, so a number is
never issued twice, and one whose transaction failed was never shown to anyone.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from dossier.handover import Component, HandoverEntry, HandoverList
from dossier.model import VIETNAM, Dossier, now_vn
from dossier.workspace import Workspace, WorkspaceError, write_durably

MAX_SEQUENCE = 9999


class HandoverRefused(WorkspaceError):
    """The handover cannot be made as asked (unknown dossier, already handed over, …); Vietnamese."""


@dataclass(frozen=True)
class HandoverRequest:
    """What the postal employee asks for: these dossiers, from whom to whom."""

    codes: tuple[str, ...]
    employee: str
    receiver: str  # "" when not known yet: a dotted line is printed for the name
    post_office: str
    desk: str
    postal_items: Mapping[str, str] = field(default_factory=dict)  # dossier code -> số hiệu bưu gửi
    notes: Mapping[str, str] = field(default_factory=dict)


def _components(workspace: Workspace, dossier: Dossier) -> tuple[Component, ...]:
    """The dossier's components with the pages a person counts on paper: blank backs of a
    duplex scan and separator sheets are not pages of the dossier."""
    from dossier.fields import type_label

    components = []
    for document in workspace.documents_of(dossier.id):
        if document.kind != "dossier_component":
            continue
        pages = [p for p in workspace.pages_of(document.id) if not p.blank and not p.separator]
        count = len(pages) or _pdf_pages(workspace, document.signed_pdf_path or document.pdf_path)
        name = document.component or (type_label(document.document_type) if document.document_type else
                                       f"Tài liệu {document.position}")
        components.append(Component(name, count))
    return tuple(components)


def _pdf_pages(workspace: Workspace, relative: str | None) -> int:
    if not relative:
        return 0
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(workspace.path(relative))
    try:
        return len(document)
    finally:
        document.close()


def _refusal_for_handed_over(dossier: Dossier) -> HandoverRefused:
    when = ""
    if dossier.handed_over_at:
        at = datetime.fromisoformat(dossier.handed_over_at)
        when = f" lúc {at:%H:%M} ngày {at:%d/%m/%Y}"
    return HandoverRefused(f"hồ sơ {dossier.code} đã được bàn giao trong danh sách {dossier.handover}{when}; "
                           f"mỗi hồ sơ chỉ có trong một danh sách bàn giao")


def prepare_entries(workspace: Workspace, request: HandoverRequest) -> list[tuple[Dossier, HandoverEntry]]:
    """The dossiers asked for, checked, as list entries; HandoverRefused names the first problem."""
    if not request.codes:
        raise HandoverRefused("chưa chọn hồ sơ nào để bàn giao")
    # The receiving officer may be left blank: the name is then written by hand at the desk.
    for label, value in (("nhân viên bưu chính", request.employee), ("bưu cục", request.post_office),
                         ("bộ phận tiếp nhận", request.desk)):
        if not value.strip():
            raise HandoverRefused(f"danh sách bàn giao cần tên {label}")
    seen: set[str] = set()
    entries = []
    for code in request.codes:
        code = code.strip()
        if code in seen:
            raise HandoverRefused(f"hồ sơ {code} được chọn hai lần")
        seen.add(code)
        dossier = workspace.find_dossier(code)
        if dossier is None:
            raise HandoverRefused(f"không có hồ sơ mã {code} trong kho làm việc")
        if dossier.handover is not None:
            raise _refusal_for_handed_over(dossier)
        components = _components(workspace, dossier)
        if not components:
            raise HandoverRefused(f"hồ sơ {code} chưa có thành phần hồ sơ nào để bàn giao")
        entries.append((dossier, HandoverEntry(
            dossier_code=code, applicant_name=dossier.applicant_name or "",
            masked_id=dossier.applicant_personal_id or "", components=components,
            postal_item=request.postal_items.get(code, ""), note=request.notes.get(code, ""))))
    unknown = set(request.postal_items) - seen
    if unknown:
        raise HandoverRefused(f"số hiệu bưu gửi cho hồ sơ không có trong danh sách: {', '.join(sorted(unknown))}")
    return entries


def hand_over(workspace: Workspace, request: HandoverRequest,
              render: Callable[[HandoverList], bytes], *, signed: bool = False,
              at: datetime | None = None) -> tuple[HandoverList, bytes]:
    """Make a handover list and record it, all in one transaction.

    ``render`` turns the list into the PDF as handed over (rendered, signed when a signer is
    configured) and may write the caller's copies; it runs inside the transaction, so when it
    fails nothing is recorded and the number is not used. The PDF is also kept in the
    workspace (``handovers/<number>.pdf``) before the records naming it are committed.
    """
    entries = prepare_entries(workspace, request)
    handed_at = at or now_vn()
    day = handed_at.astimezone(VIETNAM).date()
    with workspace.writing() as db:
        # Another process may have handed one of them over since prepare_entries looked.
        for dossier, _ in entries:
            current = workspace.get_dossier(dossier.id)
            if current.handover is not None:
                raise _refusal_for_handed_over(current)
        sequence = db.execute("SELECT COALESCE(MAX(sequence), 0) + 1 FROM handover_lists WHERE day = ?",
                              (day.isoformat(),)).fetchone()[0]
        if sequence > MAX_SEQUENCE:
            raise HandoverRefused(f"đã lập hết {MAX_SEQUENCE} danh sách bàn giao của ngày {day:%d/%m/%Y}")
        number = f"BG-{day:%y%m%d}-{sequence:04d}"
        handover = HandoverList(number=number, handed_at=handed_at, post_office=request.post_office.strip(),
                                employee=request.employee.strip(), desk=request.desk.strip(),
                                receiver=request.receiver.strip(), entries=tuple(e for _, e in entries))
        pdf = render(handover)
        folder = workspace.root / "handovers"
        folder.mkdir(exist_ok=True)
        relative = f"handovers/{number}.pdf"
        sha256 = write_durably(pdf, workspace.path(relative))
        list_id = db.execute(
            "INSERT INTO handover_lists (number, day, sequence, handed_at, post_office, employee, desk, receiver, "
            "pdf_path, pdf_sha256, signed, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, day.isoformat(), sequence, handed_at.isoformat(timespec="seconds"), handover.post_office,
             handover.employee, handover.desk, handover.receiver, relative, sha256, int(signed),
             workspace.user)).lastrowid
        # Marks each dossier as on this list; the audit trail gets the event with the list's number.
        workspace.record_handover([dossier.id for dossier, _ in entries], number, who=handover.employee)
        for position, (dossier, entry) in enumerate(entries, start=1):
            db.execute("INSERT INTO handover_entries (list_id, dossier_id, position, postal_item, note) "
                       "VALUES (?, ?, ?, ?, ?)", (list_id, dossier.id, position, entry.postal_item, entry.note))
    return handover, pdf


def load_list(workspace: Workspace, number: str) -> HandoverList:
    """A recorded handover list: who, when, which dossiers with their postal item numbers and
    notes as recorded; components and page counts as the documents stand now. The record of
    what was handed over is the PDF kept in ``handovers/`` (its SHA-256 in ``handover_lists``)."""
    with workspace.reading() as db:
        row = db.execute("SELECT id, handed_at, post_office, employee, desk, receiver FROM handover_lists "
                         "WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise HandoverRefused(f"không có danh sách bàn giao số {number}")
        list_id, handed_at, post_office, employee, desk, receiver = row
        items = db.execute("SELECT dossier_id, postal_item, note FROM handover_entries WHERE list_id = ? "
                           "ORDER BY position", (list_id,)).fetchall()
    entries = []
    for dossier_id, postal_item, note in items:
        dossier = workspace.get_dossier(dossier_id)
        entries.append(HandoverEntry(dossier_code=dossier.code or "", applicant_name=dossier.applicant_name or "",
                                     masked_id=dossier.applicant_personal_id or "",
                                     components=_components(workspace, dossier), postal_item=postal_item or "",
                                     note=note or ""))
    return HandoverList(number=number, handed_at=datetime.fromisoformat(handed_at), post_office=post_office,
                        employee=employee, desk=desk, receiver=receiver, entries=tuple(entries))


def list_numbers(workspace: Workspace) -> list[str]:
    with workspace.reading() as db:
        return [row[0] for row in db.execute("SELECT number FROM handover_lists ORDER BY id")]


__all__ = ["HandoverRefused", "HandoverRequest", "hand_over", "load_list", "list_numbers", "prepare_entries"]
