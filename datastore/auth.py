"""OAuth2 client credentials for the reference store: client secrets stored as salted scrypt
hashes, and bearer tokens signed with HMAC so they survive a server restart without a table."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from datastore.catalog import Catalog, ClientRecord

# scrypt cost: ~50 ms and 16 MiB per check, which makes offline guessing of a leaked hash slow.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_secret(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)


def new_client(catalog: Catalog, name: str) -> tuple[str, str]:
    """Register a client and return (client_id, client_secret); the secret is shown only this once."""
    client_id = "c_" + secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    salt = os.urandom(16)
    catalog.add_client(ClientRecord(client_id, name, salt, hash_secret(secret, salt)))
    return client_id, secret


def check_client(catalog: Catalog, client_id: str, secret: str) -> bool:
    record = catalog.client(client_id)
    if record is None:
        hash_secret(secret, b"0" * 16)  # same work for an unknown id, so timing does not reveal ids
        return False
    return hmac.compare_digest(hash_secret(secret, record.salt), record.secret_hash)


def load_signing_key(data_dir: Path) -> bytes:
    """The server's token key, created once with owner-only permissions."""
    path = data_dir / "token.key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key


@dataclass(frozen=True)
class TokenSigner:
    key: bytes
    ttl_seconds: float = 3600.0

    def issue(self, client_id: str, now: float | None = None) -> str:
        expires = int((time.time() if now is None else now) + self.ttl_seconds)
        body = _b64(f"{client_id}|{expires}".encode())
        return f"{body}.{_b64(self._mac(body))}"

    def verify(self, token: str, now: float | None = None) -> str | None:
        """Return the client id of a valid, unexpired token; None otherwise."""
        body, _, mac = token.partition(".")
        try:
            if not hmac.compare_digest(_unb64(mac), self._mac(body)):
                return None
            client_id, _, expires = _unb64(body).decode().rpartition("|")
            if int(expires) <= (time.time() if now is None else now):
                return None
        except (ValueError, UnicodeDecodeError):
            return None
        return client_id

    def _mac(self, body: str) -> bytes:
        return hmac.new(self.key, body.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
