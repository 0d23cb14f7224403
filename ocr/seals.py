"""Grey seals on photocopies and grey scans, taken off the OCR copy.

A colour scan loses its red seal to colour drop-out (``cleanup.to_grey``); a photocopy
has no colour left, and the seal stamped over the signature block comes out as a ring
of mid-grey strokes that Tesseract's layout analysis takes for a picture, swallowing
the signer's title and name with it. What still tells the seal from the print is its
grey: toner print has near-black cores even in its thinnest strokes, while every
stroke of a photocopied seal is mid grey through and through. So a seal is a round
cluster of ink with no dark core nearby; inside it, such ink goes to white, and the
print that crosses the seal stays because each of its strokes has a dark core.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

WHITE = 255
# Ink is what is darker than this after the light is evened out (paper is ~255).
INK_LEVEL = 200
# A pixel is "cored" when some pixel within CORE_RADIUS_IN is at most the page's print
# darkness + CORE_MARGIN. Measured on generated photocopies at 200 and 225 dpi: with a
# 7x7 window and a level of 90, 0.2 % of print pixels (the outer anti-aliasing) lack a
# core, against 91 % of the seal's pixels.
CORE_RADIUS_IN = 0.015
CORE_MARGIN = 90
# Inside a seal, what is not within a pixel of one darker than the print level + this
# goes (see remove_grey_seals). Measured on 14 generated photocopies: 0.8 % of the seal's
# ink away from print is left (9.5 % with the wider core used to find seals), and 1.3 %
# of the dark print pixels inside the seal are lost, edge pixels of thin strokes.
WIPE_MARGIN = 70
# Seal ink for fitting the rim: paler than INK_LEVEL is still ink when no core is near.
RIM_INK_LEVEL = 225
# Round agency seals are some 30-42 mm across (the generator stamps 34-40 mm); circles
# of 22-55 mm are tried.
SEAL_MM = (22.0, 55.0)
# Share of a seal's rim covered with core-less ink, less that of a ring 6 mm outside it.
# Measured on generated pages: every photocopied seal scored 0.54-0.91; pages without
# one at most 0.22 (photocopies) and 0.36 (phone photos, whose blur greys the dots of
# leader lines).
RING_SCORE = 0.45
# Clusters of core-less ink tried as seals, densest first, while a 22 mm square around
# them is at least this share covered.
MAX_CANDIDATES = 3
MIN_DENSITY = 0.1


@dataclass(frozen=True)
class Seal:
    """A seal found on the OCR copy: centre and radius in its pixels."""

    x: float
    y: float
    radius: float


def _print_level(flat: np.ndarray) -> int:
    """How dark the page's print is: a low percentile of its ink (0 on a good copy)."""
    sample = flat[::3, ::3]
    ink = sample[sample < 128]
    if ink.size < 100:
        return 0
    return int(np.percentile(ink, 5))


def darkest_near(flat: np.ndarray, dpi: float) -> tuple[np.ndarray, int]:
    """The darkest pixel near each pixel (a grey erosion), and how dark the print is.

    On faded print the level follows the print, up to 60: a seal must stay clearly
    lighter than the print to be told from it."""
    radius = max(1, round(dpi * CORE_RADIUS_IN))
    local_min = cv2.erode(flat, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * radius + 1, 2 * radius + 1)))
    return local_min, min(60, _print_level(flat))


def _ring_kernel(radius: float, width: float) -> np.ndarray:
    """An annulus of unit sum: cells whose centre lies within ``width / 2`` of the circle."""
    half = int(math.ceil(radius + width))
    yy, xx = np.mgrid[-half:half + 1, -half:half + 1].astype(np.float32)
    ring = (np.abs(np.hypot(xx, yy) - radius) <= width / 2).astype(np.float32)
    return ring / ring.sum()


def find_seals(grey_ink: np.ndarray, dpi: float, rim_ink: np.ndarray | None = None) -> list[Seal]:
    """Circles the size of a seal whose rim is covered with core-less ink and whose
    surroundings are not: a matched ring filter on a 2 mm grid, run around the few
    densest clusters of core-less ink only (a page-wide filter costs ~15 ms more). Each
    rim is then fitted to ``rim_ink`` (default: ``grey_ink``)."""
    factor = max(1, int(round(dpi / 12.7)))  # one cell = 2 mm
    height, width = grey_ink.shape
    cells = cv2.resize(grey_ink, (max(1, width // factor), max(1, height // factor)), interpolation=cv2.INTER_AREA)
    # A cell holds seal ink when a few % of it is core-less ink: a 0.8 mm rim crossing a
    # 2 mm cell fills a third of it; the specks of noise a photocopy scatters, under 2 %.
    occupied = (cells > 0.04 * 255).astype(np.float32)
    r_min, r_max = SEAL_MM[0] / 4, SEAL_MM[1] / 4  # radii in cells
    density = cv2.blur(occupied, (int(2 * r_min) | 1, int(2 * r_min) | 1), borderType=cv2.BORDER_CONSTANT)
    reach = int(math.ceil(r_max + 5))
    seals: list[Seal] = []
    for _ in range(MAX_CANDIDATES):
        cy, cx = np.unravel_index(int(np.argmax(density)), density.shape)
        if density[cy, cx] < MIN_DENSITY:
            break
        density[max(0, cy - reach):cy + reach + 1, max(0, cx - reach):cx + reach + 1] = 0
        # The centre may lie up to r_min cells from the densest point: search around it.
        y0, x0 = max(0, cy - int(r_min) - reach), max(0, cx - int(r_min) - reach)
        window = occupied[y0:cy + int(r_min) + reach + 1, x0:cx + int(r_min) + reach + 1]
        best = None
        for radius in np.arange(r_min, r_max + 0.01, 1.0):
            rim = cv2.filter2D(window, -1, _ring_kernel(radius, 2.0), borderType=cv2.BORDER_CONSTANT)
            around = cv2.filter2D(window, -1, _ring_kernel(radius + 3.0, 2.0), borderType=cv2.BORDER_CONSTANT)
            score = rim - around
            y, x = np.unravel_index(int(np.argmax(score)), score.shape)
            if best is None or score[y, x] > best[0]:
                best = (float(score[y, x]), x + x0, y + y0, radius)
        if best is not None and best[0] >= RING_SCORE:
            _, x, y, radius = best
            seals.append(_outer_rim(grey_ink if rim_ink is None else rim_ink, Seal((x + 0.5) * factor, (y + 0.5) * factor, radius * factor)))
    return seals


def _outer_rim(grey_ink: np.ndarray, seal: Seal) -> Seal:
    """The circle of the seal's outermost ring, fitted to the farthest core-less ink on
    90 rays from the filter's centre (the filter may lock on the band of letters inside
    the ring, and its 2 mm grid leaves the centre a few pixels off)."""
    reach = int(seal.radius * 1.5)
    rays = cv2.warpPolar(grey_ink, (reach, 90), (seal.x, seal.y), reach,
                         cv2.INTER_NEAREST | cv2.WARP_POLAR_LINEAR)
    inner = int(seal.radius * 0.6)
    inked = rays[:, inner:] > 0
    has = inked.any(axis=1)
    if has.sum() < 30:
        return seal
    farthest = inner + inked.shape[1] - 1 - np.argmax(inked[:, ::-1], axis=1)
    angles = np.arange(90) * (2 * math.pi / 90)
    radii = farthest[has].astype(np.float64)
    angles = angles[has]
    # Ink beyond the ring (a speck, a stroke of the signature) on a few rays: keep the
    # rays near the typical radius, then fit a circle to them (Kasa's least squares).
    keep = np.abs(radii - np.median(radii)) <= 0.12 * np.median(radii)
    if keep.sum() < 20:
        return seal
    xs = seal.x + radii[keep] * np.cos(angles[keep])
    ys = seal.y + radii[keep] * np.sin(angles[keep])
    design = np.column_stack([xs, ys, np.ones_like(xs)])
    (a, b, c), *_ = np.linalg.lstsq(design, xs ** 2 + ys ** 2, rcond=None)
    cx, cy = a / 2, b / 2
    radius = math.sqrt(max(c + cx ** 2 + cy ** 2, 0.0))
    if not 0.8 * seal.radius <= radius <= 1.6 * seal.radius or math.hypot(cx - seal.x, cy - seal.y) > 0.3 * radius:
        return seal
    return Seal(float(cx), float(cy), float(radius))


def remove_grey_seals(flat: np.ndarray, dpi: float) -> tuple[np.ndarray, list[Seal]]:
    """White out every grey seal on the OCR copy, in place; the seals found.

    Inside a seal only print stays: pixels at most a pixel away from one darker than the
    print level + ``WIPE_MARGIN``. That takes the seal's darker parts as well as its
    mid-grey ones (the rubber prints unevenly), and the halo of seal ink beside the strokes
    of print and signature that a wider core would keep.
    """
    local_min, print_level = darkest_near(flat, dpi)
    grey_ink = ((local_min > print_level + CORE_MARGIN) & (flat < INK_LEVEL)).astype(np.uint8) * 255
    # The rim is fitted to fainter and darker seal ink too: one side of a seal often
    # prints paler than INK_LEVEL, and a rim fitted without it comes out too small.
    rim_ink = ((local_min > print_level + WIPE_MARGIN) & (flat < RIM_INK_LEVEL)).astype(np.uint8) * 255
    seals = find_seals(grey_ink, dpi, rim_ink)
    height, width = flat.shape
    for seal in seals:
        r = seal.radius * 1.12
        x0, y0 = max(0, int(seal.x - r)), max(0, int(seal.y - r))
        x1, y1 = min(width, int(seal.x + r) + 1), min(height, int(seal.y + r) + 1)
        disc = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.circle(disc, (int(seal.x) - x0, int(seal.y) - y0), int(r), 1, -1)
        region = flat[y0:y1, x0:x1]
        near = cv2.erode(region, np.ones((3, 3), np.uint8))
        region[(near > print_level + WIPE_MARGIN) & (disc > 0)] = WHITE
    return flat, seals
