"""The store's client secret: in a real OS keyring (GNOME Keyring on a private D-Bus session),
else in this process's memory only; never in the configuration file."""
from __future__ import annotations

from pathlib import Path

import pytest

from datastore import credentials
from datastore.credentials import KEYRING_SERVICE, MissingCredentials, load_credentials
from dossier import store_secret
from dossier.config import Config, export_config, load_config, save_config
from tests.secret_service import no_keyring, no_store_secrets, secret_service  # noqa: F401 - fixtures

SECRET = "s3cr3t-of-desk-7-Zq9"


@pytest.fixture(autouse=True)
def _clean(no_store_secrets: None) -> None:
    """Every test starts without store secrets (tests/secret_service.py)."""


def test_the_secret_goes_to_the_os_keyring_and_nowhere_else(secret_service, tmp_path: Path) -> None:  # noqa: F811
    assert store_secret.keyring_usable()
    assert store_secret.keep_secret("desk-7", SECRET) == "keyring"
    assert secret_service.get_password(KEYRING_SERVICE, "desk-7") == SECRET  # read back over D-Bus
    assert credentials._session_secrets == {}
    config = Config(store_url="http://127.0.0.1:9", store_client_id="desk-7")
    saved = save_config(config)
    exported = export_config(config, tmp_path / "deploy.json")
    for path in (saved, exported):
        assert SECRET not in path.read_text(encoding="utf-8")
    assert not any(SECRET.encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()
                   and "keyring-home" not in p.parts)
    found = store_secret.store_credentials(config=load_config())
    assert (found.url, found.client_id, found.client_secret) == ("http://127.0.0.1:9", "desk-7", SECRET)
    store_secret.forget_secret("desk-7")
    assert store_secret.secret_for("desk-7") is None


def test_without_a_keyring_the_secret_lives_for_this_session_only(no_keyring) -> None:  # noqa: F811
    assert not store_secret.keyring_usable()
    assert store_secret.keep_secret("desk-8", SECRET) == "session"
    assert store_secret.secret_for("desk-8") == SECRET
    found = store_secret.store_credentials(config=Config(store_url="http://127.0.0.1:9/", store_client_id="desk-8"))
    assert found.url == "http://127.0.0.1:9" and found.client_secret == SECRET
    assert load_credentials("http://127.0.0.1:9", "desk-8").client_secret == SECRET  # the outbox's way too
    credentials._session_secrets.clear()  # what a restart of the app does
    with pytest.raises(MissingCredentials):
        store_secret.store_credentials(config=Config(store_url="http://127.0.0.1:9", store_client_id="desk-8"))


def test_arguments_and_environment_come_before_the_configuration(no_keyring, monkeypatch) -> None:  # noqa: F811
    config = Config(store_url="http://127.0.0.1:1", store_client_id="from-config")
    monkeypatch.setenv("SOHOA_STORE_CLIENT_SECRET", "env-secret")
    assert store_secret.store_credentials(config=config).url == "http://127.0.0.1:1"
    monkeypatch.setenv("SOHOA_STORE_URL", "http://127.0.0.1:2")
    monkeypatch.setenv("SOHOA_STORE_CLIENT_ID", "from-env")
    found = store_secret.store_credentials(config=config)
    assert (found.url, found.client_id) == ("http://127.0.0.1:2", "from-env")
    assert store_secret.store_credentials("http://127.0.0.1:3", config=config).url == "http://127.0.0.1:3"
    with pytest.raises(MissingCredentials):
        monkeypatch.delenv("SOHOA_STORE_URL")
        store_secret.store_credentials(config=Config(store_client_id="x"))  # embedded store: not from here
