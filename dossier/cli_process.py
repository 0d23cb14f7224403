"""``sohoa process`` (the whole chain for a batch of files) and ``sohoa demo`` (the same chain
on built-in defaults, nothing configured).

Both are thin: they gather the options, ask for the PIN once (``SOHOA_PIN`` / a prompt, never
an argument) and run ``dossier.pipeline``. What the clerk reads is Vietnamese; personal IDs in
file names and messages are masked.
"""
from __future__ import annotations

import argparse
import gc
import json
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from datastore.masking import mask_personal_ids

if TYPE_CHECKING:
    from ocr.job import OcrPool
    from ocr.report import OcrOptions

    from dossier.importing import ImportedFile, ImportResult
    from dossier.model import Batch
    from dossier.pipeline import Pipeline


def _workspace_arg(args: argparse.Namespace) -> Path | None:
    return getattr(args, "process_workspace", None) or getattr(args, "workspace", None)


def _signer(args: argparse.Namespace):  # -> dossier.signing_lane.Signer | None
    from signing.sign import SignOptions

    from dossier.cli_signer import p12_password, pades_level, token_key_id, token_pin, trust_roots
    from dossier.signing_lane import Signer

    if not (args.sign or args.p12 or args.pkcs11):
        return None
    if bool(args.p12) == bool(args.pkcs11):
        raise ValueError("--sign cần đúng một khóa ký: --p12 TỆP hoặc --pkcs11 MODULE")
    roots = trust_roots(args)
    options = SignOptions(level=pades_level(args), stamp=args.stamp, tsa_url=args.tsa, trust_roots=roots)
    if args.p12:
        return Signer(p12=args.p12, secret=p12_password(args), options=options)
    return Signer(pkcs11=args.pkcs11, token_serial=args.token_serial, key_id=token_key_id(args),
                  secret=token_pin(args), options=options)


def _upload(args: argparse.Namespace, workspace: Path):  # -> dossier.upload_lane.Upload | None
    from dossier.store_secret import store_credentials  # --store, SOHOA_STORE_*, then the configuration
    from dossier.upload_lane import Upload

    if not args.upload:
        return None
    return Upload(store_credentials(args.store), workspace / "outbox")


class _Lines:
    """One line per document when its part of this run ends, on stderr (stdout is for --json)."""

    def __init__(self, names: dict[int, str], signing: bool, uploading: bool, quiet: bool) -> None:
        self.names, self.signing, self.uploading, self.quiet = names, signing, uploading, quiet
        self.count = 0

    def __call__(self, step) -> None:  # type: ignore[no-untyped-def]
        end = {"failed", "waiting", "uploaded"}
        if not self.uploading:
            end.add("signed")
        if not self.signing and not self.uploading:
            end.add("accepted")
        if self.quiet or step.event not in end:
            return
        self.count += 1
        words = {"failed": "LỖI", "waiting": "chờ duyệt", "uploaded": "đã tải lên kho dữ liệu",
                 "signed": "đã ký", "accepted": "đã chấp nhận"}
        name = self.names.get(step.document_id, "")
        where = f"tài liệu {step.document_id}" + (f" ({name})" if name else "")
        detail = f": {step.detail}" if step.detail and step.event in ("failed", "waiting") else ""
        print(mask_personal_ids(f"[{self.count}] {where}: {words[step.event]}{detail}"), file=sys.stderr, flush=True)


class _Importer(threading.Thread):
    """``import_files`` on its own thread, feeding each file's documents to the running pipeline.

    Its copies and fsyncs are mostly waits on the disk, so they overlap the start of the run
    (the signing token's login, the OCR workers' start) instead of preceding it."""

    def __init__(self, paths: list[Path], new_batch: Callable[[], Batch], pipeline: Pipeline,
                 names: dict[int, str]) -> None:
        super().__init__(name="sohoa-import", daemon=True)
        self.paths, self.new_batch, self.pipeline, self.names = paths, new_batch, pipeline, names
        self.done = threading.Event()  # every file is in (or the import stopped): the run may end
        self.result: ImportResult | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from dossier.importing import import_files

        def fed(item: ImportedFile) -> None:
            for document_id in item.document_ids:
                self.names[document_id] = item.name
                self.pipeline.feed(document_id)

        try:
            # The pipeline's workspace, and its cancel: once the run is stopped no further file is taken.
            self.result = import_files(self.pipeline.ws, self.paths, on_file=fed, cancel=self.pipeline.cancel,
                                       new_batch=self.new_batch)
        except BaseException as exc:  # noqa: BLE001 - raised again by finish(), on the main thread
            self.error = exc
        finally:
            self.done.set()

    def finish(self) -> ImportResult:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.result is not None  # import_files returned: no error, a result
        return self.result


def print_summary(summary, names: dict[int, str], import_failed: list[tuple[str, str]], stream=None) -> None:  # type: ignore[no-untyped-def]
    out = stream or sys.stderr
    rate = 60.0 * summary.pages_ocr / summary.seconds if summary.seconds else 0.0
    print(f"Tổng kết: {summary.documents} tài liệu, {summary.pages} trang "
          f"({summary.pages_ocr} trang nhận dạng trong lượt này, {rate:.1f} trang/phút); "
          f"{summary.accepted} đã chấp nhận ({summary.accepted_automatically} tự động), "
          f"{len(summary.waiting)} chờ duyệt, {summary.signed} đã ký, {summary.uploaded} đã tải lên, "
          f"{len(summary.failed) + len(import_failed)} lỗi; {summary.seconds:.1f} s"
          + ("; ĐÃ DỪNG theo yêu cầu, chạy lại để tiếp tục" if summary.cancelled else ""), file=out)

    def label(document_id: int) -> str:
        name = names.get(document_id)
        return f"tài liệu {document_id}" + (f" ({name})" if name else "")

    if summary.waiting:
        print("Chờ duyệt:", file=out)
        for document_id, reasons in summary.waiting.items():
            print(mask_personal_ids(f"  {label(document_id)}: {'; '.join(reasons)}"), file=out)
    if summary.failed or import_failed:
        print("Lỗi:", file=out)
        for name, reason in import_failed:
            print(mask_personal_ids(f"  {name}: {reason}"), file=out)
        for document_id, reason in summary.failed.items():
            print(mask_personal_ids(f"  {label(document_id)}: {reason}"), file=out)


def cmd_process(args: argparse.Namespace) -> int:
    from ocr.extract.profile import available_profiles
    from ocr.job import OcrPool
    from ocr.report import OcrOptions

    from dossier.cli import EXIT_USAGE, _fail

    if args.profile not in available_profiles():
        return _fail(f"không có bộ quy tắc {args.profile!r}; có: {', '.join(available_profiles())}", EXIT_USAGE)
    ocr_options = OcrOptions(jobs=args.jobs, language=args.language)
    # Files to read: the OCR workers start first and get ready (spawn, the OCR model) while
    # this process imports the rest of the chain and opens the token, when one of the two cores
    # would idle. The benchmark batch's first 8 files, three runs each way: first page read
    # 3.41 -> 3.10 s after the start, the run 10.81 -> 10.53 s.
    pool = OcrPool(ocr_options.for_extraction()) if args.inputs and not args.split else None
    if pool is not None:
        pool.start()
    try:
        return _process(args, ocr_options, pool)
    finally:
        if pool is not None:
            pool.close()  # the pipeline's own close already, unless it never ran


def _process(args: argparse.Namespace, ocr_options: OcrOptions, pool: OcrPool | None) -> int:
    from datastore.credentials import MissingCredentials
    from signing.errors import SigningError

    from dossier.cli import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, _fail
    from dossier.importing import import_files
    from dossier.pipeline import Pipeline, PipelineBusy, PipelineOptions
    from dossier.workspace import Workspace, WorkspaceError

    try:
        ws = Workspace.open(_workspace_arg(args))
    except (OSError, WorkspaceError, RuntimeError) as exc:
        return _fail(f"không mở được kho làm việc: {exc}")
    try:
        try:
            signer = _signer(args)
            upload = _upload(args, ws.root)
        except (ValueError, OSError) as exc:
            return _fail(str(exc), EXIT_USAGE)
        except MissingCredentials as exc:
            return _fail(f"--upload: {exc}", EXIT_USAGE)
        except SigningError as exc:
            return _fail(str(exc))
        cancel = threading.Event()
        lines = _Lines({}, signer is not None, upload is not None, args.json)
        names = lines.names
        options = PipelineOptions(profile=args.profile, auto_accept=args.auto_accept, ocr=ocr_options)
        pipeline = Pipeline(ws, options, signer=signer, upload=upload, progress=lines, cancel=cancel, pool=pool)
        # The modules and rule tables loaded so far (about 100,000 objects) live as long as the
        # process: out of the collector's sight, a full collection during the run no longer walks
        # them, and the interpreter's exit takes 0.1 s instead of 0.9 s (measured after extraction).
        gc.freeze()

        def new_batch() -> Batch:  # made once, and only when a file is new
            return ws.create_batch(device="import", profile=args.profile)

        streaming = bool(args.inputs) and not args.split
        if streaming:
            # The files come in on their own thread and each document goes to OCR as soon as
            # it is imported (after the PIN is accepted), instead of OCR waiting for the last copy.
            importer = _Importer(list(args.inputs), new_batch, pipeline, names)
            importer.start()
            ids: list[int] = []
        else:
            imported = import_files(ws, list(args.inputs), new_batch=new_batch)
            names.update({doc: item.name for item in imported.files for doc in item.document_ids})
            ids = imported.document_ids
        if args.split:
            from dossier.split_apply import apply_proposed_splits

            try:
                ids = apply_proposed_splits(ws, ids, names, report=lambda line: print(
                    mask_personal_ids(line), file=sys.stderr, flush=True))
            except WorkspaceError as exc:
                return _fail(f"--split: {exc}")
        if not args.inputs:  # no file named: resume every unfinished document of the workspace
            from dossier.model import DocumentState

            ids = [d.id for d in ws.documents_in_state(*[s for s in DocumentState if s is not DocumentState.UPLOADED])]
        previous = signal.signal(signal.SIGINT, lambda signum, frame: cancel.set())
        try:
            summary = pipeline.run(ids, until_reviewed=args.wait_for_review,
                                   fed_all=importer.done if streaming else None)
        except SigningError as exc:
            return _fail(f"không mở được khóa ký: {exc}; chưa tài liệu nào được xử lý")
        except PipelineBusy as exc:
            return _fail(str(exc))
        finally:
            signal.signal(signal.SIGINT, previous)
            if streaming:
                imported = importer.finish()  # the rest of the files stay imported, read next run
    finally:
        ws.close()
    if args.json:
        data = summary.to_json()
        data["import_failed"] = [{"file": n, "reason": r} for n, r in imported.failed]
        data["files"] = [{"file": f.name, "sha256": f.sha256, "documents": list(f.document_ids), "new": f.new}
                         for f in imported.files]
        print(mask_personal_ids(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        print_summary(summary, names, imported.failed)
    gc.freeze()  # the run is over: what it made is not walked again before the process ends
    if summary.cancelled:
        return 130
    if imported.failed or summary.failed:
        return EXIT_PARTIAL if summary.documents else EXIT_FAILED
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.app or args.smoke_test:
        from dossier.demo_app import run_demo_app

        return run_demo_app(_workspace_arg(args), scanner=not args.no_scanner, jobs=args.jobs, smoke=args.smoke_test)
    from dossier.demo import run_demo

    return run_demo(_workspace_arg(args), scanner=not args.no_scanner, jobs=args.jobs)


def register(sub: argparse._SubParsersAction) -> None:
    process = sub.add_parser(
        "process", help="the whole chain for a batch: import, OCR, extract, review, sign, upload",
        description="Import files (one document each), clean and OCR their pages, read their fields, accept "
                    "the confident ones (--auto-accept), sign them (--sign) and send them to the data store "
                    "(--upload). Run again on the same workspace to resume: nothing finished is redone.")
    process.add_argument("inputs", nargs="*", type=Path, metavar="IN",
                         help="image or PDF files, one document each (none: resume the workspace's unfinished "
                              "documents)")
    process.add_argument("--workspace", dest="process_workspace", type=Path, metavar="DIR",
                         help="the workspace folder (default: SOHOA_WORKSPACE or the user's data folder)")
    process.add_argument("--profile", default="vn-2023", help="extraction rule tables (default: vn-2023)")
    process.add_argument("--split", action="store_true",
                         help="apply the proposed splits (separator sheets, blank pages) instead of one "
                              "document per file")
    process.add_argument("--auto-accept", action="store_true",
                         help="accept documents whose fields are all confident and valid; the others wait "
                              "for review")
    process.add_argument("--wait-for-review", action="store_true",
                         help="keep running until every document is reviewed (in the desktop app, or by "
                              "another program on the workspace), signing and sending each as it is accepted; "
                              "Ctrl-C stops, nothing is lost")
    process.add_argument("--sign", action="store_true", help="sign accepted documents (PAdES)")
    process.add_argument("--p12", type=Path, metavar="FILE",
                         help="PKCS#12 key (password: SOHOA_P12_PASSWORD or prompt)")
    process.add_argument("--pkcs11", metavar="MODULE", help="the token's PKCS#11 module (PIN: SOHOA_PIN or prompt)")
    process.add_argument("--token-serial", help="pick the token by its serial")
    process.add_argument("--key-id", metavar="HEX", help="pick the key by its ID")
    process.add_argument("--stamp", choices=("digitizer", "copy", "none"), default="digitizer",
                         help="visible stamp (default: digitizer, Circular 01/2023 Art. 8)")
    process.add_argument("--level", choices=("B-B", "B-T", "B-LT", "B-LTA"),
                         help="PAdES level (default: B-LTA with --tsa, else B-B)")
    process.add_argument("--tsa", metavar="URL", help="RFC 3161 timestamp server")
    process.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT",
                         help="trust anchor for revocation data (repeatable)")
    process.add_argument("--upload", action="store_true", help="send signed documents to the data store")
    process.add_argument("--store", metavar="URL", help="the data store (default: SOHOA_STORE_URL)")
    process.add_argument("--jobs", "-j", type=int, default=0, help="OCR worker processes (default: one per core)")
    process.add_argument("--language", "-l", default="vie", help="Tesseract language(s) (default: vie)")
    process.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    process.set_defaults(func=cmd_process)

    demo = sub.add_parser(
        "demo", help="the whole chain on the sample paper, with a DEMO key and a local store",
        description="Runs import, OCR, extraction, review, signature and upload on the sample pages "
                    "(and the SANE test scanner when present) with nothing configured: a DEMO signing key "
                    "(self-signed, no legal value) and the reference data store on 127.0.0.1. Prints what "
                    "was stored and verifies each signature.")
    demo.add_argument("--workspace", dest="process_workspace", type=Path, metavar="DIR",
                      help="the demo's folder (default: the user's data folder, sohoa-demo); emptied first")
    demo.add_argument("--no-scanner", action="store_true", help="leave the SANE test scanner out")
    demo.add_argument("--jobs", "-j", type=int, default=0, help="OCR worker processes (default: one per core)")
    demo.add_argument("--app", action="store_true",
                      help="read the sample paper into a workspace of dossiers waiting for review and open the "
                           "desktop app on it (DEMO key, embedded store, SANE test scanner on F5)")
    demo.add_argument("--smoke-test", action="store_true",
                      help="with --app: open the app once without a person (Xvfb or offscreen when there is no "
                           "display), save a screenshot into the demo folder and quit")
    demo.set_defaults(func=cmd_demo)
