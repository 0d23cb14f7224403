"""python -m tests.docgen OUTDIR [--count N] [--seed S] [--dpi 200|300] [--degraded] [--types a,b]"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .degrade import degrade
from .generate import DOCUMENT_TYPES, generate_document
from .sample import write_sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.docgen",
                                     description="Write synthetic Vietnamese administrative pages with ground truth.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=10, help="documents to generate (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first document; the rest follow")
    parser.add_argument("--dpi", type=int, choices=(200, 300), default=300)
    parser.add_argument("--degraded", action="store_true",
                        help="also write a scanner-degraded copy of each page as STEM-deg-pN.png")
    parser.add_argument("--types", default="", help=f"comma-separated, cycled; any of {', '.join(DOCUMENT_TYPES)}")
    args = parser.parse_args(argv)
    types = [t.strip() for t in args.types.split(",") if t.strip()]
    unknown = [t for t in types if t not in DOCUMENT_TYPES]
    if unknown:
        parser.error(f"unknown document type(s): {', '.join(unknown)}")
    for i in range(args.count):
        seed = args.seed + i
        doc = generate_document(seed, types[i % len(types)] if types else None, dpi=args.dpi)
        stem = f"{doc.document_type}-{seed:06d}"
        paths = write_sample(doc, args.out_dir, stem)
        if args.degraded:
            pages = tuple(degrade(p, seed * 100 + p.page_no) for p in doc.pages)
            paths += write_sample(replace(doc, pages=pages), args.out_dir, f"{stem}-deg")
        print(f"{stem}: {len(doc.pages)} page(s), {len(paths)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
