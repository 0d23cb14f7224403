"""QR code and barcode reading on generated receipts: decode rate and time per page.

    .venv/bin/python bench/codes_bench.py [--count 30] [--seed 0] [--dpi 200,300] [--compare REV]

For each receipt that prints codes, reads the clean page, a flatbed scan (tests.docgen.degrade:
skew up to 4°, noise, blur, JPEG 50, uneven light, seal) and a phone photograph
(tests.docgen.photograph), and counts the printed codes whose exact text came back. The time is
that of ``read_codes`` alone, per page, on one core. Pages without codes (decisions) are timed
too: every page of the OCR worker pays that price.

``--compare REV`` reads the same pages (each receipt clean, scanned and photographed, and the
decisions) with ``read_codes(unread=True)`` of git revision REV and of the working tree, and
prints on how many pages the two give the same codes (kind, text and box) and each one's CPU
ms a page: a change meant to be faster must read exactly what the old code read.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from statistics import mean, median

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocr.extract.codes import read_codes  # noqa: E402
from tests.docgen import degrade, generate_document, photograph  # noqa: E402


def _bgr(page) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(page.image.convert("RGB"))[:, :, ::-1])


def _in_view(page, bbox: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = page.image_bbox(bbox)
    return x0 >= 0 and y0 >= 0 and x1 <= page.image.width and y1 <= page.image.height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=30, help="receipts with codes per resolution")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dpi", default="200,300")
    parser.add_argument("--compare", metavar="REV", help="git revision whose read_codes to compare with")
    args = parser.parse_args()
    if args.compare:
        return compare(args)
    for dpi in (int(d) for d in args.dpi.split(",")):
        found: dict[str, list[int]] = {"clean": [0, 0], "degraded": [0, 0], "photo": [0, 0]}
        by_kind: dict[tuple[str, str], list[int]] = {}
        times: dict[str, list[float]] = {"clean": [], "degraded": [], "photo": [], "no code": []}
        misses: list[str] = []
        cut_off = {"clean": 0, "degraded": 0, "photo": 0}
        for seed, doc in _receipts(args.count, args.seed, dpi):
            clean = doc.pages[0]
            variants = {"clean": clean, "degraded": degrade(clean, seed=seed), "photo": photograph(clean, seed=seed)}
            for name, page in variants.items():
                image = _bgr(page)
                start = time.perf_counter()
                codes = read_codes(image)
                times[name].append(time.perf_counter() - start)
                texts = {c.text for c in codes}
                for printed in doc.codes:
                    if not _in_view(page, printed.bbox):
                        cut_off[name] += 1  # the skew turned part of it off the sheet: nobody reads it
                        continue
                    ok = printed.text in texts
                    found[name][0] += ok
                    found[name][1] += 1
                    tally = by_kind.setdefault((name, printed.kind), [0, 0])
                    tally[0] += ok
                    tally[1] += 1
                    if not ok:
                        misses.append(f"{name} seed {doc.seed} {printed.kind} {printed.style}")
        for i in range(5):
            plain = generate_document(args.seed + i, "decision", dpi=dpi, pages=1).pages[0]
            image = _bgr(degrade(plain, seed=i))
            start = time.perf_counter()
            assert read_codes(image) == []
            times["no code"].append(time.perf_counter() - start)
        print(f"\n{dpi} dpi, {args.count} receipts with codes")
        for name, (ok, total) in found.items():
            kinds = ", ".join(f"{k} {by_kind[(name, k)][0]}/{by_kind[(name, k)][1]}" for k in ("qr", "barcode")
                              if (name, k) in by_kind)
            print(f"  {name:9} {ok}/{total} codes read ({100 * ok / max(1, total):.0f} %: {kinds}); "
                  f"{cut_off[name]} more partly off the image")
        for name, values in times.items():
            ms = [1000 * v for v in values]
            print(f"  {name:9} {median(ms):6.0f} ms median, {mean(ms):6.0f} mean, {max(ms):6.0f} max per page")
        for miss in misses:
            print("  missed:", miss)


def _receipts(count: int, first_seed: int, dpi: int):
    """``count`` generated receipts that carry codes, from ``first_seed`` on: (the next seed, the receipt)."""
    seed, done = first_seed, 0
    while done < count:
        doc = generate_document(seed, "receipt", dpi=dpi)
        seed += 1
        if doc.codes:
            done += 1
            yield seed, doc


def _pages(count: int, first_seed: int, dpi: int):
    """Receipts with codes (clean, scanned, photographed) and five scanned decisions, as BGR."""
    for seed, doc in _receipts(count, first_seed, dpi):
        clean = doc.pages[0]
        for page in (clean, degrade(clean, seed=seed), photograph(clean, seed=seed)):
            yield _bgr(page)
    for i in range(5):
        yield _bgr(degrade(generate_document(first_seed + i, "decision", dpi=dpi, pages=1).pages[0], seed=i))


def _old_read_codes(rev: str):
    """``read_codes`` of ``ocr/extract/codes.py`` as it was at git revision ``rev``."""
    import importlib.util
    import subprocess
    import tempfile

    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:ocr/extract/codes.py"],
                            capture_output=True, text=True, check=True).stdout
    with tempfile.TemporaryDirectory(prefix="codes-bench-") as folder:  # the module is in memory once loaded
        path = Path(folder) / "codes_then.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("codes_then", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["codes_then"] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return module.read_codes


def compare(args: argparse.Namespace) -> None:
    import cv2

    cv2.setNumThreads(1)  # one core, as in an OCR worker
    then = _old_read_codes(args.compare)
    pages = same = codes = 0
    spent = [0.0, 0.0]
    for dpi in (int(d) for d in args.dpi.split(",")):
        for image in _pages(args.count, args.seed, dpi):
            found = []
            for i, read in enumerate((then, read_codes)):
                start = time.process_time()
                found.append([(c.kind, c.text, c.bbox) for c in read(image, unread=True)])
                spent[i] += time.process_time() - start
            pages += 1
            codes += len(found[0])
            same += found[0] == found[1]
            if found[0] != found[1]:
                print(f"  {dpi} dpi page {pages}: {found[0]} -> {found[1]}")
    print(f"{pages} pages, {codes} codes at {args.compare}: the same codes on {same}; CPU ms a page "
          f"{1000 * spent[0] / pages:.1f} at {args.compare}, {1000 * spent[1] / pages:.1f} now "
          f"(load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
