"""Fixtures of the signing screen tests: the test PKI with its SoftHSM2 token (plus a second
token holding an expired certificate), the token made visible to this process for one test,
and a dossier of reviewed documents in the window's workspace.

SoftHSM2 reads ``SOFTHSM2_CONF`` when the module is initialised, and python-pkcs11 keeps one
initialised module per process: ``token_env`` finalises it before and after each test, so the
next user (another test module with its own PKI) initialises it again with its own folder.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from dossier.config import Config, save_config
from dossier.model import today_vn
from tests.dossier.signing_fixtures import add_reviewed, decision_pdf  # noqa: F401 - the fixture
from tests.signing.pki_setup import P12_PASSWORD, SOFTHSM_LIB, TOKEN_SO_PIN, TestPki, build_pki

EXPIRED_LABEL = "Thẻ hết hạn"
EXPIRED_PIN = "246810"
EXPIRED_KEY_ID = "e1"
EXPIRING_LABEL = "Thẻ sắp hết hạn"
EXPIRING_PIN = "135790"
EXPIRING_KEY_ID = "e2"
EXPIRING_HOLDER = "Hoàng Thị Mai"
EXPIRING_DAYS = 12


def _run(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _serials(env: dict[str, str]) -> dict[str, str]:
    """label → serial of the initialised tokens (pkcs11-tool --list-token-slots)."""
    found: dict[str, str] = {}
    label = None
    for line in _run("pkcs11-tool", "--module", SOFTHSM_LIB, "--list-token-slots", env=env).splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "token label":
            label = value.strip()
        elif key.strip() == "serial num" and label is not None:
            found[label] = value.strip()
    return found


def add_token(pki: TestPki, label: str, pin: str, key, cert, key_id: str) -> str:  # type: ignore[no-untyped-def]
    """Another token in the PKI's SoftHSM2 folder holding ``key`` and ``cert`` under ``key_id``
    (imported: the test PKI made them outside a token); returns its serial."""
    env = {**os.environ, "SOFTHSM2_CONF": str(pki.softhsm_conf)}
    _run("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", TOKEN_SO_PIN, "--pin", pin, env=env)
    files = {
        "privkey": key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()),
        "pubkey": key.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo),
        "cert": cert.public_bytes(serialization.Encoding.DER),
    }
    for kind, data in files.items():
        path = pki.folder / f"{key_id}-{kind}.der"
        path.write_bytes(data)
        _run("pkcs11-tool", "--module", SOFTHSM_LIB, "--token-label", label, "--login", "--pin", pin,
             "--write-object", str(path), "--type", kind, "--id", key_id, "--label", "Chứng thư", env=env)
    return _serials(env)[label]


def add_expired_token(pki: TestPki) -> str:
    """The test PKI's expired certificate (2025-01-01 to 2026-01-01) and its key on a token,
    as a clerk whose certificate ran out still has it."""
    key, cert, _ = pkcs12.load_key_and_certificates(pki.p12["expired"].read_bytes(), P12_PASSWORD)
    return add_token(pki, EXPIRED_LABEL, EXPIRED_PIN, key, cert, EXPIRED_KEY_ID)


def add_expiring_token(pki: TestPki, days: int = EXPIRING_DAYS) -> str:
    """A certificate from the test PKI's issuing CA that ends in ``days`` days, on a token."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    issuer = x509.load_der_x509_certificate(pki.interm.dump())
    issuer_key = serialization.load_pem_private_key((pki.folder / "interm.key.pem").read_bytes(), None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND Xã Thử Nghiệm"),
                                     x509.NameAttribute(NameOID.COMMON_NAME, EXPIRING_HOLDER)]))
            .issuer_name(issuer.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=300)).not_valid_after(now + dt.timedelta(days=days, hours=12))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(issuer_key, hashes.SHA256()))  # type: ignore[arg-type]
    return add_token(pki, EXPIRING_LABEL, EXPIRING_PIN, key, cert, EXPIRING_KEY_ID)


@pytest.fixture(scope="session")
def signing_pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestPki, str, str]]:
    """(the test PKI, the serials of the tokens with the expired and the expiring certificate)."""
    pki, services = build_pki(tmp_path_factory.mktemp("signing-screen-pki"))
    expired_serial = add_expired_token(pki)
    expiring_serial = add_expiring_token(pki)
    (pki.folder / "root.der").write_bytes(pki.root.dump())
    yield pki, expired_serial, expiring_serial
    services.close()


def _finalise_softhsm() -> None:
    import pkcs11

    loaded = pkcs11._loaded.get(SOFTHSM_LIB)  # python-pkcs11's per-process cache of modules
    if loaded is not None and loaded.initialized:
        loaded.finalize()


@pytest.fixture
def token_env(signing_pki, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestPki]:
    """This test's process sees the PKI's tokens and trusts its root."""
    pki = signing_pki[0]
    _finalise_softhsm()
    monkeypatch.setenv("SOFTHSM2_CONF", str(pki.softhsm_conf))
    monkeypatch.setenv("SOHOA_TRUST_ROOTS", str(pki.folder / "root.der"))
    yield pki
    _wait_for_windows_work()  # SoftHSM2 must not be finalised under a worker still talking to it
    _finalise_softhsm()


def _wait_for_windows_work() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    for widget in app.topLevelWidgets() if app is not None else []:
        tasks = getattr(widget, "tasks", None)
        if tasks is not None and hasattr(tasks, "shutdown"):
            tasks.shutdown()


def use_token(serial: str, key_id: str, **values: str) -> Config:
    config = Config(pkcs11_module=SOFTHSM_LIB, token_serial=serial, key_id=key_id, operator_name="Nguyễn Văn An",
                    **values)
    save_config(config)
    return config


def reviewed_dossier(window, pdf: Path, count: int, *, waiting: int = 0) -> tuple[int, list[int]]:  # type: ignore[no-untyped-def]
    """Today's dossier with ``count`` reviewed documents (and ``waiting`` not yet reviewed),
    selected in the window."""
    ws = window.workspace
    dossier = ws.create_dossier(code="000.13.27.H38-" + today_vn().strftime("%y%m%d") + "-0042")
    ids = [add_reviewed(ws, dossier.id, pdf) for _ in range(count)]
    for _ in range(waiting):
        add_reviewed(ws, dossier.id, pdf, reviewed=False)
    window.show_day(today_vn())
    assert window.select_dossier(dossier.id)
    return dossier.id, ids


def settle(window, qtbot, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    """Let the outbox screen (when installed) send what was signed, before the window closes:
    the window's own work is then over and no timer of its fires into the next test."""
    from dossier.model import DocumentState

    if getattr(window, "outbox", None) is None:
        return
    ws = window.workspace

    def sent() -> bool:
        return not ws.documents_in_state(DocumentState.SIGNED, DocumentState.QUEUED)

    qtbot.waitUntil(sent, timeout=timeout)
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=timeout)
    qtbot.wait(400)  # the outbox re-reads its list 250 ms after a round


__all__ = ["EXPIRED_KEY_ID", "EXPIRING_DAYS", "EXPIRING_HOLDER", "EXPIRING_KEY_ID", "add_expired_token", "decision_pdf", "reviewed_dossier", "settle", "signing_pki", "token_env",
           "use_token"]
