"""Separator sheets on a page image: Kodak patch codes, and SoHoa's QR separator sheet.

A clerk splits a stack into documents by putting a separator sheet in front of each one.
Two kinds are read here, on every page, so both must be cheap on the ordinary page:

* **Patch codes** (Kodak, "Patch Code Information", A-61599 and A-61670): four parallel black
  bars, two wide (0.20 in, 5.08 mm) and two narrow (0.08 in, 2.03 mm), with three narrow spaces,
  0.80 in (20.3 mm) across; the bars at least 2 in long (2.5 in recommended), parallel to the edge
  the sheet is fed by and within 3.75 in of it. Bar 1 is the one nearest that edge. Kodak's
  zone tables (bar edges from the first bar, in inches) give the six patterns:

  ====== ======== =========================================================
  patch  bars     edges of bars 1-4 (in)
  ====== ======== =========================================================
  1      W W N N  0-0.20, 0.28-0.48, 0.56-0.64, 0.72-0.80
  2      W N N W  0-0.20, 0.28-0.36, 0.44-0.52, 0.60-0.80
  3      W N W N  0-0.20, 0.28-0.36, 0.44-0.64, 0.72-0.80
  4      N W W N  0-0.08, 0.16-0.36, 0.44-0.64, 0.72-0.80  (toggle patch)
  6      N N W W  0-0.08, 0.16-0.24, 0.32-0.52, 0.60-0.80
  T      N W N W  0-0.08, 0.16-0.36, 0.44-0.52, 0.60-0.80  (transfer patch)
  ====== ======== =========================================================

  Read backwards, T is 3 and 1 is 6, so the reading direction matters: a patch is read from
  the page edge nearest to it inwards, which is the feed edge the patch was printed for (sheets
  carry one patch per edge, each turned to its edge). An upside-down sheet then still reads right.
  What each patch *means* for a stack is dossier.split's business; here they are only read.

* **SoHoa's QR separator sheet** (printed by ``sohoa separator``): a QR code whose payload is
  ``SOHOA-SEPARATOR/1`` followed by ``;key=value`` fields, ASCII::

      SOHOA-SEPARATOR/1;level=dossier;dossier=000.00.00.H38-251201-0001
      SOHOA-SEPARATOR/1;level=document

  ``level`` is ``dossier`` (the sheet starts a dossier, ``dossier`` gives its code when known)
  or ``document``; unknown keys are ignored, so later versions can add fields. No other QR code
  can be taken for a separator: a province's receipt QR never starts with that prefix.

Both are read on a reduced copy (PATCH_DPI, QR_DPI) of the page: the bars are 2 mm and the
sheet's QR modules over 1 mm, so 75-100 dpi is enough, and an ordinary page is rejected after one
connected-components pass and one QR-only decoder pass (ms per page: bench/separator_bench.py).
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Literal, Sequence

import cv2
import numpy as np
import zxingcpp

from ocr.cleanup import MEASURE_DPI, blank_score, ink_mask, to_grey

log = logging.getLogger(__name__)

PatchType = Literal["1", "2", "3", "4", "6", "T"]
Level = Literal["dossier", "document"]
Edge = Literal["top", "bottom", "left", "right"]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the image given

# Wide (1) and narrow (0) bars from bar 1, the bar nearest the feed edge (Kodak's zone tables).
PATTERNS: dict[str, PatchType] = {"1100": "1", "1001": "2", "1010": "3", "0110": "4", "0011": "6", "0101": "T"}
NARROW_MM = 0.08 * 25.4  # bars and spaces, +-0.01 in
WIDE_MM = 0.20 * 25.4
PATCH_WIDTH_MM = 0.80 * 25.4  # first bar's outer edge to last bar's outer edge
PATCH_LENGTH_MM = 2.5 * 25.4  # Kodak's recommended bar length; 2 in is the minimum

# Patches are measured at this resolution: a narrow bar is 6 pixels, a wide one 15.
PATCH_DPI = 75
# What is still taken for a bar once printed, scanned (blur, JPEG, up to +-5 degrees of skew) and
# thresholded: Kodak's readers want +-0.25 mm; a printer's dot gain and the threshold move edges
# by up to a pixel at 75 dpi, so the bounds are wider and the wide/narrow ratio decides.
MIN_BAR_LENGTH_MM = 17.0  # Kodak allows 0.75 in (19 mm) on some scanners; a Code 128 bar is ~10 mm
NARROW_RANGE_MM = (1.2, 3.2)
WIDE_RANGE_MM = (3.6, 7.0)
MIN_WIDE_NARROW_RATIO = 1.6
GAP_RANGE_MM = (0.8, 3.6)
# Kodak asks for a quiet zone around the patch; a band this wide beyond the outer bars must be
# nearly free of ink (it stops a run of four bars cut out of a larger barcode or a hatching).
QUIET_MM = 3.0
MAX_QUIET_INK = 0.08
MAX_SKEW_DEG = 8.0  # against the page axes; a straightened page is within 1 degree
MIN_FILL = 0.80  # a bar is a solid rectangle; a word or a photo's blob is not

# The sheet's QR is printed 45 mm wide with modules over 1 mm: read at 100 dpi it has 4 pixels
# a module, and a page's 20 mm receipt QR (0.3 mm modules) is not even decoded there.
QR_DPI = 100
PREFIX = "SOHOA-SEPARATOR/"
VERSION = 1
_CODE_CHARS = re.compile(r"^[A-Za-z0-9.\-_/]{1,64}$")


@dataclass(frozen=True)
class PatchCode:
    """A patch read on a page: its type, where it is, and the page edge it was read from."""

    patch: PatchType
    bbox: Box
    edge: Edge


@dataclass(frozen=True)
class SeparatorSheet:
    """SoHoa's QR separator sheet: the level it starts and the dossier code it carries."""

    level: Level
    dossier_code: str | None
    payload: str
    bbox: Box | None = None


@dataclass(frozen=True)
class PageMarks:
    """What a page says about the split: its patch codes and, if it is one, SoHoa's sheet."""

    patches: tuple[PatchCode, ...] = ()
    sheet: SeparatorSheet | None = None

    @property
    def patch_types(self) -> tuple[PatchType, ...]:
        return tuple(dict.fromkeys(p.patch for p in self.patches))

    @property
    def any(self) -> bool:
        return bool(self.patches) or self.sheet is not None


# ---- the QR payload --------------------------------------------------------------------------

def separator_payload(level: Level, dossier_code: str | None = None) -> str:
    """The QR text of a separator sheet; the dossier code must be plain ASCII without ';' or '='."""
    if level not in ("dossier", "document"):
        raise ValueError(f"unknown separator level {level!r}")
    if dossier_code is not None:
        if level != "dossier":
            raise ValueError("only a dossier separator carries a dossier code")
        if not _CODE_CHARS.match(dossier_code):
            raise ValueError(f"a dossier code is letters, digits, '.', '-', '_' or '/': {dossier_code!r}")
    text = f"{PREFIX}{VERSION};level={level}"
    return text + (f";dossier={dossier_code}" if dossier_code else "")


def parse_separator_payload(text: str) -> SeparatorSheet | None:
    """The sheet a QR payload describes; None when the payload is not a SoHoa separator."""
    text = text.strip()
    if not text.startswith(PREFIX):
        return None
    head, _, rest = text.partition(";")
    if not head[len(PREFIX):].isdigit():
        return None
    fields: dict[str, str] = {}
    for part in rest.split(";") if rest else ():
        key, eq, value = part.partition("=")
        if eq and key.strip():
            fields.setdefault(key.strip().lower(), value.strip())
    code = fields.get("dossier") or None
    if code is not None and not _CODE_CHARS.match(code):
        code = None  # damaged or foreign: the sheet still separates, the clerk types the code
    level = fields.get("level", "dossier" if code else "document")
    if level not in ("dossier", "document"):
        level = "dossier" if code else "document"
    return SeparatorSheet(level=level, dossier_code=code if level == "dossier" else None,  # type: ignore[arg-type]
                          payload=text)


def sheet_from_codes(texts_and_boxes: Sequence[tuple[str, Box | None]]) -> SeparatorSheet | None:
    """The separator sheet among QR codes already read on the page (e.g. by ocr.extract.codes)."""
    for text, box in texts_and_boxes:
        sheet = parse_separator_payload(text)
        if sheet is not None:
            return SeparatorSheet(sheet.level, sheet.dossier_code, sheet.payload, box)
    return None


# ---- reading -------------------------------------------------------------------------------

def _reduced(grey: np.ndarray, dpi: float, target: float) -> tuple[np.ndarray, float]:
    scale = min(1.0, target / max(dpi, 1.0))
    if scale >= 1.0:
        return grey, 1.0
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _grey(image: np.ndarray) -> np.ndarray:
    # Plain luminance: a red seal over a patch is rare, and the colour drop-out of
    # ocr.cleanup.to_grey costs more than the whole patch search on a 300 dpi page.
    if image.ndim == 2:
        return image
    code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(image, code) if image.shape[2] in (3, 4) else image[:, :, 0]


def _is_page(image: object) -> bool:
    return (isinstance(image, np.ndarray) and image.ndim in (2, 3) and image.dtype == np.uint8
            and min(image.shape[:2]) >= 50)


def _page_box(box: tuple[float, float, float, float], scale: float) -> Box:
    """A box of the reduced copy in the pixels of the page image."""
    return (int(box[0] / scale), int(box[1] / scale), math.ceil(box[2] / scale), math.ceil(box[3] / scale))


def _page_dpi(shape: tuple[int, ...], dpi: float | None) -> float:
    if dpi and dpi > 0:
        return float(dpi)
    return max(shape[:2]) / (297 / 25.4)  # an A4 page, portrait or landscape


@dataclass(frozen=True)
class _Bar:
    cx: float
    cy: float
    angle: float  # direction of the long axis, radians in (-pi/2, pi/2]
    length: float  # pixels of the reduced image
    thick: float
    box: Box


def _bars(mask: np.ndarray, unit: float) -> list[_Bar]:
    """Solid, long, 1-7 mm thick rectangles of ink: the only shapes a patch is made of."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return []
    w, h, area = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_AREA]
    long_side = np.maximum(w, h)
    # The quick reject: an ordinary page has no component this long and this solid.
    keep = np.nonzero((long_side >= MIN_BAR_LENGTH_MM * unit) & (area >= long_side * NARROW_RANGE_MM[0] * unit * 0.8)
                      & (np.minimum(w, h) <= (WIDE_RANGE_MM[1] + 0.2 * PATCH_LENGTH_MM) * unit))[0]
    bars: list[_Bar] = []
    for i in keep[:64]:
        x, y, bw, bh = (int(v) for v in stats[i + 1, :4])
        crop = (labels[y:y + bh, x:x + bw] == i + 1).astype(np.uint8)
        m = cv2.moments(crop, binaryImage=True)
        if m["m00"] <= 0:
            continue
        mu20, mu02, mu11 = m["mu20"] / m["m00"], m["mu02"] / m["m00"], m["mu11"] / m["m00"]
        spread = math.sqrt(max(0.0, ((mu20 - mu02) / 2) ** 2 + mu11 ** 2))
        major, minor = (mu20 + mu02) / 2 + spread, (mu20 + mu02) / 2 - spread
        # A solid rectangle of length L has variance L^2/12 along its axis.
        length, thick = math.sqrt(12 * major), math.sqrt(12 * max(minor, 0.0))
        if length < MIN_BAR_LENGTH_MM * unit or not NARROW_RANGE_MM[0] * unit <= thick <= WIDE_RANGE_MM[1] * unit:
            continue
        if m["m00"] < MIN_FILL * length * thick:
            continue
        angle = 0.5 * math.atan2(2 * mu11, mu20 - mu02)
        skew = min(abs(angle), abs(abs(angle) - math.pi / 2))
        if math.degrees(skew) > MAX_SKEW_DEG:
            continue
        bars.append(_Bar(x + m["m10"] / m["m00"], y + m["m01"] / m["m00"], angle, length, thick,
                         (x, y, x + bw, y + bh)))
    return bars


def _patch_of(group: list[_Bar], unit: float, shape: tuple[int, int]) -> tuple[PatchType, Edge] | None:
    """The patch four neighbouring bars form, read from the nearest page edge; None if they form none."""
    horizontal = abs(group[0].angle) < math.pi / 4  # long axis along x: bars stacked down the page
    # From the top (or left) edge down (or across); the nearest edge decides below.
    group = sorted(group, key=lambda b: b.cy if horizontal else b.cx)
    thick = [b.thick for b in group]
    order = sorted(range(4), key=lambda i: -thick[i])
    wide, narrow = [thick[i] for i in order[:2]], [thick[i] for i in order[2:]]
    if min(wide) < MIN_WIDE_NARROW_RATIO * max(narrow):
        return None
    if not all(NARROW_RANGE_MM[0] * unit <= t <= NARROW_RANGE_MM[1] * unit for t in narrow):
        return None
    if not all(WIDE_RANGE_MM[0] * unit <= t <= WIDE_RANGE_MM[1] * unit for t in wide):
        return None
    bits = "".join("1" if i in order[:2] else "0" for i in range(4))
    h, w = shape
    if horizontal:
        cy = sum(b.cy for b in group) / 4
        edge: Edge = "top" if cy <= h - cy else "bottom"
    else:
        cx = sum(b.cx for b in group) / 4
        edge = "left" if cx <= w - cx else "right"
    if edge in ("bottom", "right"):
        bits = bits[::-1]
    patch = PATTERNS.get(bits)
    return (patch, edge) if patch else None


def _groups(bars: list[_Bar], unit: float) -> list[list[_Bar]]:
    """Runs of parallel, side-by-side bars of about the same length, in order across the bars;
    only runs of exactly four can be a patch (a fifth bar next to them makes something else)."""
    runs: list[list[_Bar]] = []
    used: set[int] = set()
    for seed in range(len(bars)):
        if seed in used:
            continue
        a = bars[seed]
        nx, ny = -math.sin(a.angle), math.cos(a.angle)  # across the bars
        ux, uy = math.cos(a.angle), math.sin(a.angle)  # along them
        members = []
        for j, b in enumerate(bars):
            if abs(math.remainder(b.angle - a.angle, math.pi)) > math.radians(4):
                continue
            along = (b.cx - a.cx) * ux + (b.cy - a.cy) * uy
            if abs(along) > 0.25 * max(a.length, b.length) or not 0.75 <= b.length / a.length <= 1.33:
                continue
            members.append(((b.cx - a.cx) * nx + (b.cy - a.cy) * ny, j))
        members.sort()
        # Cut the line of bars wherever the gap between neighbours is not a patch's space.
        run: list[tuple[float, int]] = []
        for pos, j in members:
            if run:
                prev = bars[run[-1][1]]
                gap = pos - run[-1][0] - (prev.thick + bars[j].thick) / 2
                if not GAP_RANGE_MM[0] * unit <= gap <= GAP_RANGE_MM[1] * unit:
                    if any(k == seed for _, k in run):
                        break
                    run = []
            run.append((pos, j))
        if any(k == seed for _, k in run):
            used.update(k for _, k in run)
            runs.append([bars[k] for _, k in run])
    return runs


def _quiet(mask: np.ndarray, group: list[_Bar], unit: float) -> bool:
    """Whether the bands beyond the first and last bar (across the bars) are nearly ink-free."""
    x0, y0 = min(b.box[0] for b in group), min(b.box[1] for b in group)
    x1, y1 = max(b.box[2] for b in group), max(b.box[3] for b in group)
    q = max(2, round(QUIET_MM * unit))
    h, w = mask.shape
    if abs(group[0].angle) < math.pi / 4:  # bars along x: the bands are above and below
        bands = (mask[max(0, y0 - q):y0, x0:x1], mask[y1:min(h, y1 + q), x0:x1])
    else:
        bands = (mask[y0:y1, max(0, x0 - q):x0], mask[y0:y1, x1:min(w, x1 + q)])
    return all(band.size == 0 or float((band > 0).mean()) <= MAX_QUIET_INK for band in bands)


def find_patch_codes(image: np.ndarray, dpi: float | None = None) -> list[PatchCode]:
    """Every patch code on a page image (grey or BGR uint8), in pixels of that image.

    ``dpi`` is the image's resolution; None assumes an A4 page. An image that is not a page
    gives [] and no error: a separator never read is a split the clerk makes by hand.
    """
    if not _is_page(image):
        return []
    grey = _grey(image)
    page_dpi = _page_dpi(grey.shape, dpi)
    small, scale = _reduced(grey, page_dpi, PATCH_DPI)
    unit = page_dpi * scale / 25.4  # reduced pixels per mm
    mask = ink_mask(small)
    bars = _bars(mask, unit)
    if len(bars) < 4:
        return []
    found: list[PatchCode] = []
    for group in _groups(bars, unit):
        if len(group) != 4 or not _quiet(mask, group, unit):
            continue
        first, last = group[0], group[3]
        span = abs((last.cx - first.cx) * -math.sin(first.angle) + (last.cy - first.cy) * math.cos(first.angle))
        span += (group[0].thick + group[3].thick) / 2
        if not 0.8 * PATCH_WIDTH_MM * unit <= span <= 1.25 * PATCH_WIDTH_MM * unit:
            continue
        read = _patch_of(group, unit, small.shape[:2])
        if read is None:
            continue
        x0 = min(b.box[0] for b in group)
        y0 = min(b.box[1] for b in group)
        x1 = max(b.box[2] for b in group)
        y1 = max(b.box[3] for b in group)
        found.append(PatchCode(read[0], _page_box((x0, y0, x1, y1), scale), read[1]))
    return found


def find_separator_sheet(image: np.ndarray, dpi: float | None = None) -> SeparatorSheet | None:
    """SoHoa's separator sheet, when this page image is one; None for every other page."""
    if not _is_page(image):
        return None
    grey = _grey(image)
    small, scale = _reduced(np.ascontiguousarray(grey), _page_dpi(grey.shape, dpi), QR_DPI)
    try:
        found = zxingcpp.read_barcodes(np.ascontiguousarray(small), formats=zxingcpp.BarcodeFormat.QRCode,
                                       try_rotate=True, try_downscale=False, try_invert=False)
    except Exception as exc:  # a decoder failure is "no sheet", never a failed page
        log.warning("reading a separator QR failed (%s); the page is read as having none", type(exc).__name__)
        return None
    for code in found:
        if not code.valid or not code.text.startswith(PREFIX):
            continue
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
        box = _page_box((min(xs), min(ys), max(xs) + 1, max(ys) + 1), scale)
        sheet = sheet_from_codes([(code.text, box)])
        if sheet is not None:
            return sheet
    return None


def read_marks(image: np.ndarray, dpi: float | None = None, *,
               codes: Sequence[tuple[str, Box | None]] | None = None) -> PageMarks:
    """Patch codes and SoHoa's separator sheet on one page image.

    ``codes``: QR payloads already read on this page (``(code.text, code.bbox)`` from
    ``ocr.extract.codes.read_codes``). When one of them is a separator no QR is decoded again;
    otherwise the reduced QR pass still runs (2-5 ms), as a sheet's QR may be all it missed.
    """
    sheet = sheet_from_codes(codes) if codes else None
    if sheet is None:
        sheet = find_separator_sheet(image, dpi)
    return PageMarks(patches=tuple(find_patch_codes(image, dpi)), sheet=sheet)


@dataclass(frozen=True)
class PageAnalysis:
    """What a split needs of one page: its blank score (``ocr.cleanup``'s ink per mille at
    MEASURE_DPI) and its marks."""

    blank_score: float
    marks: PageMarks


def analyse_page(image: np.ndarray, dpi: float, *, blank: float | None = None,
                 codes: Sequence[tuple[str, Box | None]] | None = None) -> PageAnalysis:
    """The blank score (measured here unless given) and the marks of one page image."""
    if blank is None:
        grey = to_grey(image)
        scale = min(1.0, MEASURE_DPI / max(dpi, 1.0))
        small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
        blank = blank_score(small)
    return PageAnalysis(blank, read_marks(image, dpi, codes=codes))
