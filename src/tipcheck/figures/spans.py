"""Where figures are in a text: named patterns, each turned into a `Candidate` with a value.

Every pattern proposes spans (its builder, in `builders`, reads the value); `candidates()`
drops those inside identifiers, URLs, times, phone and page numbers (`blockers`), then
keeps the longest non-overlapping ones. Deciding what a
figure is *about* (hedge, unit, metric, period) is `extract`'s job, not this module's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from tipcheck.figures import numbers as nums
from tipcheck.figures.blockers import blocked_spans
from tipcheck.figures.builders import (
    Build,
    _age_range,
    _count,
    _date_iso,
    _date_mdy,
    _date_numeric,
    _duration,
    _money,
    _month_day,
    _month_year,
    _month_year_numeric,
    _number_range,
    _ordinal,
    _percent,
    _ratio,
    _season,
    _special_count,
    _term_range,
    _tier,
    _year_figure,
    _year_range,
    _year_range_alt,
)
from tipcheck.figures.dates import DASH, DAY, MONTH, YEAR
from tipcheck.figures.money import CUR_AFTER, CUR_BEFORE
from tipcheck.model import Value
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary
from tipcheck.support.regex_gate import Finder, Lead

MON = rf"(?i:{MONTH})"
DAYX = rf"(?:{DAY}|(?i:{nums.ORDINAL_WORDS}))"  # "the fourth of July"  # month names in any case when digits stand beside them
NUM = rf"(?:{nums.DIGITS}|{nums.WORDS})"
_SCALED = rf"(?P<num>{NUM})(?:\s*(?P<scale>{nums.SCALE_WORD}))?"


@dataclass(frozen=True)
class Candidate:
    """A span one pattern reads as a figure, before overlaps are resolved."""

    start: int
    end: int
    kind: str
    value: Value
    unit: str | None = None
    rank: int = 5  # breaks ties between equally long spans: lower wins


_UNIT_TIME = r"(?P<u>years?|months?|weeks?|days?|decades?)"
_ANNIV = r"(?:dozen)"

# (name, rank, flags, pattern, builder): rank breaks ties between spans of equal length.
PATTERNS: tuple[tuple[str, int, int, str, Build], ...] = (
    (
        "date-mdy",
        0,
        0,
        rf"\b(?P<m>{MON})\.?[\s/-]*(?:the\s+)?(?P<d>{DAYX})(?:\s*,\s*|\s+(?:of\s+|in\s+)?|[/-])(?P<y>{YEAR})\b",
        _date_mdy,
    ),
    (
        "date-dmy",
        0,
        0,
        rf"\b(?P<d>{DAYX})\.?(?:\s+of)?[\s/-]*(?P<m>{MON})\.?(?:\s*,\s*|\s+(?:of\s+|in\s+)?|[/-])(?P<y>{YEAR})\b",
        _date_mdy,
    ),
    ("date-dmy-short", 1, 0, rf"\b(?P<d>{DAY})[/-](?P<m>{MON})[/-](?P<y>\d\d)\b", _date_mdy),
    ("date-ymd-name", 0, 0, rf"\b(?P<y>{YEAR})[\s,./-]+(?P<m>{MON})\.?[\s,./-]+(?P<d>{DAY})\b", _date_mdy),
    (
        "date-numeric",
        0,
        0,
        rf"(?<![\d.,/-])(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{YEAR}|\d\d)(?![\d.]\d|[\d/-])",
        _date_numeric,
    ),
    (
        "date-ymd",
        0,
        0,
        rf"(?<![\d.,/-])(?P<y>{YEAR})(?P<sep>[./-])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?![\d-]|[./]\d)",
        _date_iso,
    ),
    (
        "month-year",
        1,
        0,
        rf"(?:\b(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]+)?\b(?P<m>{MON})\.?(?:\s*,\s*|\s+|[/-])(?:of\s+)?(?P<y>{YEAR})\b",
        _month_year,
    ),
    ("year-month", 2, 0, rf"\b(?P<y>{YEAR})\s*,?\s*(?P<m>{MON})\b\.?(?!\s*\d)", _month_year),
    (
        "year-month-numeric",
        2,
        0,
        rf"(?<![\d.,/-])(?:(?P<y>{YEAR})[/-](?P<m>0?[1-9]|1[0-2])|(?P<m2>0?[1-9]|1[0-2])[/-](?P<y2>{YEAR}))(?![\d/-]|[.,]\d)",
        lambda m: _month_year_numeric(m),
    ),
    ("month-day", 2, 0, rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?!,?\s*\d)", _month_day),
    ("day-month", 2, 0, rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})\b(?!,?\s*\d)", _month_day),
    ("season", 1, re.I, rf"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall)\s+of\s+(?P<y>{YEAR})\b", _season),
    (
        "year-range",
        1,
        re.I,
        rf"(?:\b(?:between|from|in)\s+)?(?P<a>{YEAR})\s*(?:~|\s(?:to|until|till|through|thru)\s)\s*(?P<b>{YEAR})\b"
        rf"|\bbetween\s+(?P<a2>{YEAR})\s+and\s+(?P<b2>{YEAR})\b",
        lambda m: _year_range_alt(m),
    ),
    ("year-dash", 1, 0, rf"(?<![\d.,-])(?P<a>{YEAR}){DASH}(?P<b>{YEAR}|\d\d)(?![\d-])", _year_range),
    ("money-before", 1, 0, rf"{CUR_BEFORE}\s?{_SCALED}", _money),
    ("money-after", 1, re.I, rf"{_SCALED}\s*{CUR_AFTER}", _money),
    (
        "percent",
        1,
        re.I,
        rf"(?P<num>{NUM})\s*(?:%|per\s?cent(?:age points?)?\b|pct\b|percentage points?\b)",
        _percent,
    ),
    ("ratio", 2, re.I, rf"(?P<num>{NUM})(?:\s+times\b|[-\s]?fold\b)", _ratio),
    ("ratio-factor", 1, re.I, rf"\ba\s+factor\s+of\s+(?P<num>{NUM})", _ratio),
    ("tier", 0, 0, r"\bTier\s+(?P<t>[123]|[Oo]ne|[Tt]wo|[Tt]hree)(?P<w>\s+Watch\s+List)?\b(?P<o>)", _tier),
    (
        "tier-word",
        0,
        re.I,
        r"\b(?P<o>first|second|third|1st|2nd|3rd)\s+(?:category|tier)\b(?P<t>)(?P<w>)",
        _tier,
    ),
    ("ordinal", 3, re.I, rf"(?P<o>{nums.ORDINAL_DIGITS}|{nums.ORDINAL_WORDS})", _ordinal),
    (
        "age-range",
        1,
        re.I,
        rf"(?P<a>{NUM})(?:{DASH}|\s+to\s+)(?P<b>{NUM})\s+years?(?:\s+old|\s+of\s+age)\b",
        _age_range,
    ),
    (
        # "six to 12 years' imprisonment", "20 to 40 hours": one term, not two figures
        "term-range",
        1,
        re.I,
        rf"(?P<a>{NUM})(?:{DASH}|\s+to\s+)(?P<b>{NUM})\s+(?P<u>years?|months?|weeks?|days?|hours?)\b"
        r"(?!\s+old|\s+of\s+age)",
        _term_range,
    ),
    (
        "duration",
        2,
        re.I,
        rf"(?P<num>\ba\s+dozen|\bhalf\s+a\s+dozen|{NUM}|\ba\b|\ban\b)(?:\s+|-)(?:full\s+|calendar\s+)?"
        rf"{_UNIT_TIME}\b(?!\s+old|\s+of\s+age)",
        _duration,
    ),
    (
        "number-range",
        3,
        re.I,
        rf"(?:\bbetween\s+)?(?P<a>{nums.DIGITS})(?:{DASH}|\s+to\s+|\s+and\s+(?=\d))(?P<b>{nums.DIGITS})",
        _number_range,
    ),
    ("count", 4, re.I, _SCALED, _count),
    (
        "count-special",
        4,
        re.I,
        r"\b(?P<sp>a\s+dozen|half\s+a\s+dozen|a\s+couple\s+of|a\s+pair\s+of)\b",
        _special_count,
    ),
    (
        "year",
        3,
        0,
        rf"(?:(?<=\bmid-)|(?<![\w.,/$€£-]))(?P<y>{YEAR})(?![\w%]|[.,/-]\d|\s*(?:%|per\s?cent))",
        _year_figure,
    ),
)


# each searched only where it can start: most open with \b or a look-behind, which re
# would otherwise try at every position; those that open with a number share one scan for it
_NUMBER = Lead(NUM, re.I)
_COMPILED = tuple(
    (name, rank, Finder(pattern, flags, _NUMBER), build) for name, rank, flags, pattern, build in PATTERNS
)
# "one" is a pronoun far more often than a count; keep it only before a countable noun.
_LONE_ONE = regexes.compile(r"(?i)^(?:one|a)$")
_ONE_OK_AFTER = regexes.compile(
    r"\s+(?:(?i:more|other|single|additional|foreign|potential|[a-z]+-old)\s+|[A-Z][a-z]+\s+)?(?i:"
    r"(?:organized|criminal|NGO|percent|per\s?cent|year|month|week|day|"
    + "|".join(
        [*(singulars[0] for _, tags, singulars, _ in vocabulary.counted() if "one" in tags), *nums.SCALES]
    )
    + "))"
    # "up from one", "(one in 2019)", "and one in 2018": one compared with another count
    r"|\s+in\s+(?:19|20)\d\d\b"
    # "... and one was a child": one of the people the sentence counts
    r"|\s+(?i:was|were)\s+(?i:a|an)\s+(?:[a-z]+\s+)?(?i:"
    + "|".join(singulars[0] for _, tags, singulars, _ in vocabulary.counted() if "one" in tags)
    + r")\b"
)
# "up from one": the count a comparison starts from
_ONE_OK_BEFORE = regexes.compile(r"(?i)\b(?:up|down|rising|falling)\s+from\s+$")
_ONLY_BEFORE = regexes.compile(r"(?i)\b(?:only|just)\s+$")
_OF_THEM_AFTER = regexes.compile(r"(?i)\s+of\s+(?:the|them|these|those)\b")
_COUNTED_AFTER = regexes.compile(
    r"\s+(?:(?!the\b|these\b|those\b|its\b|their\b)[a-z]+\s+)?(?:"
    + "|".join(
        f for unit, tags, _, plurals in vocabulary.counted() if "year" in tags for f in (unit, *plurals)
    )
    + r")\b"
)
_NOT_ORDINAL = {head: items for _, head, _, items, _ in vocabulary.lines("ordinals.txt")}
_ORDINAL_SKIP_AFTER = regexes.compile(
    r"(?i)\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _NOT_ORDINAL["after"]) + r")\b"
)
_ORDINAL_SKIP_BEFORE = regexes.compile(
    r"(?i)\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _NOT_ORDINAL["before"]) + r")\s+$"
)


def _negative(text: str, pos: int) -> bool:
    """A minus sign right before pos: U+2212, or a hyphen that starts a word ('was -5',
    not '2009-2013'). The registry holds no negative figures, so these are left out."""
    if pos == 0:
        return False
    before = text[pos - 1]
    return before == "\u2212" or (before == "-" and (pos == 1 or text[pos - 2] in " \t\r\n(["))


def _skip_before(text: str, pos: int) -> bool:
    """'at first', 'the very first': the words right before pos, looked for only there
    (searching from the start of a long draft for every ordinal is quadratic)."""
    lead = pos
    while lead > 0 and text[lead - 1].isspace():  # the same characters as re's \s
        lead -= 1
    return _ORDINAL_SKIP_BEFORE.search(text, max(0, lead - 10), pos) is not None


def _raw(text: str) -> Iterator[Candidate]:
    for name, rank, regex, build in _COMPILED:
        for m in regex.finditer(text):
            if m.start() == m.end():
                continue
            built = build(m)
            if built is None:
                continue
            kind, value, unit = built
            if (
                name == "count"
                and _LONE_ONE.match(m.group(0))
                and not _ONE_OK_AFTER.match(text, m.end())
                and not (
                    m.group(0).lower() == "one"
                    and _ONE_OK_BEFORE.search(text, max(0, m.start() - 20), m.start())
                )
                and not (
                    # "Only one of the victims was ...": a count of one of them
                    m.group(0).lower() == "one"
                    and _ONLY_BEFORE.search(text, max(0, m.start() - 10), m.start())
                    and _OF_THEM_AFTER.match(text, m.end())
                )
            ):
                continue
            if name == "duration" and m["num"].lower() in ("a", "an") and unit != "years":
                continue
            if name == "ordinal" and (
                _ORDINAL_SKIP_AFTER.match(text, m.end()) or _skip_before(text, m.start())
            ):
                continue
            if name == "year" and _COUNTED_AFTER.match(text, m.end()):
                continue  # "2009 cases" is a count, not a year
            if isinstance(value, Decimal) and kind == "count" and value == 0:
                continue
            if _negative(text, m.start()):
                continue  # "−5 percent": read as 5 it could match a claim it contradicts
            yield Candidate(m.start(), m.end(), kind, value, unit, rank)


def candidates(text: str) -> list[Candidate]:
    """Non-overlapping figure spans in text order: longest first, then by rank."""
    blocks = blocked_spans(text)
    block_starts = [s for s, _ in blocks]
    found = [c for c in _raw(text) if not _overlaps(blocks, block_starts, c.start, c.end)]
    found.sort(key=lambda c: (-(c.end - c.start), c.rank, c.start))
    # Spans kept so far, sorted and disjoint, so each test looks at one neighbour: the
    # candidates of a long draft are many, and testing each against all is quadratic.
    taken: list[tuple[int, int]] = []
    starts: list[int] = []
    kept: list[Candidate] = []
    for cand in found:
        if not _overlaps(taken, starts, cand.start, cand.end):
            at = bisect.bisect_left(starts, cand.start)
            starts.insert(at, cand.start)
            taken.insert(at, (cand.start, cand.end))
            kept.append(cand)
    return _date_ranges(text, sorted(kept, key=lambda c: c.start))


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether start..end overlaps any of `spans`, which are sorted and disjoint (`starts`
    are their starts): only the last span starting before `end` can."""
    at = bisect.bisect_left(starts, end) - 1
    return at >= 0 and spans[at][1] > start


_BETWEEN = regexes.compile(r"\s*(?:[-\u2013\u2014~]|to|through|until|till|and)\s*")
_FROM = regexes.compile(r"(?i)\b(?:from|between)\s+$")


def _date_ranges(text: str, found: list[Candidate]) -> list[Candidate]:
    """Join 'DATE to DATE', 'from DATE - DATE' into one range of two dates."""
    out: list[Candidate] = []
    for cand in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == cand.kind == "date"
            and not str(prev.value).startswith("--")
            and not str(cand.value).startswith("--")
            and _BETWEEN.fullmatch(text, prev.end, cand.start)
            and str(prev.value) < str(cand.value)
        ):
            lead = _FROM.search(text, max(0, prev.start - 10), prev.start)
            start = lead.start() if lead else prev.start
            out[-1] = Candidate(start, cand.end, "range", (prev.value, cand.value), None, prev.rank)
            continue
        out.append(cand)
    return out
