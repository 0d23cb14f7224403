"""Values returned by the generator: pages, their text blocks and the document's field ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from .barcodes import PrintedCode

# Row-major 3x3 matrix; maps clean-page pixel coordinates to the page image's pixel coordinates.
Matrix = tuple[float, float, float, float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)

A4_MM = (210.0, 297.0)

# Blocks that hold a printed code (QR, barcode) rather than text: their `text` is empty, and OCR
# scoring ignores them and any word read inside them.
CODE_BLOCKS = frozenset({"qr", "barcode"})


@dataclass(frozen=True)
class Block:
    """One visually separate piece of printed text and exactly what it says.

    `bbox` is (x0, y0, x1, y1) in pixels of the CLEAN page image, even on degraded pages;
    `GeneratedPage.image_bbox` maps it into a degraded/rotated/photographed image.
    """

    name: str
    bbox: tuple[int, int, int, int]
    text: str


@dataclass(frozen=True)
class GeneratedPage:
    """A page image with its text ground truth.

    `transform` maps clean-page coordinates into this image (identity for a clean page);
    degrade(), rotate_page() and photograph() compose onto it, so the block bboxes, which stay
    in clean-page pixels, can still be located in the transformed image.
    """

    image: Image.Image
    dpi: int
    blocks: tuple[Block, ...]
    page_no: int
    transform: Matrix = field(default=IDENTITY)

    @property
    def text(self) -> str:
        """The page's ground truth: block texts in reading order, one per line group (codes have none)."""
        return "\n".join(block.text for block in self.blocks if block.name not in CODE_BLOCKS)

    def image_bbox(self, bbox: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """Axis-aligned box, in this image's pixels, around a clean-page box after `transform`."""
        x0, y0, x1, y1 = bbox
        points = [apply_matrix(self.transform, x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return (int(min(xs)), int(min(ys)), int(round(max(xs))), int(round(max(ys))))


@dataclass(frozen=True)
class GeneratedDocument:
    """A multi-page document with its field ground truth (design.md field names)."""

    document_type: str
    type_name: str
    fields: dict[str, object]
    pages: tuple[GeneratedPage, ...]
    seed: int
    # QR codes and barcodes printed on the pages, with the payload and the fields each states.
    codes: tuple[PrintedCode, ...] = ()

    @property
    def text(self) -> str:
        """All pages' ground truth, pages separated by a form feed."""
        return "\f".join(page.text for page in self.pages)


def a4_size_px(dpi: int) -> tuple[int, int]:
    """A4 in whole pixels at `dpi` (2480x3508 at 300 dpi, 1654x2339 at 200 dpi)."""
    return (round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi))


def apply_matrix(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """Map one point through a 3x3 homography."""
    w = m[6] * x + m[7] * y + m[8]
    return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)


def compose(after: Matrix, before: Matrix) -> Matrix:
    """The matrix that applies `before` first, then `after`."""
    out = []
    for r in range(3):
        for c in range(3):
            out.append(sum(after[r * 3 + k] * before[k * 3 + c] for k in range(3)))
    return tuple(out)  # type: ignore[return-value]
