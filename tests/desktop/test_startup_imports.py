"""The main window is shown without the signing stack (pyHanko, fontTools, aiohttp: 0.84 s of the
start, issue "Desktop 1": shown <= 1.5 s), and a clerk who presses a signing shortcut before the
warm-up (desktop.warm_up) has imported it still gets the screen. In a fresh process: the test
process itself has imported everything long ago."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = ("pyhanko", "fontTools", "aiohttp", "signing.sign", "signing.stamps", "dossier.signing_batch")

_CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.app import run

STACK = %r

def shown(window):
    seen = {"at_show": [m for m in STACK if m in sys.modules], "warm_up_done": window.warm_up.done}

    def look():  # inside the picker's own event loop, once it is open
        picker = window.signing.picker
        seen["picker"] = picker is not None and picker.isVisible()
        seen["title"] = picker.windowTitle() if picker is not None else ""
        if picker is not None:
            picker.reject()

    QTimer.singleShot(0, look)
    window.actions_by_name["choose-token"].trigger()  # what Ctrl+Shift+K does
    seen["after"] = [m for m in STACK if m in sys.modules]
    print(json.dumps(seen, ensure_ascii=False), flush=True)
    QApplication.quit()

sys.exit(run([], on_shown=shown))
"""


def test_the_window_is_shown_before_the_signing_stack_and_the_shortcut_still_opens_it(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "SOHOA_LANG": "vi",
           "SOHOA_WORKSPACE": str(tmp_path / "ws"), "SOHOA_SETTINGS_FILE": str(tmp_path / "settings.ini"),
           "SOHOA_CONFIG": str(tmp_path / "config.json")}
    done = subprocess.run([sys.executable, "-c", _CHILD % (STACK,)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["at_show"] == [], f"imported before the window was shown: {seen['at_show']}"
    assert not seen["warm_up_done"]
    assert seen["picker"], seen
    assert seen["title"] == "Chọn thẻ ký số"
    assert seen["after"] == list(STACK)


def test_the_warm_up_starts_when_the_window_is_shown_and_calls_back_who_waited(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What a screen waiting for the stack relies on (the signing screen's status of a signed
    document selected at start): called back once the module is imported, not before show()."""
    from PySide6.QtWidgets import QWidget

    from desktop.warm_up import WarmUp

    module = "tabnanny"  # a real module nothing here imports
    sys.modules.pop(module, None)
    window = QWidget()
    qtbot.addWidget(window)
    warm_up = WarmUp(window, modules=("json", module), delay_ms=0)
    called: list[bool] = []
    warm_up.after(module, lambda: called.append(module in sys.modules))
    qtbot.wait(50)
    assert module not in sys.modules and not called  # not shown yet: nothing imported
    window.show()
    qtbot.waitUntil(lambda: warm_up.done, timeout=5000)
    assert called == [True]


def test_a_module_that_cannot_be_imported_does_not_stop_the_warm_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A broken optional module (a wheel missing on one workstation) is skipped: the modules
    after it are still imported and the warm-up ends, so nothing waiting on them hangs."""
    from PySide6.QtWidgets import QWidget

    from desktop.warm_up import WarmUp

    module = "tabnanny"
    sys.modules.pop(module, None)
    window = QWidget()
    qtbot.addWidget(window)
    warm_up = WarmUp(window, modules=("sohoa_no_such_module", module), delay_ms=0)
    called: list[bool] = []
    warm_up.after(module, lambda: called.append(True))
    window.show()
    qtbot.waitUntil(lambda: warm_up.done, timeout=5000)
    assert module in sys.modules and called == [True]
