"""Dossiers in a real workspace for the handover and export tests: documents with pages,
reviewed fields and PDFs, made through the workspace's own API (no OCR: the fields are given)."""
from __future__ import annotations

from pathlib import Path

import pikepdf
from PIL import Image

from dossier.model import DocumentState
from dossier.workspace import Workspace

PERSONAL_IDS = {"000.13.27.H38-250312-0007": "079084001234", "000.13.27.H38-250312-0008": "087184000999",
                "000.13.27.H38-250313-0001": "001203045678"}
APPLICANTS = {"000.13.27.H38-250312-0007": "Lê Văn Ánh", "000.13.27.H38-250312-0008": "Phạm Thị Ngọc Bích",
              "000.13.27.H38-250313-0001": "Đặng Quốc Hưng"}


def make_pdf(path: Path, pages: int) -> Path:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path


def page_image(folder: Path, name: str, shade: int) -> Path:
    path = folder / f"{name}.png"
    Image.new("L", (40, 56), color=shade).save(path)
    return path


def add_component(ws: Workspace, dossier_id: int, folder: Path, component: str, pages: int, *,
                  fields: dict[str, object] | None = None, document_type: str = "application_form",
                  kind: str = "dossier_component", blank_pages: int = 0, signed: bool = False,
                  review: bool = True) -> int:
    """A document with ``pages`` page images (plus ``blank_pages`` marked blank), reviewed fields
    and a PDF of as many pages."""
    document = ws.add_document(dossier_id, kind=kind, component=component)  # type: ignore[arg-type]
    images = [page_image(folder, f"d{document.id}-p{n}", 20 + n) for n in range(pages + blank_pages)]
    added = ws.add_pages(document.id, images)
    with ws.writing() as db:  # the clerk's confirmation of proposed blank pages
        for page in added[pages:]:
            db.execute("UPDATE pages SET blank = 1 WHERE id = ?", (page.id,))
    ws.set_state(document.id, DocumentState.PROCESSED)
    ws.save_extraction(document.id, {"document_type": document_type,
                                     "fields": {k: {"value": v, "confidence": 0.95} for k, v in (fields or {}).items()},
                                     "problems": []})
    if review:
        ws.accept_review(document.id, who="Trần Văn Đức")
    pdf = make_pdf(folder / f"doc-{document.id}.pdf", pages)
    ws.attach_pdf(document.id, pdf)
    if signed:
        ws.attach_signed_pdf(document.id, make_pdf(folder / f"doc-{document.id}-signed.pdf", pages))
    return document.id


def make_dossier(ws: Workspace, folder: Path, code: str) -> int:
    dossier = ws.create_dossier(code=code, procedure_code="1.009994", applicant_name=APPLICANTS[code],
                                applicant_personal_id=PERSONAL_IDS[code], received_date="20" + code[14:16] + "-"
                                + code[16:18] + "-" + code[18:20])
    add_component(ws, dossier.id, folder, "Đơn đề nghị cấp giấy phép xây dựng", 2)
    add_component(ws, dossier.id, folder, "Bản vẽ thiết kế", 3, blank_pages=1)
    return dossier.id
