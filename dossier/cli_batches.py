"""``sohoa batches``: each scanning batch's pages per stage, and a batch's quality-control
sample, as the desktop's batches dock shows them (``dossier.batch_stats``, ``dossier.quality``)."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict


def cmd_batches(args: argparse.Namespace) -> int:
    from dossier.batch_stats import batch_counts, format_table
    from dossier.cli_audit import _open
    from dossier.quality import load_sample
    from dossier.schema import SchemaTooNew

    try:
        workspace = _open(args)
    except (OSError, ValueError, SchemaTooNew) as exc:
        print(f"sohoa: {exc}", file=sys.stderr)
        return 1
    with workspace:
        counts = batch_counts(workspace, limit=args.limit)
        sample = load_sample(workspace, args.quality) if args.quality is not None else None
    if args.json:
        out: dict[str, object] = {"batches": [asdict(c) for c in counts]}
        if args.quality is not None:
            out["quality"] = None if sample is None else {
                "batch": sample.batch_id, "percent": sample.percent, "pool": sample.pool,
                "drawn_at": sample.drawn_at, "drawn_by": sample.drawn_by, "cleared": sample.cleared,
                "documents": {str(d): sample.verdicts[d].value for d in sample.document_ids}}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(format_table(counts))
    if args.quality is not None:
        if sample is None:
            print(f"\nđợt {args.quality}: chưa lấy mẫu kiểm tra chất lượng")
        else:
            verdicts = ", ".join(f"{d}: {sample.verdicts[d].value}" for d in sample.document_ids)
            state = "đạt, được ký" if sample.cleared else "chưa đạt"
            print(f"\nđợt {args.quality}: mẫu {len(sample.document_ids)}/{sample.pool} tài liệu "
                  f"({sample.percent} %), {state} — {verdicts}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("batches", help="pages scanned, processed, waiting for review, signed, uploaded per batch",
                            description="The latest scanning batches, newest first, with their pages in each stage "
                                        "(the desktop's batches dock); --quality BATCH adds the batch's "
                                        "quality-control sample and each sampled document's verdict.")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="the latest N batches (default 50)")
    parser.add_argument("--quality", type=int, metavar="BATCH", help="also the quality-control sample of BATCH")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=cmd_batches)
