"""Fixtures for scanner tests: SANE's `test` device enabled without touching /etc."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SYSTEM_TEST_CONF = Path("/etc/sane.d/test.conf")


@pytest.fixture
def sane_test_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A private SANE config dir with only the `test` backend; returns its first device id.

    python-sane initialises once per process, so later tests in the same xdist
    worker reuse the first config dir; every one is identical, so that is harmless.
    """
    import sane  # noqa: F401  (python-sane; ./setup.sh installs it)

    assert SYSTEM_TEST_CONF.exists(), "sane-utils is not installed (/etc/sane.d/test.conf); run ./setup.sh"
    conf = tmp_path / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    shutil.copy(SYSTEM_TEST_CONF, conf / "test.conf")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(conf))
    return "sane:test:0"
