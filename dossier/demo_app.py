"""``sohoa demo --app``: the desktop app opened on a workspace of sample dossiers, nothing configured.

Where ``sohoa demo`` runs the whole chain unattended, this leaves the last steps to the
clerk: the sample paper of ``resources/samples/`` (and a page from SANE's test scanner when
it is installed) is imported into a dossier received today, cleaned, OCR'd and read, and waits
for review. The app then opens on it with the built-in defaults the screens use when nothing
is configured: the DEMO signing identity (``dossier.demo_identity``, no legal value), the
embedded reference store on 127.0.0.1 (in the workspace's ``store/``), and SANE's test device
for F5, from a private SANE folder as ``sohoa demo`` uses it. The demo folder has its own
configuration file and window settings, so the demo neither reads nor changes the clerk's.

``smoke_test`` opens the app once without a person (under Xvfb, or Qt's offscreen platform,
when there is no display), saves a screenshot of the main window in the demo folder and quits:
the proof that the app starts on this machine, for ``./setup.sh`` on a server or CI.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

APP_LOG = "app.log"
APP_PID = "app.pid"  # the app this command opened, closed before the folder is emptied again
SMOKE_SCREENSHOT = "app-smoke.png"
SMOKE_TIMEOUT_S = 180  # the app's start, the embedded store's, one screenshot: seconds on 2 cores


def app_environment(folder: Path) -> dict[str, str]:
    """The environment the app runs in for the demo folder (see the module docstring)."""
    env = dict(os.environ)
    env.update(SOHOA_WORKSPACE=str(folder / "workspace"), SOHOA_CONFIG=str(folder / "settings.json"),
               SOHOA_SETTINGS_FILE=str(folder / "app-settings.ini"))
    for name in ("SOHOA_STORE_URL", "SOHOA_STORE_CLIENT_ID", "SOHOA_STORE_CLIENT_SECRET"):
        env.pop(name, None)  # the built-in defaults: the embedded store
    if (folder / "sane.d").is_dir():
        env["SANE_CONFIG_DIR"] = str(folder / "sane.d")
    return env


def prepare(folder: Path | None = None, *, scanner: bool = True, jobs: int = 0) -> Path:
    """Empty the demo folder and fill its workspace with the sample dossier, read and waiting
    for review. Returns the demo folder."""
    from dossier.demo import _fresh, _say, _scan_test_page, demo_folder, sample_files
    from dossier.demo_identity import demo_identity
    from dossier.pipeline import Pipeline, PipelineOptions
    from dossier.workspace import Workspace
    from ocr.report import OcrOptions

    folder = demo_folder(folder)
    _close_previous_app(folder)
    _fresh(folder)
    _say(f"SoHoa demo cho ứng dụng: thư mục {folder}")
    workspace = folder / "workspace"
    ws = Workspace.open(workspace, user="sohoa demo")
    try:
        demo_identity(workspace)  # where the signing screen looks for it when no token is configured
        ids = []
        if scanner:  # first: the app opens on the day's latest dossier, the sample paper's
            page = _scan_test_page(folder)  # also leaves the private SANE folder for the app's F5
            if page is not None:
                scanned = ws.create_dossier()
                scan_batch = ws.create_batch(device="sane:test:0", profile="results")
                document = ws.add_document(scanned.id, batch_id=scan_batch.id)
                ws.add_pages(document.id, [page], move=True, sources=[("sane:test:0", 1)])
                ids.append(document.id)
                _say("Máy quét thử SANE (test:0): 1 trang quét vào một hồ sơ")
                from dossier.config import Config, save_config

                # The demo's own configuration: F5 scans from the test device (flatbed profile).
                save_config(Config(scan_device="sane:test:0", scan_profile="results"), folder / "settings.json")
        dossier = ws.create_dossier()
        batch = ws.create_batch(device="import", profile="vn-2023")
        for sample in sample_files():
            document = ws.add_document(dossier.id, batch_id=batch.id)
            ws.add_pages(document.id, [sample])
            ids.append(document.id)
        _say(f"Hồ sơ mẫu: {len(sample_files())} tài liệu ({', '.join(p.name for p in sample_files())})")
        _say("Nhận dạng và trích xuất (chờ người duyệt trong ứng dụng)…")
        summary = Pipeline(ws, PipelineOptions(auto_accept=False, ocr=OcrOptions(jobs=jobs))).run(ids)
        _say(f"  {summary.documents} tài liệu, {summary.pages} trang, {len(summary.waiting)} chờ duyệt, "
             f"{len(summary.failed)} lỗi; {summary.seconds:.1f} s")
    finally:
        ws.close()
    return folder


def open_app(folder: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    """Start the app on the demo folder in its own session (it outlives this command, which
    returns at once); its messages go to ``app.log`` in the folder."""
    log = open(folder / APP_LOG, "ab")
    try:
        process = subprocess.Popen([sys.executable, "-m", "desktop.launcher"], env=app_environment(folder),
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    finally:
        log.close()
    (folder / APP_PID).write_text(f"{process.pid}\n", encoding="utf-8")
    return process


def _close_previous_app(folder: Path, timeout: float = 10.0) -> None:
    """Close the app an earlier ``sohoa demo --app`` opened on this folder, if it still runs,
    so running the command again (or ./setup.sh) never empties a workspace under an open app.
    Only a process that is that app is touched: its pid from ``app.pid`` and its command line
    (Linux' /proc; elsewhere the clerk closes it)."""
    import signal
    import time

    pid_file = folder / APP_PID
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        command = []  # not running (or no /proc)
    if b"desktop.launcher" in command:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    pid_file.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


def smoke_test(folder: Path, *, timeout: float = SMOKE_TIMEOUT_S) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """Open the app once on the demo folder without a person; it saves ``app-smoke.png`` there,
    prints one line and quits (``desktop.smoke``). Under Xvfb when there is no display and
    xvfb-run is installed, else on Qt's offscreen platform."""
    env = app_environment(folder)
    env["SOHOA_APP_SMOKE"] = str(folder / SMOKE_SCREENSHOT)
    command = [sys.executable, "-m", "desktop.launcher"]
    from desktop.launcher import has_display  # plain Python: Qt is not imported by it

    if not has_display():
        if shutil.which("xvfb-run"):
            command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout)


def run_demo_app(folder: Path | None = None, *, scanner: bool = True, jobs: int = 0, smoke: bool = False) -> int:
    from dossier.demo import _say
    from desktop.launcher import has_display

    folder = prepare(folder, scanner=scanner, jobs=jobs)
    if smoke:
        try:
            result = smoke_test(folder)
        except subprocess.TimeoutExpired:
            _say(f"Ứng dụng không mở xong trong {SMOKE_TIMEOUT_S} s (xem {folder / APP_LOG}).")
            return 1
        (folder / APP_LOG).write_text(result.stdout + result.stderr, encoding="utf-8")
        _say(result.stdout.strip() or f"Ứng dụng không mở được (mã {result.returncode}); xem {folder / APP_LOG}.")
        return result.returncode
    if not has_display():
        _say(f"Máy này không có màn hình: mở ứng dụng trên máy có màn hình bằng: sohoa demo --app "
             f"(hoặc SOHOA_WORKSPACE={folder / 'workspace'} sohoa)")
        return 0
    open_app(folder)
    _say(f"Ứng dụng SoHoa đang mở trên hồ sơ mẫu (kho làm việc {folder / 'workspace'}; nhật ký {folder / APP_LOG}). "
         "Duyệt (Ctrl+2), ký bằng khóa DEMO và gửi lên kho dữ liệu tích hợp; F5 quét từ máy quét thử SANE.")
    return 0
