"""Bad input: a clear one-line error naming the file (and page), and nothing half-written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from ocr import OcrOptions, PageError, run_ocr

SOHOA = [sys.executable, "-m", "desktop.launcher"]


def sohoa(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*SOHOA, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture()
def truncated_png(decision_png: Path, tmp_path: Path) -> Path:
    data = decision_png.read_bytes()
    path = tmp_path / "truncated.png"
    path.write_bytes(data[: len(data) // 3])
    return path


@pytest.fixture()
def encrypted_pdf(decision_png: Path, tmp_path: Path) -> Path:
    plain = tmp_path / "plain.pdf"
    Image.open(decision_png).convert("RGB").save(plain, resolution=300)
    path = tmp_path / "locked.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="chu", user="mat-khau"))
    return path


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    result = sohoa("ocr", tmp_path / "khong-co.png", "-o", tmp_path / "out.pdf")
    assert result.returncode == 1
    assert "khong-co.png" in result.stderr and "not found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.pdf").exists()


def test_empty_and_non_image_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("đây không phải là ảnh", encoding="utf-8")
    for path, words in ((empty, "empty"), (text, "not a readable image")):
        with pytest.raises(PageError) as info:
            run_ocr([path], tmp_path / "out.pdf", OcrOptions(jobs=1))
        assert path.name in str(info.value) and words in str(info.value)
    assert not list(tmp_path.glob("*.pdf*"))


def test_truncated_image_fails_on_its_page_and_leaves_no_pdf(truncated_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = sohoa("ocr", truncated_png, "-o", out, "--jobs", "1")
    assert result.returncode == 1
    assert "truncated.png, page 1" in result.stderr and "damaged or truncated" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.pdf*"))


def test_encrypted_pdf_is_refused_with_advice(encrypted_pdf: Path, tmp_path: Path) -> None:
    with pytest.raises(PageError) as info:
        run_ocr([encrypted_pdf], tmp_path / "out.pdf", OcrOptions(jobs=1))
    assert "locked.pdf" in str(info.value) and "encrypted" in str(info.value)


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    # 30000 x 30000 pixels of one colour compress to a few hundred kilobytes.
    Image.new("1", (30000, 30000), 1).save(bomb, optimize=False)
    assert bomb.stat().st_size < 5_000_000
    with pytest.raises(PageError) as info:
        run_ocr([bomb], tmp_path / "out.pdf", OcrOptions(jobs=1))
    assert "bomb.png" in str(info.value) and "too large" in str(info.value)


def test_keep_going_writes_the_good_pages(decision_png: Path, truncated_png: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.tif"
    out = tmp_path / "out.pdf"
    result = sohoa("ocr", decision_png, truncated_png, missing, "-o", out, "--keep-going", "--jobs", "2")
    assert result.returncode == 3, result.stderr
    assert "truncated.png, page 1" in result.stderr and "missing.tif" in result.stderr
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1
    assert "QUYẾT ĐỊNH" in subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout


def test_ocr_timeout_keeps_the_page_image(decision_png: Path, tmp_path: Path) -> None:
    """A real Tesseract run stopped by its deadline: the page stays, without text."""
    out = tmp_path / "out.pdf"
    with pytest.raises(PageError) as info:
        run_ocr([decision_png], out, OcrOptions(jobs=1, page_timeout_s=0.01))
    assert "did not finish" in str(info.value) and not out.exists()
    report = run_ocr([decision_png], out, OcrOptions(jobs=1, page_timeout_s=0.01, keep_going=True))
    assert report.pages[0].status == "failed" and report.errors
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1 and len(pdf.pages[0].get_images()) >= 1


def test_a_page_that_crashes_its_worker_fails_alone(decision_png: Path, tmp_path: Path) -> None:
    """Fault injection through the engine plug-in point (as OCRmyPDF's tests do):
    the engine kills its worker on the narrow page; the other pages come out."""
    out = tmp_path / "out.pdf"
    options = OcrOptions(jobs=2, keep_going=True, engine="tests.ocr.faulty_engine:CrashOnNarrowPage")
    narrow = tmp_path / "narrow.png"
    with Image.open(decision_png) as image:
        image.crop((0, 0, image.width * 3 // 4, image.height)).save(narrow, dpi=(300, 300))
    report = run_ocr([decision_png, narrow, decision_png], out, options)
    statuses = [p.status for p in report.pages]
    assert statuses == ["ocr", "failed", "ocr"], statuses
    assert "crashed" in (report.pages[1].error or "")
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3  # the crashed page keeps its image: nothing is lost
    assert subprocess.run(["pdftotext", "-f", "2", "-l", "2", out, "-"], capture_output=True,
                          text=True).stdout.strip() == ""
