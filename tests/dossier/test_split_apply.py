"""A scanned stack in the workspace, split where its separator sheets are: proposed from the page
images (sheets printed by dossier.separator and scanned, generated papers, a blank back), then
applied through the page operations, with every page still there and the dossiers it named."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image

from dossier import audit, pages as page_ops
from dossier.importing import import_files
from dossier.model import DocumentState
from dossier.separator import separator_sheet_pdf
from dossier.split import Reason, SplitRule
from dossier.split_apply import apply_proposed_splits, apply_split, propose_for_document
from dossier.workspace import Workspace, WorkspaceError
from tests.docgen import blank_page, degrade, generate_document
from tests.dossier.test_separator import render

DPI = 200
CODE_A = "000.00.00.H38-251201-0001"
CODE_B = "000.00.00.H38-251201-0002"


@lru_cache(maxsize=1)
def stack_images() -> tuple[Image.Image, ...]:
    """Dossier A: a two-page decision with a blank back, a document sheet, a receipt with its
    QR code; dossier B's sheet fed upside down, then a one-page notice. 9 pages."""
    decision = generate_document(21, "decision", dpi=DPI, pages=2)
    receipt = generate_document(2, "receipt", dpi=DPI)
    notice = generate_document(23, "notice", dpi=DPI, pages=1)
    sheets = [render(separator_sheet_pdf("dossier", CODE_A), DPI), render(separator_sheet_pdf("document"), DPI),
              render(separator_sheet_pdf("dossier", CODE_B), DPI)]
    scans = [degrade(sheets[0], 1), degrade(decision.pages[0], 2), degrade(decision.pages[1], 3), blank_page(4, DPI),
             degrade(sheets[1], 5), degrade(receipt.pages[0], 6, skew_deg=0.5),
             degrade(sheets[2], 7).image.rotate(180), degrade(notice.pages[0], 8)]
    images = tuple(s if isinstance(s, Image.Image) else s.image for s in scans)
    return images[:6] + (blank_page(9, DPI).image,) + images[6:]  # the receipt's blank back


def stack_pdf(folder: Path) -> Path:
    path = folder / "xap-giay.pdf"
    first, *rest = [image.convert("RGB") for image in stack_images()]
    first.save(path, save_all=True, append_images=rest, resolution=DPI, quality=85)
    return path


@pytest.fixture
def imported(workspace: Workspace, tmp_path: Path) -> int:
    result = import_files(workspace, [stack_pdf(tmp_path)])
    assert not result.failed
    (document_id,) = result.document_ids
    assert len(workspace.pages_of(document_id)) == 9
    return document_id


def test_the_proposal_follows_the_sheets(workspace: Workspace, imported: int) -> None:
    proposal = propose_for_document(workspace, imported)
    assert [(d.first, d.last) for d in proposal.documents] == [(2, 4), (6, 7), (9, 9)]
    assert [s.number for s in proposal.separators] == [1, 5, 8]
    assert [d.reason for d in proposal.documents] == [Reason.QR_DOSSIER, Reason.QR_DOCUMENT, Reason.QR_DOSSIER]
    assert [d.code for d in proposal.dossiers] == [CODE_A, CODE_B]
    assert proposal.blank_pages == (4, 7)  # kept in their documents, marked
    # Proposing changed nothing: still one document of nine unmarked pages.
    assert [(p.blank, p.separator) for p in workspace.pages_of(imported)] == [(False, False)] * 9


def test_applying_keeps_every_page_and_records_the_dossiers(workspace: Workspace, imported: int) -> None:
    before = [(p.id, p.image_sha256) for p in workspace.pages_of(imported)]
    ids = apply_split(workspace, imported, propose_for_document(workspace, imported))
    assert len(ids) == 3 and ids[0] == imported
    pages = [workspace.pages_of(i) for i in ids]
    # The separator sheet stays at the head of the document it introduces, marked.
    assert [[(p.separator, p.blank) for p in doc] for doc in pages] == [
        [(True, False), (False, False), (False, False), (False, True)],
        [(True, False), (False, False), (False, True)],
        [(True, False), (False, False)]]
    assert sorted((p.id, p.image_sha256) for doc in pages for p in doc) == sorted(before)  # nothing lost
    documents = [workspace.get_document(i) for i in ids]
    a, b = workspace.find_dossier(CODE_A), workspace.find_dossier(CODE_B)
    assert a is not None and b is not None
    assert [d.dossier_id for d in documents] == [a.id, a.id, b.id]
    assert [d.id for d in workspace.documents_of(a.id)] == ids[:2]
    assert all(d.state is DocumentState.CAPTURED for d in documents)
    assert audit.verify(workspace).intact
    assert any(e.action == "split.applied" for e in audit.events(workspace, document_id=imported))


def test_a_stale_proposal_is_refused(workspace: Workspace, imported: int) -> None:
    proposal = propose_for_document(workspace, imported)
    page_ops.delete(workspace, [workspace.pages_of(imported)[3].id])
    with pytest.raises(WorkspaceError, match="đã thay đổi"):
        apply_split(workspace, imported, proposal)
    assert len(workspace.pages_of(imported)) == 8 and not any(p.separator for p in workspace.pages_of(imported))


def test_process_split_once_and_a_rerun_keeps_it(workspace: Workspace, imported: int) -> None:
    lines: list[str] = []
    ids = apply_proposed_splits(workspace, [imported], {imported: "xap-giay.pdf"}, report=lines.append)
    assert len(ids) == 3
    assert lines[0].startswith(f"xap-giay.pdf: Tài liệu 1: trang 2–4, hồ sơ {CODE_A}")
    again = apply_proposed_splits(workspace, ids, report=lines.append)  # e.g. a resumed `sohoa process`
    assert again == ids
    assert [len(workspace.pages_of(i)) for i in ids] == [4, 3, 2]


def test_fixed_rule_in_the_workspace(workspace: Workspace, imported: int) -> None:
    proposal = propose_for_document(workspace, imported, rule=SplitRule("fixed", pages=1))
    # Separator sheets still cut; then every page that is not blank starts a document.
    assert [(d.first, d.last) for d in proposal.documents] == [(2, 2), (3, 4), (6, 7), (9, 9)]


def test_sohoa_split_shows_then_applies_only_when_asked(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    folder = tmp_path / "ws"
    with Workspace.open(folder, user="cán bộ một cửa") as ws:
        (document_id,) = import_files(ws, [stack_pdf(tmp_path)]).document_ids
    sohoa = [sys.executable, "-m", "desktop.launcher", "--workspace", str(folder), "split", str(document_id)]
    shown = subprocess.run(sohoa, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert f"Tài liệu 3: trang 9, hồ sơ {CODE_B}" in shown.stdout and "--apply" in shown.stdout
    with Workspace.open(folder) as ws:
        assert len(ws.pages_of(document_id)) == 9  # shown, not applied
    done = subprocess.run([*sohoa, "--apply", "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [(d["first"], d["last"]) for d in result["documents"]] == [(2, 4), (6, 7), (9, 9)]
    with Workspace.open(folder) as ws:
        assert [len(ws.pages_of(i)) for i in result["applied"]] == [4, 3, 2]
    bad = subprocess.run([*sohoa, "--rule", "fixed:0"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "fixed:N" in bad.stderr
