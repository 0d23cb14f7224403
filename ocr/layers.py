"""Mixed raster content: split a scanned page into a print mask and a background.

A 300 dpi A4 page as one JPEG is 450-850 KB (text edges and scanner noise are
expensive in JPEG), over the 400 KB a colour page may cost. Split as archival
scanners do, it costs 100-200 KB with no loss where it matters:
  - the *mask*: black/grey print (text, rules, tables) at full resolution,
    lossless 1-bit, painted in the page's own ink colour;
  - the *background*: everything else at full resolution in colour JPEG: paper,
    red seals, blue signatures, photos, coloured marks. Under the print and on bare
    paper it is replaced by the smooth paper colour, so JPEG spends its bytes only
    on seals, signatures and pictures.
Only marks that look like print go to the mask (dark, unsaturated, no larger than a
line of text is tall); large dark areas such as an ID photo stay in the background.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr.cleanup import background, flatten_light


@dataclass(frozen=True)
class Layers:
    mask: np.ndarray  # bool, True where print is painted
    ink: tuple[int, int, int]  # RGB colour of the print
    background: np.ndarray  # BGR uint8, same size as the page


def _paper_noise(diff: np.ndarray) -> float:
    """Robust spread of the paper's deviation from its smooth colour (sensor noise)."""
    sample = diff[::9, ::9].ravel()
    sample = sample[sample < np.percentile(sample, 90)]
    return float(np.median(sample)) * 1.5 if sample.size else 0.0


def split_layers(page: np.ndarray, dpi: float) -> Layers:
    """The page as print mask + background; see the module docstring."""
    if page.ndim == 2:
        page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    flat = flatten_light(grey)
    _, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink[flat > 215] = 0  # nothing near paper-white is print, whatever Otsu says on a clean page
    saturation = cv2.cvtColor(page, cv2.COLOR_BGR2HSV)[..., 1]
    ink[saturation > 80] = 0  # coloured marks (seals, signatures) stay in the background
    ink = _only_print_sized(ink, dpi)
    mask = ink > 0
    paper = background(page)
    channels = cv2.split(cv2.absdiff(page, paper))
    diff = cv2.max(cv2.max(channels[0], channels[1]), channels[2])
    # Bare paper within the scanner's noise becomes smooth paper colour; so does a
    # one-pixel rim around the print, which is only the print's anti-aliased edge.
    threshold = max(12.0, 4.0 * _paper_noise(diff))
    flatten = ((diff < threshold) | (cv2.dilate(ink, np.ones((3, 3), np.uint8)) > 0)).astype(np.uint8)
    back = page.copy()
    cv2.copyTo(paper, flatten, back)
    sample = page[::3, ::3][mask[::3, ::3]]
    colour = tuple(int(v) for v in np.median(sample, axis=0)[::-1]) if len(sample) else (0, 0, 0)
    return Layers(mask=mask, ink=colour, background=back)  # type: ignore[arg-type]


def _only_print_sized(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Drop connected marks taller *and* wider than half an inch: photos, dark blocks.

    Rules and table lines are long but thin and stay; characters are small and stay.
    Measured at half resolution, where joining is the same and labelling 4x cheaper.
    """
    half = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    half = (half > 0).astype(np.uint8)
    limit = int(dpi * 0.25)  # half an inch at half resolution
    count, labels, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    big = np.where((stats[1:, cv2.CC_STAT_WIDTH] > limit) & (stats[1:, cv2.CC_STAT_HEIGHT] > limit))[0] + 1
    if big.size == 0:
        return ink
    lut = np.zeros(count, np.uint8)
    lut[big] = 255
    drop = cv2.resize(lut[labels], (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST)
    out = ink.copy()
    out[cv2.dilate(drop, np.ones((3, 3), np.uint8)) > 0] = 0
    return out
