"""A real OS keyring for the tests: GNOME Keyring's Secret Service on a private D-Bus session.

``keyring`` on a headless machine finds no Secret Service and falls back to its "fail"
backend. Here the tests start their own session bus (``dbus-daemon --session``) and
``gnome-keyring-daemon`` on it, with its keyring files in a temporary folder, and point
``keyring`` at its SecretService backend: the same code path as a clerk's GNOME or KDE
desktop, never the developer's own keyring. setup.sh installs both (``dbus-daemon``,
``gnome-keyring``).

Use ``secret_service`` as a fixture: import it into the test module.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

KEYRING_PASSWORD = b"sohoa-test-keyring"  # unlocks the throw-away login keyring of the test


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The SecretService ``keyring`` backend, talking to a private gnome-keyring-daemon."""
    import keyring
    from keyring.backends import SecretService

    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        pytest.fail("dbus-daemon and gnome-keyring-daemon are needed (setup.sh installs them)")
    home = tmp_path / "keyring-home"
    runtime = home / "run"
    runtime.mkdir(parents=True)
    runtime.chmod(0o700)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_RUNTIME_DIR": str(runtime), "XDG_CONFIG_HOME": str(home / "config")}
    env.pop("DISPLAY", None)  # no prompt window: the keyring is unlocked from stdin
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nosyslog", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    daemon = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            pytest.fail("the private D-Bus session did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=env)
        assert daemon.stdin is not None
        daemon.stdin.write(KEYRING_PASSWORD)
        daemon.stdin.close()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        backend = SecretService.Keyring()
        deadline = time.monotonic() + 30  # a loaded 2-core machine
        login = home / "data" / "keyrings" / "login.keyring"
        while True:
            # Ask only once the daemon has made and unlocked its login keyring: asked earlier, the
            # backend would try to create a collection of its own, which needs a prompt window.
            if login.exists():
                try:
                    backend.get_password("sohoa-test", "ready")
                    break
                except Exception:  # noqa: BLE001 - the collection not aliased yet
                    pass
            if time.monotonic() > deadline or daemon.poll() is not None:
                pytest.fail("gnome-keyring-daemon did not come up on the private bus")
            time.sleep(0.1)
        previous = keyring.get_keyring()
        keyring.set_keyring(backend)
        try:
            yield backend
        finally:
            keyring.set_keyring(previous)
    finally:
        for process in (daemon, bus):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def no_keyring() -> Iterator[object]:
    """keyring's "fail" backend: what this machine has without a Secret Service running."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    backend = fail.Keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_store_secrets(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No store credentials from the environment, and none kept for the session before or
    after the test (``datastore.credentials.keep_for_session``)."""
    from datastore import credentials

    for name in ("SOHOA_STORE_URL", "SOHOA_STORE_CLIENT_ID", "SOHOA_STORE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    credentials._session_secrets.clear()
    yield
    credentials._session_secrets.clear()
