"""Document classification and field extraction from OCR words (design §3, ``sohoa extract``)."""
from ocr.extract.model import REVIEW_THRESHOLD, Extraction, Field, Problem

__all__ = ["REVIEW_THRESHOLD", "Extraction", "Field", "Problem"]
