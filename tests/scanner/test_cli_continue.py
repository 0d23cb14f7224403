"""`sohoa scan` into a folder that already holds a batch continues it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def scan(out: Path, device: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop.launcher", "scan", "--device", device, "--profile", "results", "-o", str(out)],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )


def test_a_second_scan_appends_after_the_last_page(sane_test_device: str, tmp_path: Path) -> None:
    out = tmp_path / "batch"
    first, second = scan(out, sane_test_device), scan(out, sane_test_device)
    assert first.returncode == second.returncode == 0, second.stderr
    assert first.stdout.split("\t")[0] == str(out / "page-0001.tif")
    assert second.stdout.split("\t")[0] == str(out / "page-0002.tif")
    assert sorted(p.name for p in out.iterdir()) == ["page-0001.tif", "page-0002.tif"]


def test_an_unknown_scanner_is_reported_with_the_pages_kept(sane_test_device: str, tmp_path: Path) -> None:
    failed = scan(tmp_path, "sane:nothing:9")
    assert failed.returncode != 0
    assert "0 pages already saved" in failed.stderr
