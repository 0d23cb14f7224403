"""PAdES signing of PDFs as incremental updates (the original bytes, and PDF/A, are kept).

A :class:`SigningSession` holds one signer: a PKCS#12 file or a logged-in token. The
certificate is checked once when the session opens, so a batch of documents costs one PIN
entry and one revocation look-up.
"""
from __future__ import annotations

import asyncio
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from asn1crypto import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import read_certification_data
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from signing.certs import check_not_revoked, check_usable, signing_usages
from signing.errors import DocumentRefused, SigningError
from signing.model import Level, SignResult
from signing.pdfa import XmpKeepingWriter
from signing.stamps import iso_vn, place_clear_of_print, plan_stamp, stamp_corner, stamp_style
from signing.tokens import open_token, token_signer

A4 = (0.0, 0.0, 595.0, 842.0)


class CancelFlag(Protocol):
    """Anything with ``is_set()`` — a ``threading.Event`` from the GUI's worker, for instance."""

    def is_set(self) -> bool: ...


Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class SignOptions:
    """Everything about a signature except the key. Defaults give an invisible B-B signature."""

    level: Level = Level.B_B
    stamp: str = "none"
    tsa_url: str | None = None
    digitizer: str | None = None  # digitizer stamp; defaults to the certificate's common name
    digitized_at: datetime | None = None  # defaults to the signing time
    agency: str | None = None  # copy stamp; defaults to the certificate's organisation
    reason: str | None = None
    location: str | None = None
    trust_roots: tuple[x509.Certificate, ...] = ()  # anchors for B-LT/B-LTA revocation data
    check_revocation: bool = True

    def __post_init__(self) -> None:
        if self.level.needs_tsa and not self.tsa_url:
            raise ValueError(f"PAdES {self.level.value} needs a timestamp server (--tsa URL)")


@dataclass(frozen=True)
class BatchResult:
    signed: tuple[SignResult, ...]
    failed: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (input, reason)
    cancelled: bool = False


def _name_part(cert: x509.Certificate, key: str) -> str | None:
    value = cert.subject.native.get(key)
    return value if isinstance(value, str) else (value[-1] if value else None)


class SigningSession:
    """One open signer; use :func:`pkcs12_session` or :func:`token_session` to get one."""

    def __init__(self, signer: signers.Signer, chain: Sequence[x509.Certificate]) -> None:
        self.signer = signer
        self.cert: x509.Certificate = signer.signing_cert
        self.chain = tuple(chain)
        # One event loop for the session's signatures: ``asyncio.run`` per document made a
        # new loop (and its default executor thread) for every signature of a batch.
        self._runner: asyncio.Runner | None = None
        self._reserve: int | None = None  # bytes for a B-B signature's CMS, see _b_b_reserve

    def _run(self, coro):  # type: ignore[no-untyped-def]
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner.run(coro)

    def close(self) -> None:
        """Close the session's event loop (the context managers below do it)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            runner.close()

    def check_certificate(self, trust_roots: Sequence[x509.Certificate] = (), revocation: bool = True) -> None:
        """Refuse expired, not-yet-valid, non-signing or revoked certificates."""
        check_usable(self.cert)
        if revocation:
            self._run(check_not_revoked(self.cert, self.chain, trust_roots))

    async def _b_b_reserve(self) -> int:
        """The room a B-B signature's CMS takes in the PDF, worked out once per session.

        Left to itself, pyHanko builds a dummy CMS before every signature to size the room
        it reserves; for B-B (no timestamp, no revocation data) that dummy is the same for
        every document of the session: same certificates, same attributes, fixed-length
        digest and time. The same estimate as pyHanko's (twice the DER size, for the hex
        string, and half as much again as a margin), made once instead of per document."""
        if self._reserve is None:
            from cryptography.hazmat.primitives import hashes
            from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

            dummy = await self.signer.async_sign(
                hashes.Hash(hashes.SHA256()).finalize(), "sha256", dry_run=True, use_pades=True,
                signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(timezone.utc)))
            size = len(dummy.dump()) * 2
            self._reserve = size + 2 * (size // 4)
        return self._reserve

    def _anchors(self, options: SignOptions) -> list[x509.Certificate]:
        if options.trust_roots:
            return list(options.trust_roots)
        roots = [c for c in self.chain if c.self_signed]
        return roots or list(self.chain[-1:])  # top of the chain we hold, when the root is absent

    def sign(self, src: str | Path, dst: str | Path, options: SignOptions) -> SignResult:
        """Sign one PDF into ``dst`` (written only when signing succeeded)."""
        return self._run(self._sign_file(Path(src), Path(dst), options, None))

    async def _sign_file(self, src: Path, dst: Path, options: SignOptions,
                         shared: ValidationContext | None) -> SignResult:
        signed_at = datetime.now(timezone.utc)
        out, note = await self._sign_bytes(src.read_bytes(), str(src), options, signed_at, shared)
        dst.write_bytes(out)
        return SignResult(output=str(dst), level=options.level, signer_subject=self.cert.subject.human_friendly,
                          signer_serial=format(self.cert.serial_number, "x"), signed_at=signed_at,
                          stamp_note=note)

    def sign_many(self, jobs: Iterable[tuple[str | Path, str | Path]], options: SignOptions,
                  progress: Progress | None = None, cancel: CancelFlag | None = None) -> BatchResult:
        """Sign each (input, output) pair; a bad document is reported and skipped, not fatal.

        The whole batch runs in one event loop with one validation context, so the
        signer's chain is checked and its OCSP/CRL answers fetched once per batch, not
        once per document (a lone B-LTA signature spends most of its second on that).
        """
        return self._run(self._sign_batch(list(jobs), options, progress, cancel))

    async def _sign_batch(self, jobs: list[tuple[str | Path, str | Path]], options: SignOptions,
                          progress: Progress | None, cancel: CancelFlag | None) -> BatchResult:
        done: list[SignResult] = []
        failed: list[tuple[str, str]] = []
        fetcher, context = self._revocation_context(options)
        try:
            for index, (src, dst) in enumerate(jobs):
                if cancel is not None and cancel.is_set():
                    return BatchResult(tuple(done), tuple(failed), cancelled=True)
                try:
                    done.append(await self._sign_file(Path(src), Path(dst), options, context))
                except DocumentRefused as exc:
                    failed.append((str(src), str(exc)))
                if progress is not None:
                    progress(index + 1, len(jobs), Path(src))
        finally:
            if fetcher is not None:
                await fetcher.close()
        return BatchResult(tuple(done), tuple(failed))

    def _revocation_context(self, options: SignOptions) -> tuple[AIOHttpFetcherBackend | None,
                                                                 ValidationContext | None]:
        """What B-LT and B-LTA embed: the chain's revocation data, fetched through one session."""
        if options.level.rank < Level.B_LT.rank:
            return None, None
        fetcher = AIOHttpFetcherBackend(per_request_timeout=10)
        context = ValidationContext(trust_roots=self._anchors(options), other_certs=list(self.chain),
                                    allow_fetching=True, fetcher_backend=fetcher, revocation_mode="hard-fail")
        return fetcher, context

    async def _sign_bytes(self, data: bytes, name: str, options: SignOptions, signed_at: datetime,
                          shared: ValidationContext | None = None) -> tuple[bytes, str | None]:
        try:
            writer = XmpKeepingWriter(io.BytesIO(data), strict=False)
        except Exception as exc:
            raise DocumentRefused(f"{name}: not a readable PDF ({exc})") from exc
        if writer.prev.encrypted:
            raise DocumentRefused(f"{name}: the PDF is encrypted; remove the password before signing")
        certification = read_certification_data(writer.prev)
        if certification is not None and certification.permission is fields.MDPPerm.NO_CHANGES:
            # A new signature is a change; the certifying signature would no longer be valid.
            raise DocumentRefused(f"{name}: the PDF is certified against any change; signing it would "
                                  "invalidate the existing certification signature")
        try:
            field_name = f"SoHoa{len(list(fields.enumerate_sig_fields(writer.prev))) + 1}"
            page_box = _page_box(writer)
        except Exception as exc:
            raise DocumentRefused(f"{name}: damaged PDF ({exc})") from exc

        values = {
            "digitizer": options.digitizer or _name_part(self.cert, "common_name") or "",
            "digitized_at": iso_vn(options.digitized_at or signed_at),
            "agency": options.agency or _name_part(self.cert, "organization_name") or "",
            "signed_at": iso_vn(signed_at),
        }
        plan = plan_stamp(options.stamp, page_box, values)
        note = None
        if plan is not None:
            plan, note = place_clear_of_print(data, plan, corner_left=stamp_corner(options.stamp) == "top-left")
        spec = fields.SigFieldSpec(field_name, on_page=0, box=plan.box if plan else None)
        fetcher, context = (None, shared) if shared is not None else self._revocation_context(options)
        meta = PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=options.reason, location=options.location,
            embed_validation_info=context is not None, use_pades_lta=options.level is Level.B_LTA,
            validation_context=context, signer_key_usage=signing_usages(self.cert),
        )
        pdf_signer = PdfSigner(
            meta, self.signer, new_field_spec=spec,
            timestamper=HTTPTimeStamper(options.tsa_url) if options.level.needs_tsa else None,
            stamp_style=stamp_style(plan) if plan else None,
        )
        out = io.BytesIO()
        try:
            reserve = await self._b_b_reserve() if context is None and not options.level.needs_tsa else None
            await pdf_signer.async_sign_pdf(writer, output=out, bytes_reserved=reserve,
                                            appearance_text_params={"body": plan.text} if plan else None)
        except SigningError:
            raise
        except Exception as exc:
            raise SigningError(f"{name}: signing failed: {type(exc).__name__}: {exc}") from exc
        finally:
            if fetcher is not None:
                await fetcher.close()
        return out.getvalue(), note


def _page_box(writer: IncrementalPdfFileWriter) -> tuple[float, float, float, float]:
    page = writer.find_page_for_modification(0)[0].get_object()
    while page is not None:
        if "/MediaBox" in page:
            return tuple(float(v) for v in page["/MediaBox"])  # type: ignore[return-value]
        page = page.get("/Parent")
        page = page.get_object() if page is not None else None
    return A4


@contextmanager
def pkcs12_session(path: str | Path, password: bytes | None, check: bool = True,
                   trust_roots: Sequence[x509.Certificate] = ()) -> Iterator[SigningSession]:
    """A session on a PKCS#12 (.p12/.pfx) soft key."""
    try:
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=password)
    except Exception as exc:
        raise SigningError(f"cannot open {path}: {exc}") from exc
    if signer is None:
        raise SigningError(f"cannot open {path}: wrong password or not a PKCS#12 file")
    with _session(signer, check, trust_roots) as session:
        yield session


@contextmanager
def token_session(module: str, pin: str | None, serial: str | None = None, key_id: bytes | None = None,
                  check: bool = True, trust_roots: Sequence[x509.Certificate] = ()) -> Iterator[SigningSession]:
    """A session on a PKCS#11 token: the PIN is entered once, for the whole batch."""
    with open_token(module, pin, serial) as p11:
        with _session(token_signer(p11, key_id), check, trust_roots) as session:
            yield session


@contextmanager
def _session(signer: signers.Signer, check: bool, trust_roots: Sequence[x509.Certificate]) -> Iterator[SigningSession]:
    """A session on ``signer``, its certificate checked first when ``check``; closed at the end."""
    chain = [c for c in signer.cert_registry if c.dump() != signer.signing_cert.dump()]
    session = SigningSession(signer, chain)
    try:
        if check:
            session.check_certificate(trust_roots)
        yield session
    finally:
        session.close()


__all__ = ["BatchResult", "SignOptions", "SigningSession", "pkcs12_session", "token_session"]
