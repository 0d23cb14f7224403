"""The app opened twice on one workspace, nothing configured: the embedded store keeps one account
for this workstation, its secret in a real OS keyring (tests/secret_service.py)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring

from datastore.credentials import KEYRING_SERVICE
from tests.secret_service import no_store_secrets, secret_service  # noqa: F401 - fixtures


def _clients(store_dir: Path) -> list[str]:
    with sqlite3.connect(store_dir / "catalog.sqlite") as db:
        return [row[0] for row in db.execute("SELECT client_id FROM clients")]


def test_the_app_reuses_its_store_account_at_the_next_start(open_window, qtbot, workspace_dir: Path,
                                                            secret_service, no_store_secrets) -> None:  # noqa: F811
    from datastore import credentials as session

    ids = []
    for _start in range(2):
        window = open_window()
        qtbot.waitUntil(lambda: window.outbox.store_status() == "online", timeout=20000)  # noqa: B023
        ids.append(window.outbox.credentials.client_id)
        window.close()
        session._session_secrets.clear()  # as after the app's process ended: only the keyring remembers
    assert ids[0] == ids[1] and _clients(workspace_dir / "store") == [ids[0]]
    assert keyring.get_password(KEYRING_SERVICE, ids[0])
