"""The domain's words, read from the plain-text files in tipcheck/vocabulary/.

Each file holds one table (countries, scale words, currencies, counted nouns, concept
synonyms) once, for every module that needs it; each starts with comments saying its
format. All share one line grammar, parsed by hand (start-up time matters: `verify` runs
on every commit, and yaml or json would cost more than the reading):

    head [tag, tag]: item, item | item, item

`#` starts a comment line; blank lines are skipped. The tags, the colon and the part
after `|` are optional, and each file says what its head, items and tags mean. A line
that does not fit raises VocabularyError naming the file and line. Each table is read
once per process.
"""

from __future__ import annotations

import os
from functools import cache

FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vocabulary")
FILES = (
    "countries.txt", "scales.txt", "currencies.txt", "counted.txt", "concepts.txt", "entities.txt", "events.txt",
    "ordinals.txt", "metrics.txt",
)  # fmt: skip


class VocabularyError(ValueError):
    """A line of a vocabulary file that does not fit its format."""


# (line number, head, tags, items before `|`, items after `|`)
Line = tuple[int, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _items(text: str) -> tuple[str, ...]:
    return tuple([item.strip() for item in text.split(",")]) if text and not text.isspace() else ()


def parse(text: str, name: str) -> tuple[Line, ...]:
    """The lines of a vocabulary file's text; `name` is for the messages."""
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition(":")
        first, _, second = rest.partition("|")
        head, tags = head.strip(), ""
        if head[-1:] == "]":
            head, _, tags = head[:-1].partition("[")
            head = head.strip()
        found = _items(tags), _items(first), _items(second)
        problem = _problem(head, found, second)
        if problem:
            raise VocabularyError(f"{name}:{number}: {problem} in {raw!r}")
        out.append((number, head, *found))
    return tuple(out)


def _problem(head: str, found: tuple[tuple[str, ...], ...], second: str) -> str | None:
    if not head:
        return "no head before the ':'"
    if "|" in head:
        return "a '|' before the ':'"
    if "[" in head or "]" in head:
        return "a '[' or ']' outside the tags at the end of the head"
    if "|" in second:
        return "more than one '|'"
    if "" in found[0]:
        return "an empty tag"
    if "" in found[1] or "" in found[2]:
        return "an empty item (',,' or a ',' at an end)"
    return None


@cache
def lines(name: str) -> tuple[Line, ...]:
    """The parsed lines of one file of tipcheck/vocabulary/, read once."""
    path = os.path.join(FOLDER, name)
    with open(path, encoding="utf-8") as file:
        return parse(file.read(), path)


def _error(name: str, number: int, why: str) -> VocabularyError:
    return VocabularyError(f"{os.path.join(FOLDER, name)}:{number}: {why}")


@cache
def countries() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(name, aliases, other words) of every country, in file order."""
    return tuple((head, first, second) for _, head, _, first, second in lines("countries.txt"))


@cache
def scales() -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """(word, multiplier, abbreviations) of every scale word, smallest first."""
    out = []
    for number, head, _, first, second in lines("scales.txt"):
        if not first or second or not first[0].replace("_", "").isdigit():
            raise _error("scales.txt", number, f"{head}: wants `word: multiplier[, abbreviation...]`")
        out.append((head, int(first[0]), first[1:]))
    return tuple(out)


@cache
def currencies() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(unit, forms written before the number, forms written after it) of every currency."""
    return tuple((head, first, second) for _, head, _, first, second in lines("currencies.txt"))


@cache
def counted() -> tuple[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...]], ...]:
    """(unit, tags, singular forms, other plural forms) of every counted noun."""
    found = lines("counted.txt")
    return tuple((head, frozenset(tags), first, second) for _, head, tags, first, second in found)


@cache
def concepts() -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """(concept, tags, synonyms) of every concept, in file order."""
    return tuple((head, frozenset(tags), first) for _, head, tags, first, _ in lines("concepts.txt"))
