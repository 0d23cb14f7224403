"""Draw laid-out pages: black text and rules in greyscale, then the blue ink signatures in colour."""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .flow import Look
from .fonts import load_font
from .model import Block, GeneratedPage, a4_size_px
from .typeset import PageDraft, RectOp, RuleOp, ScribbleOp, TextOp


def render_page(draft: PageDraft, look: Look, page_no: int) -> GeneratedPage:
    width, height = a4_size_px(look.dpi)
    grey = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(grey)
    scribbles: list[ScribbleOp] = []
    for block in draft.blocks:
        for op in block.ops:
            if isinstance(op, TextOp):
                font = load_font(look.family, op.style, op.size_pt, look.dpi)
                draw.text((op.x, op.y), op.text, font=font, fill=0, anchor="ls")
            elif isinstance(op, RuleOp):
                draw.line([(op.x0, op.y0), (op.x1, op.y1)], fill=0, width=op.width)
            elif isinstance(op, RectOp):
                draw.rectangle([op.x0, op.y0, op.x1, op.y1], outline=0, width=op.width)
            else:
                scribbles.append(op)
    rgb = np.asarray(grey.convert("RGB")).copy()
    for op in scribbles:
        draw_scribble(rgb, op, look.dpi)
    blocks = tuple(_finish_block(b.name, b.box, b.text, width, height) for b in draft.blocks)
    return GeneratedPage(image=Image.fromarray(rgb, "RGB"), dpi=look.dpi, blocks=blocks, page_no=page_no)


def _finish_block(name: str, box: list[float], text: str, width: int, height: int) -> Block:
    x0 = max(0, math.floor(box[0]))
    y0 = max(0, math.floor(box[1]))
    x1 = min(width, math.ceil(box[2]))
    y1 = min(height, math.ceil(box[3]))
    return Block(name=name, bbox=(x0, y0, x1, y1), text=text)


def _chaikin(points: np.ndarray, rounds: int = 4) -> np.ndarray:
    """Corner cutting: turns a zig-zag of control points into a smooth pen stroke."""
    for _ in range(rounds):
        a, b = points[:-1], points[1:]
        cut = np.empty((2 * len(a), 2))
        cut[0::2] = 0.75 * a + 0.25 * b
        cut[1::2] = 0.25 * a + 0.75 * b
        points = np.vstack([points[:1], cut, points[-1:]])
    return points


def scribble_points(rng: np.random.Generator, x0: float, y0: float, x1: float, y1: float) -> list[np.ndarray]:
    """Strokes of a cursive-looking signature: a looped capital, a run of up-down strokes with
    occasional back-steps (loops), slanted, and a flourish under or through it."""
    w, h = x1 - x0, y1 - y0
    mid = y0 + h * rng.uniform(0.45, 0.6)
    strokes: list[np.ndarray] = []
    # Capital: an open loop at the start.
    cx, r = x0 + w * rng.uniform(0.08, 0.18), h * rng.uniform(0.25, 0.4)
    a = np.linspace(rng.uniform(0.3, 1.0) * np.pi, rng.uniform(2.3, 2.9) * np.pi, 9)
    capital = np.stack([cx + r * 0.6 * np.cos(a), mid - r * 0.4 + r * np.sin(a)], axis=1)
    # Body: alternating highs and lows moving right, some steps going back to form loops.
    n = int(rng.integers(9, 16))
    xs, ys = [capital[-1, 0]], [capital[-1, 1]]
    x = capital[-1, 0]
    for i in range(n):
        step = w * 0.62 / n * rng.uniform(0.5, 1.6)
        x += -0.45 * step if rng.random() < 0.18 else step
        tall = rng.random() < 0.2
        amp = h * (rng.uniform(0.3, 0.48) if tall else rng.uniform(0.06, 0.2))
        xs.append(x)
        ys.append(mid - amp if i % 2 == 0 else mid + amp * rng.uniform(0.2, 0.8))
    body = np.stack([np.array(xs), np.array(ys)], axis=1)
    strokes.append(_chaikin(np.vstack([capital, body])))
    # Flourish: a long shallow sweep back under the name.
    fx = np.array([x, x0 + w * rng.uniform(0.55, 0.8), x0 + w * rng.uniform(0.2, 0.4), x0 + w * rng.uniform(0.0, 0.15)])
    fy = mid + h * np.array([0.0, rng.uniform(0.15, 0.3), rng.uniform(0.2, 0.35), rng.uniform(0.05, 0.25)])
    if rng.random() < 0.7:
        strokes.append(_chaikin(np.stack([fx, fy], axis=1)))
    slant = rng.uniform(0.15, 0.45)
    out = []
    for s in strokes:
        s = s.copy()
        s[:, 0] += slant * (mid - s[:, 1])  # italic slant to the right
        out.append(s)
    if rng.random() < 0.4:  # a dot over the last letters
        dx, dy = x + w * 0.04, mid - h * rng.uniform(0.3, 0.42)
        out.append(np.array([[dx, dy], [dx + w * 0.012, dy - h * 0.02]]))
    return _fit(out, x0, y0, x1, y1)


def _fit(strokes: list[np.ndarray], x0: float, y0: float, x1: float, y1: float) -> list[np.ndarray]:
    """Shrink and move the strokes into the box, so the signature block's bbox holds all the ink."""
    pts = np.vstack(strokes)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 4.0
    box_lo = np.array([x0 + pad, y0 + pad])
    box_hi = np.array([x1 - pad, y1 - pad])
    scale = min(1.0, *((box_hi - box_lo) / np.maximum(hi - lo, 1e-6)))
    centre_in, centre_out = (lo + hi) / 2, (box_lo + box_hi) / 2
    moved = [(s - centre_in) * scale + centre_out for s in strokes]
    return moved


def draw_scribble(rgb: np.ndarray, op: ScribbleOp, dpi: int) -> None:
    """Blue ballpoint signature drawn with anti-aliased polylines (Decree 30/2020: blue ink)."""
    rng = np.random.default_rng(op.seed)
    colour = (int(rng.integers(15, 45)), int(rng.integers(30, 70)), int(rng.integers(130, 190)))
    thickness = max(1, round(dpi / 300 * rng.uniform(2.0, 3.5)))
    shift = 4  # sub-pixel precision for smooth curves
    for stroke in scribble_points(rng, op.x0, op.y0, op.x1, op.y1):
        pts = np.round(stroke * (1 << shift)).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(rgb, [pts], False, colour, thickness, cv2.LINE_AA, shift)
