"""kill -9 in the middle of applying a split: the workspace is as before (one transaction), the
database and the audit trail intact, every page there once, and the split applies again."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import audit
from dossier.importing import import_files
from dossier.split_apply import apply_split, propose_for_document
from dossier.workspace import Workspace
from tests.dossier.test_split_apply import stack_pdf

# A child that applies the proposed split and SIGKILLs itself at the chosen moment: right after
# the n-th page operation of that kind returned (its savepoint released, the transaction open).
CHILD = """
import os, signal, sys
from dossier import pages
from dossier.split_apply import apply_split, propose_for_document
from dossier.workspace import Workspace

folder, document_id, operation, nth = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
ws = Workspace.open(folder)
proposal = propose_for_document(ws, document_id)
calls = 0
if operation == "move":
    target, original = Workspace, Workspace.move_to_dossier
else:
    target, original = pages, getattr(pages, operation)

def trapped(*args, **kwargs):
    global calls
    result = original(*args, **kwargs)
    calls += 1
    if calls == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(target, "move_to_dossier" if operation == "move" else operation, trapped)
apply_split(ws, document_id, proposal)
print("not killed")
"""


@pytest.mark.slow  # a child process per kill, each proposing the split from the page images
@pytest.mark.parametrize("operation, nth", [("mark", 2), ("split", 1), ("move", 2)])
def test_a_kill_half_way_leaves_the_stack_whole_and_the_split_applies_again(tmp_path: Path, operation: str,
                                                                           nth: int) -> None:
    folder = tmp_path / "ws"
    with Workspace.open(folder) as ws:
        (document_id,) = import_files(ws, [stack_pdf(tmp_path)]).document_ids
        before = [(p.id, p.image_sha256, p.blank, p.separator) for p in ws.pages_of(document_id)]
        events_before = audit.head(ws)[0]
    child = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(document_id), operation, str(nth)],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]

    with sqlite3.connect(folder / "sohoa.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Workspace.open(folder) as ws:
        assert audit.verify(ws).intact
        assert audit.head(ws)[0] == events_before  # nothing of the half-applied split was kept
        with ws.reading() as db:
            assert db.execute("SELECT COUNT(*) FROM documents WHERE removed = 0").fetchone()[0] == 1
            assert db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0] == 0
        assert [(p.id, p.image_sha256, p.blank, p.separator) for p in ws.pages_of(document_id)] == before
        ids = apply_split(ws, document_id, propose_for_document(ws, document_id))
        assert len(ids) == 3
        pages = [[p.id for p in ws.pages_of(i)] for i in ids]
        assert sorted(sum(pages, [])) == sorted(p[0] for p in before)  # every page once
        assert [len(p) for p in pages] == [4, 3, 2]
        assert len({ws.get_document(i).dossier_id for i in ids}) == 2
        assert audit.verify(ws).intact
