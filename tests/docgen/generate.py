"""generate_document(): content, page fitting, layout and rendering, all driven by one seed."""

from __future__ import annotations

import random
from dataclasses import replace

from .admin import ADMIN_TYPES, DocPlan, build_admin
from .barcodes import add_codes
from .flow import Look, draw_look
from .fonts import FONTS
from .forms import build_application, build_receipt
from .model import GeneratedDocument
from .render import render_page
from .typeset import Typesetter, count_pages

DOCUMENT_TYPES: tuple[str, ...] = ADMIN_TYPES + ("application_form", "receipt")
FORM_TYPES = ("application_form", "receipt")
MAX_PAGES = 4


def _default_pages(rng: random.Random, document_type: str) -> int:
    if document_type in ("license", "certificate"):
        return rng.choices((1, 2), (0.85, 0.15))[0]
    return rng.choices((1, 2, 3), (0.55, 0.3, 0.15))[0]


def _compact(look: Look, level: int) -> Look:
    """Tighter settings when the fixed parts alone overflow the requested page count."""
    if level == 0:
        return look
    look = replace(look, line_spacing=min(look.line_spacing, 1.15), para_after_pt=min(look.para_after_pt, 6))
    if level >= 2:
        look = replace(look, line_spacing=1.0, para_after_pt=3, body_pt=13, title_pt=13)
    return look


def _first_k(look: Look, plan: DocPlan, at_least: int) -> int:
    """Smallest middle length whose layout has >= `at_least` pages (page count grows with k)."""
    lo, hi = 0, len(plan.middle) + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if count_pages(look, plan.items(mid)) >= at_least:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _signature_stranded(look: Look, plan: DocPlan, k: int) -> bool:
    """True when the last page would hold nothing but Nơi nhận and the signature (an office avoids that)."""
    pages = Typesetter(look, 0, draw=False).run(plan.items(k))
    names = {block.name for block in pages[-1].blocks} - {"page_number"}
    return len(pages) > 1 and names <= {"recipients", "signature"}


def fit(seed: int, document_type: str, look: Look, target: int) -> tuple[DocPlan, Look, int]:
    """Content plus the number of middle paragraphs that gives exactly `target` pages.

    Among the fitting lengths one is drawn by seed, so the last page is filled to varying depths.
    """
    for level in range(3):
        rng = random.Random(f"{seed}/{document_type}/{level}")
        trial_look = _compact(look, level)
        plan = build_admin(rng, document_type, trial_look, target, compact=level > 0)
        lo = _first_k(trial_look, plan, target)
        hi = _first_k(trial_look, plan, target + 1)
        if lo < hi and lo <= len(plan.middle) and count_pages(trial_look, plan.items(lo)) == target:
            # At least one middle paragraph when possible: a list announced with "gồm:" needs an item.
            candidates = list(range(max(lo, 1), hi)) or [lo]
            rng.shuffle(candidates)
            for k in candidates[:8]:
                if not _signature_stranded(trial_look, plan, k):
                    return plan, trial_look, k
            return plan, trial_look, candidates[0]
    raise ValueError(f"cannot lay out a {document_type} on exactly {target} page(s) (seed {seed})")


def generate_document(seed: int, document_type: str | None = None, dpi: int = 300, font: str | None = None,
                      pages: int | None = None) -> GeneratedDocument:
    """A synthetic document, its page images and exact ground truth; the same arguments give the same pixels.

    `pages` (1-4) applies to administrative types; forms and receipts are always one page.
    """
    if document_type is not None and document_type not in DOCUMENT_TYPES:
        raise ValueError(f"unknown document_type {document_type!r}; expected one of {DOCUMENT_TYPES}")
    if font is not None and font not in FONTS:
        raise ValueError(f"unknown font {font!r}; expected one of {sorted(FONTS)}")
    if dpi < 72 or dpi > 600:
        raise ValueError(f"dpi {dpi} out of range 72-600")
    doc_type = document_type or random.Random(seed).choice(DOCUMENT_TYPES)
    rng = random.Random(f"{seed}/{doc_type}/look")
    look = draw_look(rng, dpi, font)
    if doc_type in FORM_TYPES:
        if pages not in (None, 1):
            raise ValueError(f"{doc_type} documents are generated on one page, not {pages}")
        build = build_application if doc_type == "application_form" else build_receipt
        plan, k = build(random.Random(f"{seed}/{doc_type}/0"), look), 0
    else:
        target = pages if pages is not None else _default_pages(rng, doc_type)
        if not 1 <= target <= MAX_PAGES:
            raise ValueError(f"pages must be between 1 and {MAX_PAGES}, not {target}")
        plan, look, k = fit(seed, doc_type, look, target)
    drafts = Typesetter(look, seed).run(plan.items(k))
    rendered = tuple(render_page(draft, look, i + 1) for i, draft in enumerate(drafts))
    rendered, printed = add_codes(seed, doc_type, plan.fields, rendered)
    return GeneratedDocument(document_type=doc_type, type_name=plan.type_name, fields=plan.fields,
                             pages=rendered, seed=seed, codes=printed)
