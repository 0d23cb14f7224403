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

import zlib
from dataclasses import dataclass

import cv2
import numpy as np
from pikepdf import Name

from ocr.cleanup import flatten_light, paper_colour_small
from ocr.textpdf import DEFAULT_JPEG_QUALITY, EncodedImage, PrintMask


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
    """The page as print mask + background; see the module docstring.

    Works in place: ``page`` becomes the background (it is not needed afterwards).
    Full-resolution temporaries are one channel at a time, so a worker's peak stays
    near three copies of the grey page on top of the colour page itself.
    """
    if page.ndim == 2:
        page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    h, w = page.shape[:2]
    flat = flatten_light(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY))
    _, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink[flat > 215] = 0  # nothing near paper-white is print, whatever Otsu says on a clean page
    del flat
    coloured = _coloured(page)
    ink[coloured] = 0  # coloured marks (seals, signatures) stay in the background
    ink = _only_print_sized(ink, dpi)
    mask = ink > 0
    sample = page[::3, ::3][mask[::3, ::3]]
    colour = tuple(int(v) for v in np.median(sample, axis=0)[::-1]) if len(sample) else (0, 0, 0)
    paper_small = cv2.split(paper_colour_small(page))

    def paper(c: int) -> np.ndarray:
        return cv2.resize(paper_small[c], (w, h), interpolation=cv2.INTER_LINEAR)

    diff = np.zeros((h, w), np.uint8)
    for c in range(3):
        cv2.max(diff, cv2.absdiff(cv2.extractChannel(page, c), paper(c)), dst=diff)
    # Bare paper within the scanner's noise becomes smooth paper colour; so does a
    # one-pixel rim around the print, which is only the print's anti-aliased edge.
    threshold = max(12.0, 4.0 * _paper_noise(diff))
    # ...but never the soft edge of a seal or signature stroke (it would show white specks).
    flatten = (diff < threshold) & ~coloured
    del diff, coloured
    flatten |= cv2.dilate(ink, np.ones((3, 3), np.uint8)) > 0
    del ink
    for c in range(3):
        np.copyto(page[..., c], paper(c), where=flatten)
    return Layers(mask=mask, ink=colour, background=page)  # type: ignore[arg-type]


def _coloured(page: np.ndarray) -> np.ndarray:
    """Pixels of clearly coloured ink (saturation as max - min > 60) and their rim,
    found at half resolution and grown: seal and signature strokes are never thinner."""
    half = cv2.resize(page, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    blue, green, red = cv2.split(half)
    spread = cv2.subtract(cv2.max(cv2.max(blue, green), red), cv2.min(cv2.min(blue, green), red))
    grown = cv2.dilate((spread > 60).astype(np.uint8), np.ones((7, 7), np.uint8))
    return cv2.resize(grown, (page.shape[1], page.shape[0]), interpolation=cv2.INTER_NEAREST) > 0


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


def encode_image(image: np.ndarray, *, bitonal: bool = False, jpeg_quality: int = DEFAULT_JPEG_QUALITY) -> EncodedImage:
    """Colour and grey pages as JPEG; bitonal pages (lineart scans) losslessly as 1-bit Flate."""
    height, width = image.shape[:2]
    if bitonal:
        grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        bits = np.packbits(grey >= 128, axis=1)  # 1 = white with the default /Decode
        return EncodedImage(zlib.compress(bits.tobytes(), 9), width, height, Name.DeviceGray, 1, Name.FlateDecode)
    params = [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality), cv2.IMWRITE_JPEG_OPTIMIZE, 1]
    ok, jpeg = cv2.imencode(".jpg", image, params)
    if not ok:
        raise ValueError("could not encode the page image as JPEG")
    space = Name.DeviceGray if image.ndim == 2 else Name.DeviceRGB
    return EncodedImage(jpeg.tobytes(), width, height, space, 8, Name.DCTDecode)


def encode_mask(mask: np.ndarray, ink: tuple[int, int, int]) -> PrintMask:
    height, width = mask.shape
    bits = np.packbits(~mask, axis=1)  # an image mask paints where the sample is 0
    return PrintMask(zlib.compress(bits.tobytes(), 6), width, height, ink)
