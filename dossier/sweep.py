"""Files of the workspace that no record names, and sweeping them up.

Every file is written durably before the row that names it is committed (dossier.workspace), so
a crash or a power cut between the two leaves a file no row names: a page image of a scan whose
row was never committed, the words of a page whose OCR result was not recorded, a document's
PDF assembled or signed just before the kill, an imported original, a ``.part`` of a copy cut
short, the scratch folders of a killed run (``.ocr-*``, ``.import-*``). The pipeline writes them
again when it resumes; left alone they only take space.

Sweeping never deletes a page image or a PDF: a page image may be the only copy of a citizen's
page (a scan whose row was lost). Those are moved into ``lost-found/<time>/`` with their path
kept, for a person to look at and delete; only the ``.part`` files and scratch folders, which are
never anyone's only copy, are deleted. A file younger than ``MIN_AGE_S`` is left alone: another
process (the desktop, a running ``sohoa process``) may be about to commit its row; and scratch
folders only while no run holds the workspace.
"""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from datastore.blobs import fsync_dir

from dossier.workspace import Workspace

MIN_AGE_S = 3600.0  # a write whose row is not committed within an hour was cut off
LOST_FOUND = "lost-found"
SCRATCH_PREFIXES = (".ocr-", ".import-")


@dataclass
class Orphans:
    """What a look through the workspace's folders found, as paths relative to its root."""

    files: list[str] = field(default_factory=list)  # page images, words, PDFs, imports no row names
    partial: list[str] = field(default_factory=list)  # ``.part`` files of copies cut short
    scratch: list[str] = field(default_factory=list)  # scratch folders of killed runs
    young: int = 0  # files left alone because they are too recent to tell

    def __bool__(self) -> bool:
        return bool(self.files or self.partial or self.scratch)


def _named(ws: Workspace) -> tuple[set[str], set[int]]:
    with ws.reading() as db:
        named = {row[0] for row in db.execute(
            "SELECT image_path FROM pages UNION SELECT ocr_path FROM pages UNION SELECT cleaned_path FROM pages "
            "UNION SELECT source_file FROM pages UNION SELECT pdf_path FROM documents "
            "UNION SELECT signed_pdf_path FROM documents") if row[0]}
        documents = {row[0] for row in db.execute("SELECT id FROM documents")}
    return named, documents


def find_orphans(ws: Workspace, *, min_age_s: float = MIN_AGE_S, now: float | None = None) -> Orphans:
    """The files in ``pages/``, ``imports/`` and ``documents/`` that no record names (in
    ``documents/<id>/`` only PDFs: other files there are side files of their document), and the
    scratch folders at the root."""
    now = time.time() if now is None else now
    named, documents = _named(ws)
    found = Orphans()

    def consider(path: Path) -> None:
        relative = path.relative_to(ws.root).as_posix()
        if relative in named:
            return
        if now - path.stat().st_mtime < min_age_s:
            found.young += 1
        elif path.name.endswith(".part"):
            found.partial.append(relative)
        else:
            found.files.append(relative)

    for folder in ("pages", "imports"):
        for path in sorted((ws.root / folder).rglob("*")):
            if path.is_file():
                consider(path)
    for folder in sorted((ws.root / "documents").glob("*")):
        if not folder.is_dir():
            continue
        known = folder.name.isdigit() and int(folder.name) in documents
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (not known or path.suffix.lower() == ".pdf" or path.name.endswith(".part")):
                consider(path)
    for path in sorted(ws.root.iterdir()):
        if path.is_dir() and path.name.startswith(SCRATCH_PREFIXES):
            if now - path.stat().st_mtime < min_age_s:
                found.young += 1
            else:
                found.scratch.append(path.name)
    return found


@dataclass(frozen=True)
class Swept:
    moved_to: str | None  # the lost-found folder the files went to (relative), None when none
    moved: int
    deleted: int
    scratch_kept: bool  # a run holds the workspace: its scratch folders were not touched


def sweep(ws: Workspace, orphans: Orphans | None = None) -> Swept:
    """Move the orphan files into ``lost-found/<time>/`` and delete ``.part`` files and the
    scratch folders of killed runs (not while a run holds the workspace)."""
    from dossier.pipeline import PipelineBusy, pipeline_lock

    orphans = orphans if orphans is not None else find_orphans(ws)
    target = None
    if orphans.files:
        target = ws.root / LOST_FOUND / datetime.now().strftime("%Y%m%d-%H%M%S")
        for relative in orphans.files:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(ws.root / relative, destination)  # same file system: a rename, nothing copied
        for folder in {(target / r).parent for r in orphans.files}:
            fsync_dir(folder)
    for relative in orphans.partial:
        (ws.root / relative).unlink(missing_ok=True)
    deleted = len(orphans.partial)
    scratch_kept = False
    if orphans.scratch:
        try:
            with pipeline_lock(ws.root):
                for name in orphans.scratch:
                    shutil.rmtree(ws.root / name, ignore_errors=True)
                    deleted += 1
        except PipelineBusy:
            scratch_kept = True
    return Swept(target.relative_to(ws.root).as_posix() if target else None, len(orphans.files), deleted,
                 scratch_kept)
