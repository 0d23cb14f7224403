"""Workspace benchmark: a year of one-stop-desk work as records (no OCR), then the three things
the desk does all day — open the workspace, list a day's dossiers, find a dossier by its code.

    .venv/bin/python bench/workspace_bench.py [--documents 100000] [--folder DIR] [--runs 9]

Builds (once; an existing --folder is reused) a workspace of N documents, 4 per dossier over
250 working days (100 dossiers a day), each with 2 pages, an extraction JSON of ~1.5 KB and 3
audit events on a valid hash chain. Prints the median of --runs runs, warm (in this process)
and cold (a new process, after the database files were evicted from the OS page cache with
posix_fadvise), for each operation. Target (issue "Workflow core"): each <= 100 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier import audit  # noqa: E402
from dossier.codes import format_code  # noqa: E402
from dossier.model import now_iso  # noqa: E402
from dossier.workspace import Workspace  # noqa: E402

AGENCY = "000.00.00.H38"
PER_DOSSIER = 4
PER_DAY = 100
FIRST_DAY = date(2025, 1, 2)


def _days(count: int) -> list[date]:
    """Working days (Monday to Friday) from FIRST_DAY."""
    days, day = [], FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _extraction(rng: random.Random, index: int) -> str:
    fields = {name: {"value": value, "confidence": round(rng.uniform(0.7, 1.0), 3), "page": 1,
                     "bbox": [rng.randrange(2000) for _ in range(4)]}
              for name, value in (("full_name", f"Nguyễn Văn {index}"), ("personal_id", f"079{index:09d}"),
                                  ("address", f"Số {index}, đường Lê Lợi, phường Bến Thành, TP Hồ Chí Minh"),
                                  ("phone", f"09{index:08d}"), ("procedure_code", "1.011442.000.00.00.H38"),
                                  ("received_date", "2025-03-12"), ("appointment_date", "2025-03-19"))}
    return json.dumps({"document_type": "application_form", "pages": 2, "fields": fields, "problems": [],
                       "text": "TỜ KHAI ĐĂNG KÝ " * 40}, ensure_ascii=False)


def build(folder: Path, documents: int) -> dict[str, float]:
    """Fast bulk insert: one transaction per 10,000 documents, synchronous off while building
    (the build is a fixture, not the workload measured)."""
    rng = random.Random(7)
    dossiers = documents // PER_DOSSIER
    days = _days(-(-dossiers // PER_DAY))
    started = time.perf_counter()
    with Workspace.open(folder, user="bench") as ws:  # creates the schema, as the app would
        batch = ws.create_batch(device="bench", profile="dossier_intake")
    # The rows go in through a connection of the builder's own: Workspace.reading() is a
    # query-only connection of its own on a thread outside a write transaction (so the
    # window's reads never wait for the lock), which refused the ANALYZE below ("attempt to
    # write a readonly database") and took the synchronous=OFF meant for the writer; and the
    # workspace's writer cannot change its safety level inside writing()'s transaction.
    at = now_iso()
    with closing(sqlite3.connect(folder / "sohoa.db", isolation_level=None)) as db:
        db.execute("PRAGMA synchronous=OFF")
        for chunk in range(0, dossiers, 2500):
            with _transaction(db):
                rows = []
                for n in range(chunk, min(chunk + 2500, dossiers)):
                    day = days[n // PER_DAY]
                    rows.append((n + 1, format_code(AGENCY, day, n % PER_DAY + 1), "1.011442.000.00.00.H38",
                                 f"Nguyễn Văn {n}", f"079{n:09d}", day.isoformat(),
                                 (day + timedelta(days=7)).isoformat(), at))
                db.executemany("INSERT INTO dossiers (id, code, procedure_code, applicant_name, applicant_personal_id,"
                               " received_date, appointment_date, code_issued, created_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)", rows)
                docs, pages, extractions = [], [], []
                for dossier_id, *_ in rows:
                    for position in range(1, PER_DOSSIER + 1):
                        doc_id = (dossier_id - 1) * PER_DOSSIER + position
                        state = rng.choice(("uploaded",) * 8 + ("extracted", "signed"))
                        docs.append((doc_id, dossier_id, batch.id, position, state, at, at))
                        for page in (1, 2):
                            pages.append((doc_id, page, f"pages/{doc_id}-{page}.png", "0" * 64,
                                          f"pages/ocr/{doc_id}-{page}.json", at))
                        extractions.append((doc_id, _extraction(rng, doc_id), at))
                db.executemany("INSERT INTO documents (id, dossier_id, batch_id, kind, position, state, created_at,"
                               " updated_at) VALUES (?, ?, ?, 'dossier_component', ?, ?, ?, ?)", docs)
                db.executemany("INSERT INTO pages (document_id, position, image_path, image_sha256, ocr_path,"
                               " created_at) VALUES (?, ?, ?, ?, ?, ?)", pages)
                db.executemany("INSERT INTO extractions (document_id, json, saved_at) VALUES (?, ?, ?)", extractions)
                for doc_id, *_ in docs:
                    for action in ("document.added", "document.extracted", "document.state"):
                        audit.append(db, "bench", action, document_id=doc_id, details={"state": "x"})
        db.execute("ANALYZE")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"build_s": time.perf_counter() - started}


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction, as Workspace.writing() makes them (audit.append refuses to run outside one)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _evict(folder: Path) -> None:
    """Drop the database files from the OS page cache (no root needed for clean pages)."""
    for name in ("sohoa.db", "sohoa.db-wal", "sohoa.db-shm"):
        path = folder / name
        if path.exists():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


_COLD = """
import json, sys, time
t0 = time.perf_counter()
from dossier.workspace import Workspace
t1 = time.perf_counter()
ws = Workspace.open(sys.argv[1])
t2 = time.perf_counter()
listed = ws.dossiers_of_day(sys.argv[2])
t3 = time.perf_counter()
found = ws.find_dossier(sys.argv[3])
t4 = time.perf_counter()
assert listed and found is not None
print(json.dumps({"import": t1 - t0, "open": t2 - t1, "list": t3 - t2, "find": t4 - t3, "n": len(listed)}))
"""


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.2f} ms"


def measure(folder: Path, runs: int) -> None:
    rng = random.Random(11)
    with Workspace.open(folder) as ws, ws.reading() as db:
        days = [row[0] for row in db.execute("SELECT DISTINCT received_date FROM dossiers")]
        codes = [row[0] for row in db.execute("SELECT code FROM dossiers WHERE id % 97 = 0")]
        documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        dossiers = db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
        events = db.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0]
    size = sum(p.stat().st_size for p in folder.glob("sohoa.db*"))
    print(f"workspace: {documents} documents, {dossiers} dossiers over {len(days)} days, {events} audit events, "
          f"database {size / 1e6:.0f} MB")

    opens, lists, listed_full, finds = [], [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        ws = Workspace.open(folder)
        opens.append(time.perf_counter() - t0)
        day, code = rng.choice(days), rng.choice(codes)
        t0 = time.perf_counter()
        listed = ws.dossiers_of_day(day)
        lists.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for dossier in listed:  # what a day's list on screen shows: each dossier with its documents
            ws.documents_of(dossier.id)
        listed_full.append(time.perf_counter() - t0 + lists[-1])
        t0 = time.perf_counter()
        found = ws.find_dossier(code)
        finds.append(time.perf_counter() - t0)
        assert found is not None and found.code == code and len(listed) == PER_DAY
        ws.close()

    cold: dict[str, list[float]] = {"import": [], "open": [], "list": [], "find": []}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(runs):
        _evict(folder)
        out = subprocess.run([sys.executable, "-c", _COLD, str(folder), rng.choice(days), rng.choice(codes)],
                             check=True, capture_output=True, text=True, env=env).stdout
        for key, value in json.loads(out).items():
            if key in cold:
                cold[key].append(value)

    print(f"median of {runs} runs               warm          cold (new process, files evicted from the page cache)")
    print(f"open the workspace             {_median_ms(opens)}    {_median_ms(cold['open'])}"
          f"   (+ imports {_median_ms(cold['import']).strip()})")
    print(f"list a day's dossiers ({PER_DAY})    {_median_ms(lists)}    {_median_ms(cold['list'])}")
    print(f"  ... with their documents     {_median_ms(listed_full)}")
    print(f"find a dossier by code         {_median_ms(finds)}    {_median_ms(cold['find'])}")
    with Workspace.open(folder) as ws:
        t0 = time.perf_counter()
        report = audit.verify(ws)
        print(f"verify the audit trail ({report.events} events, once): {time.perf_counter() - t0:.2f} s, "
              f"intact={report.intact}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, help="workspace to build or reuse (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sohoa-ws-bench-") as scratch:
        folder = args.folder or Path(scratch) / "ws"
        if not (folder / "sohoa.db").exists():
            print(f"building {args.documents} documents in {folder} ...", flush=True)
            print(f"built in {build(folder, args.documents)['build_s']:.0f} s")
        measure(folder, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
