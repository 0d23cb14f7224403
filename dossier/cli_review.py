"""``sohoa review DOC_ID [--set FIELD=VALUE]... [--accept]``: the review screen, headless.

The same functions as the screen (``dossier.review``): each ``--set`` is a correction recorded
with the value before, the new one, who and when; ``--accept`` accepts the document (refused
while validation errors remain, unless ``--with-errors``). Without options it shows the fields
as they stand, the flagged ones marked. Personal ID numbers are shown masked.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from datastore.masking import mask_personal_ids

FLAG_TEXT = {"error": "LỖI", "warning": "CẢNH BÁO", "doubt": "cần kiểm tra"}


def _fail(message: str, code: int = 1) -> int:
    print(mask_personal_ids(f"sohoa: {message}"), file=sys.stderr)
    return code


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"“{text}”: viết --set TRƯỜNG=GIÁ_TRỊ, ví dụ --set issue_date=15/03/2024")
    return name.strip(), value


def _typed(name: str, value: str) -> str:
    """A list field's entries separated by "|" on the command line (one a line on the screen)."""
    from dossier.review import LIST_FIELDS

    return "\n".join(part.strip() for part in value.split("|")) if name in LIST_FIELDS else value


def _state_json(document: Any, state: Any) -> dict[str, Any]:
    from dossier.fields import FIELD_LABELS

    return {"document_id": document.id, "state": document.state.value,
            "document_type": state.document_type if state else document.document_type,
            "fields": [{"name": f.name, "label": FIELD_LABELS.get(f.name, f.name), "value": f.value,
                        "confidence": round(f.confidence, 3), "flag": f.flag, "confirmed": f.confirmed,
                        "problems": [{"level": p.level, "message": p.message} for p in f.problems]}
                       for f in (state.fields if state else ())],
            "problems": [{"level": p.level, "field": p.field, "message": p.message}
                         for p in (state.document_problems if state else ())]}


def _print_state(document: Any, state: Any) -> None:
    from dossier.fields import FIELD_LABELS, type_label

    if state is None:
        print(f"Tài liệu {document.id}: chưa đọc các trường ({document.state.value})")
        return
    print(f"Tài liệu {document.id}: {type_label(state.document_type)} ({state.document_type}), "
          f"trạng thái {document.state.value}")
    width = max((len(FIELD_LABELS.get(f.name, f.name)) for f in state.fields), default=10) + 2
    for item in state.fields:
        label = FIELD_LABELS.get(item.name, item.name)
        value = "; ".join(item.value) if isinstance(item.value, list) else (item.value or "")
        notes = [f"tin cậy {item.confidence:.0%}"] + (["đã xác nhận"] if item.confirmed else [])
        notes += [FLAG_TEXT["doubt"]] if item.flag == "doubt" else []
        notes += [f"{FLAG_TEXT.get(p.level, p.level)}: {p.message}" for p in item.problems]
        mark = "?" if item.flag else " "
        print(mask_personal_ids(f"{mark} {label:<{width}}{value}   ({'; '.join(notes)}) [{item.name}]"))
    for problem in state.document_problems:
        print(f"  [{FLAG_TEXT.get(problem.level, problem.level)}] văn bản: {problem.message}")
    if state.flagged:
        print(f"? = cần kiểm tra: {len(state.flagged)} trường")


def cmd_review(args: argparse.Namespace) -> int:
    from dossier.review import accept_document, correct_field, review_state
    from dossier.workspace import Workspace, WorkspaceError

    try:
        ws = Workspace.open(args.workspace, user=args.user)
    except (OSError, WorkspaceError, RuntimeError) as exc:
        return _fail(f"không mở được kho làm việc: {exc}")
    corrected: list[dict[str, Any]] = []
    try:
        with ws:
            for name, value in args.set:
                correction = correct_field(ws, args.document, name, _typed(name, value))
                corrected.append({"field": correction.field, "old": correction.old_value, "new": correction.new_value,
                                  "who": correction.who, "at": correction.at})
            if args.accept:
                accept_document(ws, args.document, with_errors=args.with_errors)
            document = ws.get_document(args.document)
            state = review_state(ws, args.document)
    except WorkspaceError as exc:
        hint = " (--with-errors: chấp nhận dù còn lỗi)" if args.accept and not args.with_errors else ""
        done = f"; đã ghi {len(corrected)} sửa đổi trước đó" if corrected else ""
        return _fail(f"{exc}{hint}{done}")
    if args.json:
        data = _state_json(document, state)
        data["corrections"] = corrected
        print(mask_personal_ids(json.dumps(data, ensure_ascii=False, indent=2)))
        return 0
    _print_state(document, state)
    for item in corrected:
        print(mask_personal_ids(f"Đã sửa {item['field']}: «{item['old']}» → «{item['new']}» ({item['who']}, "
                                f"{item['at']})"))
    if args.accept:
        print(f"Đã chấp nhận tài liệu {document.id}: chờ ký và gửi (sohoa process)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    review = sub.add_parser(
        "review", help="a document's fields for review: show, correct (--set), accept (--accept)",
        description="Shows the fields of a document as they stand (flagged ones marked with ?), records "
                    "corrections (--set FIELD=VALUE: old value, new value, who, when; dates dd/mm/yyyy, "
                    "recipients separated by |, an empty value clears the field) and accepts the document "
                    "(--accept), as the desktop's review screen does. ID numbers are shown masked.")
    review.add_argument("document", type=int, metavar="DOC_ID", help="the document's ID (sohoa dossier show)")
    review.add_argument("--set", type=_assignment, action="append", default=[], metavar="FIELD=VALUE",
                        help="correct a field (repeatable), e.g. --set issue_date=15/03/2024")
    review.add_argument("--accept", action="store_true", help="accept the document once corrected")
    review.add_argument("--with-errors", action="store_true",
                        help="with --accept: accept even though validation errors remain")
    review.add_argument("--user", metavar="NAME", help="who reviews (default: the configured operator, "
                                                       "else the system account)")
    review.add_argument("--json", action="store_true", help="the fields and the corrections as JSON")
    review.set_defaults(func=cmd_review)
