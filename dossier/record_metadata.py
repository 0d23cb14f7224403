"""The metadata that travels with a signed document to the data store (design §4).

Built from the workspace's records when the document is signed, and kept beside the signed
PDF (``documents/<id>/metadata.json``) so that what is queued after a crash is exactly what
was decided before it. Only what is known is stated: the store's schema refuses a ``null``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datastore.metadata import SCHEMA

from dossier.model import Document
from dossier.workspace import Workspace

METADATA_NAME = "metadata.json"

# Types that are the outcome of a procedure (kết quả giải quyết TTHC) when a batch does not
# say: what an archivist digitizes by the thousand; everything else is a dossier component.
RESULT_TYPES = frozenset({"decision", "license", "certificate"})


def kind_for(document_type: str | None) -> str:
    return "result" if document_type in RESULT_TYPES else "dossier_component"


def document_metadata(ws: Workspace, document: Document, signed_pdf: Path, sha256: str,
                      signature: dict[str, str]) -> dict[str, Any]:
    """design §4 metadata of ``document`` whose signed PDF is ``signed_pdf`` (hash ``sha256``)."""
    fields = {name: value for name, value in ws.fields(document.id).items() if value not in (None, "", [])}
    dossier = ws.get_dossier(document.dossier_id) if document.dossier_id is not None else None
    pages = [p for p in ws.pages_of(document.id) if not p.separator]
    meta: dict[str, Any] = {"schema": SCHEMA, "kind": document.kind}
    dossier_code = (dossier.code if dossier else None) or _text(fields.get("dossier_code"))
    procedure_code = (dossier.procedure_code if dossier else None) or _text(fields.get("procedure_code"))
    if dossier_code:
        meta["dossier_code"] = dossier_code
    if procedure_code:
        meta["procedure_code"] = procedure_code
    if document.component:
        meta["component"] = document.component
    if document.document_type:
        meta["document_type"] = document.document_type
    meta["fields"] = fields
    owner = {"personal_id": (dossier.applicant_personal_id if dossier else None) or _text(fields.get("personal_id")),
             "full_name": (dossier.applicant_name if dossier else None) or _text(fields.get("full_name"))}
    owner = {key: value for key, value in owner.items() if value}
    if owner:
        meta["owner"] = owner
    meta.update(pages=_pdf_pages(signed_pdf), bytes=signed_pdf.stat().st_size, sha256=sha256)
    meta["digitized"] = _digitized(ws, document, pages)
    meta["signature"] = signature
    return meta


def _pdf_pages(pdf: Path) -> int:
    """The pages of what is sent (separator sheets are not in it), counted in the file itself."""
    import pikepdf

    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _digitized(ws: Workspace, document: Document, pages: list) -> dict[str, Any]:
    """Who digitized the paper, when, on what and at what resolution (Circular 01/2023 Art. 8)."""
    batch = ws.get_batch(document.batch_id) if document.batch_id is not None else None
    at = min((p.created_at for p in pages), default=document.created_at)
    out: dict[str, Any] = {"by": batch.operator if batch else ws.user, "at": at}
    if batch and batch.device:
        out["device"] = batch.device
    dpis = [_page_dpi(ws, p) for p in pages]
    dpis = [d for d in dpis if d]
    if dpis:
        out["dpi"] = min(dpis)  # the coarsest page is what the copy guarantees
    return out


def _page_dpi(ws: Workspace, page: Any) -> int | None:
    if not page.ocr_path:
        return None
    try:
        data = json.loads(ws.path(page.ocr_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    dpi = data.get("dpi")
    return int(round(dpi)) if isinstance(dpi, int | float) and dpi > 0 else None
