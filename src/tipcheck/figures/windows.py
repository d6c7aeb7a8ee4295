"""Windows of years: the spans a text counts over ("over the past 12 years", "in the
decade to 2014", "during these years" after an anniversary), each a cumulative Period.

`figures.periods` marks them as the clause scope of their sentence; `windows_in` reads the
window a heading or table label names.
"""

from __future__ import annotations

import re

from tipcheck.figures import numbers as nums
from tipcheck.figures.spans import NUM
from tipcheck.model import Period
from tipcheck.support import regex_cache as regexes
from tipcheck.support.regex_gate import Finder

_BY_YEAR = regexes.compile(r"(?i)\b(?:by|to|until|through)\s+(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d\d)\b")
_WINDOW = Finder(
    rf"(?i)\b(?:over|in|during|for|within)\s+(?:the\s+)?(?:(?:past|last)\s+|more\s+than\s+)"
    rf"(?P<n>{NUM}|a\s+dozen)\s+years\b"
    rf"|\bfor\s+more\s+than\s+(?P<n2>{NUM})\s+years\b"
    rf"|\bover\s+(?P<n3>{NUM})\s+years\b(?!\s+(?:old|of\s+age))"
)
_WINDOW_TO = Finder(
    rf"(?i)\b(?:in|over|during|for|within|across)\s+the\s+(?:(?P<decade>decade)|(?P<n>{NUM})[\s-]+years?(?:\s+period)?)"
    rf"\s+(?:(?:up\s+)?to|until|till|through|ending(?:\s+in)?|before)\s+(?P<mid>mid-?\s*)?(?P<y>(?:19|20)\d\d)\b"
)
_DECADE = Finder(
    r"(?i)\b(?:over|in|during|throughout|for|across)\s+the\s+(?P<rel>past|last|previous|preceding)\s+decade\b"
)
_THESE_YEARS = Finder(r"(?i)\b(?:during|in|over|for)\s+(?:these|those|the\s+same)\s+years\b")
_ANNIVERSARY = Finder(
    r"(?i)\b(?P<prev>previous|last|this)\s+year\s+was\s+the\s+(?P<n>\d+)(?:st|nd|rd|th)\s+year\s+anniversary"
    r"|\b(?P<n2>\d+)(?:st|nd|rd|th)\s+(?:year\s+)?anniversary"
)


def _window_years(text: str, published: str | None) -> dict[int, Period]:
    """Cumulative windows, keyed by the offset of the sentence-level phrase naming them;
    one that would start before 1800 ('the past 11112 years') is left unresolved."""
    return {
        pos: p for pos, p in _windows(text, published).items() if p.start.isdigit() and int(p.start) >= 1800
    }


def _windows(text: str, published: str | None) -> dict[int, Period]:
    out: dict[int, Period] = {}
    pub_year = int(published[:4]) if published else None
    anniv_end: int | None = None
    anniv_n: int | None = None
    for m in _ANNIVERSARY.finditer(text):
        anniv_n = int(m["n"] or m["n2"])
        if m["prev"] and pub_year:
            anniv_end = pub_year - (0 if m["prev"].lower() == "this" else 1)
    for m in _THESE_YEARS.finditer(text):
        if anniv_n and anniv_end:
            out[m.start()] = Period(str(anniv_end - anniv_n + 1), str(anniv_end), True)
    for m in _DECADE.finditer(text):
        # "the previous decade" ends with the year the sentence is about, else before publication
        lead = text[max(0, m.start() - 200) : m.start()]
        lead = re.split(r"[.!?]\s|\n\s*\n", lead)[-1]
        years = re.findall(r"\b(?:19|20)\d\d\b", lead)
        end = int(years[-1]) if years else (pub_year - 1 if pub_year else None)
        if end:
            out[m.start()] = Period(str(end - 9), str(end), True)
    for m in _WINDOW_TO.finditer(text):
        n = 10 if m["decade"] else _count_words(m["n"])
        if n:
            end = int(m["y"]) - (
                1 if m.group(0).lower().rstrip("0123456789").rstrip().endswith("before") else 0
            )
            # "the 12 years up to mid-2017" began in mid-2005
            out[m.start()] = Period(str(end - n + (0 if m["mid"] else 1)), str(end), True)
    for m in _WINDOW.finditer(text):
        n = _count_words(m["n"] or m["n2"] or m["n3"] or "")
        # "the past 12 years" of a 2017 text: the twelve whole years before 2017; a report
        # named in the sentence ("the TIP report for 2017") is the reference instead.
        ref = _report_year(text, m.start()) or pub_year
        if n and ref:
            out[m.start()] = Period(str(ref - int(n)), str(ref - 1), True)
    return out


_REPORT_YEAR = regexes.compile(
    r"(?i)\b(?P<a>(?:19|20)\d\d)\s+(?:TIP\s+)?report\b|\breport\s+(?:for|of)\s+(?P<b>(?:19|20)\d\d)\b"
)


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_SAID_ON = regexes.compile(
    rf"\b(?:on|in)\s+(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?|{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b"
)
_BLANK_LINE = regexes.compile(r"\n\s*\n")
_AFTER_STOP = regexes.compile(r"(?<=[.!?])\s")


def _report_year(text: str, pos: int) -> int | None:
    """The year of a report named earlier in the sentence or the one before it in its
    paragraph ('The 2017 report kept Azerbaijan on Tier 2. Officials cite ... over 12 years')."""
    lead = _BLANK_LINE.split(text[max(0, pos - 400) : pos])[-1]
    lead = " ".join(_AFTER_STOP.split(lead)[-2:])
    found = list(_REPORT_YEAR.finditer(lead))
    by = list(_BY_YEAR.finditer(lead))
    if by and (not found or by[-1].start() > found[-1].start()):
        return int(by[-1]["y"])  # "By 2017, officials put the totals at ... over 12 years"
    # "At a conference on 12 June 2017, he gave the totals for the past 12 years": the day
    # the words were said, named in their own sentence
    said = list(_SAID_ON.finditer(_AFTER_STOP.split(lead)[-1]))
    if said and not found:
        return int(said[-1]["y"])
    return int(found[-1]["a"] or found[-1]["b"]) if found else None


def _count_words(raw: str) -> int | None:
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    return nums.SPECIAL.get(raw.lower()) or nums.parse_words(raw)


def windows_in(label: str, published: str | None) -> list[Period]:
    """The windows a heading or table label names: "Decade to 2014", "Past 12 years"."""
    return list(_window_years(f"in the {label}", published).values())
