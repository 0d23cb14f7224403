"""Labelled fields of application forms and receipts: per-field accuracy of ``read_form``.

    .venv/bin/python bench/forms_bench.py [--set tune|held-out|held-out-2|all] [--show NAME] [--errors]

Generates forms and receipts (seed decides the type, 200 or 300 dpi, clean or degraded like
a flatbed scan), OCRs each page once with ``sohoa``'s own OCR job and caches the words under
``bench/results/forms-cache/`` (git-ignored), so re-running after a rule change costs no OCR.
Prints, per field name, how many ground-truth values were read exactly, how many were missed,
how many were wrong, and how many of the wrong ones carry a confidence below the review
threshold (the review screen shows those to the clerk), plus values read that are not printed.

The ``tune`` seeds are the ones the rules were tuned on (their errors were read); the
``held-out`` sets were only measured, ``held-out-2`` once, at the end.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocr import OcrOptions, run_ocr  # noqa: E402
from ocr.extract.layout import Line, page_lines  # noqa: E402
from ocr.extract.model import REVIEW_THRESHOLD  # noqa: E402
from ocr.words import Word  # noqa: E402
from tests.docgen import degrade, generate_document  # noqa: E402

CACHE = ROOT / "bench" / "results" / "forms-cache"
SETS = {"tune": range(1, 193), "held-out": range(7001, 7061), "held-out-2": range(9001, 9061)}


def case(seed: int) -> tuple[str, int, bool]:
    """(document type, dpi, degraded) drawn from the seed: half degraded, a third at 200 dpi."""
    rng = random.Random(f"forms-bench/{seed}")
    return (rng.choice(("application_form", "receipt")), rng.choice((300, 300, 200)), rng.random() < 0.5)


def stem(seed: int) -> str:
    kind, dpi, degraded = case(seed)
    return f"{kind}-{seed}-{dpi}{'-deg' if degraded else ''}"


def ensure_cached(seeds: list[int]) -> None:
    """OCR the pages not cached yet, in one job (two workers)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    todo = [s for s in seeds if not (CACHE / f"{stem(s)}.json").exists()]
    if not todo:
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths, truths = [], []
        for seed in todo:
            kind, dpi, degraded = case(seed)
            doc = generate_document(seed, kind, dpi=dpi)
            page = degrade(doc.pages[0], seed) if degraded else doc.pages[0]
            path = Path(tmp) / f"{stem(seed)}.png"
            page.image.save(path, dpi=(dpi, dpi))
            paths.append(path)
            truths.append(doc.fields)
        print(f"OCR of {len(todo)} pages…", file=sys.stderr)
        report = run_ocr(paths, Path(tmp) / "out.pdf", OcrOptions(keep_words=True, jobs=2))
        for seed, truth, page in zip(todo, truths, report.pages):
            words = [[w.text, list(w.bbox), w.confidence, w.block, w.paragraph, w.line] for w in page.word_boxes]
            data = {"seed": seed, "case": case(seed), "fields": truth, "words": words}
            (CACHE / f"{stem(seed)}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load(seed: int) -> tuple[str, dict, list[Line]]:
    data = json.loads((CACHE / f"{stem(seed)}.json").read_text(encoding="utf-8"))
    words = [Word(t, tuple(b), c, bl, pa, li) for t, b, c, bl, pa, li in data["words"]]
    return data["case"][0], data["fields"], page_lines(words, 1)


def measure(seeds: list[int], show: str | None, errors: bool) -> None:
    from ocr.extract.forms import FORM_FIELDS, read_form

    ok, missed, wrong, caught, total, extra = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
    flagged = Counter()  # right values sent to review all the same
    for seed in seeds:
        kind, truth, lines = load(seed)
        if show and show == stem(seed):
            for line in lines:
                print(f"{line.bbox}  {line.confidence:.2f}  {line.text}")
        got = read_form(lines, kind)
        for name in FORM_FIELDS:
            expected, field = truth.get(name), got.get(name)
            if expected is None:
                if field is not None:
                    extra[name] += 1
                    if errors:
                        print(f"{stem(seed)} {name}: EXTRA {field.value!r} ({field.confidence:.2f})")
                continue
            total[name] += 1
            if field is None:
                missed[name] += 1
                if errors:
                    print(f"{stem(seed)} {name}: MISSED {expected!r}")
            elif field.value == expected:
                ok[name] += 1
                flagged[name] += field.confidence < REVIEW_THRESHOLD
            else:
                wrong[name] += 1
                caught[name] += field.confidence < REVIEW_THRESHOLD
                if errors:
                    print(f"{stem(seed)} {name}: WRONG {field.value!r} ≠ {expected!r} ({field.confidence:.2f})")
    print(f"{'field':<18}{'right':>8}{'missed':>8}{'wrong':>8}{'caught':>8}{'extra':>7}{'accuracy':>10}"
          f"{'right, flagged':>16}")
    for name in FORM_FIELDS:
        if total[name] or extra[name]:
            rate = ok[name] / total[name] if total[name] else 1.0
            print(f"{name:<18}{ok[name]:>4}/{total[name]:<3} {missed[name]:>7}{wrong[name]:>8}{caught[name]:>8}"
                  f"{extra[name]:>7}{rate:>10.1%}{flagged[name]:>16}")
    n_ok, n_all = sum(ok.values()), sum(total.values())
    n_wrong = sum(wrong.values()) + sum(extra.values())
    print(f"{'all':<18}{n_ok:>4}/{n_all:<3} {sum(missed.values()):>7}{sum(wrong.values()):>8}"
          f"{sum(caught.values()):>8}{sum(extra.values()):>7}{n_ok / max(1, n_all):>10.1%}"
          f"{sum(flagged.values()):>16}   (wrong or extra: {n_wrong})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="tune")
    parser.add_argument("--show", help="print the OCR lines of this case (e.g. receipt-3-300-deg)")
    parser.add_argument("--errors", action="store_true", help="list every missed, wrong or extra value")
    args = parser.parse_args()
    names = tuple(SETS) if args.set == "all" else (args.set,)
    for name in names:
        seeds = list(SETS[name])
        ensure_cached(seeds)
        kinds = Counter(case(s)[0] for s in seeds)
        degraded = sum(case(s)[2] for s in seeds)
        print(f"\n{name}: {len(seeds)} pages ({kinds['application_form']} forms, {kinds['receipt']} receipts, "
              f"{degraded} degraded, {sum(case(s)[1] == 200 for s in seeds)} at 200 dpi)")
        measure(seeds, args.show, args.errors)


if __name__ == "__main__":
    main()
