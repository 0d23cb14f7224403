"""eSCL benchmark: pages/min from the eSCL test double on 127.0.0.1, 300 dpi colour A4.

    .venv/bin/python bench/escl_bench.py [--pages 100] [--dpi 300] [--format image/jpeg]

The server (tests/scanner/escl_server.py, a test double: no network scanner runs here)
serves one generated Decree-30 page, encoded once, for every sheet of an ADF job, so
the figures are the client's cost: HTTP over loopback, decoding, the worker process.
Rows, on the same pages:
- transfer only: NextDocument bytes read with requests, not decoded (the peer: what any
  eSCL client must at least do);
- the driver in-process (EsclBackend: bytes → Page), then with each page written as
  uncompressed TIFF;
- the same through the WorkerBridge (driver in a spawned worker, pages spooled as .npy).
A real scanner is slower than all of these (an office MFP reads 20-40 A4 pages/min);
the point is how little the software adds. Last, how long a frozen device takes to be
reported, with the driver's defaults.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scanner import A4, ColorMode, NeverCancel, PageFormat, ScanSettings, Source, WorkerBridge  # noqa: E402
from scanner.escl import EsclClient  # noqa: E402
from scanner.escl_backend import EsclBackend  # noqa: E402
from scanner.pagefile import write_page  # noqa: E402
from tests.docgen import generate_document  # noqa: E402
from tests.scanner.escl_server import EsclTestServer  # noqa: E402


def transfer_only(server: EsclTestServer, settings: ScanSettings, fmt: str) -> int:
    """Create the job as the driver does, then only pull the bytes."""
    from scanner.escl import parse_capabilities, scan_settings_xml

    with EsclClient(server.url) as client:
        caps = parse_capabilities(client.get("ScannerCapabilities").content)
        reply = client.create_job(scan_settings_xml(settings, caps.sources[settings.source], fmt))
        job = client.job_path(reply.headers["Location"])
        n = 0
        while True:
            page = client.next_document(job, 30)
            if page.status_code == 404:
                return n
            page.raise_for_status()
            _ = page.content
            n += 1


def hang_detection(page, settings: ScanSettings) -> float:
    """Seconds from the last page to DriverHung when the device stops answering anything."""
    from scanner import DriverHung
    from tests.scanner.escl_server import Faults

    with EsclTestServer(sheets=5, faults=Faults(hang_after=2), resolutions=(settings.dpi,), fixed_page=page) as server:
        last = time.perf_counter()
        try:
            for _ in WorkerBridge(EsclBackend(manual=(server.url,), discover=False)).scan(server.device_id, settings):
                last = time.perf_counter()
        except DriverHung:
            return time.perf_counter() - last
    raise AssertionError("the hang was not reported")


def run(label: str, pages: int, action) -> float:
    started = time.perf_counter()
    n = action()
    elapsed = time.perf_counter() - started
    assert n == pages, (label, n)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--format", default="image/jpeg", choices=("image/jpeg", "image/png", "application/pdf"))
    args = parser.parse_args()

    page = generate_document(seed=3, document_type="decision", dpi=args.dpi, pages=1).pages[0].image
    settings = ScanSettings(Source.ADF, args.dpi, ColorMode.COLOR, A4)
    work = Path(tempfile.mkdtemp(prefix="escl-bench-"))
    out = work / "pages"
    with EsclTestServer(sheets=args.pages, formats=(args.format,), resolutions=(args.dpi,),
                        fixed_page=page) as server:
        backend = EsclBackend(manual=(server.url,), discover=False)
        bridge = WorkerBridge(backend)

        def scan(driver, write: bool):
            def action() -> int:
                server.sheets = args.pages  # reload the feeder
                if write:
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir(parents=True)
                n = 0
                for p in driver.scan(server.device_id, settings, NeverCancel()):
                    if write:
                        write_page(p, out, PageFormat.TIFF)
                    n += 1
                return n
            return action

        def peer() -> int:
            server.sheets = args.pages
            return transfer_only(server, settings, args.format)

        rows = [
            ("transfer only, no decoding (peer)", peer),
            ("driver in-process", scan(backend, False)),
            ("driver in-process + TIFF", scan(backend, True)),
            ("driver in worker process", scan(bridge, False)),
            ("worker process + TIFF", scan(bridge, True)),
        ]
        server.sheets = 1
        transfer_only(server, settings, args.format)  # the server encodes its page once, untimed
        print(f"{args.pages} pages, {args.dpi} dpi colour A4 ({page.width}x{page.height}), {args.format}, "
              f"eSCL test double on 127.0.0.1")
        print(f"{'configuration':36s} {'s':>7s} {'pages/min':>10s} {'ms/page':>8s} {'vs peer':>8s}")
        times: dict[str, float] = {}
        for label, action in rows:
            times[label] = elapsed = run(label, args.pages, action)
            peer_time = times[rows[0][0]]
            print(f"{label:36s} {elapsed:7.2f} {args.pages / elapsed * 60:10.0f} "
                  f"{elapsed / args.pages * 1000:8.1f} {elapsed / peer_time:8.2f}x")
        size = len(server.page_bytes(server.record.jobs[-1], 1, False))
        print(f"page size on the wire: {size / 1e6:.2f} MB")
    print(f"a device that freezes after page 2 is reported after {hang_detection(page, settings):.1f} s "
          "(defaults, through the worker)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
