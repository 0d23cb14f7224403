"""The DEMO signing identity of ``sohoa demo``: self-signed, labelled, never trusted.

Its certificate says in its own name that it has no legal value, and no trust list holds
it, so a verifier reports its signatures as intact but untrusted: nobody can mistake a
demo record for one signed by a clerk's real certificate (Decree 130/2018 recognises only
certificates of licensed CAs). It is a PKCS#12 file in the demo workspace, made on first
use. Its password is not a secret and is printed in this file on purpose: the key signs
nothing of value, and ``sohoa demo`` must run with nothing configured.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.workspace import write_durably

DEMO_COMMON_NAME = "SoHoa DEMO – không có giá trị pháp lý"
DEMO_ORGANISATION = "SoHoa DEMO (chữ ký thử, không tin cậy)"
DEMO_P12_PASSWORD = b"sohoa-demo"  # not a secret, see the module docstring
DEMO_P12_NAME = "demo-identity.p12"
VALID_DAYS = 3 * 365


def demo_identity(folder: Path, now: dt.datetime | None = None) -> Path:
    """The demo PKCS#12 in ``folder``, created (or renewed when expired) as needed."""
    path = Path(folder) / DEMO_P12_NAME
    now = now or dt.datetime.now(dt.timezone.utc)
    if path.exists() and _still_valid(path, now):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    write_durably(_make_pkcs12(now), path)
    return path


def is_demo_subject(subject: str) -> bool:
    """True for the demo certificate's subject as pyHanko prints it (``Common Name: …``)."""
    return DEMO_COMMON_NAME in subject


def _still_valid(path: Path, now: dt.datetime) -> bool:
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        _, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), DEMO_P12_PASSWORD)
    except (ValueError, OSError):
        return False  # damaged or not ours: made again
    if cert is None:
        return False
    margin = dt.timedelta(days=1)
    return cert.not_valid_before_utc <= now and now + margin < cert.not_valid_after_utc


def _make_pkcs12(now: dt.datetime) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
        x509.NameAttribute(NameOID.COMMON_NAME, DEMO_COMMON_NAME),
    ])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"sohoa-demo", key, cert, None, serialization.BestAvailableEncryption(DEMO_P12_PASSWORD))
