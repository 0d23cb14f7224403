"""Grey seals on photocopies: found, taken off the OCR copy, the print under them kept."""
from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest
from PIL import Image

from ocr import cleanup, seals
from ocr.engine import make_engine
from tests.docgen import degrade, generate_document, photograph


def bgr(page) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(page.image.convert("RGB"))[..., ::-1])


def seal_ink(seal_alone, dpi: int, size: tuple[int, int]) -> np.ndarray:
    """Where the seal inked the paper, on an OCR copy of ``size``: the largest cluster of ink
    on the seal-only copy away from the edges (the copier shades one of them)."""
    ink = cv2.resize(flat_copy(bgr(seal_alone), dpi)[0], size, interpolation=cv2.INTER_AREA) < 200
    margin = size[0] // 10
    ink[:, :margin] = ink[:, -margin:] = False
    clusters = cv2.dilate(ink.astype(np.uint8), np.ones((15, 15), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(clusters)
    return ink & (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA])))


def flat_copy(image: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """The OCR copy as make_ocr_copy has it just before the seal step."""
    grey = cleanup.to_grey(image)
    scale = min(1.0, cleanup.OCR_DPI / dpi)
    if scale < 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return cleanup.flatten_light(grey), scale


@pytest.fixture(scope="module", params=[200, 300])
def photocopy(request):
    """A submission photocopied with its seal (unskewed, so the geometry stays simple),
    the seal alone as the same copier stamps it on white paper, and the clean page."""
    dpi = request.param
    page = generate_document(seed=24, document_type="submission", dpi=dpi).pages[0]
    copy = degrade(page, seed=241, photocopy=True, skew_deg=0.0)
    white = replace(page, image=Image.new("RGB", page.image.size, "white"))
    seal_alone = degrade(white, seed=241, photocopy=True, skew_deg=0.0)  # same seed: same seal, same place
    return dpi, page, copy, seal_alone


def test_the_seal_is_found_where_it_was_stamped(photocopy) -> None:
    dpi, _page, copy, seal_alone = photocopy
    flat, scale = flat_copy(bgr(copy), dpi)
    _, found = seals.remove_grey_seals(flat, dpi * scale)
    assert len(found) == 1
    ys, xs = np.nonzero(seal_ink(seal_alone, dpi, (flat.shape[1], flat.shape[0])))
    cx, cy, radius = (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2, (xs.max() - xs.min()) / 2
    seal = found[0]
    assert abs(seal.x - cx) < 0.1 * radius and abs(seal.y - cy) < 0.1 * radius
    assert 0.9 * radius < seal.radius < 1.1 * radius


def test_the_seal_goes_and_the_print_under_it_stays(photocopy) -> None:
    dpi, page, copy, seal_alone = photocopy
    ocr, scale = cleanup.make_ocr_copy(bgr(copy), dpi)
    size = (ocr.shape[1], ocr.shape[0])
    stamped = seal_ink(seal_alone, dpi, size)
    rgb = np.asarray(page.image.convert("RGB")).astype(np.int16)
    blue = cv2.resize(((rgb[..., 2] - rgb[..., 0]) > 40).astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    dark = cv2.resize(cv2.cvtColor(bgr(page), cv2.COLOR_BGR2GRAY), size, interpolation=cv2.INTER_AREA) < 100
    print_ink = dark & ~blue  # the signature's ink is neither print nor seal
    near_print = cv2.dilate(dark.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    ys, xs = np.nonzero(stamped)
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    seal_only = (stamped & ~near_print)[box]
    # Away from print and signature, the seal's ink is paper now...
    assert (ocr[box][seal_only] < 200).mean() < 0.01  # 0.2 % measured; 88-90 % without the step
    # ...while the print under and around it (title, name, the end of the body) keeps its ink.
    assert (ocr[box][print_ink[box]] < 128).mean() > 0.97


def test_pages_without_a_grey_seal_are_left_as_they_are() -> None:
    page = generate_document(seed=61, document_type="official_letter", dpi=300, pages=1).pages[0]
    faded = replace(page, image=page.image.convert("L").point(lambda v: 110 + v * 145 // 255).convert("RGB"))
    for image in (page, photograph(page, seed=4), degrade(page, seed=5),  # clean, photo, colour scan: red seal
                  degrade(faded, seed=6, photocopy=True, stamp=False)):  # a grey photocopy of faded print
        flat, scale = flat_copy(bgr(image), 300)
        before = flat.copy()
        _, found = seals.remove_grey_seals(flat, 300 * scale)
        assert found == []
        assert np.array_equal(flat, before)


def test_the_signer_under_a_photocopied_seal_is_read() -> None:
    """What a clerk sees: the name under the seal comes out of OCR (it did not before)."""
    doc = generate_document(seed=24, document_type="submission", dpi=300)
    copy = degrade(doc.pages[0], seed=241, photocopy=True)  # as the benchmark copies it: skewed
    cleaned = cleanup.clean_page(bgr(copy), 300)
    words = make_engine().recognize(cleaned.ocr, int(300 * cleaned.ocr_scale), 60)
    text = " ".join(w.text for w in words)
    assert doc.fields["signer"] in text
