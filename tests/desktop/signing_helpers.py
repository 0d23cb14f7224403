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


def add_expired_token(pki: TestPki) -> str:
    """A second token with the test PKI's expired certificate and its key imported, as a clerk
    whose certificate ran out would still have it; returns its serial."""
    env = {**os.environ, "SOFTHSM2_CONF": str(pki.softhsm_conf)}
    _run("softhsm2-util", "--init-token", "--free", "--label", EXPIRED_LABEL, "--so-pin", TOKEN_SO_PIN,
         "--pin", EXPIRED_PIN, env=env)
    key, cert, _ = pkcs12.load_key_and_certificates(pki.p12["expired"].read_bytes(), P12_PASSWORD)
    assert key is not None and cert is not None
    files = {
        "privkey": key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()),
        "pubkey": key.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo),
        "cert": cert.public_bytes(serialization.Encoding.DER),
    }
    for kind, data in files.items():
        path = pki.folder / f"expired-{kind}.der"
        path.write_bytes(data)
        _run("pkcs11-tool", "--module", SOFTHSM_LIB, "--token-label", EXPIRED_LABEL, "--login", "--pin", EXPIRED_PIN,
             "--write-object", str(path), "--type", kind, "--id", EXPIRED_KEY_ID, "--label", "Chứng thư cũ", env=env)
    return _serials(env)[EXPIRED_LABEL]


@pytest.fixture(scope="session")
def signing_pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestPki, str]]:
    """(the test PKI, the serial of the token with the expired certificate)."""
    pki, services = build_pki(tmp_path_factory.mktemp("signing-screen-pki"))
    expired_serial = add_expired_token(pki)
    (pki.folder / "root.der").write_bytes(pki.root.dump())
    yield pki, expired_serial
    services.close()


def _finalise_softhsm() -> None:
    import pkcs11

    loaded = pkcs11._loaded.get(SOFTHSM_LIB)  # python-pkcs11's per-process cache of modules
    if loaded is not None and loaded.initialized:
        loaded.finalize()


@pytest.fixture
def token_env(signing_pki, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestPki]:
    """This test's process sees the PKI's tokens and trusts its root."""
    pki, _ = signing_pki
    _finalise_softhsm()
    monkeypatch.setenv("SOFTHSM2_CONF", str(pki.softhsm_conf))
    monkeypatch.setenv("SOHOA_TRUST_ROOTS", str(pki.folder / "root.der"))
    yield pki
    _finalise_softhsm()


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


__all__ = ["EXPIRED_KEY_ID", "add_expired_token", "decision_pdf", "reviewed_dossier", "signing_pki", "token_env",
           "use_token"]
