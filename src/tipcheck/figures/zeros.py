"""Zeros a source asserts in words: "no child victims", "(none in 2018)", "did not report
investigating or prosecuting a single complicit official". Each counts something, so each
is a claim of value 0 for `tipcheck extract` to propose.

In: a text and its figure candidates. Out: zero candidates that overlap none of them.
Only proposals read these: a draft's "no victims" is left to the editor, since a negation
misread would be a false contradiction.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tipcheck.figures import entities
from tipcheck.figures.spans import Candidate
from tipcheck.support.regex_gate import Finder

_MODIFIER = r"(?:[A-Za-z][\w-]*\s+){0,3}"


@lru_cache(maxsize=1)
def _patterns() -> tuple[Finder, ...]:
    nouns = "|".join(sorted((re.escape(n) for n in entities.nouns()), key=len, reverse=True))
    noun = rf"(?P<noun>{nouns})\b"
    return (
        # "no child victims", "zero convictions"
        Finder(rf"(?i)\b(?:no|zero)\s+{_MODIFIER}{noun}"),
        # "did not report investigating or prosecuting a single complicit official",
        # "did not identify any victims"
        Finder(
            rf"(?i)\b(?:did|does|do|had|has|have)\s+not\s+(?:\w+\s+){{0,4}}?(?:any|a\s+single)\s+{_MODIFIER}{noun}"
        ),
        # "None of the victims identified in 2018 was a foreign national"
        Finder(rf"(?i)\bnone\s+of\s+the\s+{_MODIFIER}{noun}"),
        # "(none in 2018)": a count compared with another
        Finder(r"(?i)(?<=\()none(?=\s+in\s+(?:19|20)\d\d\))"),
    )


def candidates(text: str, taken: list[Candidate]) -> list[Candidate]:
    """Zero counts of `text`, in text order, leaving out any that overlap `taken`."""
    spans = [(c.start, c.end) for c in taken]
    out: list[Candidate] = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in spans):
                continue
            noun = m.groupdict().get("noun")
            unit = _plural(noun.lower()) if noun else None
            out.append(Candidate(start, end, "count", 0, unit, 4))
            spans.append((start, end))
    return sorted(out, key=lambda c: c.start)


def _plural(noun: str) -> str:
    return noun if noun.endswith("s") else noun + "s"
