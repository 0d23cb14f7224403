"""The ``sohoa`` command line: one subcommand per job, each a thin layer over the core.

Every command exits non-zero with a one-line reason on stderr when it fails; with
``--json`` its result goes to stdout as JSON.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # output written, but some pages or files failed (--keep-going)


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"sohoa: {message}", file=sys.stderr)
    return code


def _human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 10 * 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def cmd_ocr(args: argparse.Namespace) -> int:
    from ocr import JobCancelled, OcrOptions, PageError, run_ocr

    options = OcrOptions(language=args.language, engine=args.engine, jobs=args.jobs, pdfa=args.pdfa,
                         force=args.force, keep_going=args.keep_going, drop_blank=args.drop_blank,
                         deskew=not args.no_deskew, orient=not args.no_rotate, page_timeout_s=args.timeout,
                         jpeg_quality=args.jpeg_quality, image_mode=args.image_mode, title=args.title)
    cancel = threading.Event()

    def on_interrupt(signum: int, frame: object) -> None:
        cancel.set()

    previous = signal.signal(signal.SIGINT, on_interrupt)

    def progress(done: int, total: int, page: object) -> None:
        if not args.json and not args.quiet and sys.stderr.isatty():
            print(f"\r{done}/{total} pages", end="", file=sys.stderr, flush=True)

    try:
        report = run_ocr(args.inputs, args.output, options, progress=progress, cancel=cancel)
    except PageError as exc:
        return _fail(str(exc))
    except JobCancelled:
        return _fail("cancelled; nothing was written", 130)
    finally:
        signal.signal(signal.SIGINT, previous)
        if not args.json and not args.quiet and sys.stderr.isatty():
            print(file=sys.stderr)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif not args.quiet:
        kept = [p for p in report.pages if not p.dropped]
        per_page = report.bytes / max(1, len(kept))
        print(f"{report.output}: {len(kept)} pages, {report.seconds:.1f} s "
              f"({report.pages_per_minute:.1f} pages/min), {_human_size(report.bytes)} "
              f"({_human_size(int(per_page))}/page){', PDF/A-2b' if report.pdfa else ''}")
        if report.blank_pages:
            verb = "dropped" if args.drop_blank else "kept; --drop-blank removes them"
            print(f"blank pages: {', '.join(map(str, report.blank_pages))} ({verb})")
        for page in report.pages:
            for warning in page.warnings:
                print(f"warning: {Path(page.source).name}, page {page.source_page}: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"sohoa: {error}", file=sys.stderr)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sohoa", description="Digitize administrative paper: "
                                     "scan, OCR, extract, sign and send to the data store.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ocr = sub.add_parser("ocr", help="clean pages and write one searchable PDF",
                         description="Clean scanned pages (deskew, orientation, border, lighting) and write one "
                                     "searchable PDF with a Vietnamese text layer. Accepts PNG, JPEG, TIFF "
                                     "(multi-page) and PDF.")
    ocr.add_argument("inputs", nargs="+", type=Path, metavar="IN", help="image or PDF files, in page order")
    ocr.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    ocr.add_argument("--pdfa", action="store_true", help="write PDF/A-2b (archival)")
    ocr.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: one per core)")
    ocr.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    ocr.add_argument("--force", action="store_true", help="OCR PDF pages that already have text")
    ocr.add_argument("--keep-going", action="store_true",
                     help="write the pages that worked when others fail (exit code 3)")
    ocr.add_argument("--drop-blank", action="store_true", help="leave detected blank pages out")
    ocr.add_argument("--language", "-l", default="vie", help="Tesseract language(s) (default: vie)")
    ocr.add_argument("--engine", default="auto", help="tesserocr, pytesseract or auto (default)")
    ocr.add_argument("--no-deskew", action="store_true", help="keep the page angle as scanned")
    ocr.add_argument("--no-rotate", action="store_true", help="do not fix upside-down or sideways pages")
    ocr.add_argument("--timeout", type=float, default=300.0, help="seconds of OCR allowed per page")
    ocr.add_argument("--image-mode", choices=("mrc", "jpeg"), default="mrc",
                     help="mrc (default): print as a lossless mask over a colour background, "
                          "about 150 KB/page; jpeg: the whole page as one JPEG, 450-850 KB/page")
    ocr.add_argument("--jpeg-quality", type=int, default=0, help="JPEG quality of page images (default 75)")
    ocr.add_argument("--title", help="document title (default: the output's name)")
    ocr.add_argument("--quiet", "-q", action="store_true")
    ocr.set_defaults(func=cmd_ocr)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    return args.func(args)
