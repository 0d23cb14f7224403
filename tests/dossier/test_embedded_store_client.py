"""The app's account on the embedded store is the same at every start: its secret in a real OS
keyring (GNOME Keyring's Secret Service on a private bus, tests/secret_service.py), its id
beside the store's data; the store gains no account a start."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring

from datastore.client import StoreClient
from datastore.credentials import KEYRING_SERVICE
from dossier.embedded_store import CLIENT_FILE, EmbeddedStore, forget_workstation_client
from tests.secret_service import no_keyring, no_store_secrets, secret_service  # noqa: F401 - fixtures


def _clients(store_dir: Path) -> list[str]:
    with sqlite3.connect(store_dir / "catalog.sqlite") as db:
        return [row[0] for row in db.execute("SELECT client_id FROM clients")]


def _start(store_dir: Path):  # type: ignore[no-untyped-def]
    """One start of the app's store: its account, and that the store takes a token for it."""
    with EmbeddedStore(store_dir) as store:
        credentials = store.workstation_client("SoHoa bàn 1")
        assert StoreClient(credentials).find_documents() == []  # authenticated: the secret is right
    return credentials


def test_two_starts_use_one_account_kept_in_the_keyring(tmp_path: Path, secret_service, no_store_secrets) -> None:  # noqa: F811
    store_dir = tmp_path / "store"
    first = _start(store_dir)
    from datastore import credentials as session

    session._session_secrets.clear()  # a new process: nothing in memory, only the keyring
    second = _start(store_dir)
    assert second.client_id == first.client_id and second.client_secret == first.client_secret
    assert _clients(store_dir) == [first.client_id]
    assert keyring.get_password(KEYRING_SERVICE, first.client_id) == first.client_secret
    assert first.client_secret not in (store_dir / CLIENT_FILE).read_text(encoding="utf-8")

    keyring.delete_password(KEYRING_SERVICE, first.client_id)  # the keyring lost it: a new account
    session._session_secrets.clear()
    third = _start(store_dir)
    assert third.client_id != first.client_id and keyring.get_password(KEYRING_SERVICE, third.client_id)
    forget_workstation_client(store_dir)  # what sohoa demo does before emptying its folder
    assert keyring.get_password(KEYRING_SERVICE, third.client_id) is None


def test_without_a_keyring_the_account_lasts_the_session(tmp_path: Path, no_keyring, no_store_secrets) -> None:  # noqa: F811
    store_dir = tmp_path / "store"
    first, second = _start(store_dir), _start(store_dir)  # one process: the secret is in its memory
    assert second.client_id == first.client_id and _clients(store_dir) == [first.client_id]
