"""The ``sohoa`` console script.

Subcommands go to the command line in ``dossier.cli`` without importing Qt, so headless use
never loads it; with no arguments (or only ``--workspace DIR``) the desktop app opens —
unless there is no display to open it on, which is said in one line before Qt is imported
(Qt would abort with a long message).
"""
from __future__ import annotations

import os
import sys

NO_DISPLAY = ("sohoa: máy này không có màn hình (DISPLAY/WAYLAND_DISPLAY chưa đặt) nên không mở được ứng dụng; "
              "chạy thử toàn bộ quy trình không cần màn hình: sohoa demo")


def has_display() -> bool:
    """False only on Linux/BSD with neither X11 nor Wayland, and no Qt platform chosen."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _app_workspace(args: list[str]) -> str | None:
    """The folder of ``sohoa --workspace DIR`` (no command: the app on that workspace)."""
    if len(args) == 2 and args[0] == "--workspace":
        return args[1]
    if len(args) == 1 and args[0].startswith("--workspace="):
        return args[0].split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = _app_workspace(args)
    if folder:
        os.environ["SOHOA_WORKSPACE"] = folder
        args = []
    if not args:
        if not has_display():
            print(NO_DISPLAY, file=sys.stderr)
            return 1
        from desktop.app import run

        return run([])
    from dossier.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
