"""Write pages as PNG (resolution in the pHYs chunk) beside JSON ground truth, for benchmarks and people."""

from __future__ import annotations

import json
from pathlib import Path

from .model import GeneratedDocument, GeneratedPage


def page_truth(page: GeneratedPage) -> dict[str, object]:
    """A page's ground truth as JSON-ready data (bboxes in clean-page pixels, see `transform`)."""
    return {
        "page_no": page.page_no,
        "dpi": page.dpi,
        "width": page.image.width,
        "height": page.image.height,
        "text": page.text,
        "blocks": [{"name": b.name, "bbox": list(b.bbox), "text": b.text} for b in page.blocks],
        "transform": list(page.transform),
    }


def _write_page(page: GeneratedPage, out_dir: Path, stem: str, extra: dict[str, object]) -> list[Path]:
    png = out_dir / f"{stem}.png"
    page.image.save(png, dpi=(page.dpi, page.dpi), compress_level=1)  # fast; pages are mostly white anyway
    gt = out_dir / f"{stem}.gt.json"
    gt.write_text(json.dumps({**extra, **page_truth(page)}, ensure_ascii=False, indent=1), encoding="utf-8")
    return [png, gt]


def write_sample(doc_or_page: GeneratedDocument | GeneratedPage, out_dir: Path, stem: str) -> list[Path]:
    """Write `STEM.png` + `STEM.gt.json` for a page, or `STEM-pN.png` + `STEM-pN.gt.json` per page and a
    document-level `STEM.gt.json` (type, fields, printed codes, page files) for a document. Returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(doc_or_page, GeneratedPage):
        return _write_page(doc_or_page, out_dir, stem, {"document_type": None, "fields": {}})
    doc = doc_or_page
    meta: dict[str, object] = {
        "document_type": doc.document_type,
        "type_name": doc.type_name,
        "seed": doc.seed,
        "page_count": len(doc.pages),
        "fields": doc.fields,
        "codes": [code.to_json() for code in doc.codes],
    }
    written: list[Path] = []
    for page in doc.pages:
        written += _write_page(page, out_dir, f"{stem}-p{page.page_no}", meta)
    summary = out_dir / f"{stem}.gt.json"
    summary.write_text(json.dumps({**meta, "pages": [f"{stem}-p{p.page_no}.png" for p in doc.pages]},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
    return [*written, summary]
