"""Signing benchmark: a batch of one-page PDFs signed with a SoftHSM2 token and one PIN.

    .venv/bin/python bench/sign_bench.py [--documents 100]

Builds the test PKI (certomancer: root, intermediate, OCSP, CRL, TSA on 127.0.0.1) and a
SoftHSM2 token with its key generated on the token, exactly like a USB token, then signs
the batch at B-B and at B-LTA in one token session each. Prints per-document medians,
the batch totals, and how much of the time is the token's own signing operation.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sign-bench-") as tmp:
        work = Path(tmp)
        (work / "pki").mkdir()
        pki, services = build_pki(work / "pki")
        os.environ["SOFTHSM2_CONF"] = str(pki.softhsm_conf)
        try:
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
