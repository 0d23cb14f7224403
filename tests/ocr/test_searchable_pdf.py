"""What an archivist notices in the PDF: the text is right, straight, upright, selectable, archival."""
from __future__ import annotations

import json
from collections import Counter
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from ocr import OcrOptions, run_ocr
from tests.conftest import save_png
from tests.docgen import blank_page, degrade, generate_document, photograph, rotate_page
from tests.metrics import blockwise_cer, cer, normalize, pdf_text, pdf_words
from tests.pdfa_check import check_pdfa2b

CLEAN_CER = 0.01
DEGRADED_CER = 0.03


def ocr_one(page, tmp_path: Path, name: str, **options) -> tuple[Path, object]:
    png = save_png(page, tmp_path / f"{name}.png")
    out = tmp_path / f"{name}.pdf"
    report = run_ocr([png], out, OcrOptions(jobs=1, **options))
    return out, report.pages[0]


def test_clean_page_reads_within_one_percent(decision, decision_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "decision.pdf"
    result = subprocess.run([sys.executable, "-m", "desktop.launcher", "ocr", str(decision_png), "-o", str(out),
                             "--json", "--jobs", "1"], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert report["pages"][0]["status"] == "ocr" and report["blank_pages"] == []
    value = blockwise_cer(decision.blocks, pdf_words(out, decision.dpi))
    assert value <= CLEAN_CER, f"CER {value:.2%}"
    text = pdf_text(out)
    # pdftotext gets NFC Vietnamese with its diacritics, not decomposed marks.
    assert "QUYẾT ĐỊNH" in text and "\u0301" not in text and "\u0323" not in text


@pytest.mark.parametrize("seed,font", [(21, "dejavu_serif"), (22, "freeserif")])
def test_degraded_scan_reads_within_three_percent(seed: int, font: str, tmp_path: Path) -> None:
    doc = generate_document(seed=seed, document_type="decision", dpi=300, font=font, pages=1)
    clean = doc.pages[0]
    scan = degrade(clean, seed=seed, skew_deg=3.5 if seed % 2 else -4.0, jpeg_quality=50)
    out, page = ocr_one(scan, tmp_path, "degraded")
    assert abs(page.deskew_deg + (3.5 if seed % 2 else -4.0)) < 0.3
    value = blockwise_cer(clean.blocks, pdf_words(out, clean.dpi))
    assert value <= DEGRADED_CER, f"CER {value:.2%}"


@pytest.mark.parametrize("kind,seed", [("application_form", 71), ("receipt", 72)])
def test_forms_with_dotted_leaders_read_within_one_percent(kind: str, seed: int, tmp_path: Path) -> None:
    """The value on a dotted line reads cleanly: the leaders do not turn into garbage."""
    page = generate_document(seed=seed, document_type=kind, dpi=300, pages=1).pages[0]
    out, _ = ocr_one(page, tmp_path, kind)
    value = blockwise_cer(page.blocks, pdf_words(out, page.dpi))
    assert value <= CLEAN_CER, f"CER {value:.2%}"


def _line_slopes(pdf: Path, dpi: float) -> list[float]:
    """Slope of each text line of the PDF: 0 when the page is straight."""
    words = pdf_words(pdf, dpi)
    lines: dict[int, list] = {}
    for word in words:
        lines.setdefault(round((word.bbox[1] + word.bbox[3]) / 2 / 30), []).append(word)
    slopes = []
    for line in lines.values():
        if len(line) < 6:
            continue
        line.sort(key=lambda w: w.bbox[0])
        dx = line[-1].bbox[0] - line[0].bbox[0]
        dy = line[-1].bbox[3] - line[0].bbox[3]
        slopes.append(dy / dx)
    return slopes


def test_skewed_page_comes_out_straight(decision, tmp_path: Path) -> None:
    skewed = degrade(decision, seed=5, skew_deg=7.0, noise=0.0, blur=0.0, jpeg_quality=None,
                     uneven_light=False, stamp=False)
    out, page = ocr_one(skewed, tmp_path, "skewed")
    assert abs(page.deskew_deg + 7.0) < 0.3
    # The page image in the PDF is straight: rendered, its text lines are level.
    rendered = tmp_path / "render"
    subprocess.run(["pdftoppm", "-r", "75", "-gray", "-png", str(out), str(rendered)], check=True)
    from ocr.cleanup import estimate_skew
    import cv2

    image = cv2.imread(str(next(tmp_path.glob("render*.png"))), cv2.IMREAD_GRAYSCALE)
    assert abs(estimate_skew(image)) < 0.3
    slopes = _line_slopes(out, decision.dpi)
    assert slopes and max(abs(s) for s in slopes) < 0.01


@pytest.mark.parametrize("turns", [2, 1])
def test_upside_down_and_sideways_pages_come_out_upright(decision, turns: int, tmp_path: Path) -> None:
    turned = rotate_page(decision, turns)
    out, page = ocr_one(turned, tmp_path, f"turned{turns}")
    assert page.rotated_deg in (90, 180, 270)
    with pikepdf.open(out) as pdf:
        box = pdf.pages[0].mediabox
        assert float(box[3]) > float(box[2])  # portrait again
    # Upright page: the ground truth's boxes apply again.
    value = blockwise_cer(decision.blocks, pdf_words(out, decision.dpi))
    assert value <= CLEAN_CER, f"CER {value:.2%}"


def test_text_layer_lines_up_with_the_words(decision, decision_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "aligned.pdf"
    run_ocr([decision_png], out, OcrOptions(jobs=1))
    words = pdf_words(out, decision.dpi)
    title = next(b for b in decision.blocks if b.name == "title")
    bx0, by0, bx1, by1 = title.bbox
    for text in title.text.split():
        # Selecting the printed word selects that word: some word of the text layer
        # with the same text lies on the title, its box within the title's box.
        def on_title(word) -> bool:
            x0, y0, x1, y1 = word.bbox
            overlap_x = min(x1, bx1) - max(x0, bx0)
            overlap_y = min(y1, by1) - max(y0, by0)
            return overlap_x > 0.8 * (x1 - x0) and overlap_y > 0.6 * (y1 - y0) and (y1 - y0) < 2 * (by1 - by0)

        assert any(w.text == text and on_title(w) for w in words), text
    # The image is kept at 100 % scale: one point per 1/72 inch at the scan's dpi.
    with pikepdf.open(out) as pdf:
        box = pdf.pages[0].mediabox
        assert abs(float(box[2]) - decision.image.width * 72 / decision.dpi) < 0.5
        xobjects = pdf.pages[0].obj.Resources.XObject
        # Both layers at the scan's full resolution: colour background, lossless print mask.
        for layer in (xobjects.Scan, xobjects.Print):
            assert (int(layer.Width), int(layer.Height)) == decision.image.size
        assert xobjects.Scan.ColorSpace == pikepdf.Name.DeviceRGB  # colour, as Decree 30/2020 asks
        assert xobjects.Print.ImageMask is True and xobjects.Print.Filter == pikepdf.Name.FlateDecode


def test_pdfa_validates_and_has_document_information(decision_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "archive.pdf"
    run_ocr([decision_png], out, OcrOptions(jobs=1, pdfa=True, title="Quyết định 125/QĐ-UBND"))
    assert check_pdfa2b(out) == []
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Quyết định 125/QĐ-UBND"
        assert str(pdf.docinfo["/Producer"]) == "SoHoa"
        assert "/CreationDate" in pdf.docinfo


def test_blank_pages_are_reported_and_kept_unless_dropped(decision_png: Path, tmp_path: Path) -> None:
    blank = save_png(blank_page(seed=3, dpi=300), tmp_path / "blank.png")
    near_blank = save_png(blank_page(seed=4, dpi=300, near_blank=True), tmp_path / "near.png")
    out = tmp_path / "with-blanks.pdf"
    report = run_ocr([decision_png, blank, near_blank], out, OcrOptions(jobs=2))
    assert report.blank_pages == [2, 3]
    assert report.pages[0].blank_score > 10 * max(report.pages[1].blank_score, report.pages[2].blank_score)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3  # nothing is dropped silently
    dropped = run_ocr([decision_png, blank], tmp_path / "dropped.pdf", OcrOptions(jobs=2, drop_blank=True))
    assert dropped.pages[1].dropped
    with pikepdf.open(tmp_path / "dropped.pdf") as pdf:
        assert len(pdf.pages) == 1


def test_photographed_page_is_flattened(tmp_path: Path) -> None:
    doc = generate_document(seed=31, document_type="notice", dpi=300, font="liberation_serif", pages=1)
    photo = photograph(doc.pages[0], seed=31)
    out, page = ocr_one(photo, tmp_path, "photo")
    assert page.photo
    # The flattened page has its own geometry, so compare words, not blocks: a search
    # for any printed word finds it in the PDF.
    truth = Counter(normalize(doc.pages[0].text).split())
    found = Counter(normalize(pdf_text(out)).split())
    recall = sum((truth & found).values()) / sum(truth.values())
    assert recall >= 0.95, f"{recall:.1%} of the words found"
    with pikepdf.open(out) as pdf:
        box = pdf.pages[0].mediabox
        assert 1.35 < float(box[3]) / float(box[2]) < 1.48  # an A4 sheet again, not a trapezoid in a frame


def test_low_resolution_page_gets_a_warning(tmp_path: Path) -> None:
    doc = generate_document(seed=41, document_type="notice", dpi=200, pages=1)
    page = doc.pages[0]
    small = page.image.resize((page.image.width * 3 // 4, page.image.height * 3 // 4))
    path = tmp_path / "150dpi.png"
    small.save(path, dpi=(150, 150))
    report = run_ocr([path], tmp_path / "low.pdf", OcrOptions(jobs=1))
    assert any("below the 200 dpi" in w for w in report.pages[0].warnings)


def test_multipage_tiff_and_scanned_pdf_inputs(tmp_path: Path) -> None:
    doc = generate_document(seed=51, document_type="decision", dpi=200, pages=2)
    tiff = tmp_path / "dossier.tif"
    first, second = (p.image for p in doc.pages)
    first.save(tiff, save_all=True, append_images=[second], dpi=(200, 200), compression="tiff_lzw")
    scanned = tmp_path / "scanned.pdf"
    first.save(scanned, resolution=200)
    out = tmp_path / "joined.pdf"
    report = run_ocr([tiff, scanned], out, OcrOptions(jobs=2))
    assert [(Path(p.source).name, p.source_page) for p in report.pages] == [
        ("dossier.tif", 1), ("dossier.tif", 2), ("scanned.pdf", 1)]
    assert all(p.status == "ocr" and abs(p.dpi - 200) < 1 for p in report.pages)
    for number, page in ((1, doc.pages[0]), (2, doc.pages[1]), (3, doc.pages[0])):
        assert cer(page.text, pdf_text(out, number)) < 0.05


def test_pdf_page_with_text_is_kept_unless_forced(decision, decision_png: Path, tmp_path: Path) -> None:
    searchable = tmp_path / "searchable.pdf"
    run_ocr([decision_png], searchable, OcrOptions(jobs=1))
    again = run_ocr([searchable], tmp_path / "again.pdf", OcrOptions(jobs=1))
    assert again.pages[0].status == "kept_text"
    assert pdf_text(tmp_path / "again.pdf") == pdf_text(searchable)
    forced = run_ocr([searchable], tmp_path / "forced.pdf", OcrOptions(jobs=1, force=True))
    assert forced.pages[0].status == "ocr"
    # Rendered from the PDF (print mask over background) and read again, just as well.
    assert blockwise_cer(decision.blocks, pdf_words(tmp_path / "forced.pdf", decision.dpi)) <= CLEAN_CER


def test_pytesseract_fallback_gives_the_same_text(decision, decision_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "fallback.pdf"
    report = run_ocr([decision_png], out, OcrOptions(jobs=1, engine="pytesseract"))
    assert report.engine == "pytesseract"
    assert blockwise_cer(decision.blocks, pdf_words(out, decision.dpi)) <= CLEAN_CER
