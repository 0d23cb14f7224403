"""``SOHOA_APP_SMOKE=FILE sohoa``: open the main window, save a screenshot to FILE, say what it
showed in one line, quit. The proof that the app starts on a machine nobody sits at (setup.sh
on a server or CI, under Xvfb or Qt's offscreen platform), on the same code path as a clerk's
start: the workspace, every screen, the built-in store and signing identity.

It waits (a bounded time) for what starts in the background: the store the outbox screen
connects to or starts (``window.outbox.store_status``), the window's lists.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

SETTLE_TIMEOUT_S = 60.0
POLL_MS = 200


def _settled(window: Any) -> bool:
    """No background work left on the window (pages loading…), and the store found or started
    and asked whether it answers."""
    if any(not task.done for task in window.tasks.running):
        return False
    outbox = getattr(window, "outbox", None)
    # Found and asked: between the two the status still says what it said before the store answered.
    return outbox is None or not outbox.finding_store


def summary(window: Any) -> str:
    """What the window shows, in one line (the terminal's language, as the CLI's: Vietnamese)."""
    from dossier.config import ConfigError, load_config

    dossiers = len(window.dossiers.dossiers)
    documents = sum(window.workspace.count_by_state().values())
    outbox = getattr(window, "outbox", None)
    store = {"online": "trực tuyến", "offline": "ngoại tuyến", "unconfigured": "chưa cấu hình"}.get(
        outbox.store_status() if outbox is not None else "", "không có màn hình gửi")
    embedded = getattr(outbox, "embedded", None) if outbox is not None else None
    if embedded is not None:
        store += f" (kho tích hợp {embedded.url})"
    try:
        demo = load_config().uses_demo_identity
    except ConfigError:
        demo = False
    signing = "khóa ký DEMO (không có giá trị pháp lý)" if demo else "thẻ ký số đã cấu hình"
    intake = getattr(window, "intake", None)
    if intake is not None and intake.device.currentData():
        signing += f"; máy quét: {intake.device.currentData()}"
    return (f"SoHoa: cửa sổ chính đã mở trên kho làm việc {window.workspace.root}: {dossiers} hồ sơ hôm nay, "
            f"{documents} tài liệu; kho dữ liệu: {store}; {signing}; màn hình: "
            f"{', '.join(n for n in ('signing', 'outbox', 'handover', 'batches', 'settings_screen') if hasattr(window, n))}")


def run_smoke(window: Any, target: Path) -> None:
    """Called once the window is shown (``desktop.app.run(on_shown=…)``)."""
    started = time.monotonic()

    def finish() -> None:
        if not _settled(window) and time.monotonic() - started < SETTLE_TIMEOUT_S:
            QTimer.singleShot(POLL_MS, finish)
            return
        QApplication.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(target))
        print(summary(window) + (f"; ảnh chụp cửa sổ: {target}" if saved else "; KHÔNG lưu được ảnh chụp"),
              flush=True)
        sys.stdout.flush()
        window.close()
        QApplication.instance().exit(0 if saved and window.dossiers.dossiers else 1)

    QTimer.singleShot(POLL_MS, finish)
