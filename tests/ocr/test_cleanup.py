"""Page clean-up, measured on generated pages without running OCR (fast)."""
from __future__ import annotations

import numpy as np
import pytest

from ocr import cleanup
from tests.docgen import blank_page, degrade, generate_document, photograph, rotate_page


def bgr(page) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(page.image.convert("RGB"))[..., ::-1])


@pytest.fixture(scope="module")
def letter():
    return generate_document(seed=61, document_type="official_letter", dpi=300, pages=1).pages[0]


@pytest.mark.parametrize("angle", [-10.0, -6.0, -2.5, 1.5, 4.0, 9.5])
def test_skew_is_measured_to_a_fifth_of_a_degree(letter, angle: float) -> None:
    skewed = degrade(letter, seed=1, skew_deg=angle, noise=6.0, blur=0.6, jpeg_quality=60,
                     uneven_light=True, stamp=True)
    cleaned = cleanup.clean_page(bgr(skewed), 300)
    assert abs(cleaned.deskew_deg + angle) < 0.2
    assert not cleaned.sideways
    assert cleaned.page.shape == bgr(skewed).shape  # straightened in place: same size, same dpi


@pytest.mark.parametrize("turns", [1, 3])
def test_sideways_pages_are_recognised(letter, turns: int) -> None:
    cleaned = cleanup.clean_page(bgr(rotate_page(degrade(letter, seed=2, skew_deg=2.0), turns)), 300)
    assert cleaned.sideways and cleaned.deskew_deg == 0.0


def test_dark_scanner_border_is_trimmed(letter) -> None:
    scan = degrade(letter, seed=3, skew_deg=0.0, dark_border=True)
    cleaned = cleanup.clean_page(bgr(scan), 300)
    assert sum(cleaned.trimmed) > 20
    grey = cleanup.to_grey(cleaned.page)
    # No edge of the kept page is a dark strip any more.
    for edge in (grey[:, :3], grey[:, -3:], grey[:3, :], grey[-3:, :]):
        assert edge.mean() > 150


def test_photographed_page_is_found_and_flattened(letter) -> None:
    photo = photograph(letter, seed=4)
    cleaned = cleanup.clean_page(bgr(photo), 300)
    assert cleaned.photo
    height, width = cleaned.page.shape[:2]
    assert 1.35 < height / width < 1.48  # an A4 sheet, cut from its background
    assert cleanup.to_grey(cleaned.page)[::50, ::50].mean() > 200  # evenly lit paper


def test_a_scan_is_not_taken_for_a_photo(letter) -> None:
    for scan in (letter, degrade(letter, seed=5), degrade(letter, seed=6, dark_border=True)):
        assert not cleanup.clean_page(bgr(scan), 300).photo


def test_blank_scores_separate_blank_from_printed_pages(letter) -> None:
    printed = cleanup.clean_page(bgr(letter), 300).blank_score
    sparse = generate_document(seed=62, document_type="notice", dpi=300, pages=2).pages[-1]
    for page in (blank_page(seed=7), blank_page(seed=8, near_blank=True)):
        score = cleanup.clean_page(bgr(page), 300).blank_score
        assert score < 0.3 < cleanup.clean_page(bgr(sparse), 300).blank_score
        assert score < 0.3 < printed


def test_dot_leaders_are_removed_but_text_dots_stay() -> None:
    form = generate_document(seed=63, document_type="application_form", dpi=300, pages=1).pages[0]
    cleaned = cleanup.clean_page(bgr(form), 300)
    ocr = cleaned.ocr
    block = next(b for b in form.blocks if b.name == "form_field" and b.text.endswith("." * 30))
    x0, y0, x1, y1 = (round(v * cleaned.ocr_scale) for v in block.bbox)
    label_end = x0 + (x1 - x0) // 3
    # The right part of a leader line (dots only) is bare paper after clean-up...
    tail = ocr[y0:y1, x1 - (x1 - x0) // 5:x1]
    assert (tail < 128).mean() < 0.002
    # ...while the printed label and value keep their ink (including i-dots and diacritics).
    assert (ocr[y0:y1, x0:label_end] < 128).mean() > 0.03
