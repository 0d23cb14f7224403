"""Scanner, photocopier and phone-camera artefacts applied to clean pages, plus blank sheets.

Every function is driven by its `seed` alone and returns a new GeneratedPage of the same pixel
size (quarter turns swap width and height). Blocks keep their clean-page bboxes; the geometric
changes are composed into `GeneratedPage.transform`, so `page.image_bbox(block.bbox)` still finds
each block in the new image.
"""

from __future__ import annotations

import math
from dataclasses import replace

import cv2
import numpy as np
from PIL import Image, ImageDraw

from . import vocab
from .fonts import FONTS, load_font
from .model import IDENTITY, GeneratedPage, Matrix, a4_size_px, compose

SEAL_RED = np.array([205, 35, 45], dtype=np.float32)
SEAL_TEXTS: tuple[str, ...] = (
    "ỦY BAN NHÂN DÂN", "SỞ TÀI CHÍNH", "SỞ NỘI VỤ", "SỞ XÂY DỰNG", "SỞ Y TẾ", "BỘ TƯ PHÁP",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "VĂN PHÒNG",
)


# ---- small helpers -------------------------------------------------------------------------

def _to_array(page: GeneratedPage) -> np.ndarray:
    return np.asarray(page.image.convert("RGB"), dtype=np.float32)


def _to_image(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _affine3(m: np.ndarray) -> Matrix:
    return tuple(float(v) for v in (*m[0], *m[1], 0.0, 0.0, 1.0))  # type: ignore[return-value]


def _smooth_field(rng: np.random.Generator, h: int, w: int, cells: int = 6) -> np.ndarray:
    """Low-frequency random field in [0, 1], upsampled from a coarse grid (cheap at 300 dpi)."""
    coarse = rng.random((cells, max(2, round(cells * w / h)))).astype(np.float32)
    field = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)
    field -= field.min()
    return field / max(float(field.max()), 1e-6)


def _light_field(rng: np.random.Generator, h: int, w: int, depth: float) -> np.ndarray:
    """Multiplicative illumination: a gradient in a random direction plus a vignette, 1 = untouched."""
    small_h, small_w = 64, max(2, round(64 * w / h))
    yy, xx = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    xx /= small_w - 1
    yy /= small_h - 1
    angle = rng.uniform(0, 2 * math.pi)
    grad = (xx - 0.5) * math.cos(angle) + (yy - 0.5) * math.sin(angle)
    grad = (grad - grad.min()) / (grad.max() - grad.min())
    vignette = ((xx - rng.uniform(0.3, 0.7)) ** 2 + (yy - rng.uniform(0.3, 0.7)) ** 2) * 2
    vignette = np.clip(vignette, 0, 1)
    mix = rng.uniform(0.3, 0.7)
    dark = mix * grad + (1 - mix) * vignette
    dark = cv2.resize(dark.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    return 1.0 - depth * dark


def _gaussian_noise(rng: np.random.Generator, arr: np.ndarray, sigma: float) -> np.ndarray:
    """Sensor noise, one value per pixel shared by the channels (a grey CCD line)."""
    if sigma <= 0:
        return arr
    noise = rng.standard_normal(arr.shape[:2], dtype=np.float32) * sigma
    return arr + noise[:, :, None]


def _jpeg(arr: np.ndarray, quality: int) -> np.ndarray:
    bgr = cv2.cvtColor(np.clip(arr, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32)


def _specks(rng: np.random.Generator, arr: np.ndarray, count: int, dpi: int, darkness: tuple[int, int]) -> None:
    h, w = arr.shape[:2]
    scale = dpi / 300
    for _ in range(count):
        centre = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        radius = max(1, int(round(rng.uniform(0.8, 3.0) * scale)))
        tone = float(rng.integers(*darkness))
        cv2.circle(arr, centre, radius, (tone, tone, tone), -1, cv2.LINE_AA)


# ---- the seal ------------------------------------------------------------------------------

def seal_mask(rng: np.random.Generator, diameter: int) -> np.ndarray:
    """Alpha mask (0-1) of a round agency seal: two rings, caps letters around, a star in the centre."""
    pad = 4
    size = diameter + 2 * pad
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    r = diameter / 2
    ring = max(2, round(diameter * 0.022))
    draw.ellipse([c - r, c - r, c + r, c + r], outline=255, width=ring)
    r_in = r * 0.72
    draw.ellipse([c - r_in, c - r_in, c + r_in, c + r_in], outline=255, width=max(1, ring // 2))
    # Letters between the rings, upright towards the centre, running clockwise from the left.
    text = str(rng.choice(SEAL_TEXTS)) + " * " + str(rng.choice(vocab.PROVINCES_2025).name.upper()) + " *"
    font = load_font("liberation_serif", "bold", diameter * 0.085 * 72 / 300, 300)  # pt such that px = 8.5 % of D
    r_text = (r + r_in) / 2
    start = rng.uniform(0, 2 * math.pi)
    step = 2 * math.pi / (len(text) + 2)
    for i, ch in enumerate(text):
        if ch == " ":
            continue
        angle = start + i * step
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BILINEAR)
        gx = c + r_text * math.cos(angle) - glyph.width / 2
        gy = c + r_text * math.sin(angle) - glyph.height / 2
        mask.paste(255, (round(gx), round(gy)), glyph)
    # Five-pointed star.
    star_r = r_in * rng.uniform(0.28, 0.38)
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rad = star_r if k % 2 == 0 else star_r * 0.4
        pts.append((c + rad * math.cos(a), c + rad * math.sin(a)))
    draw.polygon(pts, fill=255)
    alpha = np.asarray(mask, dtype=np.float32) / 255.0
    # Uneven ink: some parts of the rubber print lighter.
    ink = 0.55 + 0.45 * _smooth_field(rng, size, size, cells=5)
    return alpha * ink


def stamp_seal(rng: np.random.Generator, arr: np.ndarray, page: GeneratedPage) -> np.ndarray:
    """Red seal over the left third of the signature (Decree 30/2020, Annex I: the seal overlaps
    about one third of the signature on its left side), blended by multiplication like ink."""
    signature = next((b for b in page.blocks if b.name == "signature"), None)
    if signature is None:
        return arr
    x0, y0, x1, y1 = page.image_bbox(signature.bbox)
    mm = page.dpi / 25.4
    diameter = int(rng.uniform(34, 40) * mm)
    cx = (x0 + x1) / 2 - rng.uniform(8, 16) * mm
    cy = (y0 + y1) / 2 + rng.uniform(-3, 3) * mm
    alpha = seal_mask(rng, diameter) * rng.uniform(0.75, 0.92)
    h, w = arr.shape[:2]
    size = alpha.shape[0]
    left, top = int(cx - size / 2), int(cy - size / 2)
    sx0, sy0 = max(0, -left), max(0, -top)
    dx0, dy0 = max(0, left), max(0, top)
    dx1, dy1 = min(w, left + size), min(h, top + size)
    if dx1 <= dx0 or dy1 <= dy0:
        return arr
    a = alpha[sy0:sy0 + dy1 - dy0, sx0:sx0 + dx1 - dx0, None]
    tint = 1.0 - a * (1.0 - SEAL_RED / 255.0)
    arr[dy0:dy1, dx0:dx1] *= tint
    return arr


# ---- public API ------------------------------------------------------------------------------

def degrade(page: GeneratedPage, seed: int, *, skew_deg: float | None = None, noise: float = 8.0,
            blur: float = 0.8, jpeg_quality: int | None = 50, uneven_light: bool = True, stamp: bool = True,
            photocopy: bool = False, dark_border: bool = False) -> GeneratedPage:
    """A flatbed-scan look: seal, optional photocopy, skew, uneven light, blur, noise, border, JPEG.

    skew_deg: rotation about the centre, counter-clockwise positive; None draws one in ±4°.
    noise: standard deviation of Gaussian noise in grey levels (0 = none).
    blur: Gaussian sigma in pixels (0 = none); scanner optics give about 0.5-1.2 px.
    """
    rng = np.random.default_rng(seed)
    arr = _to_array(page)
    h, w = arr.shape[:2]
    transform = page.transform
    if stamp:
        arr = stamp_seal(rng, arr, page)
    if photocopy:
        arr = _photocopy(rng, arr, page.dpi)
    angle = float(rng.uniform(-4, 4)) if skew_deg is None else float(skew_deg)
    if angle:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        arr = cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=(255, 255, 255))
        transform = compose(_affine3(m), transform)
    if uneven_light:
        arr *= _light_field(rng, h, w, float(rng.uniform(0.10, 0.25)))[:, :, None]
    if dark_border:
        arr = _dark_border(rng, arr)
    if blur > 0:
        arr = cv2.GaussianBlur(arr, (0, 0), blur)
    arr = _gaussian_noise(rng, arr, noise)
    if jpeg_quality is not None:
        arr = _jpeg(arr, jpeg_quality)
    return replace(page, image=_to_image(arr), transform=transform)


def _photocopy(rng: np.random.Generator, arr: np.ndarray, dpi: int) -> np.ndarray:
    """Grey, harder contrast, toner specks and a faint dark band along one edge."""
    grey = arr @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    contrast = float(rng.uniform(1.3, 1.7))
    grey = (grey - 140.0) * contrast + 140.0 - float(rng.uniform(5, 20))
    grey = np.clip(grey, 0, 255)
    out = np.repeat(grey[:, :, None], 3, axis=2)
    h, w = out.shape[:2]
    _specks(rng, out, int(rng.integers(20, 120)), dpi, (0, 90))
    band = int(w * rng.uniform(0.02, 0.06))
    ramp = np.linspace(1.0, 0.0, band, dtype=np.float32) ** 2 * float(rng.uniform(0.25, 0.5))
    shade = np.ones(w, dtype=np.float32)
    if rng.random() < 0.5:
        shade[:band] -= ramp
    else:
        shade[w - band:] -= ramp[::-1]
    return out * shade[None, :, None]


def _dark_border(rng: np.random.Generator, arr: np.ndarray) -> np.ndarray:
    """The scanner lid's shadow: a dark strip of 20-80 px on one or two edges."""
    h, w = arr.shape[:2]
    edges = rng.choice(4, size=int(rng.integers(1, 3)), replace=False)
    for edge in edges:
        width = int(rng.integers(20, 81))
        tone = float(rng.uniform(15, 60))
        profile = np.ones(width, dtype=np.float32)
        soft = min(8, width)
        profile[width - soft:] = np.linspace(1.0, 0.0, soft, dtype=np.float32)  # soft inner edge
        if edge == 0:  # top
            sl = arr[:width]
            wgt = profile[:, None, None]
        elif edge == 1:  # bottom
            sl = arr[h - width:]
            wgt = profile[::-1][:, None, None]
        elif edge == 2:  # left
            sl = arr[:, :width]
            wgt = profile[None, :, None]
        else:  # right
            sl = arr[:, w - width:]
            wgt = profile[::-1][None, :, None]
        sl[...] = sl * (1 - wgt) + tone * wgt
    return arr


def rotate_page(page: GeneratedPage, quarter_turns: int) -> GeneratedPage:
    """Rotate by 90° steps counter-clockwise (a sheet fed sideways or upside down).

    The blocks keep their clean-page bboxes, which no longer describe this image directly;
    `page.image_bbox(bbox)` maps them through the updated `transform`.
    """
    k = quarter_turns % 4
    image = page.image
    transform = page.transform
    for _ in range(k):
        w = image.width
        # Counter-clockwise: (x, y) -> (y, w - x).
        transform = compose((0.0, 1.0, 0.0, -1.0, 0.0, float(w), 0.0, 0.0, 1.0), transform)
        image = image.transpose(Image.Transpose.ROTATE_90)
    return replace(page, image=image, transform=transform)


def photograph(page: GeneratedPage, seed: int) -> GeneratedPage:
    """A phone or document-camera shot: the sheet smaller than the frame on a darker textured desk,
    seen in mild perspective, with uneven light and slight blur. Same pixel size; dpi stays nominal."""
    rng = np.random.default_rng(seed)
    src = _to_array(page)
    h, w = src.shape[:2]
    # Desk: a dark base colour with wood-like low-frequency texture and fine grain.
    base = np.array(rng.choice([[92, 64, 45], [70, 70, 76], [120, 98, 74], [48, 52, 58]]), dtype=np.float32)
    texture = _smooth_field(rng, h, w, cells=int(rng.integers(4, 12)))
    streaks = cv2.resize(rng.random((1, 48)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    desk_light = 0.75 + 0.35 * texture + 0.12 * streaks
    # Where the sheet lands: scaled down, centred with jitter, corners moved by 2-6 % of the size.
    scale = float(rng.uniform(0.78, 0.9))
    cx = w / 2 + rng.uniform(-0.04, 0.04) * w
    cy = h / 2 + rng.uniform(-0.03, 0.03) * h
    half_w, half_h = scale * w / 2, scale * h / 2
    corners = np.array([[cx - half_w, cy - half_h], [cx + half_w, cy - half_h],
                        [cx + half_w, cy + half_h], [cx - half_w, cy + half_h]], dtype=np.float32)
    jitter = rng.uniform(0.02, 0.06, size=(4, 2)) * np.array([w, h]) * rng.choice([-1, 1], size=(4, 2))
    dst = (corners + jitter).astype(np.float32)
    src_quad = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    hm = cv2.getPerspectiveTransform(src_quad, dst)
    sheet = cv2.warpPerspective(src, hm, (w, h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT,
                                borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), hm, (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    # Soft shadow of the sheet on the desk, offset away from the light (blurred at quarter size: fast).
    small = cv2.resize(mask, (w // 4, h // 4), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), max(1.0, w * 0.002))
    shift = np.float32([[1, 0, w * 0.0015], [0, 1, h * 0.0015]])
    shadow = cv2.resize(cv2.warpAffine(small, shift, (w // 4, h // 4)), (w, h), interpolation=cv2.INTER_LINEAR)
    desk_light *= 1.0 - 0.45 * shadow
    desk = desk_light[:, :, None] * base[None, None, :]
    out = desk + (sheet - desk) * mask[:, :, None]
    # Light from one side, a warm cast, camera blur and sensor noise, phone JPEG.
    cast = np.array([1.0, rng.uniform(0.95, 0.99), rng.uniform(0.86, 0.95)], dtype=np.float32)
    out *= _light_field(rng, h, w, float(rng.uniform(0.15, 0.35)))[:, :, None] * cast[None, None, :]
    out = cv2.GaussianBlur(out, (0, 0), float(rng.uniform(0.7, 1.4)))
    out = _gaussian_noise(rng, out, float(rng.uniform(2.0, 5.0)))
    out = _jpeg(out, int(rng.integers(80, 93)))
    matrix: Matrix = tuple(float(v) for v in hm.reshape(-1))  # type: ignore[assignment]
    return replace(page, image=_to_image(out), transform=compose(matrix, page.transform))


def blank_page(seed: int, dpi: int = 300, *, near_blank: bool = False) -> GeneratedPage:
    """White paper as a scanner sees it: tint, faint texture, noise and a few specks; no text.

    near_blank adds what blank-page detection must still call blank: faint mirrored bleed-through
    from the other side, punch-hole shadows or a fold line.
    """
    rng = np.random.default_rng(seed)
    w, h = a4_size_px(dpi)
    paper = np.array([rng.uniform(242, 252), rng.uniform(240, 251), rng.uniform(232, 248)], dtype=np.float32)
    arr = np.empty((h, w, 3), dtype=np.float32)
    arr[...] = paper
    arr *= (0.985 + 0.015 * _smooth_field(rng, h, w, cells=8))[:, :, None]
    if near_blank:
        for kind in rng.choice(["bleed", "holes", "fold"], size=int(rng.integers(1, 3)), replace=False):
            if kind == "bleed":
                arr *= _bleed_through(rng, w, h, dpi)[:, :, None]
            elif kind == "holes":
                _punch_holes(rng, arr, dpi)
            else:
                y = int(h * rng.uniform(0.45, 0.55))
                cv2.line(arr, (0, y), (w, y + int(rng.integers(-20, 20))), (205, 205, 205),
                         max(1, dpi // 150), cv2.LINE_AA)
    _specks(rng, arr, int(rng.integers(3, 15)), dpi, (40, 160))
    arr = _gaussian_noise(rng, arr, float(rng.uniform(2.0, 4.0)))
    return GeneratedPage(image=_to_image(arr), dpi=dpi, blocks=(), page_no=1, transform=IDENTITY)


def _bleed_through(rng: np.random.Generator, w: int, h: int, dpi: int) -> np.ndarray:
    """Multiplicative layer of blurred, mirrored text printed on the back of the sheet."""
    layer = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(layer)
    family = str(rng.choice(sorted(FONTS)))
    font = load_font(family, "regular", 14, dpi)
    mm = dpi / 25.4
    words = list(vocab.COMMUNE_NAMES) + list(vocab.STREETS) + list(vocab.GIVEN_NAMES_FEMALE)
    y = rng.uniform(25, 60) * mm
    bottom = h - rng.uniform(25, 120) * mm
    measure = w - 55 * mm
    while y < bottom:
        line = str(rng.choice(words))
        while True:
            longer = line + " " + str(rng.choice(words))
            if font.getlength(longer) > measure * rng.uniform(0.7, 1.0):
                break
            line = longer
        draw.text((35 * mm, y), line, font=font, fill=0)
        y += 8 * mm
    mirrored = np.asarray(layer.transpose(Image.Transpose.FLIP_LEFT_RIGHT), dtype=np.float32) / 255.0
    mirrored = cv2.GaussianBlur(mirrored, (0, 0), dpi / 150)
    strength = float(rng.uniform(0.03, 0.07))
    return 1.0 - strength * (1.0 - mirrored)


def _punch_holes(rng: np.random.Generator, arr: np.ndarray, dpi: int) -> None:
    """Two filing holes near the left edge, seen as grey discs with a darker rim."""
    h = arr.shape[0]
    mm = dpi / 25.4
    radius = int(rng.uniform(2.8, 3.2) * mm)
    x = int(rng.uniform(10, 14) * mm)
    centre_y = h / 2 + rng.uniform(-10, 10) * mm
    tone = float(rng.uniform(150, 200))
    for dy in (-40 * mm, 40 * mm):
        c = (x, int(centre_y + dy))
        cv2.circle(arr, c, radius, (tone, tone, tone), -1, cv2.LINE_AA)
        cv2.circle(arr, c, radius, (tone - 60, tone - 60, tone - 60), max(1, dpi // 150), cv2.LINE_AA)
