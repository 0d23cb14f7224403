"""The review screen's page image: PDFium's pixels straight into a QImage (desktop.page_images)
show the same page, in the frame extraction's boxes refer to, as the PIL route the crops use."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw


def _pixels(image) -> np.ndarray:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).astype(int)


def test_the_page_view_shows_the_cleaned_page_as_the_crops_see_it(tmp_path: Path) -> None:
    from desktop.page_images import PageImage, load_page_image, render, to_qimage

    paper = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(paper)
    draw.rectangle((100, 100, 600, 300), fill=(200, 0, 0))  # red: a swapped channel order shows
    draw.rectangle((700, 1400, 1100, 1650), fill=(0, 0, 200))
    draw.text((120, 400), "Quyết định số 97/QĐ-UBND", fill="black")
    pdf = tmp_path / "page-clean.pdf"
    paper.save(pdf, "PDF", resolution=150)
    page = PageImage(pdf, 0, (1240, 1754), 150.0)

    shown = load_page_image(page)
    assert (shown.width(), shown.height()) == page.size
    pixels, reference = _pixels(shown), _pixels(to_qimage(render(page)))
    assert np.abs(pixels - reference).mean() < 2.0
    red, blue = pixels[200, 350], pixels[1500, 900]
    assert red[0] > 150 and red[2] < 60 and blue[2] > 150 and blue[0] < 60


def test_a_damaged_page_file_is_said_in_vietnamese(tmp_path: Path) -> None:
    import pytest

    from desktop.page_images import PageImage, load_page_image

    broken = tmp_path / "page-clean.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(OSError, match="không đọc được ảnh trang page-clean.pdf"):
        load_page_image(PageImage(broken, 0, (100, 140), 150.0))
