"""Which countries a text names, so that a claim about one country is never read as
backing or contradicting a draft about another.

A claim may carry a `place` (a country's name as listed in vocabulary/countries.txt). A draft is checked
against the claims with no place and those of the places it names anywhere in its text.
A figure for Moldova in a draft that never says "Moldova" stays unsourced: safer than a
match with the wrong country's number. The registry bundled with tipcheck has no
places, so every draft sees all of it.
"""

from __future__ import annotations

import re

from tipcheck.support import vocabulary

# The country every draft is about unless it says otherwise; its claims carry no place.
HOME = "Azerbaijan"

# The names and aliases (long forms, older names, local spellings) of vocabulary/countries.txt.
COUNTRIES: tuple[str, ...] = tuple(name for name, _, _ in vocabulary.countries())
ALIASES: dict[str, str] = {alias: name for name, aliases, _ in vocabulary.countries() for alias in aliases}

_CANONICAL = {name: name for name in COUNTRIES} | ALIASES


def canonical(name: str) -> str | None:
    """The listed name of a country, or None for a name not in the list."""
    return _CANONICAL.get(name.strip())


def named_in(text: str) -> frozenset[str]:
    """The countries a text names, as whole words and with the case written ('Oman', not
    'woman'); inside a longer name only the longer one counts ('South Sudan', 'Papua New
    Guinea')."""
    return frozenset(_mentions(text))


def main_country(text: str, share: float = 0.6) -> str | None:
    """The one country a document is about: its first line names it (a TIP narrative's
    "MOLDOVA: Tier 2") or it has most of the document's country mentions; None when no
    country stands out."""
    first = text.strip().split("\n", 1)[0]
    headline = _mentions(re.sub(r"\b[A-Z]{2,}\b", lambda m: m.group(0).title(), first))
    if len(headline) == 1:
        return next(iter(headline))
    counts = _mentions(text)
    total = sum(counts.values())
    if not total:
        return None
    name, top = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return name if top / total >= share else None


def _mentions(text: str) -> dict[str, int]:
    """How often the text names each country."""
    found: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for name in _LONGEST_FIRST:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            whole_word = not before.isalnum() and not after.isalnum()
            if whole_word and not any(a <= start and end <= b for a, b in taken):
                found[_CANONICAL[name]] = found.get(_CANONICAL[name], 0) + 1
                taken.append((start, end))
            start = text.find(name, end)
    return found


_LONGEST_FIRST = sorted(_CANONICAL, key=len, reverse=True)
