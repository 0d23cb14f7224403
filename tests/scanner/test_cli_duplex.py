"""`sohoa scan --manual-duplex` end to end: the fronts, Enter on stdin, the backs, collated.

The SANE test device's feeder stands in for a single-sided feeder. Each pass runs in a
fresh driver worker, which reads the device's configuration anew, so changing its test
picture while the command waits for Enter is the clerk putting the other side up: the
fronts come out white and the backs black.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

SHEETS = 10  # the test device's feeder holds ten sheets
PROMPT = "Đã quét xong 10 mặt trước"


def _picture(conf_dir: Path, picture: str) -> None:
    conf = conf_dir / "test.conf"
    lines = [ln for ln in conf.read_text().splitlines() if not ln.startswith("test-picture")]
    conf.write_text("\n".join([*lines, f'test-picture "{picture}"']) + "\n")


def _start(out: Path, device: str, stdin) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.launcher", "scan", "--device", device, "--manual-duplex",
         "--dpi", "75", "--mode", "gray", "--draft", "-o", str(out)],
        stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )


def _wait_for_prompt(proc: subprocess.Popen) -> str:
    seen = []
    for line in proc.stderr:  # the prompt comes after the fronts, on stderr
        seen.append(line)
        if PROMPT in line:
            return line
    raise AssertionError(f"no turn-over prompt; stderr: {''.join(seen)}")


def _white(path: Path) -> bool:
    with Image.open(path) as img:
        return bool(np.asarray(img).mean() > 127)


def test_fronts_then_enter_then_backs_in_reading_order(sane_test_device: str, tmp_path: Path) -> None:
    conf_dir = Path(os.environ["SANE_CONFIG_DIR"])
    _picture(conf_dir, "Solid white")
    out = tmp_path / "batch"
    proc = _start(out, sane_test_device, subprocess.PIPE)
    try:
        prompt = _wait_for_prompt(proc)
        assert "lật ngược cả xấp" in prompt and "nhấn Enter" in prompt
        assert len(list(out.glob("page-*.tif"))) == SHEETS  # the fronts are on disk before the question
        _picture(conf_dir, "Solid black")  # the stack turned over: the backs are up
        stdout, stderr = proc.communicate("\n", timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    printed = [Path(line.split("\t")[0]).name for line in stdout.splitlines()]
    fronts = [f"page-{n:04d}.tif" for n in range(1, 2 * SHEETS, 2)]
    backs = [f"page-{n:04d}.tif" for n in range(2 * SHEETS, 0, -2)]  # last sheet's back first
    assert printed == fronts + backs
    pages = sorted(out.glob("page-*.tif"))
    assert [p.name for p in pages] == [f"page-{n:04d}.tif" for n in range(1, 2 * SHEETS + 1)]
    assert [_white(p) for p in pages] == [True, False] * SHEETS  # front, back, front, back, …


def test_no_enter_keeps_the_fronts_and_says_the_backs_are_missing(sane_test_device: str, tmp_path: Path) -> None:
    out = tmp_path / "batch"
    proc = _start(out, sane_test_device, subprocess.DEVNULL)  # end of input instead of Enter
    try:
        _, stderr = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert PROMPT in stderr and "the backs were not scanned" in stderr and f"{SHEETS} pages saved" in stderr
    assert [p.name for p in sorted(out.glob("page-*.tif"))] == [f"page-{n:04d}.tif" for n in range(1, 2 * SHEETS, 2)]
