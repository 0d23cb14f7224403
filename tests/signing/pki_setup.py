"""Build the test PKI, a SoftHSM2 token and the loopback CA services for one session.

Used by the signing tests and by bench/sign_bench.py. Everything lives in a temp folder;
the port is chosen first because every certificate embeds its OCSP/CRL/TSA URLs.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from asn1crypto import x509
from certomancer.integrations.aiohttp_animator import build_animator_app
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CONFIG = Path(__file__).with_name("pki") / "certomancer.yml"
SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
ARCH = ArchLabel("sohoa")
P12_PASSWORD = b"mat-khau-thu"
TOKEN_PIN = "123456"
TOKEN_SO_PIN = "87654321"
# A Vietnamese label on purpose: label matching breaks on real tokens, selection is by serial.
TOKEN_LABEL = "Chữ ký số An"
KEY_ID = bytes.fromhex("a1b2")
SOFT_KEYS = ("root", "interm", "ocsp", "tsa", "signer", "expired", "revoked", "nousage")


@dataclass(frozen=True)
class TestPki:
    """Paths and certificates a test needs; the services run while the session lasts."""

    folder: Path
    url: str
    root: x509.Certificate
    interm: x509.Certificate
    p12: dict[str, Path]
    softhsm_conf: Path
    token_serial: str
    key_id: bytes

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/sohoa/tsa/tsa"


class CaServices:
    """Certomancer's aiohttp animator on a loopback socket, in its own thread and loop.

    ``stop()``/``start()`` let a test prove that validation works with the services gone.
    """

    def __init__(self, cfg: CertomancerConfig, port: int) -> None:
        self._app = build_animator_app(cfg.pki_archs, with_web_ui=False)
        self.port = port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._runner: web.AppRunner | None = None

    def _call(self, coro):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=30)

    async def _start(self) -> None:
        self._runner = web.AppRunner(self._app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True).start()

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def start(self) -> None:
        self._call(self._start())

    def stop(self) -> None:
        self._call(self._stop())

    def close(self) -> None:
        self.stop()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_rsa_key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _run(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def init_token(folder: Path) -> tuple[Path, dict[str, str], str]:
    """Initialise a SoftHSM2 token and generate the signing key on it (never extractable)."""
    tokens = folder / "tokens"
    tokens.mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    _run("softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
         "--so-pin", TOKEN_SO_PIN, "--pin", TOKEN_PIN, env=env)
    p11 = ("pkcs11-tool", "--module", SOFTHSM_LIB, "--token-label", TOKEN_LABEL)
    _run(*p11, "--login", "--pin", TOKEN_PIN, "--keypairgen", "--key-type", "rsa:2048",
         "--id", KEY_ID.hex(), "--label", "Khóa ký", env=env)
    pub_der = folder / "token.pub.der"
    _run(*p11, "--read-object", "--type", "pubkey", "--id", KEY_ID.hex(), "-o", str(pub_der), env=env)
    pub = serialization.load_der_public_key(pub_der.read_bytes())
    (folder / "token.pub.pem").write_bytes(
        pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    serial = ""
    for line in _run("pkcs11-tool", "--module", SOFTHSM_LIB, "--list-slots", env=env).splitlines():
        if "serial num" in line:
            serial = line.split(":", 1)[1].strip()
    return conf, env, serial


def build_pki(folder: Path) -> tuple[TestPki, CaServices]:
    """Generate keys, a token and certificates under ``folder`` and start the services."""
    shutil.copy(CONFIG, folder / "certomancer.yml")
    for name in SOFT_KEYS:
        _write_rsa_key(folder / f"{name}.key.pem")
    conf, env, serial = init_token(folder)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cfg = CertomancerConfig.from_file(str(folder / "certomancer.yml"), key_search_dir=str(folder),
                                      external_url_prefix=url)
    arch = cfg.get_pki_arch(ARCH)
    p12 = {}
    for name in ("signer", "expired", "revoked", "nousage"):
        path = folder / f"{name}.p12"
        path.write_bytes(arch.package_pkcs12(CertLabel(name), password=P12_PASSWORD))
        p12[name] = path
    # The token's certificate, issued for the on-token key and written back next to it.
    cert_der = folder / "token.cert.der"
    cert_der.write_bytes(arch.get_cert(CertLabel("token")).dump())
    interm_der = folder / "interm.cert.der"
    interm_der.write_bytes(arch.get_cert(CertLabel("interm")).dump())
    p11 = ("pkcs11-tool", "--module", SOFTHSM_LIB, "--token-label", TOKEN_LABEL, "--login", "--pin", TOKEN_PIN)
    _run(*p11, "--write-object", str(cert_der), "--type", "cert", "--id", KEY_ID.hex(), "--label", "Chứng thư An", env=env)
    _run(*p11, "--write-object", str(interm_der), "--type", "cert", "--id", "ca01", "--label", "CA", env=env)

    services = CaServices(cfg, port)
    services.start()
    pki = TestPki(
        folder=folder, url=url, root=arch.get_cert(CertLabel("root")),
        interm=arch.get_cert(CertLabel("interm")), p12=p12, softhsm_conf=conf,
        token_serial=serial, key_id=KEY_ID,
    )
    return pki, services
