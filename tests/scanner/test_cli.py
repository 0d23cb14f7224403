"""`sohoa devices` and `sohoa scan` end to end, against SANE's test device."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SOHOA = [sys.executable, "-m", "desktop.launcher"]


def run(*args: str) -> subprocess.CompletedProcess:
    # sane_test_device has put SANE_CONFIG_DIR (a private config with only `test`) in os.environ.
    return subprocess.run([*SOHOA, *args], capture_output=True, text=True, timeout=120, env=dict(os.environ))


def test_devices_lists_the_test_scanner(sane_test_device: str) -> None:
    listed = run("devices", "--json")
    assert listed.returncode == 0, listed.stderr
    devices = {d["id"]: d for d in json.loads(listed.stdout)}
    assert sane_test_device in devices


def test_scan_writes_a_page_and_prints_a_line(sane_test_device: str, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    scanned = run("scan", "--device", sane_test_device, "--profile", "results", "-o", str(out))
    assert scanned.returncode == 0, scanned.stderr
    lines = scanned.stdout.strip().splitlines()
    assert len(lines) == 1 and "300 dpi" in lines[0]
    assert [p.name for p in out.iterdir()] == [Path(lines[0].split("\t")[0]).name]


def test_settings_below_decree_30_are_refused_unless_draft(sane_test_device: str, tmp_path: Path) -> None:
    refused = run("scan", "--device", sane_test_device, "--mode", "lineart", "-o", str(tmp_path / "a"))
    assert refused.returncode == 2 and "requires copies in colour" in refused.stderr
    draft = run("scan", "--device", sane_test_device, "--mode", "gray", "--dpi", "150", "--draft",
                "-o", str(tmp_path / "b"))
    assert draft.returncode == 0, draft.stderr
