"""Which countries a text names, so that a claim about one country is never read as
backing or contradicting a draft about another.

A claim may carry a `place` (a country's name as listed in vocabulary/countries.txt). A draft is checked
against the claims with no place and those of the places it names anywhere in its text.
A figure for Moldova in a draft that never says "Moldova" stays unsourced: safer than a
match with the wrong country's number. The registry bundled with tipcheck has no
places, so every draft sees all of it.
"""

from __future__ import annotations

from tipcheck.support import vocabulary

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
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for name in _LONGEST_FIRST:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            whole_word = not before.isalnum() and not after.isalnum()
            if whole_word and not any(a <= start and end <= b for a, b in taken):
                found.add(_CANONICAL[name])
                taken.append((start, end))
            start = text.find(name, end)
    return frozenset(found)


_LONGEST_FIRST = sorted(_CANONICAL, key=len, reverse=True)
