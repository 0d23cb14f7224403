"""``sohoa separator``: print a separator sheet (dossier.separator) to put in front of a dossier
or a document before the stack goes into the scanner; ``sohoa split``: the split of a scanned
stack those sheets propose (dossier.split), shown, and applied only with ``--apply``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def cmd_separator(args: argparse.Namespace) -> int:
    from dossier.cli import EXIT_OK, EXIT_USAGE, _fail
    from dossier.codes import InvalidCode, parse_code
    from dossier.separator import DEFAULT_PATCH, write_separator_sheet

    level = args.level or ("dossier" if args.dossier else "document")
    code = None
    if args.dossier:
        if level != "dossier":
            return _fail("--dossier chỉ dùng cho tờ phân cách hồ sơ (--level dossier)", EXIT_USAGE)
        try:
            parsed = parse_code(args.dossier)
        except InvalidCode as exc:
            return _fail(str(exc), EXIT_USAGE)
        if parsed.warning:
            print(f"sohoa: cảnh báo: {parsed.warning}", file=sys.stderr)
        code = parsed.text
    patch = args.patch or DEFAULT_PATCH[level]
    try:
        write_separator_sheet(args.output, level, code, patch)
    except (OSError, ValueError) as exc:
        return _fail(f"không ghi được {args.output}: {exc}")
    if args.json:
        print(json.dumps({"output": str(args.output), "level": level, "dossier_code": code, "patch": patch},
                         ensure_ascii=False))
    else:
        print(f"{args.output}: tờ phân cách {'hồ sơ' if level == 'dossier' else 'tài liệu'}"
              f"{' ' + code if code else ''}, patch {patch}")
    return EXIT_OK


def cmd_split(args: argparse.Namespace) -> int:
    from dossier.cli import EXIT_OK, EXIT_USAGE, _fail
    from dossier.split import SplitRule
    from dossier.split_apply import apply_split, propose_for_document
    from dossier.workspace import Workspace, WorkspaceError
    from ocr.errors import PageError

    try:
        rule = SplitRule.parse(args.rule)
    except ValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    try:
        with Workspace.open(args.workspace) as ws:
            proposal = propose_for_document(ws, args.document, rule=rule)
            applied = apply_split(ws, args.document, proposal) if args.apply else None
    except (WorkspaceError, PageError, OSError) as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps({**proposal.to_json(), "applied": applied}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for line in proposal.describe():
        print(line)
    if applied is None:
        print("Chưa tách: xem lại rồi chạy lại với --apply để tách như trên.")
    else:
        print(f"Đã tách thành {len(applied)} tài liệu: số {', '.join(map(str, applied))}.")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("separator", help="print a separator sheet (QR + patch code) to split a stack",
                       description="Write an A4 separator sheet: a QR code SoHoa reads (with the dossier code), "
                                   "Kodak patch codes for scanners that read them, and the code in large print. "
                                   "Put it in front of the dossier (or document) before scanning; the split it "
                                   "marks is proposed, never applied without confirmation.")
    p.add_argument("--dossier", metavar="CODE", help="the dossier code the sheet carries (implies --level dossier)")
    p.add_argument("--level", choices=("dossier", "document"),
                   help="start of a dossier, or of a document inside one (default: dossier with --dossier, "
                        "else document)")
    p.add_argument("--patch", choices=("T", "2", "3", "none"),
                   help="patch code printed (default: 3 on a dossier sheet, T on a document sheet)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="SHEET.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_separator)

    split = sub.add_parser("split", help="propose the split of a scanned stack into documents; --apply applies it",
                           description="Propose where a workspace document (a scanned or imported stack) is cut "
                                       "into documents and dossiers: at separator sheets (SoHoa QR, Patch 3, T, 2), "
                                       "and by the rule. Nothing changes without --apply; no page is ever dropped "
                                       "(separator sheets are kept, marked).")
    split.add_argument("document", type=int, metavar="DOC", help="the document holding the stack")
    split.add_argument("--rule", default="separators",
                       help="separators (default), blank (a blank sheet also cuts), blank-duplex (the same for a "
                            "duplex scan whose sides were lost), fixed:N (also every N pages)")
    split.add_argument("--apply", action="store_true", help="apply the proposal (undo: sohoa pages undo)")
    split.add_argument("--json", action="store_true")
    split.set_defaults(func=cmd_split)
