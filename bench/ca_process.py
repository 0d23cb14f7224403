"""The test PKI's CA services (OCSP, CRL, TSA) in a process of their own, for the latency benches.

``tests.signing.pki_setup.build_pki`` runs certomancer's responders on a thread of the calling
process; in a bench that measures the desktop's event loop, their Python work (an OCSP answer
when the signing session opens) would be charged to the app, while a real CA answers from
another machine. Here they run in a child process; ``close()`` stops it.
"""
from __future__ import annotations

import multiprocessing
import sys
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from asn1crypto import x509

ROOT = Path(__file__).resolve().parents[1]


def _serve(folder: Path, conn: Connection) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.signing.pki_setup import build_pki

    pki, services = build_pki(folder)
    # Certificates as DER: asn1crypto's objects do not always survive pickling whole.
    conn.send((replace(pki, root=None, interm=None), pki.root.dump(), pki.interm.dump()))
    try:
        conn.recv()  # until the bench is done (or gone)
    except EOFError:
        pass
    services.close()


class CaProcess:
    def __init__(self, folder: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(folder, child), daemon=True)
        self._process.start()
        child.close()
        pki, root, interm = self._conn.recv()
        self.pki: Any = replace(pki, root=x509.Certificate.load(root), interm=x509.Certificate.load(interm))  # TestPki

    def close(self) -> None:
        try:
            self._conn.send("stop")
        except OSError:
            pass
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
