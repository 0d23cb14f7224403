"""ocr.region: the box a clerk draws, read alone by real Tesseract."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from ocr.region import read_region
from tests.docgen.fonts import load_font


def _page(tmp_path: Path) -> Path:
    """A white 200 dpi page with one printed line near the middle."""
    font = load_font("liberation_serif", "regular", 13, 200)  # body text of Decree 30/2020
    image = Image.new("L", (1600, 600), 255)
    ImageDraw.Draw(image).text((200, 250), "Trần Thị Hồng Nhung", font=font, fill=0)
    path = tmp_path / "page.png"
    image.save(path, dpi=(200, 200))
    return path


def test_the_text_in_the_box_is_read(tmp_path: Path) -> None:
    text, confidence = read_region(_page(tmp_path), (180, 230, 900, 320))
    assert text == "Trần Thị Hồng Nhung"
    assert 0.5 < confidence <= 1.0


def test_an_empty_box_reads_nothing_and_a_box_off_the_page_is_refused(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert read_region(page, (100, 400, 600, 500)) == ("", 0.0)
    with pytest.raises(ValueError):
        read_region(page, (1700, 700, 1800, 800))


def test_a_turned_page_is_read_in_the_frame_it_was_ocrd_in(tmp_path: Path) -> None:
    """The clerk turned the page a quarter clockwise: boxes are in the turned page's pixels."""
    page = _page(tmp_path)
    with Image.open(page) as image:
        image.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "scanned-sideways.png", dpi=(200, 200))
    text, _ = read_region(tmp_path / "scanned-sideways.png", (180, 230, 900, 320), rotation=90)
    assert text == "Trần Thị Hồng Nhung"
