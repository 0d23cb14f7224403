"""Regenerate the sample pages shipped in this folder (run from the repository root).

    .venv/bin/python resources/samples/make_samples.py

They are synthetic documents from ``tests/docgen`` (no real citizen's data): a clean
decision, a scanned official letter (skewed, noisy, JPEG, red seal) and a
photographed application form, the three kinds of page SoHoa meets every day.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.docgen import degrade, generate_document, photograph  # noqa: E402


def main() -> None:
    decision = generate_document(seed=101, document_type="decision", dpi=300, pages=1).pages[0]
    decision.image.save(HERE / "01-quyet-dinh.png", dpi=(300, 300), optimize=True)
    letter = generate_document(seed=102, document_type="official_letter", dpi=300, pages=1).pages[0]
    scan = degrade(letter, seed=102, skew_deg=2.5)
    scan.image.save(HERE / "02-cong-van-scan.jpg", dpi=(300, 300), quality=85)
    form = generate_document(seed=103, document_type="application_form", dpi=200, pages=1).pages[0]
    photo = photograph(form, seed=103)
    photo.image.save(HERE / "03-to-khai-photo.jpg", dpi=(200, 200), quality=85)


if __name__ == "__main__":
    main()
