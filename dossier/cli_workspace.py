"""``sohoa dossier …`` and ``sohoa pages …``: the workspace's dossiers and the page operations
headless, through the same functions as the desktop (dossier/workspace.py, dossier/pages.py)."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any


def _fail(message: str, code: int = 1) -> int:
    print(f"sohoa: {message}", file=sys.stderr)
    return code


def _masked(data: Any) -> Any:
    """What reaches the terminal: ID numbers as 079*****1234, applicants' names as initials."""
    from dossier.audit import mask_details

    return mask_details(data)


def _print(data: Any, as_json: bool, line: str) -> None:
    if as_json:
        print(json.dumps(_masked(data), ensure_ascii=False, indent=2, default=str))
    else:
        print(line)


def _dossier_line(dossier: Any) -> str:
    from dossier.audit import mask_name
    from datastore.masking import mask_personal_ids

    applicant = mask_name(dossier.applicant_name) if dossier.applicant_name else "—"
    personal_id = mask_personal_ids(dossier.applicant_personal_id or "—")
    return (f"{dossier.id:>6}  {dossier.code or '(chưa có mã)':28} {dossier.received_date}  "
            f"{dossier.procedure_code or '—':24} {applicant} {personal_id}")


def _dossier_json(dossier: Any) -> dict[str, Any]:
    data = asdict(dossier)
    data["personal_id"] = data.pop("applicant_personal_id")
    return data


def cmd_dossier(args: argparse.Namespace) -> int:
    from dossier.codes import InvalidCode
    from dossier.schema import SchemaTooNew
    from dossier.workspace import Workspace, WorkspaceError

    try:
        with Workspace.open(args.workspace) as ws:
            if args.action == "new":
                dossier = ws.create_dossier(code=args.code, issue_code=args.issue, procedure_code=args.procedure,
                                            applicant_name=args.applicant, applicant_personal_id=args.personal_id,
                                            received_date=args.received, appointment_date=args.appointment)
                _print(_dossier_json(dossier), args.json, _dossier_line(dossier))
                return 0
            if args.action == "list":
                from dossier.model import today_vn

                dossiers = ws.dossiers_of_day(args.day or today_vn())
                if args.json:
                    _print([_dossier_json(d) for d in dossiers], True, "")
                for dossier in dossiers if not args.json else ():
                    print(_dossier_line(dossier))
                return 0
            if not args.shown:
                return _fail("dossier show needs the dossier code", 2)
            dossier = ws.find_dossier(args.shown)
            if dossier is None:
                return _fail(f"không có hồ sơ mã {args.shown} trong kho làm việc")
            documents = ws.documents_of(dossier.id)
            pages = {d.id: len(ws.pages_of(d.id)) for d in documents}
            if args.json:
                _print({**_dossier_json(dossier), "documents": [
                    {"id": d.id, "kind": d.kind, "component": d.component, "document_type": d.document_type,
                     "state": d.state.value, "pages": pages[d.id], "last_error": d.last_error,
                     "sha256": d.signed_sha256 or d.sha256} for d in documents]}, True, "")
                return 0
            print(_dossier_line(dossier))
            for d in documents:
                error = f"  ({_masked(d.last_error)})" if d.last_error else ""
                print(f"  tài liệu {d.id:>5}  {d.state.value:9} {pages[d.id]:>3} trang  "
                      f"{d.component or d.document_type or d.kind}{error}")
            return 0
    except (InvalidCode, WorkspaceError, SchemaTooNew, OSError) as exc:
        return _fail(str(exc))


def _page_ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(",", " ").split()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"page IDs are numbers separated by commas: {text!r}") from exc


def _page_line(page: Any) -> str:
    marks = [name for name, on in (("trắng", page.blank), ("tờ phân cách", page.separator)) if on]
    if page.note:
        marks.append("có ghi chú" if page.note == "with_note" else "bỏ ghi chú")
    if page.rotation:
        marks.append(f"xoay {page.rotation}°")
    if page.ocr_path is None:
        marks.append("chưa OCR")
    return f"{page.position:>4}. trang {page.id:>6}  {page.image_path}  {', '.join(marks)}"


def cmd_pages(args: argparse.Namespace) -> int:
    from dossier import pages
    from dossier.schema import SchemaTooNew
    from dossier.workspace import Workspace, WorkspaceError

    action = args.action
    if args.target is None and action not in ("undo", "redo", "history", "drop-history"):
        return _fail(f"pages {action} needs {_PAGE_ACTIONS[action].split(':')[0]}", 2)
    if args.pages is None and action in ("reorder", "split", "merge", "replace"):
        return _fail(f"pages {action} needs {_PAGE_ACTIONS[action].split(':')[0]}", 2)
    try:
        with Workspace.open(args.workspace) as ws:
            if action == "list":
                for page in ws.pages_of(args.target):
                    print(_page_line(page))
                return 0
            if action == "rotate":
                print(_page_line(pages.rotate(ws, args.target, args.degrees)))
            elif action == "reorder":
                for page in pages.reorder(ws, args.target, _page_ids(args.pages)):
                    print(_page_line(page))
            elif action == "delete":
                pages.delete(ws, [args.target, *(_page_ids(args.pages) if args.pages else [])])
            elif action == "split":
                document = pages.split(ws, args.target, int(args.pages))
                print(f"tài liệu mới số {document.id}")
            elif action == "merge":
                pages.merge(ws, args.target, int(args.pages))
            elif action == "mark":
                print(_page_line(pages.mark(ws, args.target, blank=args.blank, separator=args.separator)))
            elif action == "replace":
                print(_page_line(pages.replace(ws, args.target, Path(args.pages))))
            elif action == "note":
                for page in pages.duplicate_for_note(ws, args.target, Path(args.pages) if args.pages else None):
                    print(_page_line(page))
            elif action in ("undo", "redo"):
                step = (pages.undo if action == "undo" else pages.redo)(ws, args.target)
                if step is None:
                    return _fail(f"không có thao tác nào để {'hoàn tác' if action == 'undo' else 'làm lại'}")
                print(f"{'đã hoàn tác' if action == 'undo' else 'đã làm lại'}: {step.kind} (thao tác {step.id})")
            elif action == "history":
                for op in pages.history(ws, args.target):
                    print(f"{op.id:>6}  {op.at}  {op.who}  {op.kind}  tài liệu {', '.join(map(str, op.documents))}"
                          f"{'  (đã hoàn tác)' if op.undone else ''}")
            elif action == "drop-history":
                removed = pages.drop_undo_history(ws, args.target)
                print(f"đã xóa {len(removed)} tệp không còn dùng đến")
            return 0
    except (WorkspaceError, SchemaTooNew, OSError, ValueError, argparse.ArgumentTypeError) as exc:
        return _fail(str(exc))


_PAGE_ACTIONS = {
    "list": "DOC: a document's pages in order",
    "rotate": "PAGE [--degrees 90]: turn clockwise (its OCR is redone)",
    "reorder": "DOC PAGE,PAGE,...: the new order, every page once",
    "delete": "PAGE [PAGE,...]: take pages out (undo brings them back)",
    "split": "DOC PAGE: a new document from PAGE on",
    "merge": "DOC DOC2: DOC2's pages appended to DOC",
    "mark": "PAGE --blank/--no-blank --separator/--no-separator",
    "replace": "PAGE IMAGE: rescan-and-replace (the old image is kept for undo)",
    "note": "PAGE [IMAGE]: the page has handwritten notes; IMAGE is the scan without them",
    "undo": "[DOC]: undo the last page operation (of DOC)",
    "redo": "[DOC]: redo what was undone last",
    "history": "[DOC]: the undo log",
    "drop-history": "[DOC]: forget the undo log and delete page files nothing needs",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dossier = sub.add_parser("dossier", help="record, list and show the workspace's dossiers",
                             description="new: record a dossier under its code (--code) or with a code issued "
                                         "here (--issue, from SOHOA_AGENCY_CODE, the day and the day's "
                                         "sequence); list: the dossiers of a day; show: a dossier and its "
                                         "documents. ID numbers and names are shown masked.")
    dossier.add_argument("action", choices=("new", "list", "show"))
    dossier.add_argument("shown", nargs="?", metavar="CODE", help="show: the dossier code")
    dossier.add_argument("--code", dest="code", help="new: the code from the province's system")
    dossier.add_argument("--issue", action="store_true", help="new: issue a code here")
    dossier.add_argument("--procedure", help="new: procedure code (1.011442.000.00.00.H38)")
    dossier.add_argument("--applicant", help="new: applicant's full name")
    dossier.add_argument("--personal-id", help="new: applicant's personal ID number")
    dossier.add_argument("--received", help="new: received date YYYY-MM-DD (default: today, Vietnam time)")
    dossier.add_argument("--appointment", help="new: appointment date YYYY-MM-DD")
    dossier.add_argument("--day", help="list: received date YYYY-MM-DD (default: today)")
    dossier.add_argument("--json", action="store_true")
    dossier.set_defaults(func=cmd_dossier)

    page = sub.add_parser("pages", help="page operations with undo: reorder, rotate, delete, split, merge, ...",
                          formatter_class=argparse.RawDescriptionHelpFormatter,
                          description="Page operations on the workspace's documents, each undoable (also "
                                      "after a restart) and recorded in the audit trail:\n" +
                                      "\n".join(f"  {name:13} {text}" for name, text in _PAGE_ACTIONS.items()))
    page.add_argument("action", choices=tuple(_PAGE_ACTIONS))
    page.add_argument("target", type=int, nargs="?", help="the document or page ID")
    page.add_argument("pages", nargs="?", help="the second argument of the action (see above)")
    page.add_argument("--degrees", type=int, default=90, help="rotate: clockwise, a multiple of 90")
    page.add_argument("--blank", action=argparse.BooleanOptionalAction, default=None)
    page.add_argument("--separator", action=argparse.BooleanOptionalAction, default=None)
    page.set_defaults(func=cmd_pages)
