"""The signer the workstation configuration names, and what a certificate on a token allows.

The desktop app and the command line build the same ``Signer`` from ``dossier.config``: the
token chosen in the settings (module, serial, key id), or the demo identity while none is
chosen (``Config.uses_demo_identity``). The checks on a certificate here read only what a
token shows without its PIN (``signing.model.CertificateInfo``), so the clerk learns that a
certificate expired before typing a PIN; ``signing.certs.check_usable`` applies the same
rules again, on the certificate itself, when the signing session opens.
"""
from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from signing.model import CertificateInfo, Level, TokenInfo
from signing.sign import SignOptions

from dossier.config import Config
from dossier.signing_lane import Signer

WARN_DAYS = 30  # a clerk needs weeks to renew a certificate with the CA: warn a month ahead
SIGNING_USAGES = frozenset({"digital_signature", "non_repudiation"})  # as signing.certs requires


class Usability(enum.Enum):
    USABLE = "usable"
    EXPIRING = "expiring"  # usable, but within WARN_DAYS of its end
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    NOT_FOR_SIGNING = "not-for-signing"  # lacks digitalSignature/nonRepudiation

    @property
    def can_sign(self) -> bool:
        return self in (Usability.USABLE, Usability.EXPIRING)


@dataclass(frozen=True)
class CertificateState:
    usability: Usability
    days_left: int  # whole days until not_after (negative once expired)


def certificate_state(info: CertificateInfo, now: datetime | None = None) -> CertificateState:
    """The rules of ``signing.certs.check_usable`` on a listed certificate, plus the warning."""
    now = now or datetime.now(timezone.utc)
    days_left = (info.not_after - now).days
    if now < info.not_before:
        usability = Usability.NOT_YET_VALID
    elif now > info.not_after:
        usability = Usability.EXPIRED
    elif info.key_usage and not SIGNING_USAGES & set(info.key_usage):
        usability = Usability.NOT_FOR_SIGNING
    elif days_left < WARN_DAYS:
        usability = Usability.EXPIRING
    else:
        usability = Usability.USABLE
    return CertificateState(usability, days_left)


def signing_certificates(token: TokenInfo) -> list[CertificateInfo]:
    """The token's certificates that have a key beside them (the CA certificates a token also
    holds have none): the ones a clerk can sign with."""
    keyed = set(token.key_ids)
    return [c for c in token.certificates if c.key_id is not None and c.key_id in keyed]


def chosen_certificate(config: Config, tokens: list[TokenInfo]) -> CertificateInfo | None:
    """The certificate of the configured token and key, found in a listing (None: not plugged in)."""
    for token in tokens:
        if config.token_serial and token.serial != config.token_serial:
            continue
        certificates = signing_certificates(token)
        if config.key_id:
            certificates = [c for c in certificates if c.key_id == config.key_id.lower()]
        if certificates:
            return certificates[0]
    return None


def sign_options(config: Config, trust_roots: tuple = ()) -> SignOptions:  # type: ignore[type-arg]
    """Level, stamp, TSA and the names on the stamp, from the configuration.

    Without a configured level: B-LTA with a TSA (archives verify in twenty years), B-B without.
    """
    level = Level.parse(config.signature_level or ("B-LTA" if config.tsa_url else "B-B"))
    return SignOptions(level=level, stamp=config.stamp_profile, tsa_url=config.tsa_url or None,
                       digitizer=config.operator_name or None, agency=config.agency_name or None,
                       trust_roots=tuple(trust_roots))


def configured_trust_roots() -> tuple:  # type: ignore[type-arg]
    """The office's trust anchors (``dossier.settings.configured_trust_roots``), loaded."""
    from signing.verify import load_certificate

    from dossier.settings import configured_trust_roots as paths

    return tuple(load_certificate(path) for path in paths())


def configured_signer(config: Config, secret: str | None, demo_folder: Path,
                      trust_roots: tuple = (),  # type: ignore[type-arg]
                      demo_identity: Callable[[Path], Path] | None = None) -> Signer:
    """The token's signer with ``secret`` (its PIN; None on a PIN-pad reader), or the demo
    identity (its password is no secret, see ``dossier.demo_identity``) when no token is set;
    ``demo_identity`` makes or checks its file (default ``dossier.demo_identity.demo_identity``;
    a ``SigningWorker``'s, to do it in the signing process)."""
    options = sign_options(config, trust_roots)
    if config.uses_demo_identity:
        from dossier.demo_identity import DEMO_P12_PASSWORD
        from dossier.demo_identity import demo_identity as made_here

        path = (demo_identity or made_here)(demo_folder)
        return Signer(p12=path, secret=DEMO_P12_PASSWORD.decode(), options=options)
    return Signer(pkcs11=config.pkcs11_module, token_serial=config.token_serial or None,
                  key_id=bytes.fromhex(config.key_id) if config.key_id else None, secret=secret, options=options)


def refusal(info: CertificateInfo, state: CertificateState) -> Exception:
    """The ``CertificateRefused`` that ``signing.certs.check_usable`` would raise for ``info``."""
    from signing.errors import CertificateRefused

    name = info.subject
    if state.usability is Usability.EXPIRED:
        return CertificateRefused(f"certificate of {name} expired on {info.not_after:%Y-%m-%d}")
    if state.usability is Usability.NOT_YET_VALID:
        return CertificateRefused(f"certificate of {name} is not valid before {info.not_before:%Y-%m-%d}")
    return CertificateRefused(f"certificate of {name} lacks the digitalSignature/nonRepudiation key usage; "
                              "it is not a signing certificate")


def name_part(subject: str, key: str) -> str:
    """One attribute of a subject as asn1crypto prints it: 'Common Name: …, Organization: …'
    (joined with '; ' instead when a value holds a comma, as the demo identity's does)."""
    found = re.search(rf"(?:^|[,;] ){re.escape(key)}: (.*?)(?=[,;] [A-Z][A-Za-z/ ]*: |$)", subject)
    return found.group(1) if found else ""


def organisation(subject: str) -> str:
    """The subject's organisation: the copy stamp's agency when none is configured."""
    return name_part(subject, "Organization")
