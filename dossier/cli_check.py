"""``sohoa workspace check [--sweep]``: is the workspace whole? The database's own check, the
audit trail's hash chain, files the records name that are missing, and files no record names
(what a crash between writing a file and committing its row leaves, ``dossier.sweep``);
``--sweep`` moves those into ``lost-found/`` and deletes what was only scratch.

Exit 0 when nothing is wrong (orphans found and swept count as fixed), 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def cmd_workspace(args: argparse.Namespace) -> int:
    from dossier import audit
    from dossier.sweep import MIN_AGE_S, find_orphans, sweep
    from dossier.workspace import Workspace, WorkspaceError

    try:
        ws = Workspace.open(args.workspace)
    except (OSError, WorkspaceError, RuntimeError) as exc:
        print(f"sohoa: không mở được kho làm việc: {exc}", file=sys.stderr)
        return 1
    with ws:
        with ws.reading() as db:
            database = [row[0] for row in db.execute("PRAGMA quick_check")]
            named = [row[0] for row in db.execute(
                "SELECT image_path FROM pages WHERE removed = 0 UNION SELECT ocr_path FROM pages WHERE removed = 0 "
                "UNION SELECT cleaned_path FROM pages WHERE removed = 0 UNION SELECT pdf_path FROM documents "
                "WHERE removed = 0 UNION SELECT signed_pdf_path FROM documents WHERE removed = 0") if row[0]]
        trail = audit.verify(ws)
        missing = sorted(p for p in named if not ws.path(p).is_file())
        orphans = find_orphans(ws, min_age_s=MIN_AGE_S if args.min_age is None else args.min_age)
        swept = sweep(ws, orphans) if args.sweep and orphans else None
    data: dict[str, Any] = {
        "database": "ok" if database == ["ok"] else database, "audit": {"intact": trail.intact, "events": trail.events,
                                                                       "broken_at": trail.broken_at,
                                                                       "reason": trail.reason},
        "missing_files": missing, "orphans": {"files": orphans.files, "partial": orphans.partial,
                                              "scratch": orphans.scratch, "too_recent": orphans.young},
        "swept": None if swept is None else {"lost_found": swept.moved_to, "moved": swept.moved,
                                             "deleted": swept.deleted, "scratch_kept": swept.scratch_kept}}
    healthy = database == ["ok"] and trail.intact and not missing and (not orphans or swept is not None)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0 if healthy else 1
    print("Cơ sở dữ liệu: " + ("tốt" if database == ["ok"] else "HỎNG: " + "; ".join(database[:5])))
    print(f"Nhật ký kiểm tra: {'nguyên vẹn' if trail.intact else 'BỊ SỬA: ' + (trail.reason or '')} "
          f"({trail.events} sự kiện)")
    print(f"Tệp bị thiếu: {len(missing)}" + "".join(f"\n  {p}" for p in missing[:20]))
    count = len(orphans.files) + len(orphans.partial) + len(orphans.scratch)
    print(f"Tệp không bản ghi nào nhắc đến: {count}" + (f" (và {orphans.young} tệp mới ghi, chưa xét)"
                                                        if orphans.young else ""))
    for path in [*orphans.files, *orphans.partial, *orphans.scratch][:20]:
        print(f"  {path}")
    if swept is not None:
        if swept.moved:
            print(f"Đã chuyển {swept.moved} tệp vào {swept.moved_to} (xem rồi xóa nếu không cần)")
        print(f"Đã xóa {swept.deleted} tệp tạm" + ("; thư mục tạm của lượt xử lý đang chạy được giữ nguyên"
                                                   if swept.scratch_kept else ""))
    elif orphans:
        print("Chạy lại với --sweep để dọn các tệp này.")
    return 0 if healthy else 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    workspace = sub.add_parser(
        "workspace", help="check the workspace: database, audit trail, missing and orphan files (--sweep)",
        description="check: the database's integrity, the audit trail's hash chain, files the records name "
                    "that are missing, and files no record names (left by a crash between writing a file and "
                    "committing its row). --sweep moves those into lost-found/ (page images and PDFs are never "
                    "deleted) and deletes partial copies and the scratch folders of killed runs.")
    workspace.add_argument("action", choices=("check",))
    workspace.add_argument("--sweep", action="store_true", help="move orphan files to lost-found/, delete scratch")
    workspace.add_argument("--min-age", type=float, metavar="SECONDS",
                           help="only files older than this count as orphans (default: 3600; a younger one may "
                                "be about to be recorded by another program)")
    workspace.add_argument("--json", action="store_true")
    workspace.set_defaults(func=cmd_workspace)
