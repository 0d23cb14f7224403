"""The ``sohoa`` console script.

Subcommands go to the command line in ``dossier.cli`` without importing Qt, so
headless use never loads it; with no arguments the desktop app opens (once it exists).
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from dossier.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
