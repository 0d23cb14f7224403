"""The vote between a line's readings (the page's and the OCR worker's second readings).

Kept apart from ``ocr.extract.reread``, which runs in the OCR worker: the vote is a rule
of extraction, run on saved words, and changes without reading any page again.
"""
from __future__ import annotations

import re
from dataclasses import replace
from statistics import median

from ocr.extract.layout import Line, page_lines
from ocr.extract.orthography import is_syllable
from ocr.extract.reread import Reading, word_core
from ocr.words import Word

# Where the three readings all differ, no word of the kept one counts as surer than this.
DISAGREE_CONFIDENCE = 0.75
# A word one of the readings saw differently, though outvoted, is no surer than this.
OUTVOTED_CONFIDENCE = 0.87
# A line this many times as tall as the page's median line may be two the page ran together.
SPLIT_HEIGHT = 1.7
# The rows of a line split in two get line numbers this far apart (no real line has as many).
SPLIT_LINE_KEY = 10_000


def merge(words: list[Word], readings: list[Reading]) -> list[Word]:
    """The page's words with each reread line replaced by the reading most readings agree on."""
    if not readings:
        return words
    by_box: dict[tuple[int, int, int, int], list[tuple[Word, ...]]] = {}
    for reading in readings:
        by_box.setdefault(tuple(reading.bbox), []).append(reading.words)
    replaced: dict[int, list[Word]] = {}  # id of a line's first word → the words that stand for the line
    dropped: set[int] = set()
    lines = page_lines(words)
    typical = median(line.height for line in lines) if lines else 0
    for line in lines:
        others = by_box.get(line.bbox)
        if not others:
            continue
        key = line.words[0].line_key
        rows = _two_lines(line, others, typical)
        if rows:
            chosen = [replace(w, block=key[0], paragraph=key[1], line=key[2] + SPLIT_LINE_KEY * n,
                              confidence=min(w.confidence, OUTVOTED_CONFIDENCE))
                      for n, row in enumerate(rows) for w in row]
        else:
            chosen = vote(line.words, others)
            if chosen is line.words:
                continue
            chosen = [replace(w, block=key[0], paragraph=key[1], line=key[2]) for w in chosen]
        replaced[id(line.words[0])] = chosen
        dropped.update(id(w) for w in line.words[1:])
    out: list[Word] = []
    for word in words:
        if id(word) in replaced:
            out.extend(replaced[id(word)])
        elif id(word) not in dropped:
            out.append(word)
    return out


def _two_lines(line: Line, others: list[tuple[Word, ...]], typical: float) -> list[list[Word]] | None:
    """The rows of a line the page read as one though it is two or more.

    Small type set close (the last entries of a "Nơi nhận" list) is read by the page as one
    line of garbage ("- TH VT BC" for "- Sở Tài chính; - Lưu: VT, PC."), twice as tall as
    a line; its crop, read alone, gives each row as a line of its own, and surer. Only then,
    and only rows with letters, replace the page's reading.
    """
    if typical <= 0 or line.height < SPLIT_HEIGHT * typical:
        return None
    for reading in others:
        rows: dict[tuple[int, int, int], list[Word]] = {}
        for word in reading:
            rows.setdefault(word.line_key, []).append(word)
        if len(rows) < 2 or not all(any(word_core(w.text) for w in row) for row in rows.values()):
            continue
        if _mean(reading) > _mean(line.words):
            return sorted(rows.values(), key=lambda row: min(w.bbox[1] for w in row))
    return None


def _mean(words: tuple[Word, ...] | list[Word]) -> float:
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0


_LEAD = re.compile(r"^[\W_]+")
_TAIL = re.compile(r"[\W_]+$")


def vote(first: tuple[Word, ...], others: list[tuple[Word, ...]]) -> tuple[Word, ...] | list[Word]:
    """The readings' vote, word by word: each reading backs its word with its confidence.

    Words are matched by their place among the words with letters or digits (a list's
    dash, read by one reading and lost by another, is no word). A second reading counts
    only when it has as many of them as the first: a crop that lost a word, or took one
    from the next line, is no witness. A word's punctuation at its ends stays as first
    read (crops add specks there). A reading no Vietnamese syllable is spelt like
    ("QUYET", "VIIT") backs no word against one that is: accent-free crops otherwise
    outvote a right first reading. A word the readings all read differently is the
    best-backed one, marked doubtful; a word kept against one other reading is no surer
    than OUTVOTED_CONFIDENCE.
    """
    places = [i for i, w in enumerate(first) if word_core(w.text)]
    witnesses = [[w for w in o if word_core(w.text)] for o in others if o]
    witnesses = [w for w in witnesses if len(w) == len(places)]
    if not witnesses:
        return first
    out: list[Word] = list(first)
    changed = False
    for n, i in enumerate(places):
        word = first[i]
        own = word_core(word.text)
        readings = [(own, word.confidence)] + [(word_core(w[n].text), w[n].confidence) for w in witnesses]
        spelt = {core for core, _ in readings if is_syllable(core) is not False}
        support: dict[str, float] = {}
        for core, confidence in readings:
            if core in spelt or not spelt:
                support[core] = support.get(core, 0.0) + confidence
        seen = {core for core, _ in readings}
        winner = max(support, key=lambda k: (support[k], k == own))
        alone = len(seen) == len(readings)  # nobody agrees with anybody
        if winner == own and not alone:
            if len(seen) > 1:  # one reading saw another word: a doubt, however slight
                out[i] = replace(word, confidence=min(word.confidence, OUTVOTED_CONFIDENCE))
                changed = True
            continue
        lead, tail = _LEAD.match(word.text), _TAIL.search(word.text)
        text = (lead.group(0) if lead else "") + winner + (tail.group(0) if tail else "")
        conf = max(confidence for core, confidence in readings if core == winner)
        out[i] = replace(word, text=text, confidence=min(conf, DISAGREE_CONFIDENCE) if alone else conf)
        changed = True
    return out if changed else first
