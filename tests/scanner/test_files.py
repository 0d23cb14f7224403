from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from scanner import UnreadableFile, import_file


def _rgb(w: int, h: int, seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))


def test_png_keeps_pixels_and_dpi(tmp_path: Path):
    img = _rgb(40, 30)
    img.save(tmp_path / "a.png", dpi=(200, 200))
    (page,) = import_file(tmp_path / "a.png")
    assert page.dpi == 200 and page.image.shape == (30, 40, 3)
    assert np.array_equal(page.image, np.asarray(img))


def test_jpeg_without_dpi_assumes_300(tmp_path: Path):
    _rgb(40, 30).convert("L").save(tmp_path / "a.jpg")
    (page,) = import_file(tmp_path / "a.jpg")
    assert page.dpi == 300 and page.image.ndim == 2


def test_multipage_tiff_gives_every_page_in_order(tmp_path: Path):
    frames = [Image.new("L", (20, 10), v) for v in (10, 20, 30)]
    frames[0].save(tmp_path / "m.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    pages = list(import_file(tmp_path / "m.tif"))
    assert [p.index for p in pages] == [0, 1, 2]
    assert [int(p.image[0, 0]) for p in pages] == [10, 20, 30]


def test_scanned_pdf_page_is_taken_at_native_resolution(tmp_path: Path):
    img = _rgb(300, 450)  # 2 × 3 inches at 150 dpi
    img.save(tmp_path / "scan.pdf", resolution=150)
    (page,) = import_file(tmp_path / "scan.pdf", pdf_dpi=72)
    assert page.dpi == 150 and page.image.shape == (450, 300, 3)


def test_pdf_page_with_drawing_is_rendered_at_the_chosen_dpi(tmp_path: Path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(144, 72))  # 2 × 1 inch
    pdf.pages[0].Contents = pdf.make_stream(b"0 0 1 rg 10 10 50 30 re f")
    pdf.save(tmp_path / "vector.pdf")
    (page,) = import_file(tmp_path / "vector.pdf", pdf_dpi=100)
    assert page.dpi == 100 and page.image.shape[:2] == (100, 200)


@pytest.mark.parametrize(("name", "content"), [("bad.pdf", b"not a pdf"), ("bad.png", b"\x89PNG junk"), ("x.docx", b"")])
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnreadableFile, match=name):
        list(import_file(tmp_path / name))
