"""Where the workstation's store credentials come from: the OS keyring or the environment.

The secret is never written to a file or a log; its repr is hidden.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

KEYRING_SERVICE = "sohoa-datastore"

# Where no OS keyring runs, the desktop keeps a secret typed in its settings for the session
# only: in this process's memory, never in a file (dossier.store_secret decides).
_session_secrets: dict[str, str] = {}
_session_lock = threading.Lock()


@dataclass(frozen=True)
class StoreCredentials:
    url: str
    client_id: str
    client_secret: str = field(repr=False)


class MissingCredentials(Exception):
    """The store URL, client id or secret is not configured; the message says how to set it."""


def load_credentials(url: str | None = None, client_id: str | None = None) -> StoreCredentials:
    """Resolve URL and client id (argument, then SOHOA_STORE_URL / SOHOA_STORE_CLIENT_ID) and the secret
    (SOHOA_STORE_CLIENT_SECRET, then keyring service "sohoa-datastore" under the client id)."""
    url = url or os.environ.get("SOHOA_STORE_URL")
    client_id = client_id or os.environ.get("SOHOA_STORE_CLIENT_ID")
    if not url or not client_id:
        raise MissingCredentials("set the store URL and client id (--store, SOHOA_STORE_URL, SOHOA_STORE_CLIENT_ID)")
    secret = os.environ.get("SOHOA_STORE_CLIENT_SECRET") or session_secret(client_id) or keyring_secret(client_id)
    if not secret:
        raise MissingCredentials(
            f"no client secret for {client_id}: set SOHOA_STORE_CLIENT_SECRET or store it in the keyring "
            f"(service {KEYRING_SERVICE!r}, user {client_id!r})")
    return StoreCredentials(url.rstrip("/"), client_id, secret)


def keyring_secret(client_id: str) -> str | None:
    """The secret of ``client_id`` in the OS keyring; None when there is none or no keyring answers."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, client_id)
    except (KeyringError, RuntimeError):
        return None  # no usable keyring backend on a headless machine
    except Exception:  # noqa: BLE001 - a backend's own error, e.g. secretstorage's when the D-Bus session is gone
        return None  # keyring does not wrap those; the caller then says the secret is missing


def keep_for_session(client_id: str, secret: str | None) -> None:
    """Hold ``secret`` for ``client_id`` in memory until the process ends (None forgets it)."""
    with _session_lock:
        if secret:
            _session_secrets[client_id] = secret
        else:
            _session_secrets.pop(client_id, None)


def session_secret(client_id: str) -> str | None:
    with _session_lock:
        return _session_secrets.get(client_id)
