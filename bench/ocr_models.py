"""Which Tesseract model reads Vietnamese administrative pages best, and how fast.

    .venv/bin/python bench/ocr_models.py [--pages 10] [--models vie,Vietnamese,vie+Vietnamese]

Each model reads the same generated pages (half clean, half degraded) through
SoHoa's own clean-up and the tesserocr engine, one process, one page at a time;
prints the character error rate on clean and degraded pages and seconds per page.
The default model in ``ocr.engine.DEFAULT_LANGUAGE`` is chosen from this table.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from statistics import mean

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from ocr import cleanup  # noqa: E402
from ocr.engine import make_engine  # noqa: E402
from tests.docgen import degrade, generate_document  # noqa: E402
from tests.metrics import PdfWord, blockwise_cer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2000)
    parser.add_argument("--models", default="vie,Vietnamese,vie+Vietnamese")
    args = parser.parse_args()
    types = ["decision", "official_letter", "notice", "report", "application_form", "receipt"]
    pages = []
    for i in range(args.pages):
        clean = generate_document(seed=args.seed + i, document_type=types[i % len(types)], dpi=300, pages=1).pages[0]
        scan = degrade(clean, seed=args.seed + i) if i % 2 else clean
        bgr = np.ascontiguousarray(np.asarray(scan.image.convert("RGB"))[..., ::-1])
        pages.append((cleanup.clean_page(bgr, 300), clean, bool(i % 2)))
    print(f"{'model':18} {'CER clean':>10} {'CER degraded':>13} {'s/page':>8}")
    for model in args.models.split(","):
        engine = make_engine("tesserocr", model)
        clean_cer, degraded_cer, seconds = [], [], []
        for cleaned, truth, degraded in pages:
            started = time.monotonic()
            words = engine.recognize(cleaned.ocr, 300 * cleaned.ocr_scale, 600)
            seconds.append(time.monotonic() - started)
            found = [PdfWord(w.text, 1, tuple(v / cleaned.ocr_scale for v in w.bbox)) for w in words]
            (degraded_cer if degraded else clean_cer).append(blockwise_cer(truth.blocks, found))
        print(f"{model:18} {100 * mean(clean_cer):9.2f}% {100 * mean(degraded_cer):12.2f}% {mean(seconds):8.2f}")


if __name__ == "__main__":
    main()
