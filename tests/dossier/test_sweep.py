"""Files no record names, left by a kill -9 between writing a file and committing its row: found,
moved to lost-found (page images are never deleted), scratch deleted; ``sohoa workspace check``."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from PIL import Image

from dossier.importing import import_files
from dossier.model import DocumentState
from dossier.sweep import find_orphans, sweep
from dossier.workspace import Workspace
from tests.dossier.pipeline_fixtures import sohoa, sohoa_env

# A child that imports one scan and is killed right after its n-th durable copy or link, before the
# import's transaction commits: the copies are on disk, no row names them.
CHILD = """
import os, signal, sys
from pathlib import Path
from dossier import importing, workspace
from dossier.importing import import_files
from dossier.model import DocumentState
from dossier.workspace import Workspace

copies = 0

def trap(original):
    def trapped(source, destination, *known):
        global copies
        digest = original(source, destination, *known)
        copies += 1
        if copies == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
        return digest
    return trapped

workspace.copy_durably = importing.copy_durably = trap(workspace.copy_durably)
workspace.link_durably = trap(workspace.link_durably)  # the page: a second name of the stored original
import_files(Workspace.open(sys.argv[1]), [Path(sys.argv[2])])
"""


def _killed_import(folder: Path, scan: Path, after_copies: int) -> None:
    child = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(scan), str(after_copies)],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]


def test_a_killed_import_leaves_orphans_that_are_swept_and_the_scan_imports_again(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    scan = tmp_path / "scan.png"
    Image.new("L", (200, 280), 230).save(scan, dpi=(200, 200))
    with Workspace.open(folder):
        pass
    _killed_import(folder, scan, after_copies=2)  # the stored original and the page's copy
    (folder / ".ocr-abc123").mkdir()  # a killed pipeline run's scratch folder
    (folder / ".ocr-abc123" / "page-00001.pdf").write_bytes(b"%PDF-1.7")
    (folder / "documents" / "7").mkdir(parents=True)
    (folder / "documents" / "7" / "signed.pdf.part").write_bytes(b"%PDF-")
    with Workspace.open(folder) as ws:
        assert ws.documents_in_state(*DocumentState) == []
        recent = find_orphans(ws)  # just written: another program may be about to record them
        assert not recent and recent.young == 5
        orphans = find_orphans(ws, min_age_s=0)
        assert len(orphans.files) == 2 and {Path(p).parts[0] for p in orphans.files} == {"imports", "pages"}
        assert orphans.partial == ["documents/7/signed.pdf.part"]
        assert [name[:8] for name in orphans.scratch] == [".import-", ".ocr-abc"]  # the killed import's too
        swept = sweep(ws, orphans)
        assert swept.moved == 2 and swept.deleted == 3 and not swept.scratch_kept
        kept = sorted(p.relative_to(folder / swept.moved_to).as_posix()
                      for p in (folder / swept.moved_to).rglob("*") if p.is_file())
        assert kept == sorted(orphans.files)  # moved with their paths, nothing deleted
        assert not (folder / ".ocr-abc123").exists() and not find_orphans(ws, min_age_s=0)
        (document_id,) = import_files(ws, [scan]).document_ids  # the scan comes in again, whole
        assert len(ws.pages_of(document_id)) == 1 and not find_orphans(ws, min_age_s=0)


def test_workspace_check_reports_and_sweeps(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    scan = tmp_path / "scan.png"
    Image.new("L", (200, 280), 230).save(scan, dpi=(200, 200))
    with Workspace.open(folder) as ws:
        (kept,) = import_files(ws, [scan]).document_ids
    (folder / "pages" / "0123abcd.png").write_bytes(scan.read_bytes())  # as a scan cut off before its row
    env = sohoa_env()
    found = sohoa("--workspace", str(folder), "workspace", "check", "--min-age", "0", "--json", env=env)
    assert found.returncode == 1, found.stderr
    data = json.loads(found.stdout)
    assert data["database"] == "ok" and data["audit"]["intact"] and data["missing_files"] == []
    assert data["orphans"]["files"] == ["pages/0123abcd.png"]
    swept = sohoa("--workspace", str(folder), "workspace", "check", "--sweep", "--min-age", "0", env=env)
    assert swept.returncode == 0, swept.stdout + swept.stderr
    assert "Đã chuyển 1 tệp vào lost-found/" in swept.stdout
    with Workspace.open(folder) as ws:
        page = ws.pages_of(kept)[0]
        ws.path(page.image_path).unlink()  # a file a record names, gone
    missing = sohoa("--workspace", str(folder), "workspace", "check", env=env)
    assert missing.returncode == 1 and "Tệp bị thiếu: 1" in missing.stdout


def test_a_pipeline_run_removes_the_scratch_of_killed_runs(workspace: Workspace) -> None:
    from dossier.pipeline import Pipeline

    stale = workspace.root / ".ocr-killed1"
    stale.mkdir()
    (stale / "page-00003.pdf").write_bytes(b"%PDF-1.7")
    Pipeline(workspace).run([])
    assert not stale.exists() and not list(workspace.root.glob(".ocr-*"))
