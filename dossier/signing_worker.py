"""Signing and verifying in a child process, so the desktop's window keeps its GIL.

pyHanko's signing and validation is pure Python (asn1crypto, fontTools for the stamp's font,
the PDF writer): about 0.2 s of interpreter work per document. On a worker thread of the
desktop process it shares the GIL with the UI thread, and on a loaded machine the OS
pre-empts the worker while it holds the GIL, so the window waits for both: event-loop gaps of
130–370 ms while 20 documents were signed (bench/signing_latency.py, bench/signing_gil.py
found no single long C call, only interpreter time). Here the session lives in one child
process for the whole run and the desktop's thread only waits on a pipe.

The interface is small: ``demo`` (the demo identity's file, made or checked there), ``open`` (the ``Signer``, PIN included, sent once over the pipe; the
token is logged in once for the batch, as ``signing.sign.token_session`` does), then any
number of ``sign`` (a PDF into a file, the ``SignResult`` back) and ``verify`` (a
``VerificationReport`` back), then ``close``. The child writes only the output file it is
told to; the workspace (SQLite, metadata, states) stays with the parent. A child that dies
raises ``WorkerStopped`` (a ``SigningError``): the signing lane stops the run there and the
documents not signed stay ``reviewed``.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import x509

from signing.errors import SigningError
from signing.model import SignResult
from signing.sign import SignOptions
from dossier.signing_lane import Signer

if TYPE_CHECKING:
    from signing.verify import VerificationReport

START_TIMEOUT_S = 120.0  # the child's imports, the token's login and the revocation check
WORKER_NICE = 5  # the clerk's window wins a core over the batch (on a 2-core desk at load 9)


class WorkerStopped(SigningError):
    """The signing process ended without answering (killed, crashed, out of memory)."""


class SigningWorker:
    """A child process holding one open signing session; a context manager.

    ``spawn()`` may start the child early (its imports take a second or two, done while the
    clerk types the PIN); ``start()`` opens the session. ``sign`` and ``verify`` may be called
    from one thread at a time (the signing lane's)."""

    def __init__(self, signer: Signer | None = None, start_timeout: float = START_TIMEOUT_S) -> None:
        self.signer = signer
        self.start_timeout = start_timeout
        self._process: Any = None
        self._conn: Connection | None = None

    def __enter__(self) -> "SigningWorker":
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def session(self, signer: Signer) -> Iterator["SigningWorker"]:
        """The session of ``signer`` in this worker, closed (and the child ended) on exit."""
        self.signer = signer
        with self:
            yield self

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def spawn(self) -> None:
        """Start the child (once); it waits for ``start()``'s signer."""
        if self._process is not None:
            return
        # spawn, not fork: the desktop process runs Qt and threads, which a fork would copy half-way.
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=serve, args=(child,), name="sohoa-signing", daemon=True)
        self._process.start()
        child.close()  # only the child holds its end: its death reads as EOF here
        self._conn = parent

    def start(self) -> None:
        """Start the child (unless spawned) and open the session; raises the session's
        SigningError (PinError, CertificateRefused, TokenError) as ``signer.session()`` would."""
        if self.signer is None:
            raise ValueError("SigningWorker.start needs a signer")
        self.spawn()
        try:
            # Certificates go as DER: asn1crypto objects do not always survive pickling whole.
            signer = replace(self.signer, options=replace(self.signer.options, trust_roots=()))
            self._ask(("open", signer, _ders(self.signer.options.trust_roots)), self.start_timeout)
        except BaseException:
            self.close()
            raise

    def demo_identity(self, folder: Path) -> Path:
        """``dossier.demo_identity.demo_identity(folder)`` in the child, before ``start()``:
        checking the PKCS#12's validity decrypts it, 50-100 ms without releasing the GIL."""
        self.spawn()
        return self._ask(("demo", Path(folder)), self.start_timeout)

    def sign(self, src: Path, dst: Path, options: SignOptions) -> SignResult:
        """Sign ``src`` into ``dst`` (written by the child only when signing succeeded)."""
        return self._ask(("sign", Path(src), Path(dst), replace(options, trust_roots=()), _ders(options.trust_roots)))

    def verify(self, path: Path, trust_roots: Sequence[x509.Certificate], fetch: bool = False,
               check_revocation: bool = True) -> "VerificationReport":
        """``signing.verify.verify_pdf`` of ``path``, in the child."""
        return self._ask(("verify", Path(path), _ders(trust_roots), fetch, check_revocation))

    def close(self, wait: bool = True) -> None:
        """Close the session (the token is logged out) and let the child end; ``wait=False``
        does not wait for it (a child still importing ends when it reads the request)."""
        conn, process = self._conn, self._process
        self._conn = None
        if conn is not None:
            try:
                conn.send(("close",))
            except OSError:
                pass  # already gone
            conn.close()
        if process is not None and wait:
            process.join(10)
            if process.is_alive():
                process.kill()
                process.join()
        self._process = None

    def _ask(self, request: tuple[Any, ...], timeout: float | None = None) -> Any:
        if self._conn is None:
            raise WorkerStopped("tiến trình ký số chưa chạy hoặc đã đóng")
        try:
            self._conn.send(request)
            if timeout is not None and not self._conn.poll(timeout):
                # Its late answer would be read as the next request's: this process is done with.
                self.close(wait=False)
                raise WorkerStopped("tiến trình ký số không trả lời")
            kind, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerStopped(self._stopped_text()) from exc
        if kind == "error":
            raise _error(value)
        return value

    def _stopped_text(self) -> str:
        code = None
        if self._process is not None:
            self._process.join(2)
            code = self._process.exitcode
        return ("tiến trình ký số đã dừng đột ngột" + (f" (mã thoát {code})" if code is not None else "")
                + "; các tài liệu chưa ký vẫn chờ ký")


def _ders(certificates: Sequence[x509.Certificate]) -> list[bytes]:
    return [c.dump() for c in certificates]


def _certificates(ders: Sequence[bytes]) -> tuple[x509.Certificate, ...]:
    return tuple(x509.Certificate.load(der) for der in ders)


def _error(payload: bytes | tuple[str, str]) -> BaseException:
    """The child's exception, as raised there (a SigningError keeps its type and tries hint)."""
    if isinstance(payload, bytes):
        try:
            error = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - an exception the parent cannot rebuild
            error = None
        if isinstance(error, BaseException):
            return error
        return SigningError("lỗi không rõ trong tiến trình ký số")
    name, message = payload
    return RuntimeError(f"{name}: {message}")


def serve(conn: Connection) -> None:
    """The child: open the session once, answer sign/verify requests until ``close``."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICE)
    # Imported before the first request: a spawned worker does this while the clerk types the PIN.
    from signing.verify import verify_pdf

    while True:  # before the session: the demo identity may be asked for
        try:
            request = conn.recv()
        except EOFError:
            return
        if request[0] != "demo":
            break
        try:
            from dossier.demo_identity import demo_identity

            _reply(conn, demo_identity(request[1]))
        except Exception as exc:  # noqa: BLE001 - handed to the parent
            _reply_error(conn, exc)
    if request[0] != "open":
        return
    signer: Signer = replace(request[1], options=replace(request[1].options, trust_roots=_certificates(request[2])))
    try:
        context = signer.session()
        session = context.__enter__()
    except BaseException as exc:  # noqa: BLE001 - handed to the parent
        _reply_error(conn, exc)
        return
    del signer, request  # the PIN: not kept in this process's objects past the login
    try:
        _reply(conn, None)
        while True:
            try:
                request = conn.recv()
            except EOFError:
                return  # the parent went away
            if request[0] == "close":
                return
            try:
                if request[0] == "sign":
                    _, src, dst, options, roots = request
                    _reply(conn, session.sign(src, dst, replace(options, trust_roots=_certificates(roots))))
                elif request[0] == "verify":
                    _, path, roots, fetch, check_revocation = request
                    _reply(conn, _plain(verify_pdf(path, list(_certificates(roots)), fetch=fetch, check_revocation=check_revocation)))
                else:
                    raise ValueError(f"unknown request {request[0]!r}")
            except Exception as exc:  # noqa: BLE001 - one document's trouble is the parent's to judge
                _reply_error(conn, exc)
    finally:
        context.__exit__(None, None, None)
        conn.close()


def _plain(report: "VerificationReport") -> "VerificationReport":
    """The report with plain strings: pyHanko's field name is a string tied to the open PDF."""
    signatures = tuple(replace(s, field=str(s.field), signer_subject=str(s.signer_subject), detail=str(s.detail))
                       for s in report.signatures)
    return replace(report, file=str(report.file), signatures=signatures)


def _reply(conn: Connection, value: Any) -> None:
    conn.send(("ok", value))


def _reply_error(conn: Connection, exc: BaseException) -> None:
    try:
        payload: bytes | tuple[str, str] = pickle.dumps(exc)
        pickle.loads(payload)  # what cannot come back whole goes as its name and text
    except Exception:  # noqa: BLE001
        payload = (type(exc).__name__, str(exc))
    try:
        conn.send(("error", payload))
    except OSError:
        pass


__all__ = ["SigningWorker", "WorkerStopped", "serve"]
