"""Signing benchmark: a batch of one-page PDFs signed with a SoftHSM2 token and one PIN.

    .venv/bin/python bench/sign_bench.py [--documents 100]
    .venv/bin/python bench/sign_bench.py --stamp digitizer --pdfs WORKSPACE/documents/*/document.pdf

Builds the test PKI (certomancer: root, intermediate, OCSP, CRL, TSA on 127.0.0.1) and a
SoftHSM2 token with its key generated on the token, exactly like a USB token, then signs
the batch at B-B and at B-LTA in one token session each. Prints per-document medians,
the batch totals, and how much of the time is the token's own signing operation.

With ``--pdfs`` (for instance the documents of a ``sohoa process`` workspace: scanned pages
under their OCR text) those files are signed at B-B instead, with the visible stamp of
``--stamp``, three times over, and the CPU ms a signature are printed, with the share the
stamp's placement clear of print takes (``signing.stamps.place_clear_of_print``).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402

from signing.model import Level  # noqa: E402
from signing.sign import SignOptions, token_session  # noqa: E402
from tests.signing.pki_setup import SOFTHSM_LIB, TOKEN_PIN, build_pki  # noqa: E402


def _documents(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = folder / f"in{i:03d}.pdf"
        with pikepdf.new() as pdf:
            pdf.add_blank_page(page_size=(595, 842))
            pdf.docinfo["/Title"] = f"Tài liệu {i}"
            pdf.save(path)
        paths.append(path)
    return paths


def _batch(pki, sources: list[Path], out: Path, options: SignOptions) -> tuple[list[float], float, float]:
    """Per-document seconds, batch seconds, seconds inside the token's signing operation."""
    token_seconds = 0.0
    marks: list[float] = []
    with token_session(SOFTHSM_LIB, TOKEN_PIN, serial=pki.token_serial, key_id=pki.key_id,
                       trust_roots=[pki.root]) as session:
        raw = session.signer.async_sign_raw

        async def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal token_seconds
            started = time.perf_counter()
            try:
                return await raw(*args, **kwargs)
            finally:
                token_seconds += time.perf_counter() - started

        session.signer.async_sign_raw = timed  # type: ignore[method-assign]
        started = time.perf_counter()
        marks.append(started)
        result = session.sign_many([(s, out / s.name) for s in sources], options,
                                   progress=lambda done, total, path: marks.append(time.perf_counter()))
        total = time.perf_counter() - started
    assert not result.failed, result.failed
    per_document = [b - a for a, b in zip(marks, marks[1:])]
    return per_document, total, token_seconds


def _stamped(pki, sources: list[Path], out: Path, stamp: str) -> None:
    """CPU ms a stamped B-B signature of each of ``sources``, and of its placement."""
    import signing.sign as sign

    placing = 0.0
    place = sign.place_clear_of_print

    def timed_place(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal placing
        started = time.process_time()
        try:
            return place(*args, **kwargs)
        finally:
            placing += time.process_time() - started

    sign.place_clear_of_print = timed_place
    options = SignOptions(stamp=stamp)
    with token_session(SOFTHSM_LIB, TOKEN_PIN, serial=pki.token_serial, key_id=pki.key_id) as session:
        session.sign(sources[0], out / "warm-up.pdf", options)  # fonts and tables load once
        placing = 0.0
        started = time.process_time()
        for _ in range(3):
            for n, source in enumerate(sources):
                session.sign(source, out / f"{n}.pdf", options)
        spent = time.process_time() - started
    count = 3 * len(sources)
    print(f"{len(sources)} PDFs x 3, B-B, stamp {stamp}: {1000 * spent / count:.1f} CPU ms a signature, "
          f"of which placing the stamp {1000 * placing / count:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--pdfs", nargs="+", type=Path, help="sign these files instead (see above)")
    parser.add_argument("--stamp", choices=("digitizer", "copy", "none"), default="digitizer",
                        help="the visible stamp of the --pdfs signatures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sign-bench-") as tmp:
        work = Path(tmp)
        (work / "pki").mkdir()
        pki, services = build_pki(work / "pki")
        os.environ["SOFTHSM2_CONF"] = str(pki.softhsm_conf)
        try:
            if args.pdfs:
                return _stamped(pki, args.pdfs, work, args.stamp)
            sources = _documents(work, args.documents)
            print(f"{args.documents} one-page PDFs, SoftHSM2 token, one PIN per batch, {os.cpu_count()} cores")
            for level in (Level.B_B, Level.B_LTA):
                out = work / level.value
                out.mkdir()
                options = SignOptions(level=level, tsa_url=pki.tsa_url if level.needs_tsa else None,
                                      trust_roots=(pki.root,))
                per_doc, total, token = _batch(pki, sources, out, options)
                print(f"{level.value:6} median {median(per_doc) * 1000:6.0f} ms/document, batch {total:6.1f} s, "
                      f"token signing {token / len(per_doc) * 1000:5.1f} ms/document "
                      f"({100 * token / total:4.1f} % of the time)")
        finally:
            services.close()


if __name__ == "__main__":
    main()
