"""The batches dock's reads on a year's workspace: batch counts, the session's pages per hour,
and a quality-control sample with its verdicts.

    .venv/bin/python bench/batch_counts_bench.py [--batches 250] [--documents 40] [--pages 10]

The rows are written straight into a fresh workspace's database (the schema of
``Workspace.open``; files are not needed for counting), with a third of the documents signed
or uploaded and an audit trail of a few events per document. Each read is timed 20 times on a
warm connection; the dock repeats the first two every 3 s while shown.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier import audit  # noqa: E402
from dossier.batch_stats import batch_counts, session_rate, start_session  # noqa: E402
from dossier.model import DocumentState, now_iso  # noqa: E402
from dossier.quality import draw_sample, load_sample, mark_passed  # noqa: E402
from dossier.workspace import Workspace  # noqa: E402


def fill(ws: Workspace, batches: int, documents: int, pages: int) -> int:
    rng = random.Random(0)
    states = [s.value for s in DocumentState]
    at = now_iso()
    with ws.writing() as db:
        dossier = db.execute("INSERT INTO dossiers (received_date, created_at) VALUES ('2025-03-12', ?)",
                             (at,)).lastrowid
        for b in range(batches):
            batch = db.execute("INSERT INTO batches (operator, device, profile, started_at) VALUES "
                               "('lưu trữ viên', 'sane:test:0', 'vn-2023', ?)", (at,)).lastrowid
            for d in range(documents):
                state = DocumentState.REVIEWED.value if b == batches - 1 else rng.choice(states)
                doc = db.execute("INSERT INTO documents (dossier_id, batch_id, kind, position, state, created_at, "
                                 "updated_at) VALUES (?, ?, 'dossier_component', ?, ?, ?, ?)",
                                 (dossier, batch, d, state, at, at)).lastrowid
                db.executemany("INSERT INTO pages (document_id, position, image_path, image_sha256, created_at) "
                               "VALUES (?, ?, 'pages/x.png', 'x', ?)", [(doc, p, at) for p in range(pages)])
                for action in ("document.added", "pages.added", "document.extracted", "document.reviewed"):
                    audit.append(db, "bench", action, document_id=doc, details={"batch": batch})
    return batch


def timed(read, repeat: int = 20) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=250)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder), user="bench") as ws:
        last = fill(ws, args.batches, args.documents, args.pages)
        session = start_session(ws)
        total = args.batches * args.documents
        print(f"{args.batches} batches, {total} documents, {total * args.pages} pages, "
              f"{audit.head(ws)[0]} audit events")
        print(f"batch_counts (latest 50)   {timed(lambda: batch_counts(ws)):7.1f} ms")
        print(f"session_rate               {timed(lambda: session_rate(ws, session)):7.1f} ms")
        sample = draw_sample(ws, last, 10)
        for document_id in sample.document_ids[:2]:
            mark_passed(ws, last, document_id)
        print(f"load_sample ({len(sample.document_ids)} documents) {timed(lambda: load_sample(ws, last)):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
