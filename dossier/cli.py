"""The ``sohoa`` command line: one subcommand per job, each a thin layer over the core.

Every command exits non-zero with a one-line reason on stderr when it fails; with
``--json`` its result goes to stdout as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
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


def cmd_extract(args: argparse.Namespace) -> int:
    from ocr import JobCancelled, OcrOptions, PageError
    from ocr.extract.profile import available_profiles
    from ocr.extract.run import extract_file

    from dossier.fields import render_table

    if args.profile not in available_profiles():
        return _fail(f"unknown extraction profile {args.profile!r}; available: {', '.join(available_profiles())}",
                     EXIT_USAGE)
    options = OcrOptions(language=args.language, engine=args.engine, jobs=args.jobs)
    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda signum, frame: cancel.set())
    try:
        result = extract_file(args.input, options=options, profile=args.profile, cancel=cancel)
    except PageError as exc:
        return _fail(str(exc))
    except JobCancelled:
        return _fail("cancelled", 130)
    finally:
        signal.signal(signal.SIGINT, previous)
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(render_table(result, args.profile))
    return EXIT_OK


def cmd_store_serve(args: argparse.Namespace) -> int:
    from datastore.server import serve

    from dossier.settings import store_data_dir

    options = {"database_url": args.database} if args.database else {}
    serve(args.data or store_data_dir(), host=args.host, port=args.port, tls_cert=args.tls_cert,
          tls_key=args.tls_key, **options)
    return EXIT_OK


def cmd_store_add_client(args: argparse.Namespace) -> int:
    from datastore.server import add_client

    from dossier.settings import store_data_dir

    client_id, secret = add_client(args.data or store_data_dir(), args.name)
    if args.json:
        print(json.dumps({"client_id": client_id, "client_secret": secret}))
    else:
        print(f"client_id: {client_id}\nclient_secret: {secret}\n"
              "(the secret is shown only this once; store it in the workstation's keyring)")
    return EXIT_OK


def _entry_dict(entry: object) -> dict:
    from dataclasses import asdict

    data = asdict(entry)  # type: ignore[call-overload]
    data["state"] = entry.state.value  # type: ignore[attr-defined]
    return data


def _masked(text: str) -> str:
    """Citizens' ID numbers often name the scanned files; they never reach the terminal whole."""
    from datastore.masking import mask_personal_ids

    return mask_personal_ids(text)


def _print_entries(entries: list, as_json: bool) -> None:
    if as_json:
        print(_masked(json.dumps([_entry_dict(e) for e in entries], ensure_ascii=False, indent=2, default=str)))
        return
    for entry in entries:
        receipt = f" id={entry.receipt.id}" if entry.receipt else ""
        error = f" ({entry.last_error})" if entry.last_error else ""
        print(_masked(f"{entry.id}  {entry.state.value:8} {Path(entry.source).name}  "
                      f"attempts={entry.attempts}{receipt}{error}"))


def _send(outbox: object, args: argparse.Namespace, entry_id: str | None) -> tuple[int, list]:
    from datastore.client import AuthenticationFailed, StoreClient
    from datastore.credentials import MissingCredentials

    from dossier.store_secret import store_credentials  # --store, SOHOA_STORE_*, then the configuration

    try:
        client = StoreClient(store_credentials(getattr(args, "store", None)))
        entries = outbox.send(client, entry_id)  # type: ignore[attr-defined]
    except (MissingCredentials, AuthenticationFailed) as exc:
        return _fail(f"{exc}; the documents stay queued"), []
    unfinished = [e for e in entries if e.state.value != "done"]
    return (EXIT_PARTIAL if unfinished else EXIT_OK), entries


def cmd_upload(args: argparse.Namespace) -> int:
    from datastore.outbox import InvalidDocument, Outbox

    from dossier.settings import outbox_dir

    try:
        metadata = json.loads(args.meta.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return _fail(_masked(f"{args.meta}: cannot read the metadata ({exc})"))
    outbox = Outbox(outbox_dir())
    try:
        entry_id = outbox.queue(args.input, metadata)
    except (InvalidDocument, OSError) as exc:
        return _fail(_masked(f"{args.input}: {exc}"))
    code, entries = _send(outbox, args, entry_id)
    if entries:
        _print_entries(entries, args.json)
    elif not args.json:
        print(f"{entry_id} queued; send it later with: sohoa outbox send")
    return code


def cmd_outbox(args: argparse.Namespace) -> int:
    from datastore.outbox import Outbox

    from dossier.settings import outbox_dir

    outbox = Outbox(outbox_dir())
    if args.action == "list":
        _print_entries(outbox.list(), args.json)
        return EXIT_OK
    if args.action == "retry":
        if not args.id:
            return _fail("outbox retry needs the entry ID (see: sohoa outbox list)", EXIT_USAGE)
        try:
            outbox.retry(args.id)
        except (KeyError, ValueError) as exc:
            return _fail(str(exc).strip("'\""))
    code, entries = _send(outbox, args, args.id)
    _print_entries(entries, args.json)
    return code


def _secret(env: str, prompt: str) -> str:
    """A PIN or password: from the environment for headless runs, else asked without echo.

    Never an argument (it would show in the process list and shell history), never stored.
    """
    import getpass

    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise SystemExit(_fail(f"set {env} or run in a terminal to be asked for the {prompt}"))
    return getpass.getpass(f"{prompt}: ")


def cmd_sign(args: argparse.Namespace) -> int:
    from signing.errors import SigningError
    from signing.sign import SignOptions
    from signing.tokens import list_tokens, suggest_modules

    from dossier.cli_signer import pades_level, signer_session, trust_roots

    if args.list_tokens:
        if not args.pkcs11:
            found = suggest_modules()
            for vendor, path in found:
                print(f"{vendor}: --pkcs11 {path}")
            return EXIT_OK if found else _fail("no known PKCS#11 module found; give the token vendor's with --pkcs11")
        try:
            tokens = list_tokens(args.pkcs11)
        except SigningError as exc:
            return _fail(str(exc))
        for token in tokens:
            print(f"token serial={token.serial} label={token.label!r} ({token.manufacturer} {token.model})")
            for cert in token.certificates:
                print(f"  key id={cert.key_id}  {cert.subject}  issuer: {cert.issuer}  "
                      f"valid {cert.not_before:%Y-%m-%d} to {cert.not_after:%Y-%m-%d}")
        return EXIT_OK
    if not args.input or not args.output:
        return _fail("sign needs IN.pdf and -o OUT.pdf", EXIT_USAGE)
    if bool(args.p12) == bool(args.pkcs11):
        return _fail("choose one signer: --p12 FILE or --pkcs11 MODULE", EXIT_USAGE)
    try:
        roots = trust_roots(args)
        options = SignOptions(level=pades_level(args), stamp=args.stamp, tsa_url=args.tsa, trust_roots=roots,
                              agency=args.agency, digitizer=args.digitizer)
        with signer_session(args, roots) as signer:
            result = signer.sign(args.input, args.output, options)
    except (SigningError, ValueError, OSError) as exc:
        return _fail(f"{args.input}: {exc}")
    print(f"{args.output}: signed at PAdES {options.level.value}" + (f" ({result})" if args.verbose else ""))
    if result.stamp_note:
        print(f"note: {result.stamp_note}", file=sys.stderr)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from dataclasses import fields
    from enum import Enum

    from signing.verify import load_certificate, verify_pdf

    from dossier.settings import configured_trust_roots

    try:
        roots = [load_certificate(path) for path in [*args.trust, *configured_trust_roots()]]
        report = verify_pdf(args.input, roots, fetch=args.online)
    except (OSError, ValueError) as exc:
        return _fail(f"{args.input}: {exc}")
    if args.json:
        def plain(value: object) -> object:
            return value.value if isinstance(value, Enum) else str(value)

        signatures = [{f.name: getattr(sig, f.name) for f in fields(sig)} for sig in report.signatures]
        print(json.dumps({"file": report.file, "valid": report.valid, "signatures": signatures},
                         ensure_ascii=False, indent=2, default=plain))
    else:
        if not report.signatures:
            print(f"{args.input}: no signature")
        for sig in report.signatures:
            verdict = "VALID" if sig.valid else "NOT VALID"
            when = f"{sig.signing_time:%Y-%m-%d %H:%M:%S%z}" if sig.signing_time else "unknown time"
            print(f"{verdict}: {sig.signer_subject}, {when}{' (timestamped)' if sig.time_from_timestamp else ''}, "
                  f"PAdES {sig.level.value}, trusted={sig.trusted}, revocation={sig.revocation.value}, "
                  f"changes after signing={sig.modifications}")
            if not sig.valid:
                print(f"  {sig.detail}")
    return EXIT_OK if report.valid else EXIT_FAILED


def cmd_devices(args: argparse.Namespace) -> int:
    from scanner import list_devices

    devices = list_devices()
    if args.json:
        print(json.dumps([d.to_dict() for d in devices], ensure_ascii=False, indent=2))
    elif not devices:
        print("no scanner found")
    for device in devices if not args.json else ():
        print(device.summary())
    return EXIT_OK


def cmd_scan(args: argparse.Namespace) -> int:
    from scanner import OperationState, ScanError, ScannerQueue, ScanOperation, resolve_settings
    from scanner.service import default_device

    source = args.source or ("adf" if args.manual_duplex else None)  # both passes go through the feeder
    try:
        settings = resolve_settings(profile=args.profile, source=source, dpi=args.dpi, mode=args.mode,
                                    draft=args.draft)
    except ScanError as exc:
        return _fail(str(exc), EXIT_USAGE)
    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda signum, frame: cancel.set())
    count = 0

    def on_page(operation: object, path: Path, page: object) -> None:
        nonlocal count
        count += 1
        print(f"{path}\t{page.width}x{page.height}\t{page.dpi} dpi", flush=True)  # type: ignore[attr-defined]

    # The same operation and per-scanner queue as the desktop; a folder that already
    # holds pages is continued after its last page, never overwritten.
    queue = ScannerQueue()
    turned_over = True
    try:
        operation = queue.submit(ScanOperation(args.device or default_device(), settings, args.output,
                                               manual_duplex=args.manual_duplex, on_page=on_page))
        while not operation.wait(0.2):  # wake up for Ctrl-C
            if cancel.is_set():
                operation.cancel()
            elif operation.state is OperationState.TURN_OVER:
                turned_over = _stack_turned_over(operation.two_pass.fronts, cancel)
                if turned_over:
                    operation.resume()
                else:
                    operation.cancel()
        if operation.error:
            raise operation.error
    except ScanError as exc:
        return _fail(f"{exc} ({count} pages already saved in {args.output})")
    finally:
        signal.signal(signal.SIGINT, previous)
        queue.close()
    if not turned_over and not cancel.is_set():
        return _fail(f"the backs were not scanned: no Enter after the fronts ({count} pages saved in {args.output})")
    return EXIT_OK


def _stack_turned_over(fronts: int, cancel: threading.Event) -> bool:
    """Manual duplex: ask the clerk (on stderr) to turn the stack over and wait for Enter,
    or for one line when stdin is not a terminal. False on Ctrl-C or end of input."""
    from scanner.messages import turn_over_message

    print(turn_over_message(fronts, "nhấn Enter"), file=sys.stderr, flush=True)
    line: list[str] = []
    answered = threading.Event()

    def read() -> None:  # in a thread, so Ctrl-C still stops the batch while it waits
        try:
            line.append(sys.stdin.readline())
        except (AttributeError, OSError, ValueError):  # no usable stdin (closed, or a windowed launch)
            line.append("")
        finally:
            answered.set()

    threading.Thread(target=read, daemon=True).start()
    while not answered.wait(0.2):
        if cancel.is_set():
            return False
    return bool(line[0])  # "" is the end of input: nobody will confirm


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sohoa", description="Digitize administrative paper: "
                                     "scan, OCR, extract, sign and send to the data store.")
    parser.add_argument("--workspace", type=Path, metavar="DIR",
                        help="the workspace folder (default: SOHOA_WORKSPACE, else the user's data folder)")
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

    extract = sub.add_parser("extract", help="document type and fields of a document (image or PDF)",
                             description="OCR a document and read its type and fields (Decree 30/2020 layout, "
                                         "application forms, receipts, QR codes), each with its confidence and "
                                         "where on the page it was read.")
    extract.add_argument("input", type=Path, metavar="IN", help="an image (PNG, JPEG, TIFF) or a PDF")
    extract.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    extract.add_argument("--profile", default="vn-2023", help="rule tables to use (default: vn-2023)")
    extract.add_argument("--jobs", "-j", type=int, default=0, help="OCR worker processes (default: one per core)")
    extract.add_argument("--language", "-l", default="vie", help="Tesseract language(s) (default: vie)")
    extract.add_argument("--engine", default="auto", help="tesserocr, pytesseract or auto (default)")
    extract.set_defaults(func=cmd_extract)

    devices = sub.add_parser("devices", help="list scanners and their capabilities")
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(func=cmd_devices)

    scan = sub.add_parser("scan", help="scan pages into a folder as they arrive, one line per page")
    scan.add_argument("--device", help="device ID from 'sohoa devices' (default: the first found)")
    scan.add_argument("--profile", help="dossier_intake, results or archive_batch")
    scan.add_argument("--source", choices=("flatbed", "adf", "duplex"))
    scan.add_argument("--dpi", type=int)
    scan.add_argument("--mode", choices=("color", "gray", "lineart"))
    scan.add_argument("--draft", action="store_true", help="allow settings below Decree 30/2020 (not for copies)")
    scan.add_argument("--manual-duplex", action="store_true",
                      help="both sides with a single-sided feeder: the fronts, then the stack turned over "
                           "for the backs (Enter between the passes)")
    scan.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    scan.set_defaults(func=cmd_scan)

    sign = sub.add_parser("sign", help="sign a PDF (PAdES) with a PKCS#12 file or a USB token")
    sign.add_argument("input", type=Path, nargs="?", metavar="IN.pdf")
    sign.add_argument("-o", "--output", type=Path, metavar="OUT.pdf")
    sign.add_argument("--p12", type=Path, metavar="FILE", help="PKCS#12 file (password: SOHOA_P12_PASSWORD or prompt)")
    sign.add_argument("--pkcs11", metavar="MODULE", help="the token vendor's PKCS#11 module (PIN: SOHOA_PIN or prompt)")
    sign.add_argument("--token-serial", help="pick the token by its serial")
    sign.add_argument("--key-id", metavar="HEX", help="pick the key by its ID (not by label)")
    sign.add_argument("--list-tokens", action="store_true", help="list the module's tokens, keys and certificates")
    sign.add_argument("--stamp", choices=("digitizer", "copy", "none"), default="none")
    sign.add_argument("--agency", help="copying agency for the copy stamp (default: the certificate's organisation)")
    sign.add_argument("--digitizer", help="name for the digitizer stamp (default: the certificate's name)")
    sign.add_argument("--tsa", metavar="URL", help="RFC 3161 timestamp server (needed from B-T up)")
    sign.add_argument("--level", choices=("B-B", "B-T", "B-LT", "B-LTA"),
                      help="PAdES level (default: B-LTA with --tsa, else B-B)")
    sign.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT",
                      help="trust anchor for revocation data (repeatable)")
    sign.add_argument("--verbose", "-v", action="store_true")
    sign.set_defaults(func=cmd_sign)

    verify = sub.add_parser("verify", help="validate every signature of a PDF; exit 0 only when all are valid")
    verify.add_argument("input", type=Path, metavar="IN.pdf")
    verify.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT", help="trusted root (repeatable)")
    verify.add_argument("--online", action="store_true", help="allow fetching revocation data (default: offline)")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=cmd_verify)

    store = sub.add_parser("store", help="run or administer the reference data store")
    store_sub = store.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    serve = store_sub.add_parser("serve", help="run the reference data store")
    serve.add_argument("--data", type=Path, help="data folder (default: the workspace's store/)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--database", help="database URL (default: SQLite in the data folder)")
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    serve.set_defaults(func=cmd_store_serve)
    add = store_sub.add_parser("add-client", help="register a workstation; prints its secret once")
    add.add_argument("name")
    add.add_argument("--data", type=Path, help="data folder (default: the workspace's store/)")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_store_add_client)

    upload = sub.add_parser("upload", help="queue a signed document with its metadata, and send it")
    upload.add_argument("input", type=Path, metavar="IN.pdf")
    upload.add_argument("--meta", type=Path, required=True, metavar="META.json")
    upload.add_argument("--store", metavar="URL", help="the data store (default: SOHOA_STORE_URL)")
    upload.add_argument("--json", action="store_true")
    upload.set_defaults(func=cmd_upload)

    outbox = sub.add_parser("outbox", help="inspect and drive the durable upload queue")
    outbox.add_argument("action", choices=("list", "send", "retry"))
    outbox.add_argument("id", nargs="?", help="entry ID (retry; send one entry)")
    outbox.add_argument("--store", metavar="URL", help="the data store (default: SOHOA_STORE_URL)")
    outbox.add_argument("--json", action="store_true")
    outbox.set_defaults(func=cmd_outbox)

    from dossier import cli_separator
    cli_separator.register(sub)
    from dossier import cli_outputs
    cli_outputs.register(sub)
    from dossier import cli_audit
    cli_audit.register(sub)
    from dossier import cli_workspace
    cli_workspace.register(sub)
    from dossier import cli_process
    cli_process.register(sub)
    from dossier import cli_review
    cli_review.register(sub)
    from dossier import cli_check
    cli_check.register(sub)
    from dossier import cli_config
    cli_config.register(sub)
    from dossier import cli_batches
    cli_batches.register(sub)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.workspace is not None:  # every command, and the outbox and store folders inside it
        os.environ["SOHOA_WORKSPACE"] = str(args.workspace)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    return args.func(args)
