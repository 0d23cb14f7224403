"""Files a clerk already has (PNG, JPEG, TIFF, PDF) into the workspace, once each.

An imported file is kept as received under ``imports/<sha256><suffix>`` (the provenance of
its pages) and each of its pages becomes a page file of a new document: a multi-page PDF is
split into one-page PDFs without decoding (a scanned page keeps its image bytes), a TIFF into
one file per frame. A file is known by its SHA-256: importing it again, under whatever name,
finds the documents made from it the first time instead of making new ones, so a batch run
twice, or resumed after a crash, never doubles a document. Pages are counted in the main
process without decoding any image (``ocr.sources``); decoding is the OCR workers' job.
"""
from __future__ import annotations

import errno
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ocr.errors import PageError
from ocr.sources import list_pages

from dossier import audit
from dossier.model import Batch
from dossier.workspace import Workspace, copy_durably, file_sha256

IMPORTS_DIR = "imports"


@dataclass(frozen=True)
class ImportedFile:
    """One input file: the documents made from it, and whether this run made them."""

    name: str
    sha256: str
    pages: int
    document_ids: tuple[int, ...]
    new: bool


@dataclass
class ImportResult:
    files: list[ImportedFile] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason in Vietnamese)

    @property
    def document_ids(self) -> list[int]:
        seen: dict[int, None] = {}
        for item in self.files:
            seen.update(dict.fromkeys(item.document_ids))
        return list(seen)


def stored_name(sha256: str, suffix: str) -> str:
    return f"{IMPORTS_DIR}/{sha256}{suffix.lower()}"


def known_imports(ws: Workspace, keys: list[str]) -> dict[str, list[int]]:
    """Documents already made from each stored file ``imports/<sha256>…`` (one scan of pages)."""
    if not keys:
        return {}
    found: dict[str, list[int]] = {}
    marks = ", ".join("?" * len(keys))
    with ws.reading() as db:
        rows = db.execute(f"SELECT DISTINCT p.source_file, p.document_id FROM pages p JOIN documents d "
                          f"ON d.id = p.document_id WHERE p.source_file IN ({marks}) AND p.removed = 0 "
                          "AND d.removed = 0 ORDER BY p.document_id", keys).fetchall()
    for source, document_id in rows:
        found.setdefault(source, []).append(document_id)
    return found


def import_files(ws: Workspace, paths: list[Path], batch: Batch | None = None, *, kind: str = "dossier_component",
                 new_batch: Callable[[], Batch] | None = None,
                 on_file: Callable[[ImportedFile], None] | None = None,
                 cancel: threading.Event | None = None) -> ImportResult:
    """Import ``paths`` in order, one document per file; a file already imported is found again.

    ``batch`` is the import session the new documents belong to; when None and a file is new,
    ``new_batch()`` is called once to make it (so a run that imports nothing new makes no batch).
    A file that cannot be read is reported in ``failed`` and the others still come in.

    Files are taken one at a time (hashed, looked up, copied) and ``on_file`` is called with
    each as soon as its documents exist, so a caller can start OCR on the first file while
    the others are still being copied and fsynced (``sohoa process``: 1.5-2.5 s for 100 pages).
    Once ``cancel`` is set no further file is taken; those already in stay in.
    """
    result = ImportResult()
    made: dict[str, ImportedFile] = {}
    for path in paths:
        if cancel is not None and cancel.is_set():
            break
        try:
            sha = file_sha256(path)
        except OSError as exc:
            result.failed.append((path.name, f"không đọc được tệp ({exc.strerror or exc})"))
            continue
        if sha in made:  # the same file twice in one run
            result.files.append(made[sha])
            continue
        key = stored_name(sha, path.suffix or ".bin")
        known = known_imports(ws, [key]).get(key)
        if known:
            item = ImportedFile(path.name, sha, _page_count(ws, known), tuple(known), new=False)
        else:
            try:
                if batch is None and new_batch is not None:
                    batch = new_batch()
                item = _import_one(ws, path, sha, key, batch, kind)
            except PageError as exc:
                result.failed.append((path.name, f"không đọc được tệp: {exc.reason}"))
                continue
            except OSError as exc:
                result.failed.append((path.name, f"không chép được tệp vào kho làm việc ({exc.strerror or exc})"))
                continue
        made[sha] = item
        result.files.append(item)
        if on_file is not None:
            on_file(item)
    return result


def _page_count(ws: Workspace, document_ids: list[int]) -> int:
    return sum(len(ws.pages_of(document_id)) for document_id in document_ids)


def _import_one(ws: Workspace, path: Path, sha: str, key: str, batch: Batch | None, kind: str) -> ImportedFile:
    refs = list_pages(path, force=True)  # validates: empty, truncated, encrypted, not an image
    stored = ws.path(key)
    stored.parent.mkdir(exist_ok=True)
    if not stored.exists() or file_sha256(stored) != sha:
        if copy_durably(path, stored) != sha:  # the file changed while it was being taken in
            stored.unlink(missing_ok=True)
            raise OSError(errno.EAGAIN, "tệp thay đổi trong khi đang chép; hãy nhập lại")
    scratch = Path(tempfile.mkdtemp(prefix=".import-", dir=ws.root))
    try:
        page_files = _page_files(stored, len(refs), scratch)
        known = [sha] if page_files == [stored] else None  # the stored original itself: hashed already
        # The document, its pages and the import's audit event in one transaction: a crash
        # leaves either all of them or none (then the file is imported again, from the start).
        with ws.writing() as db:
            document = ws.add_document(None, kind=kind, batch_id=batch.id if batch else None)  # type: ignore[arg-type]
            ws.add_pages(document.id, page_files, move=page_files[0].parent == scratch,
                         sources=[(key, i + 1) for i in range(len(refs))], sha256s=known)
            audit.append(db, ws.user, "file.imported", document_id=document.id, document_sha256=sha,
                         details={"file": path.name, "stored": key, "pages": len(refs)})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return ImportedFile(path.name, sha, len(refs), (document.id,), new=True)


def _page_files(stored: Path, count: int, scratch: Path) -> list[Path]:
    """One file per page: the file itself for a one-page image, else its pages split out."""
    with stored.open("rb") as handle:
        is_pdf = handle.read(5) == b"%PDF-"
    if is_pdf:
        return _split_pdf(stored, scratch)
    if count == 1:
        return [stored]  # add_pages copies it, the stored original stays
    return _split_frames(stored, scratch)


def _split_pdf(stored: Path, scratch: Path) -> list[Path]:
    import pikepdf

    out = []
    try:
        with pikepdf.open(stored) as pdf:
            for index, page in enumerate(pdf.pages):
                target = scratch / f"page-{index + 1:04d}.pdf"
                with pikepdf.new() as single:
                    single.pages.append(page)
                    single.save(target)
                out.append(target)
    except pikepdf.PdfError as exc:
        raise PageError(stored, None, f"the PDF cannot be split into pages ({exc})") from exc
    return out


def _split_frames(stored: Path, scratch: Path) -> list[Path]:
    from PIL import Image, ImageSequence

    out = []
    with Image.open(stored) as image:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            target = scratch / f"page-{index + 1:04d}.tif"
            dpi = frame.info.get("dpi")
            frame = frame.copy()
            compression = "group4" if frame.mode == "1" else "tiff_lzw"  # lossless either way
            frame.save(target, format="TIFF", compression=compression, **({"dpi": dpi} if dpi else {}))
            out.append(target)
    return out
