"""OCR benchmark: sohoa vs OCRmyPDF vs raw tesseract, side by side on the same pages.

    ./setup.sh --bench && .venv/bin/python bench/ocr_bench.py [--pages 20] [--long 200]

Generates A4 pages at 300 dpi (half clean, half degraded like real scans), then runs
  - ``sohoa ocr --jobs 2 --pdfa`` on the PNGs,
  - ``ocrmypdf -l vie --jobs 2 --output-type pdfa`` on a PDF of the same images,
  - raw ``tesseract IMG out -l vie tsv`` with OMP_THREAD_LIMIT=1, two at a time,
and prints pages per minute, the ratios, peak memory (RSS of the whole process tree),
output size per page and the character error rate per engine on clean and degraded
pages. ``--long N`` also runs sohoa alone on an N-page job to show its peak memory.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.docgen import Block, degrade, generate_document  # noqa: E402
from tests.metrics import PdfWord, blockwise_cer, pdf_words  # noqa: E402


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    out_bytes: int
    cer_clean: float
    cer_degraded: float


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``cmd`` and all its children."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in procs if p.is_running())
            peak = max(peak, rss / 1e6)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read().decode()[-2000:]}")
    return seconds, peak


def make_pages(count: int, workdir: Path, seed: int) -> list[tuple[Path, object, object]]:
    """(png, ground-truth clean page, the page as scanned or None when clean) for ``count`` pages."""
    pages = []
    types = ["decision", "official_letter", "notice", "report", "submission", "plan", "certificate",
             "license", "application_form", "receipt"]
    for i in range(count):
        doc = generate_document(seed=seed + i, document_type=types[i % len(types)], dpi=300, pages=1)
        clean = doc.pages[0]
        degraded = i % 2 == 1
        page = degrade(clean, seed=seed + i, skew_deg=None) if degraded else clean
        path = workdir / f"page-{i:03d}.png"
        page.image.save(path, dpi=(300, 300))
        pages.append((path, clean, page if degraded else None))
    return pages


def cer_split(pages: list[tuple[Path, object, object]], words_by_page: dict[int, list[PdfWord]]) -> tuple[float, float]:
    """Mean CER on clean and on degraded pages. An engine that does not straighten
    pages is scored against the blocks where they lie on the skewed scan, one that
    does against the clean page's: each engine gets the geometry that suits it."""
    clean, degraded = [], []
    for i, (_, truth, scan) in enumerate(pages):
        words = words_by_page.get(i + 1, [])
        value = blockwise_cer(truth.blocks, words)
        if scan is not None:
            moved = [Block(b.name, scan.image_bbox(b.bbox), b.text) for b in truth.blocks]
            value = min(value, blockwise_cer(moved, words))
        (degraded if scan is not None else clean).append(value)
    return (mean(clean) if clean else 0.0, mean(degraded) if degraded else 0.0)


def words_by_page(words: list[PdfWord]) -> dict[int, list[PdfWord]]:
    grouped: dict[int, list[PdfWord]] = {}
    for word in words:
        grouped.setdefault(word.page, []).append(word)
    return grouped


def run_sohoa(pages, workdir: Path, jobs: int) -> Run:
    out = workdir / "sohoa.pdf"
    cmd = [str(ROOT / ".venv/bin/sohoa"), "ocr", *[str(p) for p, _, _ in pages], "-o", str(out),
           "--pdfa", "--jobs", str(jobs), "-q"]
    seconds, peak = measure(cmd)
    clean, degraded = cer_split(pages, words_by_page(pdf_words(out, 300)))
    return Run("sohoa ocr", seconds, peak, out.stat().st_size, clean, degraded)


def run_ocrmypdf(pages, workdir: Path, jobs: int) -> Run | None:
    bench = ROOT / ".venv-bench/bin"
    if not (bench / "ocrmypdf").exists():
        print("OCRmyPDF is not installed: run ./setup.sh --bench", file=sys.stderr)
        return None
    images = workdir / "images.pdf"
    subprocess.run([str(bench / "img2pdf"), *[str(p) for p, _, _ in pages], "-o", str(images)], check=True)
    out = workdir / "ocrmypdf.pdf"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = [str(bench / "ocrmypdf"), "-l", "vie", "--jobs", str(jobs), "--output-type", "pdfa", "-q",
           str(images), str(out)]
    seconds, peak = measure(cmd, env)
    clean, degraded = cer_split(pages, words_by_page(pdf_words(out, 300)))
    return Run("ocrmypdf", seconds, peak, out.stat().st_size, clean, degraded)


def run_tesseract(pages, workdir: Path, jobs: int) -> Run:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    script = workdir / "raw.sh"
    lines = [f"tesseract {p} {workdir / p.stem} -l vie tsv 2>/dev/null" for p, _, _ in pages]
    script.write_text("\n".join(lines) + "\n")
    cmd = ["bash", "-c", f"xargs -P {jobs} -I CMD bash -c CMD < {script}"]
    seconds, peak = measure(cmd, env)
    from ocr.engine import parse_tsv

    grouped: dict[int, list[PdfWord]] = {}
    for i, (p, _, _) in enumerate(pages):
        words = parse_tsv((workdir / f"{p.stem}.tsv").read_text(encoding="utf-8"))
        grouped[i + 1] = [PdfWord(w.text, i + 1, tuple(map(float, w.bbox))) for w in words]
    clean, degraded = cer_split(pages, grouped)
    size = sum((workdir / f"{p.stem}.tsv").stat().st_size for p, _, _ in pages)
    return Run("tesseract (raw, tsv)", seconds, peak, size, clean, degraded)


def long_job(pages, workdir: Path, count: int, jobs: int) -> None:
    files = [pages[i % len(pages)][0] for i in range(count)]
    out = workdir / "long.pdf"
    cmd = [str(ROOT / ".venv/bin/sohoa"), "ocr", *map(str, files), "-o", str(out), "--pdfa", "--jobs", str(jobs), "-q"]
    seconds, peak = measure(cmd)
    print(f"\n{count}-page job: {seconds:.0f} s ({60 * count / seconds:.1f} pages/min), peak memory {peak:.0f} MB, "
          f"{out.stat().st_size / count / 1024:.0f} KB/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--long", type=int, default=0, metavar="N", help="also run an N-page job (memory)")
    parser.add_argument("--keep", type=Path, help="keep the pages and outputs in this folder")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="sohoa-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"generating {args.pages} A4 pages at 300 dpi in {workdir} ...", flush=True)
    pages = make_pages(args.pages, workdir, args.seed)
    runs = [run_sohoa(pages, workdir, args.jobs)]
    peer = run_ocrmypdf(pages, workdir, args.jobs)
    if peer:
        runs.append(peer)
    runs.append(run_tesseract(pages, workdir, args.jobs))
    n = len(pages)
    print(f"\n{n} pages, --jobs {args.jobs}, {os.cpu_count()} cores\n")
    print(f"{'engine':24} {'pages/min':>10} {'peak MB':>8} {'KB/page':>8} {'CER clean':>10} {'CER degraded':>13}")
    for run in runs:
        print(f"{run.name:24} {60 * n / run.seconds:10.1f} {run.peak_mb:8.0f} {run.out_bytes / n / 1024:8.0f} "
              f"{100 * run.cer_clean:9.2f}% {100 * run.cer_degraded:12.2f}%")
    ours = runs[0]
    for other in runs[1:]:
        print(f"sohoa / {other.name}: {other.seconds / ours.seconds:.2f}x pages per minute")
    if args.long:
        long_job(pages, workdir, args.long, args.jobs)
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
