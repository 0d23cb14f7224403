"""Page operations of the GUI and the command line: reorder, rotate, delete, split, merge,
mark blank/separator, rescan-and-replace, and the pair "with and without the handwritten note"
— each undoable, the undo log in the workspace database so it survives a restart, and each
recorded in the audit trail.

What must be redone after a change (``settle``): a document goes back to the earliest state
whose work the change invalidated, never forward.

- rotate, rescan-and-replace, duplicate for a note: the page's image changed, so its OCR is
  dropped and the document goes back to ``captured`` (only that page is OCR'd again; the other
  pages keep theirs);
- reorder, delete, split, merge, mark/unmark blank or separator: the images are the same, only
  what the document is made of changed, so OCR is kept and the document goes back to
  ``processed`` (extraction and the PDF are redone, no OCR).

Either way the document's PDF, signed PDF and review no longer stand and are cleared (the
files stay on disk; a new PDF replaces them). A document already queued for the store or
uploaded is never changed: it has left the workstation, and its record must stay the one sent.

Nothing is lost silently: a deleted or replaced page keeps its row (``removed``) and its image
file until ``drop_undo_history``, which then deletes only files no live page and no remaining
undo step names, and says so in the audit trail.

Undo restores the pages exactly as they were. When nothing touched the documents since the
operation, the document's state, PDFs and review come back too; when something did (the
pipeline re-did OCR, say), the pages come back and the document is settled again by the rule
above, so nothing stale is ever presented as done.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier import audit
from dossier.model import Document, DocumentState, Page, now_iso
from dossier.workspace import Workspace, WorkspaceError, file_sha256

_PAGE_FIELDS = ("document_id", "position", "image_path", "image_sha256", "rotation", "blank", "separator", "note",
                "note_pair", "ocr_path", "cleaned_path", "removed")
_DOCUMENT_FIELDS = ("dossier_id", "position", "state", "removed", "reviewed_by", "reviewed_at", "review_automatic",
                    "pdf_path", "sha256", "signed_pdf_path", "signed_sha256")


@dataclass(frozen=True)
class Operation:
    """One entry of the undo log."""

    id: int
    kind: str
    documents: tuple[int, ...]
    undone: bool
    who: str
    at: str


# -- the rule ------------------------------------------------------------------------------

def settle(db: sqlite3.Connection, document_id: int, redo_from: DocumentState) -> DocumentState:
    """After a change to a document's pages: back to ``redo_from`` (or to ``captured`` when a
    page still lacks OCR) if it was further on; its PDFs and review are cleared. Refuses a
    document already queued or uploaded. Returns the state it is in now."""
    row = db.execute("SELECT state FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise WorkspaceError(f"không có tài liệu số {document_id}")
    state = DocumentState(row[0])
    _refuse_sent(document_id, state)
    lacking = db.execute("SELECT 1 FROM pages WHERE document_id = ? AND removed = 0 AND ocr_path IS NULL LIMIT 1",
                         (document_id,)).fetchone()
    new_state = min(state, DocumentState.CAPTURED if lacking else redo_from)
    clear_review = new_state < DocumentState.REVIEWED
    db.execute("UPDATE documents SET state = ?, pdf_path = NULL, sha256 = NULL, signed_pdf_path = NULL, "
               "signed_sha256 = NULL, reviewed_by = CASE WHEN ? THEN NULL ELSE reviewed_by END, "
               "reviewed_at = CASE WHEN ? THEN NULL ELSE reviewed_at END, "
               "review_automatic = CASE WHEN ? THEN 0 ELSE review_automatic END, updated_at = ? WHERE id = ?",
               (new_state.value, clear_review, clear_review, clear_review, now_iso(), document_id))
    return new_state


def _refuse_sent(document_id: int, state: DocumentState) -> None:
    if state >= DocumentState.QUEUED:
        raise WorkspaceError(f"tài liệu số {document_id} đã được đưa lên kho lưu trữ ({state.value}); "
                             f"không thể thay đổi trang của nó")


# -- snapshots for undo ----------------------------------------------------------------------

def _snapshot(db: sqlite3.Connection, document_ids: Iterable[int]) -> dict[str, dict[str, dict[str, Any]]]:
    """The rows an operation may change: the documents and all their pages (removed ones too)."""
    ids = sorted(set(document_ids))
    marks = ", ".join("?" * len(ids))
    pages = db.execute(f"SELECT id, {', '.join(_PAGE_FIELDS)} FROM pages WHERE document_id IN ({marks})",
                       ids).fetchall()
    documents = db.execute(f"SELECT id, {', '.join(_DOCUMENT_FIELDS)} FROM documents WHERE id IN ({marks})",
                           ids).fetchall()
    return {"pages": {str(row[0]): dict(zip(_PAGE_FIELDS, row[1:])) for row in pages},
            "documents": {str(row[0]): dict(zip(_DOCUMENT_FIELDS, row[1:])) for row in documents}}


def _restore(db: sqlite3.Connection, target: dict[str, Any], current: dict[str, Any], exact: bool,
             ws: Workspace) -> None:
    """Put the rows back as in ``target``; rows that did not exist then are marked removed."""
    for key in sorted(set(target["documents"]) | set(current["documents"]), key=int):
        state = DocumentState(current["documents"][key]["state"]) if key in current["documents"] else None
        if state is not None:
            _refuse_sent(int(key), state)
    for key in set(target["pages"]) | set(current["pages"]):
        if key in target["pages"]:
            row = target["pages"][key]
            db.execute(f"UPDATE pages SET {', '.join(f'{f} = ?' for f in _PAGE_FIELDS)} WHERE id = ?",
                       (*(row[f] for f in _PAGE_FIELDS), int(key)))
        else:
            db.execute("UPDATE pages SET removed = 1 WHERE id = ?", (int(key),))
    for key in set(target["documents"]) | set(current["documents"]):
        document_id = int(key)
        if key not in target["documents"]:
            db.execute("UPDATE documents SET removed = 1, updated_at = ? WHERE id = ?", (now_iso(), document_id))
            continue
        row = dict(target["documents"][key])
        if exact:
            row = _files_still_match(row, ws)
            db.execute(f"UPDATE documents SET {', '.join(f'{f} = ?' for f in _DOCUMENT_FIELDS)}, updated_at = ? "
                       "WHERE id = ?", (*(row[f] for f in _DOCUMENT_FIELDS), now_iso(), document_id))
        else:
            db.execute("UPDATE documents SET removed = ?, position = ?, dossier_id = ? WHERE id = ?",
                       (row["removed"], row["position"], row["dossier_id"], document_id))
            if not row["removed"]:
                settle(db, document_id, DocumentState.PROCESSED)


def _files_still_match(row: dict[str, Any], ws: Workspace) -> dict[str, Any]:
    """A PDF restored by undo must still be the file its hash names (the pipeline may have
    written a new one meanwhile); if not, it is dropped and the state falls back before it."""
    row = dict(row)
    for path_key, hash_key, below in (("signed_pdf_path", "signed_sha256", DocumentState.REVIEWED),
                                      ("pdf_path", "sha256", None)):
        path, digest = row[path_key], row[hash_key]
        if path is None:
            continue
        file = ws.path(path)
        if not file.is_file() or file_sha256(file) != digest:
            row[path_key] = row[hash_key] = None
            if below is not None and DocumentState(row["state"]) > below:
                row["state"] = below.value
    return row


def _record(ws: Workspace, db: sqlite3.Connection, kind: str, document_ids: Iterable[int],
            before: dict[str, Any], who: str | None, details: dict[str, Any]) -> Operation:
    """Log a finished operation for undo (dropping what could be redone on its documents) and audit it."""
    ids = sorted(set(document_ids) | {int(k) for k in before["documents"]})
    after = _snapshot(db, ids)  # documents and pages the operation created are absent from before
    marks = ", ".join("?" * len(ids))
    db.execute(f"DELETE FROM page_operations WHERE undone = 1 AND id IN (SELECT operation_id FROM "
               f"page_operation_documents WHERE document_id IN ({marks}))", ids)
    who = who or ws.user
    at = now_iso()
    op_id = db.execute("INSERT INTO page_operations (kind, before, after, who, at) VALUES (?, ?, ?, ?, ?)",
                       (kind, json.dumps(before), json.dumps(after), who, at)).lastrowid
    db.executemany("INSERT INTO page_operation_documents (document_id, operation_id) VALUES (?, ?)",
                   [(i, op_id) for i in ids])
    audit.append(db, who, f"page.{kind}", document_id=ids[0], details={"operation": op_id, "documents": ids,
                                                                       **details})
    return Operation(op_id, kind, tuple(ids), False, who, at)


# -- reading -----------------------------------------------------------------------------

def _live_pages(db: sqlite3.Connection, document_id: int) -> list[tuple[int, str | None, int | None]]:
    """(id, note, note_pair) of a document's pages, in order."""
    return db.execute("SELECT id, note, note_pair FROM pages WHERE document_id = ? AND removed = 0 "
                      "ORDER BY position, id", (document_id,)).fetchall()


def _page_row(db: sqlite3.Connection, page_id: int) -> dict[str, Any]:
    row = db.execute(f"SELECT id, {', '.join(_PAGE_FIELDS)} FROM pages WHERE id = ? AND removed = 0",
                     (page_id,)).fetchone()
    if row is None:
        raise WorkspaceError(f"không có trang số {page_id}")
    return {"id": row[0], **dict(zip(_PAGE_FIELDS, row[1:]))}


def _document_row(db: sqlite3.Connection, document_id: int) -> dict[str, Any]:
    row = db.execute("SELECT id, dossier_id, batch_id, kind, position, state FROM documents "
                     "WHERE id = ? AND removed = 0", (document_id,)).fetchone()
    if row is None:
        raise WorkspaceError(f"không có tài liệu số {document_id}")
    return dict(zip(("id", "dossier_id", "batch_id", "kind", "position", "state"), row))


def _renumber(db: sqlite3.Connection, document_id: int, order: Sequence[int]) -> None:
    db.executemany("UPDATE pages SET position = ? WHERE id = ?",
                   [(position, page_id) for position, page_id in enumerate(order, start=1)])


def _check_pairs(db: sqlite3.Connection, order: Sequence[int]) -> None:
    """Circular 01/2023 Art. 8.3.d: the scan with the handwritten note and the one without it
    stay side by side, the one with the note first."""
    notes = {}
    if order:
        marks = ", ".join("?" * len(order))
        notes = {row[0]: (row[1], row[2]) for row in db.execute(
            f"SELECT id, note, note_pair FROM pages WHERE id IN ({marks})", list(order))}
    for index, page_id in enumerate(order):
        note, pair = notes.get(page_id, (None, None))
        if note == "with_note":
            following = order[index + 1] if index + 1 < len(order) else None
            if following is None or notes.get(following) != ("without_note", pair):
                raise WorkspaceError(f"trang {index + 1} có ghi chú viết tay: bản chụp không có ghi chú phải "
                                     f"đứng ngay sau nó (Thông tư 01/2023/TT-VPCP, Điều 8)")
        elif note == "without_note":
            previous = order[index - 1] if index > 0 else None
            if previous is None or notes.get(previous) != ("with_note", pair):
                raise WorkspaceError(f"trang {index + 1} là bản chụp bỏ ghi chú: nó phải đứng ngay sau bản có "
                                     f"ghi chú viết tay (Thông tư 01/2023/TT-VPCP, Điều 8)")


# -- the operations ------------------------------------------------------------------------

def reorder(ws: Workspace, document_id: int, page_ids: Sequence[int], *, who: str | None = None) -> list[Page]:
    """Put a document's pages in the order given (every page once)."""
    with ws.writing() as db:
        current = [row[0] for row in _live_pages(db, document_id)]
        if sorted(page_ids) != sorted(current) or len(set(page_ids)) != len(page_ids):
            raise WorkspaceError(f"thứ tự mới phải gồm đúng các trang của tài liệu số {document_id}, mỗi trang một lần")
        _check_pairs(db, page_ids)
        if list(page_ids) == current:
            return ws.pages_of(document_id)
        before = _snapshot(db, [document_id])
        _renumber(db, document_id, page_ids)
        settle(db, document_id, DocumentState.PROCESSED)
        _record(ws, db, "reorder", [document_id], before, who, {"order": list(page_ids)})
    return ws.pages_of(document_id)


def rotate(ws: Workspace, page_id: int, degrees: int = 90, *, who: str | None = None) -> Page:
    """Turn a page clockwise by a multiple of 90°; its OCR is redone."""
    if degrees % 90:
        raise WorkspaceError("chỉ xoay trang theo bội số của 90 độ")
    with ws.writing() as db:
        page = _page_row(db, page_id)
        rotation = (page["rotation"] + degrees) % 360
        if rotation == page["rotation"]:
            return ws.get_page(page_id)
        before = _snapshot(db, [page["document_id"]])
        db.execute("UPDATE pages SET rotation = ?, ocr_path = NULL, cleaned_path = NULL WHERE id = ?",
                   (rotation, page_id))
        settle(db, page["document_id"], DocumentState.CAPTURED)
        _record(ws, db, "rotate", [page["document_id"]], before, who, {"page": page_id, "rotation": rotation})
    return ws.get_page(page_id)


def delete(ws: Workspace, page_ids: Sequence[int], *, who: str | None = None) -> None:
    """Take pages out of their document (recoverable by undo until the history is dropped).
    The other scan of a "with/without note" pair loses its pairing."""
    with ws.writing() as db:
        rows = [_page_row(db, page_id) for page_id in page_ids]
        documents = sorted({row["document_id"] for row in rows})
        before = _snapshot(db, documents)
        for row in rows:
            db.execute("UPDATE pages SET removed = 1 WHERE id = ?", (row["id"],))
            if row["note_pair"] is not None:
                db.execute("UPDATE pages SET note = NULL, note_pair = NULL WHERE note_pair = ? AND removed = 0",
                           (row["note_pair"],))
        for document_id in documents:
            _renumber(db, document_id, [row[0] for row in _live_pages(db, document_id)])
            settle(db, document_id, DocumentState.PROCESSED)
        _record(ws, db, "delete", documents, before, who,
                {"pages": list(page_ids), "sha256": [row["image_sha256"] for row in rows]})


def split(ws: Workspace, document_id: int, first_page_id: int, *, who: str | None = None) -> Document:
    """Cut a document in two before ``first_page_id``; the pages from it on become a new
    document placed right after in the dossier. Returns the new document."""
    with ws.writing() as db:
        document = _document_row(db, document_id)
        order = [row[0] for row in _live_pages(db, document_id)]
        if first_page_id not in order:
            raise WorkspaceError(f"trang số {first_page_id} không thuộc tài liệu số {document_id}")
        cut = order.index(first_page_id)
        if cut == 0:
            raise WorkspaceError("không thể tách ở trang đầu: phần đầu sẽ không còn trang nào")
        _check_pairs(db, order[:cut])
        _check_pairs(db, order[cut:])
        before = _snapshot(db, [document_id])
        at = now_iso()
        if document["dossier_id"] is not None:  # make room right after the document
            db.execute("UPDATE documents SET position = position + 1 WHERE dossier_id = ? AND position > ?",
                       (document["dossier_id"], document["position"]))
        new_id = db.execute(
            "INSERT INTO documents (dossier_id, batch_id, kind, position, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (document["dossier_id"], document["batch_id"], document["kind"],
             document["position"] + 1 if document["dossier_id"] is not None else 0,
             min(DocumentState(document["state"]), DocumentState.PROCESSED).value, at, at)).lastrowid
        db.executemany("UPDATE pages SET document_id = ? WHERE id = ?", [(new_id, p) for p in order[cut:]])
        _renumber(db, new_id, order[cut:])
        settle(db, document_id, DocumentState.PROCESSED)
        settle(db, new_id, DocumentState.PROCESSED)
        _record(ws, db, "split", [document_id, new_id], before, who,
                {"document": document_id, "new_document": new_id, "from_page": first_page_id})
    return ws.get_document(new_id)


def merge(ws: Workspace, first_id: int, second_id: int, *, who: str | None = None) -> Document:
    """Append the pages of ``second_id`` to ``first_id``; the second document is then gone
    (back by undo). Both must be of the same dossier."""
    if first_id == second_id:
        raise WorkspaceError("không thể gộp một tài liệu với chính nó")
    with ws.writing() as db:
        first, second = _document_row(db, first_id), _document_row(db, second_id)
        if first["dossier_id"] != second["dossier_id"]:
            raise WorkspaceError(f"tài liệu số {first_id} và số {second_id} thuộc hai hồ sơ khác nhau; "
                                 f"chỉ gộp được tài liệu của cùng một hồ sơ")
        _refuse_sent(second_id, DocumentState(second["state"]))
        before = _snapshot(db, [first_id, second_id])
        order = [row[0] for row in _live_pages(db, first_id)] + [row[0] for row in _live_pages(db, second_id)]
        db.executemany("UPDATE pages SET document_id = ? WHERE id = ?", [(first_id, p) for p in order])
        _renumber(db, first_id, order)
        db.execute("UPDATE documents SET removed = 1, updated_at = ? WHERE id = ?", (now_iso(), second_id))
        settle(db, first_id, DocumentState.PROCESSED)
        _record(ws, db, "merge", [first_id, second_id], before, who, {"document": first_id, "merged": second_id})
    return ws.get_document(first_id)


def mark(ws: Workspace, page_id: int, *, blank: bool | None = None, separator: bool | None = None,
         who: str | None = None) -> Page:
    """Mark or unmark a page as blank or as a separator sheet (the person confirms a proposal)."""
    with ws.writing() as db:
        page = _page_row(db, page_id)
        values = {key: int(value) for key, value in (("blank", blank), ("separator", separator))
                  if value is not None and int(value) != page[key]}
        if not values:
            return ws.get_page(page_id)
        before = _snapshot(db, [page["document_id"]])
        db.execute(f"UPDATE pages SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                   (*values.values(), page_id))
        settle(db, page["document_id"], DocumentState.PROCESSED)
        _record(ws, db, "mark", [page["document_id"]], before, who,
                {"page": page_id, **{k: bool(v) for k, v in values.items()}})
    return ws.get_page(page_id)


def replace(ws: Workspace, page_id: int, image: Path | str, *, who: str | None = None) -> Page:
    """Rescan-and-replace: the new image takes the page's place (and its note pairing); the
    old image is kept for undo. Returns the new page."""
    relative, sha256 = ws.import_page_file(Path(image))
    try:
        with ws.writing() as db:
            page = _page_row(db, page_id)
            before = _snapshot(db, [page["document_id"]])
            new_id = db.execute(
                "INSERT INTO pages (document_id, position, image_path, image_sha256, source_file, source_page, "
                "note, note_pair, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                (page["document_id"], page["position"], relative, sha256, str(image), page["note"],
                 page["note_pair"], now_iso())).lastrowid
            db.execute("UPDATE pages SET removed = 1 WHERE id = ?", (page_id,))
            if page["note_pair"] == page_id:  # the pair is keyed by the with-note page's id
                db.execute("UPDATE pages SET note_pair = ? WHERE note_pair = ? AND removed = 0", (new_id, page_id))
            settle(db, page["document_id"], DocumentState.CAPTURED)
            _record(ws, db, "replace", [page["document_id"]], before, who,
                    {"page": page_id, "new_page": new_id, "old_sha256": page["image_sha256"], "sha256": sha256})
    except BaseException:
        ws.path(relative).unlink(missing_ok=True)
        raise
    return ws.get_page(new_id)


def duplicate_for_note(ws: Workspace, page_id: int, without_note: Path | str | None = None, *,
                       who: str | None = None) -> tuple[Page, Page]:
    """A page with handwritten notes is scanned twice (Circular 01/2023 Art. 8.3.d): this page
    becomes the scan *with* the note, and a second page right after it the scan *without*.

    ``without_note`` is that second scan; when not given yet, the page is copied as a stand-in
    to rescan-and-replace later. Returns (with note, without note).
    """
    with ws.reading() as db:
        source = _page_row(db, page_id)
    if source["note"] is not None:
        raise WorkspaceError(f"trang số {page_id} đã có bản chụp cặp có/không ghi chú")
    relative, sha256 = ws.import_page_file(Path(without_note) if without_note else ws.path(source["image_path"]))
    try:
        with ws.writing() as db:
            page = _page_row(db, page_id)
            if page["note"] is not None:
                raise WorkspaceError(f"trang số {page_id} đã có bản chụp cặp có/không ghi chú")
            before = _snapshot(db, [page["document_id"]])
            order = [row[0] for row in _live_pages(db, page["document_id"])]
            new_id = db.execute(
                "INSERT INTO pages (document_id, position, image_path, image_sha256, source_file, source_page, "
                "rotation, note, note_pair, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'without_note', ?, ?)",
                (page["document_id"], page["position"] + 1, relative, sha256,
                 str(without_note) if without_note else None, 1 if without_note else None,
                 0 if without_note else page["rotation"], page_id, now_iso())).lastrowid
            db.execute("UPDATE pages SET note = 'with_note', note_pair = ? WHERE id = ?", (page_id, page_id))
            order.insert(order.index(page_id) + 1, new_id)
            _renumber(db, page["document_id"], order)
            settle(db, page["document_id"], DocumentState.CAPTURED)
            _record(ws, db, "duplicate_for_note", [page["document_id"]], before, who,
                    {"page": page_id, "new_page": new_id, "sha256": sha256, "rescanned": without_note is not None})
    except BaseException:
        ws.path(relative).unlink(missing_ok=True)
        raise
    return ws.get_page(page_id), ws.get_page(new_id)


# -- undo, redo, history -----------------------------------------------------------------

def _operation(row: tuple[Any, ...], documents: Sequence[int]) -> Operation:
    op_id, kind, undone, who, at = row
    return Operation(op_id, kind, tuple(documents), bool(undone), who, at)


def _documents_of(db: sqlite3.Connection, op_id: int) -> list[int]:
    return [row[0] for row in db.execute("SELECT document_id FROM page_operation_documents WHERE operation_id = ? "
                                         "ORDER BY document_id", (op_id,))]


def history(ws: Workspace, document_id: int | None = None) -> list[Operation]:
    """The undo log, oldest first (``undone`` ones are those redo would bring back)."""
    query = "SELECT id, kind, undone, who, at FROM page_operations"
    args: list[Any] = []
    if document_id is not None:
        query += " WHERE id IN (SELECT operation_id FROM page_operation_documents WHERE document_id = ?)"
        args.append(document_id)
    with ws.reading() as db:
        rows = db.execute(query + " ORDER BY id", args).fetchall()
        return [_operation(row, _documents_of(db, row[0])) for row in rows]


def _pick(db: sqlite3.Connection, document_id: int | None, undone: bool) -> tuple[int, str, str, str] | None:
    order = "ASC" if undone else "DESC"
    query = "SELECT id, kind, before, after FROM page_operations WHERE undone = ?"
    args: list[Any] = [int(undone)]
    if document_id is not None:
        query += " AND id IN (SELECT operation_id FROM page_operation_documents WHERE document_id = ?)"
        args.append(document_id)
    return db.execute(f"{query} ORDER BY id {order} LIMIT 1", args).fetchone()


def _step(ws: Workspace, document_id: int | None, *, redo: bool, who: str | None) -> Operation | None:
    with ws.writing() as db:
        picked = _pick(db, document_id, undone=redo)
        if picked is None:
            return None
        op_id, kind, before_text, after_text = picked
        documents = _documents_of(db, op_id)
        marks = ", ".join("?" * len(documents))
        # One linear history per document: undo only its latest live step, redo only its
        # earliest undone one, or a later step would be applied to the wrong pages.
        blocking = db.execute(
            f"SELECT MIN(o.id) FROM page_operations o JOIN page_operation_documents d ON d.operation_id = o.id "
            f"WHERE d.document_id IN ({marks}) AND o.undone = ? AND o.id {'<' if redo else '>'} ?",
            (*documents, int(redo), op_id)).fetchone()[0]
        if blocking is not None:
            raise WorkspaceError(f"thao tác số {blocking} trên cùng tài liệu phải được "
                                 f"{'làm lại' if redo else 'hoàn tác'} trước")
        before, after = json.loads(before_text), json.loads(after_text)
        target, expected = (after, before) if redo else (before, after)
        current = _snapshot(db, documents)
        exact = _same(current, expected)
        _restore(db, target, current, exact, ws)
        db.execute("UPDATE page_operations SET undone = ? WHERE id = ?", (int(not redo), op_id))
        who = who or ws.user
        audit.append(db, who, "page.redo" if redo else "page.undo", document_id=documents[0],
                     details={"operation": op_id, "kind": kind, "documents": documents, "exact": exact})
        return Operation(op_id, kind, tuple(documents), not redo, who, now_iso())


def _same(current: dict[str, Any], expected: dict[str, Any]) -> bool:
    """True when the documents are exactly as the operation left them (or found them)."""
    expected_pages = expected["pages"]
    for key, row in current["pages"].items():
        if key not in expected_pages:
            if not row["removed"]:
                return False
        elif row != expected_pages[key]:
            return False
    if any(key not in current["pages"] for key in expected_pages):
        return False
    for key, row in current["documents"].items():
        if key in expected["documents"]:
            if row != expected["documents"][key]:
                return False
        elif not row["removed"]:
            return False
    return True


def undo(ws: Workspace, document_id: int | None = None, *, who: str | None = None) -> Operation | None:
    """Undo the latest page operation (of one document, when given); None when there is none."""
    return _step(ws, document_id, redo=False, who=who)


def redo(ws: Workspace, document_id: int | None = None, *, who: str | None = None) -> Operation | None:
    """Redo the operation undone last (of one document, when given); None when there is none."""
    return _step(ws, document_id, redo=True, who=who)


def _paths_in(snapshot: dict[str, Any]) -> set[str]:
    return {row[key] for row in snapshot["pages"].values() for key in ("image_path", "ocr_path", "cleaned_path")
            if row[key] is not None}


def drop_undo_history(ws: Workspace, document_id: int | None = None, *, who: str | None = None) -> list[str]:
    """Forget the undo log (of one document, or all), then delete the files (images, OCR
    results) that no page row and no remaining undo step names any more: deleted and replaced
    pages, OCR of a rotation undone. Returns the files deleted (relative paths); the audit
    trail names the page images among them by hash."""
    with ws.writing() as db:
        where, args = "", []
        if document_id is not None:
            where = "WHERE id IN (SELECT operation_id FROM page_operation_documents WHERE document_id = ?)"
            args = [document_id]
        candidates: set[str] = set()
        for before, after in db.execute(f"SELECT before, after FROM page_operations {where}", args):
            candidates |= _paths_in(json.loads(before)) | _paths_in(json.loads(after))
        db.execute(f"DELETE FROM page_operations {where}", args)
        kept_pages: set[int] = set()
        referenced: set[str] = set()
        for before, after in db.execute("SELECT before, after FROM page_operations"):
            for snapshot in (json.loads(before), json.loads(after)):
                kept_pages |= {int(k) for k in snapshot["pages"]}
                referenced |= _paths_in(snapshot)
        doomed = [row for row in db.execute(
            "SELECT id, image_path, image_sha256, ocr_path, cleaned_path FROM pages WHERE removed = 1")
            if row[0] not in kept_pages]
        for _, image, _, ocr, cleaned in doomed:
            candidates |= {path for path in (image, ocr, cleaned) if path is not None}
        if doomed:
            db.execute(f"DELETE FROM pages WHERE id IN ({', '.join('?' * len(doomed))})", [row[0] for row in doomed])
        for image, ocr, cleaned in db.execute("SELECT image_path, ocr_path, cleaned_path FROM pages"):
            referenced |= {path for path in (image, ocr, cleaned) if path is not None}
        files = sorted(candidates - referenced)
        gone = set(files)
        audit.append(db, who or ws.user, "page.history_dropped", document_id=document_id,
                     details={"pages": [row[0] for row in doomed],
                              "sha256": [row[2] for row in doomed if row[1] in gone],
                              "files": len(files)})
        # Files go only after the commit: a crash before it keeps both the rows and the files.
        ws.after_commit(lambda: [ws.path(relative).unlink(missing_ok=True) for relative in files])
    return files
