"""Review headless (``sohoa review``, dossier.review): the fields as they stand, corrections
recorded with old value, new value, who and when, and the acceptance, refused while errors remain."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from dossier import audit
from dossier.model import DocumentState
from dossier.review import accept_document, correct_field, review_state
from dossier.workspace import Workspace, WorkspaceError
from tests.dossier.pipeline_fixtures import sohoa, sohoa_env

BOX = [10, 10, 90, 30]
FIELDS = {"number": {"value": "125/QĐ-UBND", "confidence": 0.95, "page": 1, "bbox": BOX},
          "issue_date": {"value": "2025-03-12", "confidence": 0.91, "page": 1, "bbox": BOX},
          "signer": {"value": "Lâm Phương Mui", "confidence": 0.62, "page": 1, "bbox": BOX},
          "personal_id": {"value": "079203001234", "confidence": 0.97, "page": 1, "bbox": BOX}}


def _waiting(ws: Workspace, tmp_path: Path) -> int:
    """A decision in ``extracted`` with its extraction saved: the signer read with low confidence."""
    image = tmp_path / "page.png"
    Image.new("L", (100, 140), 255).save(image)
    document = ws.add_document(None)
    ws.add_pages(document.id, [image])
    ws.save_extraction(document.id, {"file": None, "document_type": "decision", "pages": 1, "fields": FIELDS,
                                     "problems": [], "text": ""})
    return document.id


def test_review_shows_corrects_and_accepts_through_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    with Workspace.open(folder) as ws:
        document_id = _waiting(ws, tmp_path)
    env = sohoa_env()
    shown = sohoa("--workspace", str(folder), "review", str(document_id), env=env)
    assert shown.returncode == 0, shown.stderr
    signer_line = next(line for line in shown.stdout.splitlines() if "[signer]" in line)
    assert signer_line.startswith("?") and "Lâm Phương Mui" in signer_line
    assert "079203001234" not in shown.stdout and "079*****1234" in shown.stdout  # masked

    done = sohoa("--workspace", str(folder), "review", str(document_id), "--set", "signer=Lâm Phương Mai",
                 "--set", "issue_date=13/03/2025", "--accept", "--user", "Trần Thị Bình", "--json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["state"] == "reviewed"
    assert [(c["field"], c["old"], c["new"], c["who"]) for c in data["corrections"]] == [
        ("signer", "Lâm Phương Mui", "Lâm Phương Mai", "Trần Thị Bình"),
        ("issue_date", "2025-03-12", "2025-03-13", "Trần Thị Bình")]
    with Workspace.open(folder) as ws:
        assert ws.get_document(document_id).state is DocumentState.REVIEWED
        assert ws.get_document(document_id).reviewed_by == "Trần Thị Bình"
        assert ws.fields(document_id)["issue_date"] == "2025-03-13"
        corrections = ws.corrections(document_id)
        assert [c.at for c in corrections] and all(c.at for c in corrections)
        actions = [e.action for e in audit.events(ws, document_id=document_id)]
        assert actions.count("field.corrected") == 2 and actions[-1] == "document.reviewed"
    # Accepted: read-only, as on the screen.
    again = sohoa("--workspace", str(folder), "review", str(document_id), "--set", "signer=X", env=env)
    assert again.returncode == 1 and "đã được chấp nhận" in again.stderr


def test_errors_keep_the_document_waiting_unless_accepted_with_them(workspace: Workspace, tmp_path: Path) -> None:
    document_id = _waiting(workspace, tmp_path)
    correct_field(workspace, document_id, "issue_date", "31/02/2025")  # no such day: kept as typed
    state = review_state(workspace, document_id)
    assert state is not None and state.get("issue_date").flag == "error"
    with pytest.raises(WorkspaceError, match="còn lỗi"):
        accept_document(workspace, document_id)
    assert workspace.get_document(document_id).state is DocumentState.EXTRACTED
    with pytest.raises(WorkspaceError, match="không có trường"):
        correct_field(workspace, document_id, "signr", "Lâm Phương Mai")
    correct_field(workspace, document_id, "signer", "")  # an empty value clears the field
    assert "signer" not in workspace.fields(document_id)
    assert accept_document(workspace, document_id, with_errors=True).state is DocumentState.REVIEWED
