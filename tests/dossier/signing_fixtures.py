"""Reviewed documents with a real printed page 1, for the signing tests (core and desktop).

The page is a generated decision (tests/docgen) at a low resolution, saved as an image PDF,
so the stamp preview and ``place_clear_of_print`` meet real print in the page's corners.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier.model import DocumentState
from dossier.workspace import Workspace

PAPER_DPI = 100  # enough to see the print on a preview; cheap to render and to sign


@pytest.fixture(scope="session")
def decision_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.docgen import generate_document

    page = generate_document(seed=31, document_type="decision", dpi=PAPER_DPI, pages=1).pages[0]
    path = tmp_path_factory.mktemp("paper") / "decision.pdf"
    page.image.convert("RGB").save(path, resolution=PAPER_DPI)
    return path


def add_reviewed(ws: Workspace, dossier_id: int | None, pdf: Path, *, batch_id: int | None = None,
                 reviewed: bool = True) -> int:
    """A document with ``pdf`` as its searchable PDF, accepted by a clerk (state ``reviewed``)."""
    document = ws.add_document(dossier_id, batch_id=batch_id)
    ws.set_state(document.id, DocumentState.PROCESSED)
    ws.save_extraction(document.id, {"document_type": "decision", "fields": {}, "problems": []})
    if reviewed:
        ws.accept_review(document.id, who="Trần Văn Đức")
    ws.attach_pdf(document.id, pdf)
    return document.id


__all__ = ["PAPER_DPI", "add_reviewed", "decision_pdf"]
