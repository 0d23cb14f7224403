"""design.md §2: scanner/ never imports the other core packages or Qt."""
from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("ocr", "dossier", "desktop", "signing", "datastore", "PyQt5", "PyQt6", "PySide2", "PySide6")


def test_scanner_imports_no_other_core_package_nor_qt():
    code = (
        "import sys, scanner, scanner.service, scanner.hotfolder, scanner.bridge; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
