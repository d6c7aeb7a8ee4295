"""A draft figure's context: the concepts of the words around it, weighted by closeness.

Its own clause counts fully, a table's header 0.8, the rest of its sentence 0.6, the
sentence before 0.3 (`align` scores claims against it). rapidfuzz rescues spelling
variants ("labor", "organized", typos) that the lexicon misses; this is the only importer
of rapidfuzz.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from tipcheck.match import lexicon
from tipcheck.model import Figure
from tipcheck.support import cache
from tipcheck.support import regex_cache as regexes
from tipcheck.thresholds import SPELLING

_YEAR = regexes.compile(r"\b(?:19|20)\d\d\b")
_CLAUSE_BREAK = regexes.compile(r"[,;:()\[\]]|\s[–—-]\s|\band\b|\bwhile\b|\bwhereas\b|\bbut\b")


def years_in(text: str) -> frozenset[str]:
    return frozenset(f"y{y}" for y in _YEAR.findall(text))


def context(
    text: str,
    fig: Figure,
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    header: str = "",
    dated: bool = False,
    others: tuple[tuple[int, int], ...] = (),
    lex: lexicon.Lexicon = lexicon.DEFAULT,
) -> dict[str, float]:
    """Concepts around a figure: its clause 1.0, its sentence 0.6, the sentence before 0.3.

    `others` are the spans of the other figures nearby with their unit word ("third
    consecutive", "3 men"): those words describe that figure, not this one.
    """
    # Work on the stretch of text the context reads (one character more on each side for
    # \b), with offsets moved to it: blanking a copy of a whole long draft for every
    # figure would be quadratic.
    first = max(0, min(sentence[0], fig.start, previous[0] if previous else sentence[0]) - 1)
    last = min(len(text), max(sentence[1], fig.end, previous[1] if previous else sentence[1]) + 1)
    text = text[first:last]
    fig_start, fig_end = fig.start - first, fig.end - first
    s_start, s_end = sentence[0] - first, sentence[1] - first
    if previous is not None:
        previous = (previous[0] - first, previous[1] - first)
    blank = [
        (a - first, b - first)
        for a, b in others
        if (b <= fig.start or a >= fig.end) and b > first and a < last
    ]
    if fig.qualifier != "exact":
        blank.append((fig_start, fig_end))  # "an estimated 27 million": the hedge is not the measure
    if blank:
        # pieces, not a list of characters: the work is the spans', not the window's length
        pieces, at = [], 0
        for start, end in sorted(blank):
            start, end = max(start, at), min(end, len(text))
            if start < end:
                pieces += [text[at:start], " " * (end - start)]
                at = end
        text = "".join([*pieces, text[at:]])
    clause_start, clause_end = s_start, s_end
    for m in _CLAUSE_BREAK.finditer(text, s_start, s_end):
        if m.end() <= fig_start:
            clause_start = m.end()
        elif m.start() >= fig_end:
            clause_end = m.start()
            break
    out: dict[str, float] = {}

    def add(start: int, end: int, weight: float) -> None:
        piece = text[start:end]
        for _, concept in lex.concepts(piece):
            if out.get(concept, 0.0) < weight:
                out[concept] = weight
        if dated:  # the years around a date name its event; its own year is the value
            lo, hi = max(start, fig_start), min(end, fig_end)
            if lo < hi:
                piece = text[start:lo] + " " * (hi - lo) + text[hi:end]
            for year in years_in(piece):
                if out.get(year, 0.0) < weight:
                    out[year] = weight

    if not lex.concepts(text[clause_start:clause_end].replace(fig.quote, " ")):
        # "Victims identified: 54" and "May 2014 - events marking ...": a bare figure is
        # described by the clauses beside it
        lead = [m for m in _CLAUSE_BREAK.finditer(text, s_start, clause_start) if m.end() < clause_start]
        clause_start = lead[-1].end() if lead else s_start
        tail = [m for m in _CLAUSE_BREAK.finditer(text, clause_end + 1, s_end)]
        clause_end = tail[0].start() if tail else s_end
    out["trafficking"] = 0.6  # every draft is about trafficking, said or not
    if previous is not None:
        add(*previous, 0.3)
    concept: str | None  # a lexicon concept of the header, then the fuzzy match of a word
    if header:
        for _, concept in lex.concepts(header):
            out[concept] = max(out.get(concept, 0.0), 0.8)
    add(s_start, s_end, 0.6)
    add(clause_start, clause_end, 1.0)
    for word in _unknown_words(text[clause_start:clause_end], lex):
        concept = _fuzzy(word, lex)
        if concept and out.get(concept, 0.0) < 1.0:
            out[concept] = 1.0
    return out


_WORD = regexes.compile(r"[A-Za-z]{5,}")


def _unknown_words(piece: str, lex: lexicon.Lexicon) -> list[str]:
    return [
        w.lower()
        for w in _WORD.findall(piece)
        if w.lower() not in lex.words
        and w.lower() not in lexicon.NOT_CONCEPTS
        and lex.words.get(lex.stem(w.lower())) is None
    ]


# Answers are kept between runs: importing rapidfuzz costs more than the rest of a
# lookup, and a draft checked on every commit brings the same unknown words each time.
# The key holds the table, so an edited lexicon (or a registry's own words) starts a new memo;
# each lexicon keeps its own (an id() could be reused by a later one).
_SPELLING: dict[str, cache.Memo] = {}


def _memo(lex: lexicon.Lexicon) -> cache.Memo:
    key = (
        f"spelling-{zlib.crc32(repr(sorted(lex.words.items())).encode()):08x}.marshal"
        if lex.spelling is None
        else lex.spelling
    )
    lex.spelling = key
    found = _SPELLING.get(key)
    if found is None:
        found = _SPELLING[key] = cache.Memo(key)
    return found


@lru_cache(maxsize=4096)
def _fuzzy(word: str, lex: lexicon.Lexicon) -> str | None:
    """A spelling variant of a known word ('labor', 'organized', 'victms'), or None."""
    memo = _memo(lex)
    known = memo.entries()
    if word in known:
        return known[word]
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, lex.words.keys(), scorer=fuzz.ratio, score_cutoff=SPELLING)
    concept = lex.words[found[0]] if found else None
    memo.put(word, concept)
    return concept
