"""Checks on the signing certificate, made before any document is touched.

Signing with an expired, revoked or wrongly-typed certificate gives a PDF that every
verifier rejects, so it is refused up front with a reason the clerk can act on.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Sequence

from asn1crypto import x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, RevokedError
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from signing.errors import CertificateRefused
from signing.model import CertificateInfo

SIGNING_USAGES = frozenset({"digital_signature", "non_repudiation"})


def describe(cert: x509.Certificate, key_id: bytes | None = None, label: str | None = None) -> CertificateInfo:
    return CertificateInfo(
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        key_usage=tuple(sorted(cert.key_usage_value.native)) if cert.key_usage_value else (),
        key_id=key_id.hex() if key_id else None,
        label=label,
    )


def signing_usages(cert: x509.Certificate) -> set[str]:
    """The signing key usages the certificate has (a missing extension allows all)."""
    if cert.key_usage_value is None:
        return set(SIGNING_USAGES)
    return set(cert.key_usage_value.native) & SIGNING_USAGES


def check_usable(cert: x509.Certificate, now: datetime | None = None) -> None:
    """Refuse a certificate that is outside its validity or cannot sign documents."""
    now = now or datetime.now(timezone.utc)
    name = cert.subject.human_friendly
    if now < cert.not_valid_before:
        raise CertificateRefused(f"certificate of {name} is not valid before {cert.not_valid_before:%Y-%m-%d}")
    if now > cert.not_valid_after:
        raise CertificateRefused(f"certificate of {name} expired on {cert.not_valid_after:%Y-%m-%d}")
    if not signing_usages(cert):
        raise CertificateRefused(
            f"certificate of {name} lacks the digitalSignature/nonRepudiation key usage; "
            "it is not a signing certificate"
        )


async def check_not_revoked(cert: x509.Certificate, chain: Sequence[x509.Certificate],
                            trust_roots: Sequence[x509.Certificate] = ()) -> None:
    """Ask the CA's OCSP/CRL service; refuse when the CA says revoked.

    Soft-fail: when the service cannot be reached the check is skipped (the clerk may be
    offline); B-LT/B-LTA signing fetches revocation data again and fails hard then.
    """
    roots = list(trust_roots) or [c for c in chain if c.self_signed]
    if not roots:
        return  # no anchor to validate the CA's answer against
    fetcher = AIOHttpFetcherBackend(per_request_timeout=5)
    try:
        ctx = ValidationContext(trust_roots=roots, other_certs=list(chain), allow_fetching=True,
                                revocation_mode="soft-fail", fetcher_backend=fetcher)
        validator = CertificateValidator(cert, intermediate_certs=list(chain), validation_context=ctx)
        await validator.async_validate_usage(signing_usages(cert) or set(SIGNING_USAGES))
    except RevokedError as exc:
        raise CertificateRefused(f"certificate of {cert.subject.human_friendly} is revoked: {exc}") from exc
    except PathBuildingError:
        return  # unknown CA: trust is decided by the verifier, not here
    except Exception as exc:  # other path problems (e.g. untrusted) are not revocation
        if "revoked" in str(exc).lower():
            raise CertificateRefused(f"certificate of {cert.subject.human_friendly} is revoked: {exc}") from exc
    finally:
        await fetcher.close()
