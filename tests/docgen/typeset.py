"""Line breaking, justification and pagination of flow items into positioned drawing operations.

The typesetter measures with the same fonts the renderer draws with, so every Block's bbox and
text are exact: the text is what each printed line says, lines joined with "\\n".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .flow import Cell, Item, Look, Para, Row, Run
from .fonts import load_font, pt_to_px, text_width
from .model import a4_size_px

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float  # baseline
    text: str
    style: str
    size_pt: float


@dataclass(frozen=True)
class RuleOp:
    x0: float
    y0: float
    x1: float
    y1: float
    width: int


@dataclass(frozen=True)
class RectOp:
    x0: float
    y0: float
    x1: float
    y1: float
    width: int


@dataclass(frozen=True)
class ScribbleOp:
    """Room for a handwritten signature; the renderer draws a blue scribble inside."""

    x0: float
    y0: float
    x1: float
    y1: float
    seed: int


Op = TextOp | RuleOp | RectOp | ScribbleOp


@dataclass
class BlockDraft:
    name: str
    lines: list[str] = field(default_factory=list)
    ops: list[Op] = field(default_factory=list)
    box: list[float] = field(default_factory=lambda: [math.inf, math.inf, -math.inf, -math.inf])

    def extend_box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        b = self.box
        b[0], b[1], b[2], b[3] = min(b[0], x0), min(b[1], y0), max(b[2], x1), max(b[3], y1)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class PageDraft:
    blocks: list[BlockDraft] = field(default_factory=list)


@dataclass(frozen=True)
class Word:
    text: str
    style: str
    width: float


@lru_cache(maxsize=100_000)
def ink_box(family: str, style: str, size_pt: float, dpi: int, text: str) -> tuple[int, int, int, int]:
    """Glyph box of `text` relative to its left end on the baseline."""
    return load_font(family, style, size_pt, dpi).getbbox(text, anchor="ls")


@lru_cache(maxsize=256)
def line_metrics(family: str, size_pt: float, dpi: int) -> tuple[int, int]:
    """(ascent, descent) in pixels of the regular face; the line pitch is their sum times spacing."""
    return load_font(family, "regular", size_pt, dpi).getmetrics()


def shift_op(op: Op, dx: float, dy: float) -> Op:
    if isinstance(op, TextOp):
        return replace(op, x=op.x + dx, y=op.y + dy)
    return replace(op, x0=op.x0 + dx, y0=op.y0 + dy, x1=op.x1 + dx, y1=op.y1 + dy)


class Typesetter:
    """Lays out one document's items on A4 pages; call `run(items)` once per layout attempt."""

    def __init__(self, look: Look, scribble_seed: int, draw: bool = True) -> None:
        self.look = look
        self.draw = draw  # False: only count pages and lines (page fitting), no drawing operations
        self.dpi = look.dpi
        self.mm = look.dpi / 25.4
        self.width, self.height = a4_size_px(look.dpi)
        self.x0 = look.margin_left_mm * self.mm
        self.x1 = self.width - look.margin_right_mm * self.mm
        self.top = look.margin_top_mm * self.mm
        self.bottom = self.height - look.margin_bottom_mm * self.mm
        # Header tables in real documents reach a little past the text margins.
        self.limit_x0 = self.x0 - 5 * self.mm
        self.limit_x1 = self.x1 + 2 * self.mm
        self.scribble_seed = scribble_seed
        self.pages: list[PageDraft] = []
        self.y = self.top
        self._scribbles = 0

    # ---- measuring -------------------------------------------------------------------------

    def width_of(self, text: str, style: str, size_pt: float) -> float:
        return text_width(self.look.family, style, size_pt, self.dpi, text)

    def words_of(self, p: Para) -> list[Word | None]:
        """Words with their widths; None marks a forced line break."""
        out: list[Word | None] = []
        for run in p.runs:
            for i, part in enumerate(run.text.split("\n")):
                if i:
                    out.append(None)
                for w in part.split(" "):
                    if w:
                        out.append(Word(w, run.style, self.width_of(w, run.style, p.size_pt)))
        return out

    def space(self, style: str, size_pt: float) -> float:
        return self.width_of(" ", style, size_pt)

    def greedy(self, words: list[Word | None], first: float, rest: float, size_pt: float) -> list[list[Word]]:
        lines: list[list[Word]] = [[]]
        used = 0.0
        for w in words:
            if w is None:
                lines.append([])
                used = 0.0
                continue
            line = lines[-1]
            avail = first if len(lines) == 1 else rest
            extra = w.width + (self.space(line[-1].style, size_pt) if line else 0.0)
            if line and used + extra > avail:
                lines.append([w])
                used = w.width
            else:
                line.append(w)
                used += extra
        return [line for line in lines if line] or [[]]

    def line_width(self, line: list[Word], size_pt: float) -> float:
        if not line:
            return 0.0
        return sum(w.width for w in line) + sum(self.space(w.style, size_pt) for w in line[:-1])

    def balanced(self, words: list[Word | None], avail: float, size_pt: float) -> list[list[Word]]:
        """Greedy line count, then the narrowest measure giving that count: even title lines."""
        lines = self.greedy(words, avail, avail, size_pt)
        if len(lines) < 2 or None in words:
            return lines
        if len(lines) == 2:
            return self.two_lines(words, avail, size_pt)  # type: ignore[arg-type]
        lo = max(w.width for w in words if w is not None)
        hi = avail
        for _ in range(18):
            mid = (lo + hi) / 2
            if len(self.greedy(words, mid, mid, size_pt)) <= len(lines):
                hi = mid
            else:
                lo = mid
        return self.greedy(words, hi, hi, size_pt)

    def two_lines(self, words: list[Word], avail: float, size_pt: float) -> list[list[Word]]:
        """Best two-line break: even lengths, preferring a break after a comma or before 'và'
        ('SỞ VĂN HÓA, THỂ THAO' / 'VÀ DU LỊCH'), as typists break headings by meaning."""
        best: tuple[float, int] | None = None
        for i in range(1, len(words)):
            left, right = words[:i], words[i:]
            width = max(self.line_width(left, size_pt), self.line_width(right, size_pt))
            if width > avail:
                continue
            meaningful = left[-1].text.endswith(",") or right[0].text.lower() == "và"
            score = width * (0.85 if meaningful else 1.0)
            if best is None or score < best[0]:
                best = (score, i)
        if best is None:
            return self.greedy(list(words), avail, avail, size_pt)
        return [words[: best[1]], words[best[1]:]]

    # ---- pages -----------------------------------------------------------------------------

    def new_page(self) -> None:
        self.pages.append(PageDraft())
        self.y = self.top
        number = len(self.pages)
        if number >= 2:  # Decree 30/2020: numbers centred in the top margin, not on page 1
            size = self.look.body_pt
            text = str(number)
            w = self.width_of(text, "regular", size)
            x = (self.x0 + self.x1) / 2 - w / 2
            baseline = self.top * 0.55
            block = BlockDraft("page_number")
            self.put_text(block, x, baseline, text, "regular", size)
            block.lines.append(text)
            self.page.blocks.append(block)

    @property
    def page(self) -> PageDraft:
        return self.pages[-1]

    def put_text(self, block: BlockDraft, x: float, baseline: float, text: str, style: str, size_pt: float) -> None:
        if not self.draw:
            return
        block.ops.append(TextOp(x, baseline, text, style, size_pt))
        l, t, r, b = ink_box(self.look.family, style, size_pt, self.dpi, text)
        block.extend_box(x + l, baseline + t, x + r, baseline + b)

    def rule_px(self, pt: float = 0.75) -> int:
        return max(2, pt_to_px(pt, self.dpi))

    # ---- paragraphs ------------------------------------------------------------------------

    def para_lines(self, p: Para) -> tuple[list[list[Word]], float, float, float, float]:
        """(lines, region x0, region x1, first-line offset, continuation offset)."""
        rx0, rx1 = self.x0, self.x1
        if p.max_width_mm is not None:
            w = min(p.max_width_mm * self.mm, self.x1 - self.x0)
            centre = (self.x0 + self.x1) / 2
            rx0, rx1 = centre - w / 2, centre + w / 2
        avail = rx1 - rx0
        words = self.words_of(p)
        first_off = p.indent_mm * self.mm
        rest_off = p.hang_mm * self.mm
        if p.hang_to_label:
            label_end = next((i for i, w in enumerate(words) if w is not None and w.text.endswith(":")), None)
            if label_end is not None:
                label = [w for w in words[: label_end + 1] if w is not None]
                under_value = first_off + self.line_width(label, p.size_pt) + self.space(label[-1].style, p.size_pt)
                if under_value < 0.45 * avail:  # a long label: Word users fall back to the margin
                    rest_off = under_value
        if p.balance:
            lines = self.balanced(words, avail - first_off, p.size_pt)
        else:
            lines = self.greedy(words, avail - first_off, avail - rest_off, p.size_pt)
        return lines, rx0, rx1, first_off, rest_off

    def add_para(self, p: Para, next_item: Item | None) -> None:
        family, size = self.look.family, p.size_pt
        lines, rx0, rx1, first_off, rest_off = _cached_para_lines(self.look, p)
        ascent, descent = line_metrics(family, size, self.dpi)
        pitch = (ascent + descent) * p.spacing
        height = pitch * (len(lines) - 1) + ascent + descent
        if self.y > self.top:
            self.y += p.before_pt * self.dpi / 72
        need = height if p.keep_with_next or len(lines) <= 3 else min(height, 2 * pitch + ascent + descent)
        if p.keep_with_next and next_item is not None:
            need += 2 * pitch
        if self.y + need > self.bottom and self.y > self.top:
            self.new_page()
        block = BlockDraft(p.name)
        self.page.blocks.append(block)
        for i, line in enumerate(lines):
            if self.y + ascent + descent > self.bottom and block.lines:
                self.new_page()
                block = BlockDraft(p.name)
                self.page.blocks.append(block)
            off = first_off if i == 0 else rest_off
            last = i == len(lines) - 1
            if last and p.leader:
                line = self.with_leader(line, rx1 - rx0 - off, size)
            self.place_line(block, line, rx0 + off, rx1, self.y + ascent, p, last)
            self.y += pitch
        self.y += ascent + descent - pitch  # the last line's own height, not a full pitch
        if p.rule_mm:
            gap = 1.5 * self.mm
            half = p.rule_mm * self.mm / 2
            centre = (rx0 + rx1) / 2
            y = self.y + gap
            t = self.rule_px()
            block.ops.append(RuleOp(centre - half, y, centre + half, y, t))
            block.extend_box(centre - half, y - t / 2, centre + half, y + t / 2)
            self.y = y + t
        self.y += p.after_pt * self.dpi / 72

    def with_leader(self, line: list[Word], avail: float, size_pt: float) -> list[Word]:
        """Dotted leader to the right edge, appended to the last word as forms print it."""
        if not line:
            return line
        last = line[-1]
        dot = self.width_of(".", last.style, size_pt)
        n = int((avail - self.line_width(line, size_pt)) / dot) - 1
        if n < 3:
            return line
        dots = "." * n
        return line[:-1] + [Word(last.text + dots, last.style, self.width_of(last.text + dots, last.style, size_pt))]

    def place_line(self, block: BlockDraft, line: list[Word], x: float, rx1: float, baseline: float,
                   p: Para, last: bool) -> None:
        size = p.size_pt
        text = " ".join(w.text for w in line)
        block.lines.append(text)
        if not line:
            return
        natural = self.line_width(line, size)
        avail = rx1 - x
        gaps = [self.space(w.style, size) for w in line[:-1]]
        if p.align == "justify" and not last and len(line) > 1 and natural < avail:
            extra = (avail - natural) / len(gaps)
            gaps = [g + extra for g in gaps]
        elif p.align == "center":
            x = x + (avail - natural) / 2
        elif p.align == "right":
            x = rx1 - natural
        styles = {w.style for w in line}
        if len(styles) == 1 and not (p.align == "justify" and not last):
            self.put_text(block, x, baseline, text, line[0].style, size)
            return
        for w, gap in zip(line, gaps + [0.0]):
            self.put_text(block, x, baseline, w.text, w.style, size)
            x += w.width + gap

    # ---- rows ------------------------------------------------------------------------------

    def columns(self, row: Row) -> tuple[tuple[float, float], tuple[float, float]]:
        if row.split is None:
            look = self.look
            motto_w = max(self.width_of(QUOC_HIEU, "bold", look.header_pt),
                          self.width_of(TIEU_NGU, "bold", look.motto_pt))
            rc1 = self.limit_x1
            rc0 = rc1 - motto_w - 2 * self.mm
            return (self.limit_x0, rc0 - 2 * self.mm), (rc0, rc1)
        mid = self.x0 + row.split * (self.x1 - self.x0)
        return (self.x0, mid), (mid, self.x1)

    def layout_cell(self, cell: Cell, cx0: float, cx1: float) -> tuple[BlockDraft, float]:
        """Lay a cell out from y = 0; returns the draft and its height."""
        family = self.look.family
        block = BlockDraft(cell.name)
        y = cell.gap_before_mm * self.mm
        centre = (cx0 + cx1) / 2
        widest = 0.0
        for cl in cell.lines:
            if cl.blank_mm:
                if cl.scribble:
                    self._scribbles += 1
                    w = min(45 * self.mm, cx1 - cx0)
                    block.ops.append(ScribbleOp(centre - w / 2, y, centre + w / 2, y + cl.blank_mm * self.mm,
                                                self.scribble_seed * 1000 + self._scribbles))
                y += cl.blank_mm * self.mm
                continue
            ascent, descent = line_metrics(family, cl.size_pt, self.dpi)
            pitch = (ascent + descent) * cell.spacing
            p = Para(cell.name, (), cl.size_pt)
            words = self.words_of(replace(p, runs=(Run(cl.text, cl.style),)))
            if cl.nowrap:
                parts = [[w for w in words if w is not None]]
            elif cell.align == "center":
                parts = self.balanced(words, cx1 - cx0, cl.size_pt)
            else:
                parts = self.greedy(words, cx1 - cx0, cx1 - cx0 - cell.hang_mm * self.mm, cl.size_pt)
            for j, part in enumerate(parts):
                text = " ".join(w.text for w in part)
                w = self.line_width(part, cl.size_pt)
                if cell.align == "center":
                    x = min(max(centre - w / 2, self.limit_x0), self.limit_x1 - w)
                else:
                    x = cx0 + (cell.hang_mm * self.mm if j else 0.0)
                baseline = y + ascent
                self.put_text(block, x, baseline, text, cl.style, cl.size_pt)
                block.lines.append(text)
                widest = max(widest, w)
                if cl.underline:
                    uy = baseline + descent * 1.1  # below the descenders, like the drawn line in Word
                    t = self.rule_px(0.6)
                    block.ops.append(RuleOp(x, uy, x + w, uy, t))
                    block.extend_box(x, uy - t / 2, x + w, uy + t / 2)
                y += pitch
            y += ascent + descent - pitch
        if cell.rule_frac:
            t = self.rule_px()
            half = widest * cell.rule_frac / 2
            y += 1.5 * self.mm
            block.ops.append(RuleOp(centre - half, y, centre + half, y, t))
            block.extend_box(centre - half, y - t / 2, centre + half, y + t / 2)
            y += t
        if cell.frame:
            pad = 1.5 * self.mm
            b = block.box
            block.ops.append(RectOp(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad, self.rule_px(1.0)))
            block.extend_box(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad)
            y += pad
        # Signature room belongs to the block even where nothing is printed.
        for op in block.ops:
            if isinstance(op, ScribbleOp):
                block.extend_box(op.x0, op.y0, op.x1, op.y1)
        return block, y

    def add_row(self, row: Row) -> None:
        if self.y > self.top:
            self.y += row.before_pt * self.dpi / 72
        placed: list[tuple[float, int, BlockDraft]] = []
        heights = [0.0, 0.0]
        for col, (cells, (cx0, cx1)) in enumerate(zip((row.left, row.right), self.columns(row))):
            y = 0.0
            for cell in cells:
                block, h = self.layout_cell(cell, cx0, cx1)
                placed.append((y, col, block))
                y += h
            heights[col] = y
        height = max(heights)
        if self.y + height > self.bottom and self.y > self.top:
            self.new_page()
        # Reading order: by where each cell starts, the left column first on a shared line.
        for y, col, block in sorted(placed, key=lambda t: (round(t[0]), t[1])):
            moved = BlockDraft(block.name, block.lines, [shift_op(op, 0, self.y + y) for op in block.ops])
            b = block.box
            moved.extend_box(b[0], b[1] + self.y + y, b[2], b[3] + self.y + y)
            self.page.blocks.append(moved)
        self.y += height + row.after_pt * self.dpi / 72

    # ---- entry point -----------------------------------------------------------------------

    def run(self, items: list[Item]) -> list[PageDraft]:
        self.pages = []
        self._scribbles = 0
        self.new_page()
        for i, item in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if isinstance(item, Para):
                self.add_para(item, nxt)
            else:
                self.add_row(item)
        return self.pages


@lru_cache(maxsize=8192)
def _cached_para_lines(look: Look, p: Para) -> tuple[list[list[Word]], float, float, float, float]:
    """Line breaks depend only on the look and the paragraph; page fitting lays the same
    paragraphs out many times. Callers must not mutate the returned lists."""
    return Typesetter(look, 0).para_lines(p)


def count_pages(look: Look, items: list[Item]) -> int:
    return len(Typesetter(look, 0, draw=False).run(items))
