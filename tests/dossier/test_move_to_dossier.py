"""Workspace.move_to_dossier: a document put last in a dossier (an import into the selected
dossier, a split's dossiers), in the audit trail; never into or out of a handed-over dossier."""
from __future__ import annotations

import pytest

from dossier import audit
from dossier.workspace import Workspace, WorkspaceError


def test_a_document_goes_last_in_the_dossier_and_the_trail_says_from_where(workspace: Workspace) -> None:
    first = workspace.create_dossier(code="000.00.00.H38-251201-0001")
    second = workspace.create_dossier(code="000.00.00.H38-251201-0002")
    kept = [workspace.add_document(first.id), workspace.add_document(first.id)]
    loose = workspace.add_document(None)
    moved = workspace.move_to_dossier(loose.id, first.id, who="Trần Thị Bình")
    assert moved.dossier_id == first.id
    assert [d.id for d in workspace.documents_of(first.id)] == [kept[0].id, kept[1].id, loose.id]
    workspace.move_to_dossier(kept[0].id, second.id)
    assert [d.id for d in workspace.documents_of(first.id)] == [kept[1].id, loose.id]
    assert [d.id for d in workspace.documents_of(second.id)] == [kept[0].id]
    event = [e for e in audit.events(workspace, document_id=loose.id) if e.action == "document.dossier_set"][-1]
    assert event.who == "Trần Thị Bình" and event.details["previous"] is None
    assert event.details["dossier"] == first.id
    assert audit.verify(workspace).intact


def test_a_handed_over_dossier_keeps_its_documents(workspace: Workspace) -> None:
    handed = workspace.create_dossier(code="000.00.00.H38-251201-0003")
    inside = workspace.add_document(handed.id)
    workspace.record_handover([handed.id], "BG-251201-0001")
    loose = workspace.add_document(None)
    with pytest.raises(WorkspaceError, match="bàn giao"):
        workspace.move_to_dossier(loose.id, handed.id)
    other = workspace.create_dossier(code="000.00.00.H38-251201-0004")
    with pytest.raises(WorkspaceError, match="bàn giao"):
        workspace.move_to_dossier(inside.id, other.id)
    with pytest.raises(WorkspaceError, match="không có hồ sơ"):
        workspace.move_to_dossier(loose.id, 9999)
    assert workspace.get_document(loose.id).dossier_id is None
    assert [d.id for d in workspace.documents_of(handed.id)] == [inside.id]
