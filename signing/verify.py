"""Validation of every signature in a PDF, offline by default.

Archives validate years later, when the CA's OCSP/TSA services may be gone, so by default
only what the PDF carries (DSS, timestamps) is used; ``fetch=True`` allows network look-ups.
B-LTA signatures go through pyHanko's ETSI EN 319 102-1 LTA algorithm; B-B, B-T and B-LT
through plain PAdES validation (with the DSS's revocation data for B-LT), since without a
document timestamp the LTA algorithm has no proof of existence to work from.
"""
from __future__ import annotations

import asyncio
import enum
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.ades.report import AdESSubIndic
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec, RevinfoOnlineFetchingRule, RevocationInfoGatheringSpec, SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from signing.model import Level

# pyHanko logs every certificate it cannot trust as a warning with its whole traceback; a
# verdict here says the same in one line (an untrusted demo or foreign signature is an
# expected answer, not a fault), so a clerk's terminal and log are not filled with them.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)


class Revocation(enum.Enum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"  # no revocation data available (offline and nothing embedded)
    NOT_CHECKED = "not-checked"


@dataclass(frozen=True)
class SignatureReport:
    field: str
    intact: bool
    signer_subject: str
    signer_serial: str
    signing_time: datetime | None
    time_from_timestamp: bool
    trusted: bool
    revocation: Revocation
    modifications: str  # pyHanko ModificationLevel name: NONE, LTA_UPDATES, FORM_FILLING, …
    covers_whole_file: bool
    level: Level
    valid: bool
    detail: str  # AdES indication, and the failure message when there is one


@dataclass(frozen=True)
class VerificationReport:
    file: str
    signatures: tuple[SignatureReport, ...]

    @property
    def valid(self) -> bool:
        """True only when the file has signatures and every one is valid."""
        return bool(self.signatures) and all(s.valid for s in self.signatures)


def _level(reader: PdfFileReader, sig) -> Level:  # type: ignore[no-untyped-def]
    unsigned = sig.signer_info["unsigned_attrs"]
    has_ts = unsigned.native is not None and any(
        a["type"].native == "signature_time_stamp_token" for a in unsigned)
    if not has_ts:
        return Level.B_B
    if "/DSS" not in reader.root:
        return Level.B_T
    later_doc_ts = [ts for ts in reader.embedded_timestamp_signatures
                    if ts.signed_revision > sig.signed_revision]
    return Level.B_LTA if later_doc_ts else Level.B_LT


def _spec(trust_roots: Sequence[x509.Certificate], fetch: bool, check_revocation: bool,
          fetcher: AIOHttpFetcherBackend | None) -> PdfSignatureValidationSpec:
    rule = RevocationCheckingRule.CHECK_IF_DECLARED if check_revocation else RevocationCheckingRule.NO_CHECK
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=list(trust_roots)),
        revinfo_policy=CertRevTrustPolicy(RevocationCheckingPolicy(ee_certificate_rule=rule,
                                                                   intermediate_ca_cert_rule=rule)),
    )
    gathering = RevocationInfoGatheringSpec(
        online_fetching_rule=RevinfoOnlineFetchingRule.ALWAYS_FETCH if fetch else RevinfoOnlineFetchingRule.LOCAL_ONLY,
        fetcher_backend=fetcher,
    )
    return PdfSignatureValidationSpec(SignatureValidationSpec(cert_validation_policy=policy,
                                                              revinfo_gathering_policy=gathering))


def _revocation(subindic: AdESSubIndic | None, passed: bool, checked: bool) -> Revocation:
    if not checked:
        return Revocation.NOT_CHECKED
    name = subindic.name if subindic is not None else ""
    if "REVOKED" in name:
        return Revocation.REVOKED
    # A signature that did not pass says nothing certain about revocation.
    return Revocation.GOOD if passed else Revocation.UNKNOWN


async def _plain(sig, level: Level, trust_roots: Sequence[x509.Certificate], fetch: bool,  # type: ignore[no-untyped-def]
                 check_revocation: bool, fetcher: AIOHttpFetcherBackend | None,
                 reader: PdfFileReader) -> SignatureReport:
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import ValidationContext

    embedded = level is Level.B_LT
    mode = "hard-fail" if check_revocation and (fetch or embedded) else "soft-fail"
    options = {"trust_roots": list(trust_roots), "allow_fetching": fetch, "revocation_mode": mode,
               "fetcher_backend": fetcher}
    dss = DocumentSecurityStore.read_dss(reader) if embedded else None
    context = dss.as_validation_context(options) if dss is not None else ValidationContext(**options)
    status = await async_validate_pdf_signature(sig, signer_validation_context=context)
    ts = status.timestamp_validity
    revoked = bool(getattr(status, "revoked", False))
    revocation = (Revocation.NOT_CHECKED if not check_revocation else Revocation.REVOKED if revoked
                  else Revocation.GOOD if (fetch or embedded) and status.trusted else Revocation.UNKNOWN)
    cert = sig.signer_cert
    return SignatureReport(
        field=sig.field_name, intact=bool(status.intact and status.valid),
        signer_subject=cert.subject.human_friendly, signer_serial=format(cert.serial_number, "x"),
        signing_time=ts.timestamp if ts else sig.self_reported_timestamp, time_from_timestamp=ts is not None,
        trusted=bool(status.trusted), revocation=revocation,
        modifications=status.modification_level.name if status.modification_level else "UNKNOWN",
        covers_whole_file=status.coverage.name == "ENTIRE_FILE", level=level,
        valid=bool(status.bottom_line) and not revoked and (revocation is not Revocation.UNKNOWN or not check_revocation),
        detail=status.summary())


async def _verify(path: Path, trust_roots: Sequence[x509.Certificate], fetch: bool,
                  check_revocation: bool) -> VerificationReport:
    fetcher = AIOHttpFetcherBackend(per_request_timeout=10) if fetch else None
    reports = []
    try:
        with path.open("rb") as f:
            reader = PdfFileReader(f, strict=False)
            spec = _spec(trust_roots, fetch, check_revocation, fetcher)
            for sig in reader.embedded_regular_signatures:
                level = _level(reader, sig)
                if level is not Level.B_LTA:
                    # Without a document timestamp the LTA algorithm cannot establish proof
                    # of existence (SIG_CONSTRAINTS_FAILURE / NO_POE): validate as a plain
                    # PAdES signature, with the DSS's certificates and revocation data (B-LT).
                    reports.append(await _plain(sig, level, trust_roots, fetch, check_revocation, fetcher,
                                                reader))
                    continue
                result = await ades_lta_validation(sig, spec)
                status = result.api_status
                passed = result.ades_subindic.status.name == "PASSED"
                ts = getattr(status, "timestamp_validity", None) if status else None
                cert = sig.signer_cert
                reports.append(SignatureReport(
                    field=sig.field_name,
                    intact=bool(status and status.intact and status.valid),
                    signer_subject=cert.subject.human_friendly,
                    signer_serial=format(cert.serial_number, "x"),
                    signing_time=ts.timestamp if ts else sig.self_reported_timestamp,
                    time_from_timestamp=ts is not None,
                    trusted=bool(status and status.trusted),
                    revocation=_revocation(result.ades_subindic, passed, check_revocation),
                    modifications=status.modification_level.name if status and status.modification_level else "UNKNOWN",
                    covers_whole_file=bool(status and status.coverage.name == "ENTIRE_FILE"),
                    level=level,
                    valid=passed and bool(status and status.bottom_line),
                    detail=result.ades_subindic.name + (f": {result.failure_msg}" if result.failure_msg else ""),
                ))
    finally:
        if fetcher is not None:
            await fetcher.close()
    return VerificationReport(file=str(path), signatures=tuple(reports))


def verify_pdf(path: str | Path, trust_roots: Sequence[x509.Certificate], fetch: bool = False,
               check_revocation: bool = True) -> VerificationReport:
    """Validate every signature of ``path`` against ``trust_roots``.

    Offline (``fetch=False``), a B-B/B-T signature has no revocation data, so its
    revocation is reported UNKNOWN and the signature is not valid; pass
    ``check_revocation=False`` to validate integrity and trust only.
    """
    return asyncio.run(_verify(Path(path), trust_roots, fetch, check_revocation))


def load_certificate(path: str | Path) -> x509.Certificate:
    """A trust anchor from a PEM or DER file (``sohoa verify --trust``)."""
    data = Path(path).read_bytes()
    if data.lstrip().startswith(b"-----"):
        from asn1crypto import pem
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)
