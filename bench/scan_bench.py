"""Scanner benchmark: pages/min from SANE's `test` device at 300 dpi colour, written losslessly.

    .venv/bin/python bench/scan_bench.py [--pages 100] [--dpi 300] [--out DIR]

``--out DIR`` keeps the pages: each configuration writes into its own subfolder of DIR, emptied
before its run. DIR must be new or empty, or one this benchmark made before (it leaves a
``.scan-bench`` mark in it); anything else is refused, so a mistyped folder is never emptied.

Prints, side by side on the same pages (2362×2362 RGB, the device's 200×200 mm maximum):
- the driver alone (python-sane in this process, pages discarded) — the peer;
- the driver plus writing each page in each lossless format (uncompressed TIFF, PNG level 1, PNM);
- the same through the WorkerBridge (driver in a spawned worker, pages spooled as .npy), so the
  ratio shows what process isolation costs;
- the production path: a ScanOperation on the ScannerQueue (worker, TIFF, fsync);
- hang detection: a driver that blocks forever after two pages (the test double
  tests/scanner/doubles.py HangingBackend) behind the default watchdog, timed from the last
  page reported to the DriverHung, with the longest stall of the caller's thread meanwhile.
The test device's feeder is "empty" after 10 sheets, so the bench reloads it (a new ADF batch)
until --pages pages have been read; each batch re-opens the device, as a clerk reloading would.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scanner import ColorMode, NeverCancel, Page, PageFormat, SaneBackend, ScanSettings, Source, WorkerBridge  # noqa: E402
from scanner.bridge import DEFAULT_TIMEOUT  # noqa: E402
from scanner.errors import DriverHung  # noqa: E402
from scanner.operation import OperationState, ScannerQueue, ScanOperation  # noqa: E402
from scanner.backend import Cancel  # noqa: E402
from scanner.errors import FeederEmpty  # noqa: E402
from scanner.pagefile import write_page  # noqa: E402

DEVICE = "sane:test:0"
MARK = ".scan-bench"  # in an --out folder this benchmark made: its subfolders are its own to empty


@dataclass(frozen=True)
class ReloadedFeeder(SaneBackend):
    """The SANE backend, with the test device's 10-sheet feeder reloaded until ``pages`` are read."""

    pages: int = 100

    def scan(self, device_id: str, settings: ScanSettings, cancel: Cancel) -> Iterator[Page]:
        count = 0
        while count < self.pages and not cancel.is_set():
            try:
                for page in SaneBackend.scan(self, device_id, settings, cancel):
                    yield Page(page.image, page.dpi, count, page.side, page.source)
                    count += 1
                    if count == self.pages:
                        return
            except FeederEmpty:  # the simulated feeder counts sheets across batches; reload
                continue


def enable_test_device(folder: Path) -> None:
    conf = folder / "sane.d"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "dll.conf").write_text("test\n")
    shutil.copy("/etc/sane.d/test.conf", conf / "test.conf")
    os.environ["SANE_CONFIG_DIR"] = str(conf)


def write_pnm(page: Page, folder: Path) -> Path:
    path = folder / f"page-{page.index + 1:04d}.ppm"
    page.to_pil().save(path, format="PPM")
    return path


def output_folder(folder: Path) -> Path:
    """``folder`` for --out: new, empty, or made by this benchmark before; else SystemExit."""
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / MARK).exists())):
        raise SystemExit(f"--out {folder}: the folder exists and holds files this benchmark did not write; "
                         "name a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARK).write_text("pages written by bench/scan_bench.py; its subfolders are emptied on each run\n")
    return folder


def fresh(folder: Path) -> Path:
    """A run's own subfolder, emptied (only ever a subfolder of a marked or temporary folder)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def run(backend, settings: ScanSettings, writer, out: Path | None) -> float:
    if out:
        fresh(out)
    started = time.perf_counter()
    n = 0
    for page in backend.scan(DEVICE, settings, NeverCancel()):
        if writer:
            writer(page, out)
        n += 1
    elapsed = time.perf_counter() - started
    assert n == backend_pages(backend), n
    return elapsed


def run_operation(backend, settings: ScanSettings, out: Path, pages: int) -> float:
    """The path `sohoa scan` and the desktop take: an operation on the scanner's queue."""
    fresh(out)  # an operation appends to a folder that has pages
    queue = ScannerQueue(lambda device_id: backend)
    started = time.perf_counter()
    op = queue.submit(ScanOperation(DEVICE, settings, out))
    op.wait()
    elapsed = time.perf_counter() - started
    queue.close()
    assert op.state is OperationState.DONE and len(op.pages) == pages, (op.state, op.error)
    return elapsed


def hang_detection(folder: Path) -> tuple[float, float, int]:
    """(seconds from the last page to DriverHung, longest stall of this thread in s, pages kept)."""
    from tests.scanner.doubles import HangingBackend  # TEST DOUBLE: blocks forever after 2 pages

    marks: dict[str, float] = {}
    op = ScanOperation(
        "double:0", ScanSettings(Source.ADF, 150), folder,
        on_page=lambda o, path, page: marks.__setitem__("page", time.monotonic()),
        on_state=lambda o: marks.__setitem__("end", time.monotonic()) if o.state.finished else None,
    )
    queue = ScannerQueue(lambda device_id: WorkerBridge(HangingBackend(good_pages=2)))  # default timeout
    queue.submit(op)
    worst, last = 0.0, time.monotonic()
    while not op.finished:  # the caller's event loop keeps turning while the driver hangs
        time.sleep(0.01)
        now = time.monotonic()
        worst, last = max(worst, now - last), now
    queue.close()
    assert isinstance(op.error, DriverHung), op.error
    return marks["end"] - marks["page"], worst, len(op.pages)


def backend_pages(backend) -> int:
    return (backend.backend if isinstance(backend, WorkerBridge) else backend).pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--out", type=Path, default=None, help="folder for the pages (default: a temp dir)")
    args = parser.parse_args()

    kept = output_folder(args.out) if args.out else None
    work = Path(tempfile.mkdtemp(prefix="scan-bench-"))
    enable_test_device(work)
    out = kept or work / "pages"
    settings = ScanSettings(Source.ADF, args.dpi, ColorMode.COLOR)
    local = ReloadedFeeder(pages=args.pages, extra_options=(("test_picture", "Color pattern"),))
    bridge = WorkerBridge(local)

    rows = [
        ("driver only, in-process (peer)", local, None),
        ("in-process + TIFF uncompressed", local, lambda p, d: write_page(p, d, PageFormat.TIFF)),
        ("in-process + PNG level 1", local, lambda p, d: write_page(p, d, PageFormat.PNG)),
        ("in-process + PNM", local, write_pnm),
        ("driver only, worker process", bridge, None),
        ("worker process + TIFF uncompressed", bridge, lambda p, d: write_page(p, d, PageFormat.TIFF)),
    ]
    times = {}
    print(f"{args.pages} pages, {args.dpi} dpi colour, SANE test device, out={out}")
    print(f"{'configuration':38s} {'s':>7s} {'pages/min':>10s} {'ms/page':>8s} {'vs peer':>8s}")
    for number, (label, backend, writer) in enumerate(rows, start=1):
        folder = out / f"{number}-{'-'.join(''.join(c if c.isalnum() else ' ' for c in label).split())}" \
            if writer else None
        elapsed = run(backend, settings, writer, folder)
        times[label] = elapsed
        peer = times[rows[0][0]]
        size = sum(f.stat().st_size for f in folder.iterdir()) if folder else 0
        extra = f"  {size / args.pages / 1e6:.1f} MB/page" if writer else ""
        print(
            f"{label:38s} {elapsed:7.2f} {args.pages / elapsed * 60:10.0f} "
            f"{elapsed / args.pages * 1000:8.1f} {elapsed / peer:8.2f}x{extra}"
        )
    peer = times[rows[0][0]]
    tiff_local = times[rows[1][0]]
    print(f"per-page overhead beyond the driver (TIFF, in-process): {(tiff_local - peer) / args.pages * 1000:.1f} ms")
    print(
        "worker isolation cost (TIFF): "
        f"{(times[rows[5][0]] - tiff_local) / args.pages * 1000:.1f} ms/page "
        f"({times[rows[5][0]] / tiff_local:.2f}x), including one process spawn"
    )
    elapsed = run_operation(bridge, settings, out / "operation", args.pages)
    print(f"{'ScanOperation on the queue (worker+TIFF)':38s} {elapsed:7.2f} {args.pages / elapsed * 60:10.0f} "
          f"{elapsed / args.pages * 1000:8.1f} {elapsed / peer:8.2f}x")
    detected, stall, kept = hang_detection(work / "hang")
    print(f"hang detection (driver blocks after 2 pages, watchdog {DEFAULT_TIMEOUT:g} s): DriverHung "
          f"{detected:.2f} s after the last page; caller's longest stall {stall * 1000:.0f} ms; {kept} pages kept")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
