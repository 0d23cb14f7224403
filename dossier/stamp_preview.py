"""Where the visible stamp will land on page 1, for the clerk to confirm before signing.

The box and text come from ``signing.stamps`` exactly as ``signing.sign`` computes them
(the profile's corner, moved clear of print by ``place_clear_of_print``), so the preview and
the signature cannot disagree; only the signing time differs by the seconds the clerk takes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image

from signing.stamps import StampPlan, iso_vn, place_clear_of_print, plan_stamp, stamp_corner

PREVIEW_SCALE = 1.0  # one pixel per point, as place_clear_of_print measures the page


@dataclass(frozen=True)
class StampPreview:
    page: Image.Image  # page 1 rendered at PREVIEW_SCALE
    page_size: tuple[float, float]  # points
    plan: StampPlan | None  # None: invisible signature ("none" profile)
    note: str | None  # set when the stamp had to move off printed content


def stamp_preview(pdf: Path, profile: str, *, digitizer: str, agency: str,
                  at: datetime | None = None, scale: float = PREVIEW_SCALE) -> StampPreview:
    """Page 1 of ``pdf`` and the stamp ``profile`` would put on it, signed by ``digitizer``
    for ``agency`` (the values ``signing.sign`` takes from the options or the certificate)."""
    import pypdfium2 as pdfium

    data = Path(pdf).read_bytes()
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[0]
        width, height = page.get_size()
        x0, y0, x1, y1 = page.get_mediabox()
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
    finally:
        doc.close()
    when = iso_vn(at or datetime.now(timezone.utc))
    values = {"digitizer": digitizer, "digitized_at": when, "agency": agency, "signed_at": when}
    plan = plan_stamp(profile, (x0, y0, x1, y1), values)
    note = None
    if plan is not None:
        plan, note = place_clear_of_print(data, plan, corner_left=stamp_corner(profile) == "top-left")
    return StampPreview(page=image, page_size=(width, height), plan=plan, note=note)
