"""Page clean-up with OpenCV, before OCR.

Two images come out of a scan: the *page image* kept in the PDF (colour, scan
resolution, 100 % scale, only straightened and trimmed, as Decree 30/2020 Annex I
asks) and the *OCR copy* (grey, stamps dropped, lighting evened out) that only
Tesseract sees: red seals and blue signatures go by colour drop-out, the grey seals
of photocopies by their grey (``ocr.seals``), rules and dot leaders by their shape.
Every step here works on a reduced copy to measure, then applies one geometric
transform to the full image, so a page costs a fraction of its OCR.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.seals import remove_grey_seals

WHITE = 255
# Measuring runs at about 75 dpi: enough to see text lines, 16x fewer pixels than 300 dpi.
MEASURE_DPI = 75
# Resolution of the OCR copy for finer scans (see make_ocr_copy).
OCR_DPI = 225
# The OCR copy never exceeds this many pixels (a 600 dpi A3 page); larger pages are
# downscaled for OCR only and the word boxes scaled back.
MAX_OCR_PIXELS = 40_000_000


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one page."""

    page: np.ndarray  # kept in the PDF: BGR or grey uint8, straightened and trimmed
    ocr: np.ndarray  # grey uint8 for Tesseract, same geometry as ``page`` times ``ocr_scale``
    ocr_scale: float  # ocr pixels per page pixel (1.0 unless the page is huge)
    dpi: float
    deskew_deg: float  # the angle the page was turned to straighten it (counter-clockwise +)
    trimmed: tuple[int, int, int, int]  # pixels removed at left, top, right, bottom
    photo: bool  # a photographed page whose perspective was flattened
    blank_score: float  # ink per mille of the page area, specks ignored
    sideways: bool  # text lines run vertically: the page needs a quarter turn


def to_grey(image: np.ndarray) -> np.ndarray:
    """Grey for OCR, with coloured ink (red seals, blue signatures) dropped out.

    Seals are stamped in red over the signer's name and signatures are written in
    blue beside it; Tesseract reads both as garbage ("“n lý", "2W"). Clearly
    coloured pixels (max - min channel > 60) become the brightest of their channels,
    near paper white, as a scanner's colour drop-out does; black print, including
    print under a seal (dark, hence unsaturated), keeps its ordinary luminance.
    """
    if image.ndim == 2:
        return image
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    for top in range(0, image.shape[0], 256):  # in bands: a few MB of temporaries, not 70
        blue, green, red = cv2.split(image[top:top + 256])
        brightest = cv2.max(cv2.max(blue, green), red)
        coloured = cv2.subtract(brightest, cv2.min(cv2.min(blue, green), red)) > 60
        grey[top:top + 256][coloured] = np.maximum(brightest[coloured], 235)
    return grey


def _reduce(grey: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    scale = min(1.0, MEASURE_DPI / max(dpi, 1.0))
    if scale >= 1.0:
        return grey, 1.0
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return small, scale


def paper_colour_small(image: np.ndarray) -> np.ndarray:
    """The paper's colour without the print, at 1/8 scale (a large closing); grey or BGR."""
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    return cv2.medianBlur(closed, 5)


def background(image: np.ndarray) -> np.ndarray:
    """The paper's colour at each pixel, without the print; grey or BGR."""
    h, w = image.shape[:2]
    return cv2.resize(paper_colour_small(image), (w, h), interpolation=cv2.INTER_LINEAR)


def flatten_light(grey: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness so uneven light and shadows become white."""
    bg = np.maximum(background(grey), 1)
    return cv2.divide(grey, bg, scale=255.0)  # saturates at 255, all in uint8


def ink_mask(grey_small: np.ndarray) -> np.ndarray:
    """Dark print on light paper as a 0/255 mask (Otsu after evening out the light)."""
    flat = flatten_light(grey_small)
    _, mask = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # Otsu on an empty page splits noise; ink must be clearly darker than the paper.
    mask[flat > 200] = 0
    return mask


# ---------------------------------------------------------------- photographed pages

def find_page_quad(grey: np.ndarray) -> np.ndarray | None:
    """Corners of a sheet photographed on a darker background, or None for a scan.

    A scan fills the frame; a photo shows the sheet as a bright quadrilateral with
    background around it. We accept a quad only when it covers 25-95 % of the frame
    and the frame outside it is clearly darker than the sheet, so pages with a thin
    scanner border (handled by ``trim_border``) are not mistaken for photos.
    """
    h, w = grey.shape
    scale = 800.0 / max(h, w)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    scale = min(scale, 1.0)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    frame = small.shape[0] * small.shape[1]
    if not 0.25 * frame <= area <= 0.95 * frame:
        return None
    quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, quad, 255)
    paper = float(np.median(small[inside > 0]))
    outside = float(np.median(small[inside == 0]))
    if paper - outside < 40:
        return None
    return _order_corners(quad.reshape(4, 2).astype(np.float32) / scale)


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
                    dtype=np.float32)


def flatten_perspective(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Warp the photographed sheet to a rectangle, keeping its resolution."""
    tl, tr, br, bl = quad
    width = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def even_out_colour_light(image: np.ndarray) -> np.ndarray:
    """Even out the lighting of a photographed page, in colour."""
    if image.ndim == 2:
        return flatten_light(image)
    channels = [flatten_light(image[..., c]) for c in range(3)]
    return np.dstack(channels)


# ---------------------------------------------------------------- scans

def trim_border(grey: np.ndarray, max_fraction: float = 0.12) -> tuple[int, int, int, int]:
    """Widths of the dark scanner border on each edge (left, top, right, bottom).

    A row or column belongs to the border while most of it is dark; text lines never
    are, so the walk stops at the paper. Borders wider than ``max_fraction`` of the
    page are left alone: that is a dark page, not a border.
    """
    h, w = grey.shape
    small, scale = _reduce(grey, 300.0) if max(h, w) > 1200 else (grey, 1.0)
    dark = (small < 90).astype(np.float32)
    cols = dark.mean(axis=0)
    rows = dark.mean(axis=1)

    def walk(profile: np.ndarray) -> int:
        limit = int(len(profile) * max_fraction)
        n = 0
        while n < limit and profile[n] > 0.6:
            n += 1
        if n == limit:
            return 0
        return n + (1 if n else 0)  # one more for the soft edge

    edges = (walk(cols), walk(rows), walk(cols[::-1]), walk(rows[::-1]))
    return tuple(int(math.ceil(e / scale)) for e in edges)  # type: ignore[return-value]


def _profile_score(points: np.ndarray, angle: float) -> float:
    """How sharply the rows of ink points turned by ``angle`` alternate between ink and gaps.

    Projecting the ink pixels' coordinates costs a fraction of rotating the image.
    """
    rad = np.deg2rad(angle)
    y = points[:, 1] * np.cos(rad) - points[:, 0] * np.sin(rad)
    rows = np.bincount((y - y.min()).astype(np.int32)).astype(np.float64)
    return float(np.sum(np.diff(rows) ** 2)) / max(1, len(points)) ** 2


def _best_angle(points: np.ndarray, limit: float, fine: bool) -> tuple[float, float]:
    coarse = np.arange(-limit, limit + 0.001, 0.5)
    scores = {float(a): _profile_score(points, a) for a in coarse}
    best = max(scores, key=scores.get)
    if fine:
        for a in np.arange(best - 0.5, best + 0.5001, 0.05):
            scores[float(a)] = _profile_score(points, a)
        best = max(scores, key=scores.get)
    return round(best, 2), scores[best]


def estimate_orientation(grey_small: np.ndarray, limit: float = 12.0) -> tuple[float, bool]:
    """The skew angle (degrees, counter-clockwise +) that levels the text lines, and
    whether the lines run top to bottom (a page scanned sideways).

    Projection-profile search: text lines give the sharpest row profile when they
    are level. Coarse 0.5 degree steps over ±limit, then 0.05 degree steps. A 2 degree
    skew costs about 12 points of character error rate with the ``vie`` model, so
    this runs on every page. Tesseract reads sideways text without complaint (its
    layout analysis finds vertical lines), so confidence cannot reveal a sideways
    page; comparing the best row profile with the best column profile can.
    """
    mask = ink_mask(grey_small)
    if cv2.countNonZero(mask) < 50:
        return 0.0, False
    ys, xs = np.nonzero(mask)
    points = np.column_stack((xs, ys)).astype(np.float32)
    angle, row_score = _best_angle(points, limit, fine=True)
    _, column_score = _best_angle(points[:, ::-1].copy(), limit, fine=False)
    if column_score > 1.5 * row_score:
        return 0.0, True
    return angle, False


def estimate_skew(grey_small: np.ndarray, limit: float = 12.0) -> float:
    """The skew angle alone; see ``estimate_orientation``."""
    return estimate_orientation(grey_small, limit)[0]


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """Turn the page by ``angle`` degrees about its centre, keeping its size, filling white."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    fill = WHITE if image.ndim == 2 else (WHITE, WHITE, WHITE)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def quarter_turn(image: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    """Undo an orientation Tesseract's OSD reported as ``clockwise_degrees``."""
    k = (clockwise_degrees // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k)) if k else image


def blank_score(grey_small: np.ndarray) -> float:
    """Ink per mille of the page, counting only marks that could be print or writing.

    Left out: an 8 % margin (punch holes, staple shadows, the scanner's edge), marks
    smaller than a full stop (dust, noise), solid blobs larger than a capital letter
    (punch holes), and long hairlines (a fold or the edge of a bleed-through).
    """
    h, w = grey_small.shape
    my, mx = int(h * 0.08), int(w * 0.08)
    mask = ink_mask(grey_small)[my:h - my, mx:w - mx]
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    inch = MEASURE_DPI
    dust = areas < max(2, int((inch / 100.0) ** 2 * 2))
    blob = (widths > 0.12 * inch) & (heights > 0.12 * inch) & (areas > 0.6 * widths * heights)
    hairline = (np.minimum(widths, heights) < 0.04 * inch) & (np.maximum(widths, heights) > 1.0 * inch)
    ink = float(areas[~(dust | blob | hairline)].sum())
    return round(1000.0 * ink / max(1, mask.size), 3)


def remove_dot_leaders(grey: np.ndarray, dpi: float) -> np.ndarray:
    """White out dotted leader lines ("Họ và tên: ........") of forms.

    Tesseract's ``vie`` model reads a run of dots as garbage ("S2 1220111111 vn")
    that swamps the value written on it. A leader is six or more dot-sized marks
    on one baseline at a steady pitch; a full stop, an ellipsis or the dot below a
    Vietnamese vowel never makes such a run.
    """
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # Labelled at half resolution: the dots are still separate marks, at a quarter of the memory.
    half = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    del ink
    dpi = dpi / 2
    count, labels, stats, centroids = cv2.connectedComponentsWithStats((half > 0).astype(np.uint8), connectivity=8)
    size = max(2, int(dpi * 0.045))  # a dot, even a bold one, is under 0.045 in (1.1 mm) each way
    small = np.where((stats[1:, cv2.CC_STAT_WIDTH] <= size) & (stats[1:, cv2.CC_STAT_HEIGHT] <= size)
                     & (stats[1:, cv2.CC_STAT_AREA] >= 2))[0] + 1
    if small.size < 6:
        return grey
    pitch_limit = dpi * 0.08
    order = small[np.lexsort((centroids[small, 0], np.round(centroids[small, 1] / (size * 1.5))))]
    leaders: list[int] = []
    run = [order[0]]
    for label in order[1:]:
        prev = run[-1]
        same_row = abs(centroids[label, 1] - centroids[prev, 1]) <= size
        gap = centroids[label, 0] - centroids[prev, 0]
        if same_row and 0 < gap <= pitch_limit:
            run.append(label)
            continue
        if len(run) >= 6:
            leaders.extend(run)
        run = [label]
    if len(run) >= 6:
        leaders.extend(run)
    if not leaders:
        return grey
    lut = np.zeros(count, np.uint8)
    lut[leaders] = 255
    dots = cv2.resize(cv2.dilate(lut[labels], np.ones((3, 3), np.uint8)), (grey.shape[1], grey.shape[0]),
                      interpolation=cv2.INTER_NEAREST)
    grey[dots > 0] = WHITE  # in place: the OCR copy is ours
    return grey


def remove_rules(grey: np.ndarray, dpi: float) -> np.ndarray:
    """White out ruled lines: the short rules under the agency name, the motto and the
    subject (Decree 30/2020 Annex I), fill-in underscores and table borders.

    Tesseract reads a rule as a row of characters ("_ÐÒ _") glued to the text above.
    A rule is ink that stays after opening with a line 0.25 in (6 mm) long: no
    letter of body or heading sizes has a stroke that long, so text is untouched;
    the frame of a "MẬT" or "KHẨN" mark goes too (Tesseract read it as "luật").
    Works in place.
    """
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    length = max(8, int(dpi * 0.25))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    del ink
    if cv2.countNonZero(rules):
        grey[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = WHITE
    return grey


def make_ocr_copy(page: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """The grey image Tesseract sees, and its scale relative to the page image.

    Pages finer than ``OCR_DPI`` are read at ``OCR_DPI``: Tesseract's LSTM scales
    every text line to a fixed height anyway, and on generated pages 300 -> 225 dpi
    kept the character error rate within 0.2 points for 20 % less OCR time.
    """
    grey = to_grey(page)
    h, w = grey.shape
    scale = min(1.0, OCR_DPI / max(dpi, 1.0), math.sqrt(MAX_OCR_PIXELS / (h * w)))
    if dpi >= 250:
        # Salt-and-pepper and sensor noise: a 3x3 median keeps stroke edges at 300 dpi.
        grey = cv2.medianBlur(grey, 3)
    if scale < 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    flat = flatten_light(grey)
    flat, _ = remove_grey_seals(flat, dpi * scale)  # before the rules: a seal's rim has straight bits
    flat = remove_rules(flat, dpi * scale)
    return remove_dot_leaders(flat, dpi * scale), scale


def clean_page(image: np.ndarray, dpi: float, *, deskew: bool = True) -> Cleaned:
    """Straighten, trim and prepare one page; see the module docstring."""
    grey = to_grey(image)
    photo = False
    quad = find_page_quad(grey)
    if quad is not None:
        photo = True
        image = even_out_colour_light(flatten_perspective(image, quad))
        grey = to_grey(image)
    left, top, right, bottom = (0, 0, 0, 0) if photo else trim_border(grey)
    if left or top or right or bottom:
        h, w = grey.shape
        image = image[top:h - bottom, left:w - right]
        grey = grey[top:h - bottom, left:w - right]
    small, _ = _reduce(grey, dpi)
    # A sideways page is turned first (see ocr.page) and straightened after.
    angle, sideways = estimate_orientation(small)
    if not deskew:
        angle = 0.0
    # Below a quarter degree the drift is under 11 px across an A4 line: not worth
    # resampling the page (and measuring at 75 dpi is not finer than that).
    if abs(angle) >= 0.25:
        image = rotate(image, angle)
        small = rotate(small, angle)
    del grey
    ocr, scale = make_ocr_copy(image, dpi)
    return Cleaned(page=image, ocr=ocr, ocr_scale=scale, dpi=dpi, deskew_deg=angle,
                   trimmed=(left, top, right, bottom), photo=photo, blank_score=blank_score(small),
                   sideways=sideways)
