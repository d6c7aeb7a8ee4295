"""What an undated figure means: the year a text about one year is about ("document
year"), or the years just before a dated text's date ("recent years").

Both run after `figures.periods` has given each figure the period its text states, and fill
in only the figures it left "unknown".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from tipcheck.model import Figure, Period
from tipcheck.support import regex_cache as regexes
from tipcheck.text import brackets
from tipcheck.text.sentences import Sentence
from tipcheck.thresholds import DOCUMENT_YEAR_FIGURES, DOCUMENT_YEAR_SHARE, RECENT_YEARS

# Bases that name a year in the text itself, from which the year a document is about is read.
_STATED = ("clause", "sentence scope", "paragraph scope", "heading")
# Words that say a sentence counts over a span of years it may not resolve: its undated
# figures are not the document's one year.
_SPAN_WORDS = regexes.compile(
    r"(?i)\b(?:decade|since|totals|totalled|overall|cumulative(?:ly)?|so\s+far|to\s+date|"
    r"over\s+the\s+years|(?:past|last|previous|preceding)\s+(?:\w+\s+)?years|"
    r"(?:for|over|during)\s+(?:more\s+than\s+|the\s+)?(?:\d+|\w+)\s+years|(?:these|those)\s+years)\b"
)


def document_year(
    figures: list[Figure],
    text: str,
    sentence_of: Callable[[int], Sentence],
    fill: tuple[str, ...] = ("unknown",),
) -> list[Figure]:
    """Undated counts in a text about one year are about that year: when most figures whose
    year the text states share it, an undated count or amount takes it (basis "document
    year"). A text that moves between years pins nothing this way. `fill` names the bases
    it may replace (run again once tables have dated their rows, it may replace "recent
    years" too)."""
    years = Counter(
        f.period.start
        for f in figures
        if f.period is not None
        and f.basis in _STATED
        and not f.period.cumulative
        and f.period.start == f.period.end
    )
    if not years:
        return figures
    (year, top), total = years.most_common(1)[0], sum(years.values())
    if top < DOCUMENT_YEAR_FIGURES or top / total < DOCUMENT_YEAR_SHARE:
        return figures
    period = Period(year, year)
    return [
        replace(f, period=period, basis="document year")
        if f.basis in fill
        and f.kind in ("count", "money")
        and not _spans_years(text, sentence_of(f.start))
        and brackets.square_bracket(text, f.start) is None  # an aside is about another time
        else f
        for f in figures
    ]


def _spans_years(text: str, sent: Sentence) -> bool:
    return _SPAN_WORDS.search(text, sent.start, sent.end) is not None


def document_date(
    figures: list[Figure],
    published: str | None,
    text: str = "",
    sentence_of: Callable[[int], Sentence] | None = None,
) -> list[Figure]:
    """An undated count in a dated text is about the years just before that date: not a
    pinned period (it never makes a contradiction), but a bound that lets a registered
    figure of those years back it and keeps older and later ones out (basis
    "recent years")."""
    if not published:
        return figures
    year = int(published[:4])
    bound = Period(str(year - RECENT_YEARS), str(year))
    # "the total identified ... to 761": a running total, over a window that ends in those years
    running = Period(str(year - 4 * RECENT_YEARS - 3), str(year), True)
    out = []
    for f in figures:
        if f.basis == "unknown" and f.period is None and f.kind in ("count", "money"):
            spans = sentence_of is not None and _spans_years(text, sentence_of(f.start))
            f = replace(f, period=running if spans else bound, basis="recent years")
        out.append(f)
    return out
