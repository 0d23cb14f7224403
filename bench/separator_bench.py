"""Separator marks: detection rate on scanned separator sheets, false marks on ordinary papers,
and the time ``ocr.separators.read_marks`` adds to every page.

    .venv/bin/python bench/separator_bench.py [--count 10] [--seed 0] [--dpi 200,300]

Sheets: SoHoa's dossier sheet (QR + Patch 3, as ``sohoa separator --dossier`` prints it), its
document sheet (QR + Patch T), and bare patch sheets of each Kodak patch drawn from Kodak's zone
tables, each scanned ``--count`` times (tests.docgen.degrade: skew up to 4°, blur, noise, JPEG
35-70, uneven light) and a quarter of them fed upside down. Ordinary papers: every generated
document type, clean and scanned, receipts with their QR code. Times are per page, one core.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from statistics import median

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier.separator import separator_sheet_pdf  # noqa: E402
from ocr.separators import read_marks  # noqa: E402
from tests.docgen import DOCUMENT_TYPES, degrade, generate_document, rotate_page  # noqa: E402
from tests.dossier.test_separator import bgr, render  # noqa: E402
from tests.ocr.test_separators import KODAK_ZONES, patch_sheet  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10, help="scans of each sheet per resolution")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dpi", default="200,300")
    args = parser.parse_args()
    code = "000.00.00.H38-251201-0001"
    for dpi in (int(d) for d in args.dpi.split(",")):
        sheets = {"QR dossier + Patch 3": (render(separator_sheet_pdf("dossier", code), dpi), ("dossier", code), "3"),
                  "QR document + Patch T": (render(separator_sheet_pdf("document"), dpi), ("document", None), "T")}
        for patch in KODAK_ZONES:
            sheets[f"Patch {patch} alone"] = (patch_sheet(patch, dpi), None, patch)
        times: list[float] = []
        print(f"--- {dpi} dpi")
        for name, (clean, sheet, patch) in sheets.items():
            qr_ok = patch_ok = 0
            for i in range(args.count):
                seed = args.seed + 1000 * i + dpi
                scan = degrade(clean, seed, jpeg_quality=35 + (seed % 36), stamp=False)
                if i % 4 == 3:
                    scan = rotate_page(scan, 2)
                image = bgr(scan)
                started = time.perf_counter()
                marks = read_marks(image, dpi)
                times.append(time.perf_counter() - started)
                if sheet is not None and marks.sheet and (marks.sheet.level, marks.sheet.dossier_code) == sheet:
                    qr_ok += 1
                patch_ok += bool(marks.patches) and set(marks.patch_types) == {patch}
            qr = f"QR {qr_ok}/{args.count}, " if sheet else ""
            print(f"{name:24} {qr}patch {patch_ok}/{args.count}")
        ordinary: list[float] = []
        false_marks = pages = 0
        for i, kind in enumerate(DOCUMENT_TYPES * max(1, args.count // 5)):
            doc = generate_document(args.seed + i, kind, dpi=dpi)
            for page in (doc.pages[0], degrade(doc.pages[0], args.seed + i)):
                image = bgr(page)
                started = time.perf_counter()
                marks = read_marks(image, dpi)
                ordinary.append(time.perf_counter() - started)
                pages += 1
                if marks.any:
                    false_marks += 1
                    print(f"  false mark: {kind} seed {args.seed + i}: {marks}")
        print(f"ordinary papers: {false_marks} of {pages} pages with a mark")
        print(f"ms per page: sheets median {1000 * median(times):.1f} (max {1000 * max(times):.1f}), "
              f"ordinary pages median {1000 * median(ordinary):.1f} (max {1000 * max(ordinary):.1f})")


if __name__ == "__main__":
    main()
