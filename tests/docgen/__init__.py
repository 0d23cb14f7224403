"""Synthetic Vietnamese administrative pages with exact ground truth, for OCR and extraction tests.

    doc = generate_document(seed=7, document_type="decision", dpi=300)
    scan = degrade(doc.pages[0], seed=7)
    write_sample(doc, Path("out"), "decision-7")
"""

from .degrade import blank_page, degrade, photograph, rotate_page
from .fonts import FONTS, FontFamily
from .generate import DOCUMENT_TYPES, generate_document
from .model import Block, GeneratedDocument, GeneratedPage
from .sample import write_sample

__all__ = [
    "DOCUMENT_TYPES",
    "FONTS",
    "Block",
    "FontFamily",
    "GeneratedDocument",
    "GeneratedPage",
    "blank_page",
    "degrade",
    "generate_document",
    "photograph",
    "rotate_page",
    "write_sample",
]
