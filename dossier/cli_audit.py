"""``sohoa audit verify|list|head``: check and read the workspace's audit trail."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def _fail(message: str, code: int = 1) -> int:
    print(f"sohoa: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from dossier.workspace import Workspace

    from dossier.settings import workspace_dir

    folder = getattr(args, "workspace", None) or workspace_dir()
    if not (Path(folder) / "sohoa.db").is_file():  # reading the trail never creates a workspace
        raise FileNotFoundError(f"{folder}: không có kho làm việc SoHoa ở đây (thiếu sohoa.db)")
    return Workspace.open(folder)


def _anchor(text: str) -> tuple[int, str]:
    match = re.fullmatch(r"(\d+):([0-9a-f]{64})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError("the anchor is COUNT:HASH, as `sohoa audit head` prints it")
    return int(match[1]), match[2]


def cmd_audit(args: argparse.Namespace) -> int:
    from dossier import audit

    from dossier.schema import SchemaTooNew

    try:
        workspace = _open(args)
    except (OSError, ValueError, SchemaTooNew) as exc:
        return _fail(str(exc))
    with workspace:
        if args.action == "verify":
            report = audit.verify(workspace, anchor=args.anchor)
            if args.json:
                print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            elif report.intact:
                print(f"nhật ký kiểm tra nguyên vẹn: {report.events} sự kiện, đầu chuỗi {report.head_hash}")
            if not report.intact:
                return _fail(f"nhật ký kiểm tra đã bị thay đổi ở sự kiện số {report.broken_at}: {report.reason}")
            return 0
        if args.action == "head":
            count, head_hash = audit.head(workspace)
            if args.json:
                print(json.dumps({"events": count, "head_hash": head_hash}))
            else:
                print(f"{count}:{head_hash}")
            return 0
        events = audit.events(workspace, document_id=args.document, limit=args.limit)
    if args.json:
        print(json.dumps([{"seq": e.seq, "at": e.at, "who": e.who, "action": e.action, "document_id": e.document_id,
                           "document_sha256": e.document_sha256, "details": e.details, "hash": e.hash}
                          for e in events], ensure_ascii=False, indent=2))
        return 0
    for e in events:
        document = f" document={e.document_id}" if e.document_id is not None else ""
        sha = f" sha256={e.document_sha256[:12]}…" if e.document_sha256 else ""
        details = json.dumps(e.details, ensure_ascii=False, separators=(", ", ": "))
        print(f"{e.seq:>6}  {e.at}  {e.who}  {e.action}{document}{sha}  {details}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("audit", help="verify or read the workspace's audit trail",
                            description="The audit trail records who did what to which document, when; each "
                                        "event is chained to the previous one by hash. `verify` exits 0 when "
                                        "the trail is intact, 1 naming the first altered event.")
    parser.add_argument("action", choices=("verify", "list", "head"),
                        help="verify the chain; list events; print the head (COUNT:HASH) to record elsewhere")
    parser.add_argument("--document", type=int, metavar="ID", help="list: only events of this document")
    parser.add_argument("--limit", type=int, metavar="N", help="list: only the last N events")
    parser.add_argument("--anchor", type=_anchor, metavar="COUNT:HASH",
                        help="verify: also check against a head recorded earlier outside the workspace")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=cmd_audit)
