from __future__ import annotations

import threading
import time
from pathlib import Path

from PIL import Image

from scanner import HotFolder, Page


def _collector():
    got: list[tuple[str, int]] = []

    def on_page(path: Path, page: Page) -> None:
        got.append((path.name, page.index))

    return got, on_page


def test_a_file_is_taken_only_after_its_size_settles(tmp_path: Path):
    got, on_page = _collector()
    hot = HotFolder(tmp_path, on_page, settle_seconds=2.0)
    Image.new("L", (10, 10)).save(tmp_path / "a.png")
    assert hot.poll(now=100.0) == []  # first sight
    assert hot.poll(now=101.0) == []  # not settled yet
    with open(tmp_path / "a.png", "ab") as f:  # the scanner is still writing
        f.write(b"\0")
    assert hot.poll(now=102.5) == []  # changed: the clock restarts
    (outcome,) = hot.poll(now=105.0)
    assert outcome.ok and outcome.pages == 1
    assert got == [("a.png", 0)]
    assert not (tmp_path / "a.png").exists() and (tmp_path / "done" / "a.png").exists()


def test_unreadable_file_goes_to_failed_with_a_reason(tmp_path: Path):
    hot = HotFolder(tmp_path, lambda p, page: None, settle_seconds=0)
    (tmp_path / "junk.pdf").write_bytes(b"garbage")
    hot.poll(now=0.0)
    (outcome,) = hot.poll(now=1.0)
    assert not outcome.ok
    assert (tmp_path / "failed" / "junk.pdf").exists()
    assert "junk.pdf" in (tmp_path / "failed" / "junk.pdf.reason.txt").read_text()


def test_original_stays_when_the_pages_could_not_be_written(tmp_path: Path):
    def failing_writer(path: Path, page: Page) -> None:
        raise OSError("disk full")

    hot = HotFolder(tmp_path, failing_writer, settle_seconds=0)
    Image.new("L", (10, 10)).save(tmp_path / "a.png")
    hot.poll(now=0.0)
    assert hot.poll(now=1.0) == []
    assert (tmp_path / "a.png").exists()
    assert not any((tmp_path / "done").iterdir())


def test_same_name_twice_is_never_overwritten(tmp_path: Path):
    hot = HotFolder(tmp_path, lambda p, page: None, settle_seconds=0)
    for _ in range(2):
        Image.new("L", (10, 10)).save(tmp_path / "a.png")
        hot.poll(now=0.0)
        hot.poll(now=1.0)
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == ["a-1.png", "a.png"]


def test_watcher_picks_up_a_dropped_file(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    got, on_page = _collector()
    hot = HotFolder(inbox, on_page, settle_seconds=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=hot.run, args=(stop, 0.1), daemon=True)
    thread.start()
    try:
        frames = [Image.new("L", (8, 8), v) for v in (1, 2)]
        frames[0].save(inbox / "two.tif", save_all=True, append_images=frames[1:])
        deadline = time.monotonic() + 10
        while not (inbox / "done" / "two.tif").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)
    assert got == [("two.tif", 0), ("two.tif", 1)]
    assert (inbox / "done" / "two.tif").exists()
