"""The data store's client secret of this workstation: in the OS keyring, else for this session only.

The secret is never part of the configuration file (``dossier.config``), never written to
any other file and never logged. Where the operating system offers a keyring (Secret Service
on Linux — GNOME Keyring, KWallet —, the Windows Credential Manager, the macOS Keychain) it
is kept there under service ``datastore.credentials.KEYRING_SERVICE`` and the client id as
user. Where none runs (a server, a minimal desktop), the settings screen says so and the
secret is kept in this process's memory until the app closes: typed again at the next start,
but never put anywhere a backup or another account could read it.

``store_credentials`` is how the app and the command line resolve the store to send to: the
``--store`` argument or ``SOHOA_STORE_*`` first, then the configuration.
"""
from __future__ import annotations

import os
from typing import Literal

from datastore.credentials import (KEYRING_SERVICE, StoreCredentials, keep_for_session, keyring_secret,
                                   load_credentials, session_secret)

Where = Literal["keyring", "session"]


def _backend():  # type: ignore[no-untyped-def]
    try:
        import keyring
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration counts as none
        return None


def keyring_usable() -> bool:
    """True when an OS keyring backend is there to hold the secret (not keyring's "fail" or
    "null" stand-ins, which it picks when no Secret Service, Credential Manager or Keychain runs)."""
    backend = _backend()
    if backend is None:
        return False
    if type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null"):
        return False
    backends = getattr(backend, "backends", None)  # the chainer: usable if it chains anything
    if backends is not None and not backends:
        return False
    return getattr(backend, "priority", 1) > 0


def keep_secret(client_id: str, secret: str) -> Where:
    """Keep ``secret`` for ``client_id``: in the OS keyring when one works, else in memory for
    this session. Returns where it went, so the screen can tell the clerk."""
    if not client_id or not secret:
        raise ValueError("client id and secret are both needed")
    if keyring_usable():
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, client_id, secret)
        except (KeyringError, RuntimeError, OSError):
            pass  # a locked or refusing keyring: this session only, as below
        else:
            keep_for_session(client_id, None)
            return "keyring"
    keep_for_session(client_id, secret)
    return "session"


def secret_for(client_id: str) -> str | None:
    """The secret of ``client_id``: SOHOA_STORE_CLIENT_SECRET, the keyring, this session's memory."""
    if not client_id:
        return None
    return os.environ.get("SOHOA_STORE_CLIENT_SECRET") or kept_secret(client_id)


def kept_secret(client_id: str) -> str | None:
    """The secret kept for ``client_id`` (this session's memory, the keyring), never the
    environment's: for an account the app made itself (the embedded store's), which
    SOHOA_STORE_CLIENT_SECRET, meant for a configured store, must not stand in for."""
    if not client_id:
        return None
    return session_secret(client_id) or (keyring_secret(client_id) if keyring_usable() else None)


def forget_secret(client_id: str) -> None:
    """Remove the secret of ``client_id`` from this session and from the keyring."""
    keep_for_session(client_id, None)
    if keyring_usable():
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.delete_password(KEYRING_SERVICE, client_id)
        except (KeyringError, RuntimeError, OSError):
            pass  # nothing stored there


def store_credentials(url: str | None = None, config=None) -> StoreCredentials:  # type: ignore[no-untyped-def]
    """The store to send to: ``url`` (``--store``), else SOHOA_STORE_URL, else the configuration's
    ``store_url``; the client id from SOHOA_STORE_CLIENT_ID, else the configuration's. Raises
    ``datastore.credentials.MissingCredentials`` when one is missing (the embedded store of the
    app and ``sohoa demo`` registers its own client and does not come through here)."""
    if config is None:
        from dossier.config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError:
            from dossier.config import Config

            config = Config()
    url = url or os.environ.get("SOHOA_STORE_URL") or config.store_url or None
    client_id = os.environ.get("SOHOA_STORE_CLIENT_ID") or config.store_client_id or None
    return load_credentials(url, client_id)
