"""`sohoa sign` and `sohoa verify` end to end, with the test PKI's PKCS#12 signer and the SoftHSM2 token."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.signing.pki_setup import P12_PASSWORD, SOFTHSM_LIB, TOKEN_PIN

SOHOA = [sys.executable, "-m", "desktop.launcher"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SOHOA, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL)


def test_sign_with_p12_then_verify(pki, blank_pdf: Path, tmp_path: Path) -> None:
    root = tmp_path / "root.der"
    root.write_bytes(pki.root.dump())
    out = tmp_path / "sao-y.pdf"
    signed = run("sign", str(blank_pdf), "-o", str(out), "--p12", str(pki.p12["signer"]), "--stamp", "copy",
                 "--agency", "ỦY BAN NHÂN DÂN XÃ PHÚ XUÂN", "--trust", str(root),
                 SOHOA_P12_PASSWORD=P12_PASSWORD.decode())
    assert signed.returncode == 0, signed.stderr
    checked = run("verify", str(out), "--trust", str(root), "--online", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["valid"] and "Nguyễn Văn An" in report["signatures"][0]["signer_subject"]
    # Without the root the same file is not trusted: verify says so and exits non-zero...
    assert run("verify", str(out)).returncode == 1
    # ...and a root configured for the office (SOHOA_TRUST_ROOTS) is as good as --trust.
    assert run("verify", str(out), "--online", SOHOA_TRUST_ROOTS=str(root)).returncode == 0


def test_password_never_comes_from_the_command_line(pki, blank_pdf: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOHOA_P12_PASSWORD"}
    result = subprocess.run([*SOHOA, "sign", str(blank_pdf), "-o", str(tmp_path / "x.pdf"), "--p12",
                             str(pki.p12["signer"])], capture_output=True, text=True, env=env,
                            stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode != 0 and "SOHOA_P12_PASSWORD" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_token_listing_and_a_wrong_pin(pki, blank_pdf: Path, tmp_path: Path) -> None:
    listed = run("sign", "--list-tokens", "--pkcs11", SOFTHSM_LIB)
    assert listed.returncode == 0, listed.stderr
    assert pki.token_serial in listed.stdout and "Nguyễn Văn An" in listed.stdout
    out = tmp_path / "token.pdf"
    wrong = run("sign", str(blank_pdf), "-o", str(out), "--pkcs11", SOFTHSM_LIB, "--token-serial", pki.token_serial,
                SOHOA_PIN="000000")
    assert wrong.returncode == 1 and "PIN" in wrong.stderr and not out.exists()
    right = run("sign", str(blank_pdf), "-o", str(out), "--pkcs11", SOFTHSM_LIB, "--token-serial", pki.token_serial,
                "--key-id", pki.key_id.hex(), SOHOA_PIN=TOKEN_PIN)
    assert right.returncode == 0, right.stderr


def test_known_modules_are_suggested() -> None:
    suggested = run("sign", "--list-tokens")
    assert suggested.returncode == 0 and f"--pkcs11 {SOFTHSM_LIB}" in suggested.stdout
