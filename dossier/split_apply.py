"""A split proposal (dossier.split) for a document of the workspace, and applying it once a
person (or ``sohoa process --split``) has confirmed it.

Proposing reads each page image once, in worker processes (``ocr.job.analyse_pages``: decode,
then ``ocr.separators.read_marks`` and the blank-page score at 75 dpi). Applying goes through the workspace's page operations
(dossier.pages: ``mark`` and ``split``, each undoable and in the audit trail), so nothing here
writes page rows itself. A separator sheet is not dropped: its pages stay in the workspace,
marked ``separator``, at the head of the document they introduce (at the end of the last one
for a sheet that ends the stack); the pipeline leaves marked pages out of OCR and the PDF.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ocr.errors import PageError
from ocr.separators import Box, analyse_page

from dossier import audit, pages as page_ops
from dossier.model import DocumentState
from dossier.split import PageInfo, Side, SplitProposal, SplitRule, propose_split
from dossier.workspace import Workspace, WorkspaceError


def page_info(number: int, image: np.ndarray, dpi: float, *, side: Side | None = None, page_id: int | None = None,
              blank: float | None = None, codes: Sequence[tuple[str, Box | None]] | None = None) -> PageInfo:
    """What the split needs of one page image; ``blank`` is the score ocr.cleanup already gave
    (``Cleaned.blank_score``), measured here when None; ``codes`` the QR texts already read."""
    analysis = analyse_page(image, dpi, blank=blank, codes=codes)
    return PageInfo(number, analysis.blank_score, analysis.marks, side, page_id)


def _page_infos(ws: Workspace, document_ids: Sequence[int], workers: int = 0) -> dict[int, list[PageInfo]]:
    """Each document's pages as the split sees them, every page of every document read in one
    go by worker processes (``ocr.job.analyse_pages``), not on the caller's thread."""
    from ocr.job import analyse_pages
    from ocr.sources import list_pages

    pages = {document_id: ws.pages_of(document_id) for document_id in document_ids}
    refs = [list_pages(ws.path(page.image_path), force=True)[0] for doc in pages.values() for page in doc]
    results = iter(analyse_pages(refs, workers))
    infos: dict[int, list[PageInfo]] = {}
    for document_id, doc in pages.items():
        infos[document_id] = []
        for number, page in enumerate(doc, start=1):
            result = next(results)
            if isinstance(result, PageError):
                raise WorkspaceError(f"tài liệu số {document_id}, trang {number}: không đọc được ảnh trang "
                                     f"({result.reason})")
            infos[document_id].append(PageInfo(number, result.blank_score, result.marks, None, page.id))
    return infos


def propose_for_document(ws: Workspace, document_id: int, *, rule: SplitRule = SplitRule(),
                         infos: Sequence[PageInfo] | None = None) -> SplitProposal:
    """The proposed split of one document's pages (a scanned or imported stack); ``infos``:
    its pages already read (``_page_infos``)."""
    ws.get_document(document_id)  # an unknown document is an error, not an empty stack
    if infos is None:
        infos = _page_infos(ws, [document_id])[document_id]
    return propose_split(infos, rule=rule)


def apply_split(ws: Workspace, document_id: int, proposal: SplitProposal, *, who: str | None = None) -> list[int]:
    """Make ``proposal`` (proposed for this document's pages) so: marks, then one document per
    proposed document, in order, each in its proposed dossier. Returns the documents' ids.

    Refused, with nothing changed, when the document's pages are no longer those proposed.
    One transaction: a crash or a power cut half-way leaves the stack as it was (not some of
    its documents split off), so the same proposal can simply be applied again.
    """
    with ws.writing():
        return _apply_split(ws, document_id, proposal, who)


def _apply_split(ws: Workspace, document_id: int, proposal: SplitProposal, who: str | None) -> list[int]:
    live = [p.id for p in ws.pages_of(document_id)]
    order: list[tuple[int, int | None]] = sorted(
        [(n, pid) for d in proposal.documents for n, pid in zip(d.pages, d.page_ids)]
        + [(s.number, s.page_id) for s in proposal.separators])
    if [pid for _, pid in order] != live:
        raise WorkspaceError(f"các trang của tài liệu số {document_id} đã thay đổi từ khi đề xuất tách; "
                             f"hãy đề xuất lại")
    by_number = dict(order)
    blank = set(proposal.blank_pages)
    for number, page_id in order:
        is_separator = any(s.number == number for s in proposal.separators)
        if is_separator or number in blank:
            page_ops.mark(ws, page_id, separator=True if is_separator else None,  # type: ignore[arg-type]
                          blank=True if number in blank else None, who=who)
    if not proposal.documents:
        return []
    # Each document from the first page after the one before it: a separator sheet goes with
    # the document it introduces; the first document also takes the sheets at the stack's start.
    ids = [document_id]
    for before, doc in zip(proposal.documents, proposal.documents[1:]):
        ids.append(page_ops.split(ws, ids[-1], by_number[before.last + 1], who=who).id)  # type: ignore[arg-type]
    with ws.writing() as db:
        audit.append(db, who or ws.user, "split.applied", document_id=document_id, details={
            "rule": proposal.rule.to_json(), "documents": ids,
            "pages": [[d.first, d.last] for d in proposal.documents],
            "separators": [s.number for s in proposal.separators]})
    dossier_ids: dict[int, int] = {}
    for proposed in proposal.dossiers:
        if proposed.code:
            found = ws.find_dossier(proposed.code)
            dossier_ids[proposed.index] = (found or ws.create_dossier(code=proposed.code, who=who)).id
        elif proposed.separator_page is not None:  # a new dossier whose code is not known yet
            dossier_ids[proposed.index] = ws.create_dossier(who=who).id
    for new_id, doc in zip(ids, proposal.documents):
        target = dossier_ids.get(doc.dossier)
        if target is not None and ws.get_document(new_id).dossier_id != target:
            ws.move_to_dossier(new_id, target, who=who, reason="split")
    return ids


def apply_proposed_splits(ws: Workspace, document_ids: Sequence[int], names: Mapping[int, str] | None = None, *,
                          rule: SplitRule = SplitRule(), report: Callable[[str], None] | None = None) -> list[int]:
    """``sohoa process --split``: propose and apply the split of each document not yet processed;
    returns the resulting documents in order. ``report`` gets the proposal's lines (Vietnamese)."""
    out: list[int] = []
    # Split before OCR, once: a resumed run keeps it.
    todo = [d for d in document_ids if ws.get_document(d).state is DocumentState.CAPTURED]
    infos = _page_infos(ws, todo)
    for document_id in document_ids:
        if document_id not in infos:
            out.append(document_id)
            continue
        proposal = propose_for_document(ws, document_id, rule=rule, infos=infos[document_id])
        if report is not None:
            name = (names or {}).get(document_id, f"tài liệu số {document_id}")
            for line in proposal.describe():
                report(f"{name}: {line}")
        out += apply_split(ws, document_id, proposal)
    return out
