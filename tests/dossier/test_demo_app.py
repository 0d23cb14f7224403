"""``sohoa demo --app``: the sample paper read into a workspace of dossiers waiting for review,
and the app opened on it without a person (``--smoke-test``): the real app process, under Xvfb
(or Qt's offscreen platform), starting the embedded store, with the DEMO identity, then a screenshot."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from dossier.demo_app import SMOKE_SCREENSHOT, smoke_test
from dossier.model import DocumentState
from dossier.workspace import Workspace
from tests.dossier.pipeline_fixtures import sohoa, sohoa_env


@pytest.mark.slow
def test_demo_app_prepares_dossiers_to_review_and_the_app_opens_on_them(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    headless = sohoa_env(SOHOA_CONFIG=str(tmp_path / "clerk-settings.json"))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        headless.pop(name, None)
    result = sohoa("demo", "--app", "--workspace", str(folder), env=headless, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Hồ sơ mẫu: 3 tài liệu" in result.stdout and "4 chờ duyệt, 0 lỗi" in result.stdout
    assert "Máy quét thử SANE (test:0): 1 trang" in result.stdout
    assert "không có màn hình" in result.stdout and "sohoa demo --app" in result.stdout  # how to open it
    with Workspace.open(folder / "workspace") as ws:
        states = ws.count_by_state()
        assert states.get(DocumentState.EXTRACTED) == 4 and sum(states.values()) == 4  # for the clerk to review
        assert all(ws.extraction(d.id) for d in ws.documents_in_state(DocumentState.EXTRACTED))
    assert (folder / "workspace" / "demo-identity.p12").exists()
    assert not (tmp_path / "clerk-settings.json").exists()  # the clerk's own configuration: untouched

    opened = smoke_test(folder, timeout=120)  # the same app process a clerk starts, without a display
    assert opened.returncode == 0, opened.stdout + opened.stderr
    line = opened.stdout.strip().splitlines()[-1]
    assert f"kho làm việc {folder / 'workspace'}: 2 hồ sơ hôm nay, 4 tài liệu" in line
    assert "máy quét: sane:test:0" in line  # F5 scans from SANE's test device (the demo's configuration)
    assert re.search(r"kho dữ liệu: trực tuyến \(kho tích hợp http://127\.0\.0\.1:\d+\)", line)
    assert "khóa ký DEMO" in line and "settings_screen" in line
    shot = folder / SMOKE_SCREENSHOT
    assert f"ảnh chụp cửa sổ: {shot}" in line
    with Image.open(shot) as image:
        assert image.width >= 600 and image.height >= 400
        assert len(image.convert("L").getcolors(1 << 16) or []) > 20  # a drawn window, not a blank frame
    assert (folder / "workspace" / "store").is_dir()  # the embedded store kept its data in the workspace


def test_running_the_demo_again_closes_the_app_it_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """./setup.sh run twice: the first run's app is closed before its workspace is emptied."""
    import time

    from dossier.demo import MARKER
    from dossier.demo_app import APP_PID, _alive, _close_previous_app, open_app

    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / MARKER).write_text("demo\n", encoding="utf-8")
    Workspace.open(folder / "workspace").close()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display for the app, none needed here
    app = open_app(folder)
    try:
        assert int((folder / APP_PID).read_text()) == app.pid
        time.sleep(3)
        assert app.poll() is None, (folder / "app.log").read_text()  # the app is up and waits for the clerk
        started = time.monotonic()
        _close_previous_app(folder)
        assert not _alive(app.pid) and time.monotonic() - started < 10
        assert app.wait(5) != 0 and not (folder / APP_PID).exists()  # ended by the signal
        (folder / APP_PID).write_text(f"{app.pid}\n")  # a stale pid (maybe reused by now): left alone
        _close_previous_app(folder)
        assert not (folder / APP_PID).exists()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
