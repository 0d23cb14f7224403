"""Sending: signed documents go to the data store by themselves, and the clerk sees how far.

``window.outbox`` finds the store (the configured one, or the embedded reference store on
127.0.0.1 with its data in the workspace's ``store/`` folder when none is configured), then
hands every ``signed`` document to the upload lane (``dossier.upload_lane``: the durable
outbox, exactly once across crashes) on the window's ``uploader`` lane, off the UI thread:
at start (so also after a restart), when ``window.signing.signed`` reports a signed batch,
and on Retry. While the store does not answer, a cheap check (``dossier.sending.store_answers``)
runs every few seconds, backing off, off the UI thread; when it answers the documents go.

What the clerk sees: a permanent status-bar indicator ("Trực tuyến", "Ngoại tuyến · N chờ
gửi", "Đang gửi N…") that opens the outbox view (Ctrl+Shift+O, ``outbox_view``), and the
selected document's receipt under the document list.
"""
from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QToolButton

from datastore.credentials import MissingCredentials, StoreCredentials
from datastore.outbox import Outbox, RetryPolicy
from dossier.sending import Pending, pending_uploads, retry as retry_refused, store_answers, store_credentials
from dossier.upload_lane import Upload, UploadLane

from desktop.i18n import Retranslated
from desktop.screens.outbox_view import OutboxDock, ReceiptPanel
from desktop.tasks import Task, Tasks

# The app does not wait on a store that does not answer: a few quick tries per round, then the
# documents wait in the outbox and the periodic check below sends them when the store is back.
SEND_POLICY = RetryPolicy(max_attempts=3, base_delay=0.5, max_delay=4.0)
# Seconds between checks while the store does not answer (backing off), and while it does.
OFFLINE_CHECKS = (10.0, 20.0, 30.0)
ONLINE_CHECK = 30.0

ONLINE, OFFLINE, UNCONFIGURED = "online", "offline", "unconfigured"


@dataclass(frozen=True)
class Round:
    """How one sending round ended (returned by the uploader's work to the main thread)."""

    tried: int
    sent: int
    unreachable: bool
    refused_credentials: bool


class OutboxScreen(Retranslated, QObject):
    """The sender and its indicator; ``store_status()`` is "online", "offline" or "unconfigured"."""

    status_changed = Signal(str)
    round_finished = Signal(object)  # a Round, after each sending round
    connected = Signal()  # the store's credentials are known (the embedded store is up)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.outbox_dir = self.workspace.root / "outbox"
        self.store_dir = self.workspace.root / "store"
        self.policy = SEND_POLICY
        self.offline_checks = OFFLINE_CHECKS
        self.online_check = ONLINE_CHECK
        self.credentials: StoreCredentials | None = None
        self.embedded: Any = None  # dossier.embedded_store.EmbeddedStore when this app started one
        self.pending: list[Pending] = []
        self._status = OFFLINE
        self._connecting = True
        self._checking = False  # a check of the store is on its way
        self._refused_credentials = False
        self._asked: set[int] = set()  # refused documents the clerk asked to send again
        self._misconfigured: str | None = None
        self._misses = 0  # checks in a row the store did not answer (the backoff)
        self._sending: Task | None = None
        self._send_left = 0
        self._again = False
        self._closing = False
        self._store_choice: tuple[str, str] | None = None
        self._closed = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._outbox = Outbox(self.outbox_dir)  # the view's reads; the lane has its own connection
        self._quiet = Tasks(self)  # checks and the store's start: not shown as the window's work
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self._reload_now)

        self.indicator = QToolButton()
        self.indicator.setObjectName("store-indicator")
        self.indicator.setAutoRaise(True)
        self.indicator.clicked.connect(self.show_view)
        window.statusBar().addPermanentWidget(self.indicator)
        self.dock = OutboxDock(self, window)
        self.receipt = ReceiptPanel(window)
        window.document_selected.connect(self.receipt.show_document)

        menu = window.menus["send"]
        self.view_action = window.add_action("show-outbox", "", "Ctrl+Shift+O", self.toggle_view)
        self.retry_all_action = window.add_action("retry-all-uploads", "", None, self.retry_all)
        self.retranslate()
        menu.addAction(self.view_action)
        menu.addAction(self.retry_all_action)
        signing = getattr(window, "signing", None)
        if signing is not None and hasattr(signing, "signed"):
            signing.signed.connect(self.documents_signed)
        window.installEventFilter(self)
        self.reload()
        QTimer.singleShot(0, self._started)  # after every screen is installed, without delaying the window

    # -- the store ---------------------------------------------------------------------------

    def _started(self) -> None:
        settings_screen = getattr(self.window, "settings_screen", None)
        if settings_screen is not None and hasattr(settings_screen, "changed"):
            settings_screen.changed.connect(self.configuration_changed)
        self.connect_store()

    def connect_store(self) -> None:
        """Find the store off the UI thread: the configured one, or start the embedded one."""
        self._connecting = True
        self._show_status()
        closed, store_dir = self._closed, self.store_dir

        def work(_progress: Any, _cancel: threading.Event) -> tuple[Any, StoreCredentials]:
            from dossier.config import load_config

            config = load_config()
            if config.store_url or os.environ.get("SOHOA_STORE_URL"):
                return None, store_credentials(config.store_url, config.store_client_id)
            from dossier.embedded_store import EmbeddedStore

            store = EmbeddedStore(store_dir)
            store.start()
            if closed.is_set():  # the window closed while it started
                store.stop()
                return None, StoreCredentials(store.url, "", "")
            # The account of the previous start (its secret in the OS keyring), else a new one.
            return store, store.workstation_client(f"SoHoa {socket.gethostname()}")

        self._quiet.run(work, name="connect-store", on_success=self._connected, on_failure=self._not_connected)

    def _connected(self, result: tuple[Any, StoreCredentials]) -> None:
        store, credentials = result
        self._store_choice = _store_choice(None)
        if self._closed.is_set():
            if store is not None:
                store.stop()
            return
        self.embedded, self.credentials = store, credentials
        self._connecting, self._misconfigured = False, None
        self.connected.emit()
        self.check()

    def _not_connected(self, error: BaseException) -> None:
        from dossier.config import ConfigError

        self._connecting = False
        self._store_choice = _store_choice(None)
        if isinstance(error, (MissingCredentials, ConfigError)):
            self._misconfigured = str(error)
            self._set_status(UNCONFIGURED)
            return
        self._misconfigured = f"{type(error).__name__}: {error}"
        self._set_status(OFFLINE)
        self._schedule()

    def configuration_changed(self, config: Any) -> None:
        """The settings screen saved: find the store again if the choice of store changed (a
        configured store is asked again anyway: its secret may be new in the keyring)."""
        if self.embedded is not None and _store_choice(config) == self._store_choice:
            return  # still the embedded store: keep it running
        self.reconnect()

    def _tick(self) -> None:
        if self.credentials is None:
            self.connect_store()  # the last try to find the store failed: try again
        else:
            self.check()

    def reconnect(self) -> None:
        """The configuration changed: find the store again (stopping an embedded one)."""
        self._timer.stop()
        if self.embedded is not None:
            store, self.embedded = self.embedded, None
            self._quiet.run(lambda _p, _c: store.stop(), name="stop-store")
        self.credentials = None
        self._refused_credentials = False
        self.connect_store()

    @property
    def finding_store(self) -> bool:
        """Still finding the store or waiting for its answer: the status shown is not known yet."""
        return self._connecting or self._checking

    def store_status(self) -> str:
        """"online" (the store answered last time), "offline" or "unconfigured" (no credentials)."""
        return self._status

    # -- checking and sending ------------------------------------------------------------------

    def check(self) -> None:
        """Ask whether the store answers (off the UI thread); send what waits when it does."""
        self._timer.stop()
        if self.credentials is None or self._closed.is_set():
            return
        url = self.credentials.url
        self._checking = True
        self._quiet.run(lambda _p, _c: store_answers(url), name="check-store", on_success=self._checked,
                        on_failure=lambda _e: self._checked(False))

    def _checked(self, answers: bool) -> None:
        self._checking = False
        if self._closed.is_set():
            return
        if not answers:
            self._misses += 1
            self._set_status(OFFLINE)
            self._schedule()
            return
        self._misses = 0
        if self._refused_credentials:  # sending again would be refused again: wait for the clerk
            self._schedule()
            return
        if self._sending is None:
            self._set_status(ONLINE)
        self.reload()
        if any(not p.refused for p in self.pending):
            self.send_now()
        else:
            self._schedule()

    def _schedule(self) -> None:
        if self._closed.is_set():
            return
        if self._status == ONLINE:
            seconds = self.online_check
        else:
            seconds = self.offline_checks[min(max(self._misses - 1, 0), len(self.offline_checks) - 1)]
        self._timer.start(int(seconds * 1000))

    def documents_signed(self, _document_ids: list) -> None:
        """``window.signing.signed``: a batch was signed; send it now."""
        self.reload()
        self.send_now()

    def send_now(self) -> None:
        """One sending round on the uploader lane: every signed or queued document not refused."""
        if self.credentials is None or self._closed.is_set():
            return
        if self._sending is not None:
            self._again = True  # what arrives while a round runs goes in the next one
            return
        asked, self._asked = self._asked, set()
        ids = [p.document_id for p in self.pending
               if p.document_id is not None and (not p.refused or p.document_id in asked)]
        if not ids:
            self._schedule()
            return
        self._timer.stop()
        self._again = False
        upload = Upload(self.credentials, self.outbox_dir, self.policy)
        workspace, idle = self.workspace, self._idle

        def work(progress: Any, cancel: threading.Event) -> Round:
            idle.clear()  # a round cancelled before it started never runs and never holds up closing
            try:
                done = [0]
                sent = [0]

                def on_done(_document_id: int, error: str | None) -> None:  # on the lane's thread
                    done[0] += 1
                    sent[0] += error is None
                    progress((done[0], len(ids)))

                lane = UploadLane(workspace, upload, on_done, cancel)
                lane.start()
                for document_id in ids:
                    lane.submit(document_id)
                lane.finish()
                return Round(len(ids), sent[0], lane.unreachable is not None, lane.stopped_by is not None)
            finally:
                idle.set()

        self._send_left = len(ids)
        self._sending = self.window.tasks.run(
            work, name=self.tr("Gửi tài liệu lên kho dữ liệu"), lane="uploader", on_progress=self._sent_one,
            on_success=self._round_ended, on_failure=lambda _e: self._round_ended(None),
            on_cancelled=lambda: self._round_ended(None))
        self._show_status()

    def _sent_one(self, value: Any) -> None:
        done, total = value
        self._send_left = total - done
        self._show_status()
        if not self._reload_timer.isActive():  # a long round reads the list a few times a second, not per document
            self._reload_timer.start()

    def _reload_now(self) -> None:
        self.reload()
        self.receipt.show_document(self.window.selected_document_id())

    def _round_ended(self, result: Round | None) -> None:
        self._sending = None
        if self._closed.is_set():
            return
        if result is not None:
            self._refused_credentials = result.refused_credentials
            if result.unreachable:
                self._misses += 1
                self._status = OFFLINE
            elif not result.refused_credentials:
                self._misses = 0
                self._status = ONLINE
            else:
                self._status = OFFLINE
        self.reload()
        self.window.refresh()
        self.receipt.show_document(self.window.selected_document_id())
        self.round_finished.emit(result)
        if self._again and self._status == ONLINE:
            self.send_now()
        else:
            self._schedule()

    # -- retry ---------------------------------------------------------------------------------

    def retry(self, rows: list[Pending] | None = None) -> None:
        """Put the refused among ``rows`` (all when None) back in the queue, then send at once:
        the clerk asked, so no waiting for the next check."""
        rows = self.pending if rows is None else rows
        retry_refused(self._outbox, [p.entry_id for p in rows if p.entry_id])
        self._asked |= {p.document_id for p in rows if p.refused and p.entry_id is None and p.document_id}
        self._misses = 0
        refused, self._refused_credentials = self._refused_credentials, False
        self.reload()
        if self.credentials is None or (refused and self.embedded is None):
            self.reconnect()  # the secret may have been fixed in the keyring meanwhile: read it again
        elif self._status == ONLINE:
            self.send_now()
        else:
            self.check()

    def retry_all(self) -> None:
        self.retry(None)

    # -- what the clerk sees ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read what waits (a few ms: the pending documents and their outbox entries)."""
        self.pending = pending_uploads(self.workspace, self._outbox)
        self.dock.show_pending(self.pending)
        self._show_status()

    def _set_status(self, status: str) -> None:
        changed = status != self._status
        self._status = status
        self._show_status()
        if changed:
            self.status_changed.emit(status)

    def indicator_text(self) -> str:
        waiting = len(self.pending)
        if self._sending is not None:
            return self.tr("Đang gửi %1…").replace("%1", str(max(self._send_left, 1)))
        if self._status == UNCONFIGURED:
            return self.tr("Chưa cấu hình kho dữ liệu · %1 chờ gửi").replace("%1", str(waiting))
        if self._connecting and self.credentials is None:
            return self.tr("Đang kết nối kho dữ liệu…")
        if self._refused_credentials:
            return self.tr("Kho từ chối máy trạm · %1 chờ gửi").replace("%1", str(waiting))
        if self._status == ONLINE:
            refused = sum(p.refused for p in self.pending)
            if refused:
                return self.tr("Trực tuyến · %1 bị từ chối").replace("%1", str(refused))
            return self.tr("Trực tuyến")
        if waiting:
            return self.tr("Ngoại tuyến · %1 chờ gửi").replace("%1", str(waiting))
        return self.tr("Ngoại tuyến")

    def _show_status(self) -> None:
        self.indicator.setText(self.indicator_text())
        where = self.credentials.url if self.credentials is not None else ""
        if self.embedded is not None:
            tip = self.tr("Kho dữ liệu tham chiếu chạy trên máy này (%1). Bấm để xem hàng đợi gửi (Ctrl+Shift+O).")
        else:
            tip = self.tr("Kho dữ liệu: %1. Bấm để xem hàng đợi gửi (Ctrl+Shift+O).")
        tip = tip.replace("%1", where or self.tr("chưa kết nối"))
        if self._misconfigured:
            tip += "\n" + self.tr("Chưa kết nối được kho dữ liệu: %1").replace("%1", self._misconfigured)
        self.indicator.setToolTip(tip)
        self.dock.show_status(self.indicator_text())

    def retranslate(self) -> None:
        """The actions and the indicator in the current language (at start, and when it changes)."""
        self.view_action.setText(self.tr("Hàng đợi gửi"))
        self.retry_all_action.setText(self.tr("Gửi lại tất cả"))
        self._show_status()

    def show_view(self) -> None:
        self.reload()
        self.dock.show()
        self.dock.raise_()
        self.dock.table.setFocus()

    def toggle_view(self) -> None:
        if self.dock.isVisible() and self.dock.table.hasFocus():
            self.dock.hide()
        else:
            self.show_view()

    # -- closing -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A close the window accepted hides it (inside the same close() call, after its own
        # closeEvent stopped its tasks); a close some screen refused is followed by no hide.
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Close:
                self._closing = True
            elif kind == QEvent.Type.Show:
                self._closing = False
            elif kind == QEvent.Type.Hide and self._closing and not self.window.isVisible():
                self.shutdown()
        return False

    def shutdown(self) -> None:
        """At window close: stop checking, let the round in flight stop between documents (what
        is not sent stays in the outbox), then stop the embedded store."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._timer.stop()
        self._reload_timer.stop()
        if self._sending is not None:
            self._sending.cancel()
        self._idle.wait(10)
        self._quiet.shutdown(5000)
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None
        self._outbox.close()


def _store_choice(config: Any) -> tuple[str, str]:
    """Which store the configuration (default: the saved one) and the environment name."""
    if config is None:
        from dossier.config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError:
            return ("?", "?")
    return (os.environ.get("SOHOA_STORE_URL") or config.store_url, config.store_client_id)


def install(window: Any) -> None:
    window.outbox = OutboxScreen(window)

