"""Sentences and paragraphs: the one splitter every stage uses.

A sentence ends at ".", "!" or "?" followed by space and a capital or a digit (not after an
abbreviation such as "No." or "Art."), at a blank line, and before a list item or table row.
A blank line also ends a paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from tipcheck.support import regex_cache as regexes

SENTENCE_END = regexes.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*#|>]|\d+\.))")


@dataclass(frozen=True)
class Sentence:
    """A sentence's span and the index of its paragraph."""

    start: int
    end: int
    paragraph: int


_ABBREVIATIONS = {
    "no", "nos", "nr", "n", "art", "arts", "dr", "mr", "mrs", "ms", "st", "vs", "approx", "e.g",
    "i.e", "etc", "u.s", "u.n", "p", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "fig", "ref", "vol",
}  # fmt: skip


def sentences(text: str) -> list[Sentence]:
    """Sentence spans with the index of their paragraph."""
    out: list[Sentence] = []
    pos = 0
    paragraph = 0
    for m in SENTENCE_END.finditer(text):
        if "\n" not in m.group(0):
            word = re.search(r"([\w.]+)\.\W*$", text[max(pos, m.start() - 12) : m.start()])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        out.append(Sentence(pos, m.start(), paragraph))
        if "\n" in m.group(0):
            paragraph += 1
        pos = m.end()
    out.append(Sentence(pos, len(text), paragraph))
    return out


@lru_cache(maxsize=8)
def _cached(text: str) -> tuple[list[int], list[Sentence]]:
    found = sentences(text)
    return [s.start for s in found], found


def around(text: str, pos: int) -> Sentence:
    """The sentence that holds offset `pos` (found once per text, then by bisection)."""
    starts, found = _cached(text)
    return found[max(0, bisect.bisect_right(starts, pos) - 1)]
