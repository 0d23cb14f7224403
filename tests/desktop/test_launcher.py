"""``sohoa`` with no arguments on a machine without a display: one line, a way forward, exit 1."""
from __future__ import annotations

import os
import subprocess
import sys


def test_no_display_says_so_and_suggests_the_demo() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    # -X importtime would be heavy; instead the child reports whether Qt got imported.
    code = ("import sys; from desktop.launcher import main; rc = main([]); "
            "print('qt-imported' if any(m.startswith('PySide6') for m in sys.modules) else 'no-qt'); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "không có màn hình" in lines[0] and "sohoa demo" in lines[0]
    assert done.stdout.strip() == "no-qt"


def test_workspace_alone_opens_the_app_not_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "desktop.launcher", "--workspace", str(tmp_path / "ws")],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "sohoa demo" in done.stderr  # it went for the app, found no display
