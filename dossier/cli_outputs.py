"""``sohoa handover`` (the postal handover list) and ``sohoa export`` (a dossier for the archive).

Registered in ``dossier.cli.build_parser``; same conventions as every command there: a
one-line reason on stderr and a non-zero exit on failure, ``--json`` to stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

POST_OFFICE_ENV = "SOHOA_POST_OFFICE"  # the post office of this workstation, for headless runs


def _workspace(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from dossier.workspace import Workspace

    return Workspace.open(getattr(args, "workspace", None))


def _split_codes(values: list[str]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _pairs(values: list[str], option: str) -> dict[str, str]:
    """``CODE=VALUE`` options (``--postal-item``, ``--note``) as a dict."""
    out = {}
    for value in values:
        code, sep, item = value.partition("=")
        if not sep or not code.strip():
            raise ValueError(f"{option} cần dạng MÃ_HỒ_SƠ=GIÁ_TRỊ, không phải “{value}”")
        out[code.strip()] = item.strip()
    return out


def add_signer_options(parser: argparse.ArgumentParser, who: str) -> None:
    """The signer options of ``sohoa sign``; the PIN or password never comes from an argument."""
    parser.add_argument("--p12", type=Path, metavar="FILE",
                        help=f"sign as {who} with a PKCS#12 file (password: SOHOA_P12_PASSWORD or prompt)")
    parser.add_argument("--pkcs11", metavar="MODULE",
                        help=f"sign as {who} with a USB token's PKCS#11 module (PIN: SOHOA_PIN or prompt)")
    parser.add_argument("--token-serial", help="pick the token by its serial")
    parser.add_argument("--key-id", metavar="HEX", help="pick the key by its ID")
    parser.add_argument("--tsa", metavar="URL", help="RFC 3161 timestamp server (B-T and up)")
    parser.add_argument("--level", choices=("B-B", "B-T", "B-LT", "B-LTA"),
                        help="PAdES level (default: B-LTA with --tsa, else B-B)")
    parser.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT",
                        help="trust anchor for revocation data (repeatable)")


@contextmanager
def open_signer(args: argparse.Namespace) -> Iterator[tuple[object, object] | None]:
    """(session, SignOptions) for the signer the options name, or None when none is named."""
    from dossier.cli_signer import pades_level, signer_session, trust_roots
    from signing.sign import SignOptions

    if not args.p12 and not args.pkcs11:
        yield None
        return
    if args.p12 and args.pkcs11:
        raise ValueError("chọn một cách ký: --p12 TỆP hoặc --pkcs11 MODULE")
    roots = trust_roots(args)
    options = SignOptions(level=pades_level(args), tsa_url=args.tsa, trust_roots=roots, reason="Bàn giao hồ sơ",
                          location=getattr(args, "post_office", None))
    with signer_session(args, roots) as signer:
        yield signer, options


def _sign_bytes(signer: object, options: object, pdf: bytes, folder: Path) -> bytes:
    """Sign PDF bytes through files in a private temp folder (the session signs files)."""
    import tempfile

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        src, dst = Path(tmp) / "list.pdf", Path(tmp) / "signed.pdf"
        src.write_bytes(pdf)
        signer.sign(src, dst, options)  # type: ignore[attr-defined]
        return dst.read_bytes()


def _common_name(session: object) -> str:
    value = session.cert.subject.native.get("common_name", "")  # type: ignore[attr-defined]
    return value if isinstance(value, str) else (value[-1] if value else "")


def cmd_handover(args: argparse.Namespace) -> int:
    from dossier.cli import EXIT_OK, EXIT_USAGE, _fail
    from dossier.handover import render_pdf, to_csv, to_json, write_atomic
    from dossier.handover_store import HandoverRequest, hand_over
    from dossier.workspace import WorkspaceError
    from signing.errors import SigningError

    codes = _split_codes(args.dossiers)
    post_office = args.post_office or os.environ.get(POST_OFFICE_ENV, "")
    if not post_office.strip():
        return _fail(f"danh sách bàn giao cần tên bưu cục: --post-office hoặc {POST_OFFICE_ENV}", EXIT_USAGE)
    args.post_office = post_office  # also the signature's location
    if not (args.employee or args.p12 or args.pkcs11):
        return _fail("danh sách bàn giao cần tên nhân viên bưu chính: --employee (hoặc ký bằng --p12/--pkcs11)",
                     EXIT_USAGE)
    try:
        postal_items, notes = _pairs(args.postal_item, "--postal-item"), _pairs(args.note, "--note")
    except ValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    output: Path = args.output
    if not output.parent.is_dir():
        return _fail(f"không có thư mục {output.parent}", EXIT_USAGE)
    written: list[Path] = []

    try:
        with _workspace(args) as workspace, open_signer(args) as signer:
            # The employee who signs is the one named on the list, unless named otherwise.
            employee = args.employee or (_common_name(signer[0]) if signer else "")
            request = HandoverRequest(codes=codes, employee=employee, receiver=args.receiver or "",
                                      post_office=post_office, desk=args.desk, postal_items=postal_items,
                                      notes=notes)

            def render(handover):  # type: ignore[no-untyped-def]
                pdf = render_pdf(handover)
                if signer is not None:
                    pdf = _sign_bytes(*signer, pdf, output.parent)
                # Written inside the handover's transaction: if anything fails the list is not
                # recorded and these files are removed below.
                write_atomic(output, pdf)
                written.append(output)
                if args.csv:
                    write_atomic(args.csv, to_csv(handover))
                    written.append(args.csv)
                return pdf

            handover, _ = hand_over(workspace, request, render, signed=signer is not None)
    except (WorkspaceError, SigningError, ValueError, OSError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        return _fail(str(exc))
    if args.json:
        print(json.dumps(to_json(handover), ensure_ascii=False, indent=2))
    else:
        signed = ", signed" if signer is not None else ""
        print(f"{output}: handover list {handover.number}, {len(handover.entries)} dossiers, "
              f"{handover.pages} pages{signed}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from dossier.archive import ArchiveError, export_dossier
    from dossier.cli import EXIT_OK, _fail
    from dossier.workspace import WorkspaceError

    try:
        with _workspace(args) as workspace:
            report = export_dossier(workspace, args.dossier, args.output, maintenance=args.maintenance,
                                    rights=args.rights, creator=args.creator, description=args.description)
    except (ArchiveError, WorkspaceError, OSError) as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps({"output": str(report.output), "files": list(report.files), "pages": report.pages,
                          "shortened": [{"where": s.where, "field": s.field, "length": s.length, "limit": s.limit}
                                        for s in report.shortened]}, ensure_ascii=False, indent=2))
    else:
        print(f"{report.output}: {len(report.files) - 1} PDF files in chronological order, {report.pages} pages, "
              "metadata.xml (Decree 30/2020 Annex VI)")
    for s in report.shortened:
        print(f"note: {s.where}: {s.field} shortened from {s.length} to {s.limit} characters "
              "(the decree's limit; the PDF keeps the full text)", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    from dossier.archive import DEFAULT_RIGHTS

    handover = sub.add_parser(
        "handover", help="the postal handover list of dossiers (PDF, CSV, JSON); records the handover",
        description="Make the handover list of dossiers from the post office to the one-stop desk: dossier "
                    "codes with QR, postal item numbers, applicants (ID masked), components and page counts, "
                    "signature places; signed by the postal employee with --p12/--pkcs11. Each dossier can be "
                    "on one handover list only.")
    handover.add_argument("--dossiers", action="append", required=True, metavar="CODE[,CODE...]",
                          help="the dossier codes, in list order (repeatable)")
    handover.add_argument("-o", "--output", type=Path, required=True, metavar="LIST.pdf")
    handover.add_argument("--csv", type=Path, metavar="FILE", help="also write the list as CSV (UTF-8, for Excel)")
    handover.add_argument("--json", action="store_true", help="print the list as JSON on stdout")
    handover.add_argument("--employee", help="the postal employee handing over, người giao "
                                             "(default: the signer's name when signing)")
    handover.add_argument("--receiver", help="the one-stop officer receiving, người nhận "
                                             "(default: a dotted line, the name written by hand)")
    handover.add_argument("--post-office", help=f"the post office handing over, bên giao (default: {POST_OFFICE_ENV})")
    handover.add_argument("--desk", default="Bộ phận Tiếp nhận và Trả kết quả",
                          help="the receiving one-stop desk (bên nhận)")
    handover.add_argument("--postal-item", action="append", default=[], metavar="CODE=NUMBER",
                          help="a dossier's postal item number, số hiệu bưu gửi (repeatable)")
    handover.add_argument("--note", action="append", default=[], metavar="CODE=TEXT",
                          help="a note on a dossier's row (repeatable)")
    add_signer_options(handover, "the postal employee")
    handover.set_defaults(func=cmd_handover)

    export = sub.add_parser(
        "export", help="export a dossier for the archive: PDFs in order and metadata.xml (Decree 30/2020)",
        description="Write a dossier's PDFs (signed ones where they exist) in chronological order and "
                    "metadata.xml with the Decree 30/2020 Annex VI fields, into a new folder or a .zip file. "
                    "Values longer than the decree allows: identifiers are refused, free text is shortened "
                    "and reported.")
    export.add_argument("--dossier", required=True, metavar="CODE")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="DIR|FILE.zip")
    export.add_argument("--maintenance", default="", help="retention period, thời hạn bảo quản (e.g. '20 năm')")
    export.add_argument("--rights", default=DEFAULT_RIGHTS, help=f"use regime, chế độ sử dụng (default {DEFAULT_RIGHTS})")
    export.add_argument("--creator", help="who made up the file, người lập hồ sơ (default: the workspace user)")
    export.add_argument("--description", default="", help="a note on the file")
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=cmd_export)
