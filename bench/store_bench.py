"""Data-store benchmark: N documents of 300 KB through the durable outbox to the reference store on loopback.

    .venv/bin/python bench/store_bench.py [--documents 1000] [--size 300000] [--database sqlite|postgresql]
    .venv/bin/python bench/store_bench.py --clients 20 --documents 2000     # concurrent workstations
    .venv/bin/python bench/store_bench.py --big 1024                         # one 1 GB PDF: peak memory
    .venv/bin/python bench/store_bench.py --soak 200 --documents 2000        # client killed 200 times

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


def _rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 1e6


def concurrent(work: Path, store: StoreProcess, credentials: StoreCredentials, clients: int, documents: int,
               size: int) -> None:
    """``clients`` workstations at once, each with its own outbox, ``documents`` uploads in all."""
    from concurrent.futures import ThreadPoolExecutor

    per_client = documents // clients

    def workstation(n: int) -> tuple[list[float], int, list[str]]:
        client = StoreClient(credentials)
        outbox = Outbox(work / f"outbox{n}")
        latencies, errors, hashes = [], 0, []
        for i in range(per_client):
            source = _pdf(work / f"c{n}-{i}.pdf", size)
            metadata = _metadata(source)
            started = time.perf_counter()
            [entry] = outbox.send(client, outbox.queue(source, metadata))
            latencies.append(time.perf_counter() - started)
            errors += entry.state is not State.DONE
            hashes.append(str(metadata["sha256"]))
            source.unlink()
        return latencies, errors, hashes

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(workstation, range(clients)))
    elapsed = time.perf_counter() - started
    latencies = [t for r in results for t in r[0]]
    errors = sum(r[1] for r in results)
    sent = {h for r in results for h in r[2]}
    stored = StoreClient(credentials).find_documents(dossier_code="BENCH-1")
    stored_hashes = [d["sha256"] for d in stored]
    duplicates = len(stored_hashes) - len(set(stored_hashes))
    lost = len(sent - set(stored_hashes))
    cuts = quantiles(latencies, n=100, method="inclusive")
    print(f"{clients} concurrent clients, {len(latencies)} uploads of {size} bytes in {elapsed:.1f} s: "
          f"{len(latencies) / elapsed:.1f} docs/s, p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms")
    print(f"errors {errors}, lost {lost}, duplicates {duplicates} (store holds {len(stored_hashes)} documents)")


def big_file(work: Path, store: StoreProcess, credentials: StoreCredentials, megabytes: int) -> None:
    """One very large PDF through outbox and store; peak RSS of both processes."""
    import threading

    source = work / "big.pdf"
    with source.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        block = os.urandom(1 << 20)
        for _ in range(megabytes):
            fh.write(block)
        fh.write(b"\n%%EOF\n")
    metadata = _metadata_streamed(source)
    peaks = {"client": _rss_mb(os.getpid()), "server": _rss_mb(store.process.pid)}  # type: ignore[union-attr]
    baseline = dict(peaks)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peaks["client"] = max(peaks["client"], _rss_mb(os.getpid()))
            peaks["server"] = max(peaks["server"], _rss_mb(store.process.pid))  # type: ignore[union-attr]
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    outbox = Outbox(work / "outbox-big")
    [entry] = outbox.send(StoreClient(credentials), outbox.queue(source, metadata))
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    assert entry.state is State.DONE, entry.last_error
    print(f"{megabytes} MB PDF through outbox and store in {elapsed:.1f} s; peak RSS client {peaks['client']:.0f} MB "
          f"(+{peaks['client'] - baseline['client']:.0f}), server {peaks['server']:.0f} MB "
          f"(+{peaks['server'] - baseline['server']:.0f})")


def soak(work: Path, credentials: StoreCredentials, kills: int, documents: int, size: int) -> None:
    """Kill a sending workstation (SIGKILL) ``kills`` times at random moments, then let it finish."""
    import random
    import signal
    import subprocess

    sources = work / "sources"
    sources.mkdir()
    for i in range(documents):
        _pdf(sources / f"{i:05d}.pdf", size)
    env = {**os.environ, "SOHOA_STORE_URL": credentials.url, "SOHOA_STORE_CLIENT_ID": credentials.client_id,
           "SOHOA_STORE_CLIENT_SECRET": credentials.client_secret}
    child = [sys.executable, __file__, "--soak-child", str(work)]
    rng = random.Random(7)
    started = time.perf_counter()
    for _ in range(kills):
        process = subprocess.Popen(child, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.2))  # start-up takes ~0.3 s: kill mostly mid-work
        process.send_signal(signal.SIGKILL)
        process.wait()
    subprocess.run(child, env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    stored = [d["sha256"] for d in StoreClient(credentials).find_documents(dossier_code="BENCH-1")]
    expected = {str(_metadata(p)["sha256"]) for p in sources.iterdir()}
    print(f"soak: {kills} SIGKILLs of the sending client over {documents} documents in {elapsed:.0f} s: "
          f"lost {len(expected - set(stored))}, duplicated {len(stored) - len(set(stored))}, "
          f"unexpected {len(set(stored) - expected)}")


def _soak_child(work: Path) -> None:
    """One life of the soak's workstation: queue what is not queued yet, then send everything."""
    from datastore.credentials import load_credentials

    outbox = Outbox(work / "outbox")
    marks = work / "queued"
    marks.mkdir(exist_ok=True)
    for source in sorted((work / "sources").iterdir()):
        if not (marks / source.name).exists():
            outbox.queue(source, _metadata(source))  # a kill here may queue it twice: the store keeps one
            (marks / source.name).touch()
    outbox.send(StoreClient(load_credentials()))


def _metadata_streamed(path: Path) -> dict[str, object]:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return {"schema": "sohoa.document/1", "kind": "result", "dossier_code": "BENCH-1", "pages": 1,
            "bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--size", type=int, default=300_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--clients", type=int, default=0, help="concurrent workstations (0: the serial run)")
    parser.add_argument("--big", type=int, default=0, metavar="MB", help="send one PDF of this size")
    parser.add_argument("--soak", type=int, default=0, metavar="KILLS", help="SIGKILL the client this many times")
    parser.add_argument("--soak-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.soak_child:
        return _soak_child(args.soak_child)
    cluster = None
    options: dict[str, object] = {}
    if args.database == "postgresql":
        from tests.datastore.postgres import start_cluster

        cluster = start_cluster()
        options["database_url"] = cluster.new_database()
    if args.big:
        options["max_bytes"] = (args.big + 16) << 20
    try:
        with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
            work = Path(tmp)
            client_id, secret = add_client(work / "store", "bench", database_url=options.get("database_url"))
            store = StoreProcess(work / "store", options).start()
            credentials = StoreCredentials(store.url, client_id, secret)
            try:
                if args.big:
                    return big_file(work, store, credentials, args.big)
                if args.soak:
                    return soak(work, credentials, args.soak, args.documents, args.size)
                if args.clients:
                    return concurrent(work, store, credentials, args.clients, args.documents, args.size)
                serial(work, credentials, args.documents, args.size, args.database)
            finally:
                store.stop()
    finally:
        if cluster:
            cluster.stop()


def serial(work: Path, credentials: StoreCredentials, documents: int, size: int, database: str) -> None:
    """Queue then send ``documents`` one by one; the peer is a bare streamed PUT of as many others."""
    client = StoreClient(credentials)
    outbox = Outbox(work / "outbox")
    sources = [_pdf(work / f"doc{i}.pdf", size) for i in range(documents)]
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
    put_times = []
    for i in range(documents):
        peer = _pdf(work / f"peer{i}.pdf", size)
        metadata = _metadata(peer)
        started = time.perf_counter()
        client.put_document(peer, metadata, str(metadata["sha256"]))
        put_times.append(time.perf_counter() - started)
    print(f"{documents} documents of {size} bytes, {database} catalog, store and client on loopback, "
          f"{os.cpu_count()} cores")
    print(_line("outbox queue", queue_times))
    print(_line("outbox send", send_times))
    print(_line("queue + send", [q + s for q, s in zip(queue_times, send_times)]))
    print(_line("peer: bare PUT", put_times))
    print(f"outbox (queue + send) / bare PUT time: {(sum(queue_times) + sum(send_times)) / sum(put_times):.2f}x")


if __name__ == "__main__":
    main()
