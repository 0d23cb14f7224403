"""Data-store benchmark: N documents of 300 KB through the durable outbox to the reference store on loopback.

    .venv/bin/python bench/store_bench.py [--documents 200] [--size 300000]

Prints documents/s and p50/p99 latency for queueing (copy + fsync into the outbox), for sending
one entry (token reuse, streamed PUT, store fsyncs, receipt check, clean-up), and, as the peer,
a bare streamed PUT of other documents of the same size without the outbox, so the ratio shows
what durability costs.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import quantiles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datastore.client import StoreClient  # noqa: E402
from datastore.credentials import StoreCredentials  # noqa: E402
from datastore.outbox import Outbox, State  # noqa: E402
from datastore.server import add_client  # noqa: E402
from tests.datastore.store_process import StoreProcess  # noqa: E402


def _pdf(path: Path, size: int) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(size - 16) + b"\n%%EOF\n")
    return path


def _metadata(path: Path) -> dict[str, object]:
    data = path.read_bytes()
    return {"schema": "sohoa.document/1", "kind": "result", "dossier_code": "BENCH-1", "pages": 3,
            "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _line(name: str, seconds: list[float]) -> str:
    cuts = quantiles(seconds, n=100, method="inclusive")
    return (f"{name:<22} {len(seconds) / sum(seconds):8.1f} docs/s   p50 {cuts[49] * 1000:7.1f} ms"
            f"   p99 {cuts[98] * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--size", type=int, default=300_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        work = Path(tmp)
        client_id, secret = add_client(work / "store", "bench")
        store = StoreProcess(work / "store").start()
        try:
            client = StoreClient(StoreCredentials(store.url, client_id, secret))
            outbox = Outbox(work / "outbox")
            sources = [_pdf(work / f"doc{i}.pdf", args.size) for i in range(args.documents)]
            queue_times, send_times, ids = [], [], []
            for source in sources:
                started = time.perf_counter()
                ids.append(outbox.queue(source, _metadata(source)))
                queue_times.append(time.perf_counter() - started)
            client.token()
            for entry_id in ids:
                started = time.perf_counter()
                [entry] = outbox.send(client, entry_id)
                send_times.append(time.perf_counter() - started)
                assert entry.state is State.DONE, entry.last_error
            peers = [_pdf(work / f"peer{i}.pdf", args.size) for i in range(args.documents)]
            put_times = []
            for peer in peers:
                metadata = _metadata(peer)
                started = time.perf_counter()
                client.put_document(peer, metadata, str(metadata["sha256"]))
                put_times.append(time.perf_counter() - started)
        finally:
            store.stop()
    print(f"{args.documents} documents of {args.size} bytes, store and client on loopback, {os.cpu_count()} cores")
    print(_line("outbox queue", queue_times))
    print(_line("outbox send", send_times))
    print(_line("queue + send", [q + s for q, s in zip(queue_times, send_times)]))
    print(_line("peer: bare PUT", put_times))
    print(f"outbox (queue + send) / bare PUT time: {(sum(queue_times) + sum(send_times)) / sum(put_times):.2f}x")


if __name__ == "__main__":
    main()
