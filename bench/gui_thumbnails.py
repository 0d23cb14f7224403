"""Do the thumbnails of a 200-page batch scroll smoothly? (issue "Desktop 1": thumbnails
generated once, cached on disk, loaded lazily.)

    .venv/bin/python bench/gui_thumbnails.py [--pages 200] [--dpi 150] [--step 40]

A workspace with one document of N generated A4 pages (PNG at --dpi, each different), the real
app window on Qt's offscreen platform at 1280x800. The pages list is scrolled from top to
bottom by --step pixels a frame (a 16 ms timer, as a wheel or held arrow key would), three
times: cold (no thumbnail exists), again in the same window (in memory), and in a new window
on the same workspace (a restart: from the disk cache). For each pass: the longest and the
99th-percentile interval between frames (16 ms is a frame never held up), the page images
decoded, thumbnails read from the disk cache, and how many rows were asked for before any
scrolling (lazy: only the rows on screen). Page images are counted by wrapping
``desktop.thumbnails.page_image`` and ``make_thumbnail``, the app's own functions.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FRAME_MS = 16


from bench.gui_latency import percentile  # noqa: E402 - after sys.path


def make_pages(folder: Path, count: int, dpi: int) -> list[Path]:
    """A4 pages with a big number and lines of 'text' (different per page, so no two hash alike)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    paths = []
    for n in range(1, count + 1):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        draw.text((width // 2 - dpi // 2, dpi // 2), str(n), fill=0, font_size=dpi)
        for line in range(30):
            y = int(dpi * 1.8) + line * dpi // 3
            draw.line((dpi, y, width - dpi - (line * 37 * n) % (width // 3), y), fill=0, width=max(1, dpi // 40))
        path = folder / f"page-{n:04d}.png"
        image.save(path, dpi=(dpi, dpi))
        paths.append(path)
    return paths


class Counts:
    """What the thumbnail functions did (they run on the thumbnails lane's thread)."""

    def __init__(self) -> None:
        import desktop.thumbnails as thumbnails

        self.decoded = 0  # page images decoded to make a thumbnail
        self.asked = 0  # thumbnails asked for (from the disk cache or made)
        original_image, original_make = thumbnails.page_image, thumbnails.make_thumbnail

        def page_image(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.decoded += 1
            return original_image(*args, **kwargs)

        def make_thumbnail(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.asked += 1
            return original_make(*args, **kwargs)

        thumbnails.page_image = page_image  # make_thumbnail and make_thumbnails look them up in the module
        thumbnails.make_thumbnail = make_thumbnail

    def take(self) -> tuple[int, int]:
        made = (self.asked, self.decoded)
        self.asked = self.decoded = 0
        return made


def scroll_through(app, window, step: int, settle_s: float = 0.3) -> tuple[list[float], float]:  # type: ignore[no-untyped-def]
    """Scroll the pages list top to bottom, a step a frame; returns the frame intervals (ms)
    and the seconds until the thumbnails on screen were all shown after the last step."""
    from PySide6.QtCore import QTimer

    view = window.pages_view
    bar = view.pages.verticalScrollBar()
    bar.setValue(0)
    end = time.perf_counter() + settle_s
    while time.perf_counter() < end:
        app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def frame() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        if bar.value() >= bar.maximum():
            timer.stop()
            app.quit()
            return
        bar.setValue(bar.value() + step)

    timer = QTimer()
    timer.setInterval(FRAME_MS)
    timer.timeout.connect(frame)
    timer.start()
    last[0] = time.perf_counter()
    app.exec()
    done = time.perf_counter()
    model = view.model
    deadline = done + 120
    while not all(model.has_thumbnail(r) for r in _visible_rows(view)) and time.perf_counter() < deadline:
        app.processEvents()
    return gaps[1:], time.perf_counter() - done


def _visible_rows(view) -> list[int]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    rect = view.pages.viewport().rect()
    rows = set()
    for y in range(0, rect.height(), 20):
        for x in range(0, rect.width(), 20):
            index = view.pages.indexAt(QPoint(x, y))
            if index.isValid():
                rows.add(index.row())
    return sorted(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--dpi", type=int, default=150, help="the generated pages' resolution (default 150)")
    parser.add_argument("--step", type=int, default=40, help="pixels scrolled a frame (default 40)")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="sohoa-gui-thumbnails-"))
    os.environ.update(QT_QPA_PLATFORM="offscreen", SOHOA_WORKSPACE=str(folder / "ws"),
                      SOHOA_SETTINGS_FILE=str(folder / "settings.ini"), SOHOA_LANG="vi")
    from dossier.workspace import Workspace

    from desktop.app import application, open_window

    started = time.perf_counter()
    paths = make_pages(folder / "paper", args.pages, args.dpi)
    with Workspace.open(folder / "ws", user="bench") as ws:
        dossier = ws.create_dossier()
        document = ws.add_document(dossier.id)
        ws.add_pages(document.id, paths)
    print(f"{args.pages} pages of {args.dpi} dpi generated and put in the workspace in "
          f"{time.perf_counter() - started:.1f} s")

    app = application()
    counts = Counts()
    rows = []
    try:
        for label in ("cold (no thumbnail yet)", "again, same window (in memory)", "new window (disk cache)"):
            if not rows or label.startswith("new"):
                if rows:
                    window.close()
                    window.workspace.close()
                window = open_window()
                window.resize(1280, 800)
                window.show()
                window.views.setCurrentIndex(0)
            end = time.perf_counter() + 0.5
            while time.perf_counter() < end:  # shown, laid out, the rows on screen asked for
                app.processEvents()
            first_asked = counts.asked
            counts.take()
            gaps, tail = scroll_through(app, window, args.step)
            asked, decoded = counts.take()
            rows.append((label, gaps, first_asked, asked, decoded, tail, window.pages_view.model.rowCount()))
        window.close()
        window.workspace.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for label, gaps, first_asked, asked, decoded, tail, count in rows:
        print(f"{label}: {count} rows, {len(gaps)} frames, frame gap max {max(gaps):.1f} ms, "
              f"p99 {percentile(gaps, 0.99):.1f} ms, median {percentile(gaps, 0.5):.1f} ms; "
              f"thumbnails asked before scrolling {first_asked}, while scrolling {asked} "
              f"(page images decoded {decoded}, from the disk cache {asked - decoded}); "
              f"last rows shown {tail * 1000:.0f} ms after the scroll ended")
    return 0


if __name__ == "__main__":
    sys.exit(main())
