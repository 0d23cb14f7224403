"""A word of a field checked against the same words elsewhere in the document.

The agency's name, the subject and the list of recipients are short lines, often bold
capitals or small type, where Tesseract loses or swaps accents ("THE THAO", "tham những",
"Uy ban"); the body repeats the same names and terms in plain type, where they are read
right. So where the body reads a pair of neighbouring words with other accents more often
than the field does — at least twice — the field's word is spelt as the body spells it.
It is the document's own evidence, not a word list: a name the body never repeats stays
as read.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ocr.extract.vocab import fold, same_spelling

# The body must read the other spelling this many times, and more often than the field's own.
MIN_SUPPORT = 2

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _words(text: str) -> list[str]:
    return [w for w in (_EDGES.sub("", t) for t in text.split()) if w]


@dataclass(frozen=True)
class Spellings:
    """How often each pair of neighbouring words is read in a document, by accent-free form."""

    pairs: dict[tuple[str, str], Counter]

    @classmethod
    def of(cls, text: str) -> Spellings:
        words = [w.lower() for w in _words(text)]
        pairs: dict[tuple[str, str], Counter] = {}
        for a, b in zip(words, words[1:]):
            pairs.setdefault((fold(a), fold(b)), Counter())[(a, b)] += 1
        return cls(pairs)

    def mend(self, value: str) -> str:
        """``value`` with the words the document spells otherwise, more often, respelt.

        Each neighbour of a word is a witness. One must show the other spelling of the pair
        MIN_SUPPORT times at least, and more often than the pair as read here; every other
        neighbour must show the new spelling beside it at least once. So "cơ sở dữ liệu" in
        the body does not make "CƠ SỞ ĐỦ ĐIỀU KIỆN" a "DỮ": "dữ điều" is never read.
        """
        tokens = value.split()
        out = list(tokens)
        for i, core, sides in self._witnesses(tokens):
            strong = {word for side in sides for word, (n, own) in side.items() if n >= MIN_SUPPORT and n > own}
            for word in strong:
                if all(word in side for side in sides):
                    out[i] = tokens[i].replace(core, _cased(word, core), 1)
                    break
        return " ".join(out)

    def disputed(self, value: str) -> bool:
        """True when the document spells a word of ``value`` otherwise beside each of its
        neighbours as often as the way it is read, if only once: too little to respell it,
        enough to doubt it ("Tố công tác" in the subject, "Tổ công tác" in Điều 1)."""
        return any(sides and any(all(word in side and side[word][0] >= side[word][1] for side in sides)
                                 for word in sides[0])
                   for _i, _core, sides in self._witnesses(value.split()))

    def _witnesses(self, tokens: list[str]) -> Iterator[tuple[int, str, list[dict[str, tuple[int, int]]]]]:
        """Each word of ``tokens`` that is letters (its edges aside): its index, its letters,
        and what each neighbour witnesses of it (_witness)."""
        cores = [_EDGES.sub("", t) for t in tokens]
        lower = [c.lower() for c in cores]
        for i, core in enumerate(cores):
            if core and core.isalpha():
                yield i, core, [self._witness(lower, i, j) for j in (i - 1, i + 1) if 0 <= j < len(cores) and cores[j]]

    def _witness(self, words: list[str], i: int, j: int) -> dict[str, tuple[int, int]]:
        """Other spellings of word ``i`` the document shows beside word ``j``: how often, and
        how often it shows the pair as read here."""
        pair = (words[j], words[i]) if j < i else (words[i], words[j])
        seen = self.pairs.get((fold(pair[0]), fold(pair[1])), Counter())
        own = seen.get(pair, 0)
        found: dict[str, tuple[int, int]] = {}
        for spelling, n in seen.items():
            word = spelling[1] if j < i else spelling[0]
            if word != words[i] and not same_spelling(word, words[i]):
                found[word] = (found.get(word, (0, 0))[0] + n, own)
        return found


def _cased(word: str, like: str) -> str:
    """``word`` in the case of ``like`` (capitals, a capital first, or lower case)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
