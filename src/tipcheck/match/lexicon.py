"""Words to concepts: what a figure counts, reduced to comparable tokens.

Editors restate the sources in other words ("brought to justice", "prosecuted", "held
criminally liable"); this table folds such phrasings into one concept, so that a draft's
wording and a claim's metric can be compared. It is deliberately a plain table
(vocabulary/concepts.txt): a missing synonym shows up as an unsourced figure in the
evaluation, never as a silent guess. Phrases are matched before single words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary

# The country every draft is about: naming it measures nothing (see NOT_CONCEPTS).
from tipcheck.text.places import HOME


def country_concept(name: str) -> str | None:
    """The concept of a country of vocabulary/countries.txt ('Georgia' -> 'georgia'), None
    for the home country."""
    return None if name == HOME else name.lower()


def _add(phrases: dict[str, str], words: dict[str, str], synonym: str, concept: str) -> None:
    """A plain word (a-z) is a word, anything else a phrase, a word in double quotes a
    phrase of one word. A synonym with two meanings is an error in the files."""
    table = words if synonym.isascii() and synonym.isalpha() else phrases
    synonym = synonym.strip('"')
    if table.setdefault(synonym, concept) != concept:
        raise vocabulary.VocabularyError(f"{synonym!r} means both {table[synonym]!r} and {concept!r}")


def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(phrases, words, modifier concepts) of vocabulary/concepts.txt and countries.txt.
    Every country but the home one is a modifier: a claim about Georgia's victims cannot
    back a figure about Azerbaijan's."""
    phrases: dict[str, str] = {}
    words: dict[str, str] = {}
    modifiers = {c for c, tags, _ in vocabulary.concepts() if "modifier" in tags}
    for concept, _, synonyms in vocabulary.concepts():
        for synonym in synonyms:
            _add(phrases, words, synonym, concept)
    for name, aliases, others in vocabulary.countries():
        country = country_concept(name)
        if country is not None:
            modifiers.add(country)
            for synonym in (name, *aliases, *others):
                _add(phrases, words, synonym.lower(), country)
    return phrases, words, frozenset(modifiers)


# Phrases are matched first: they would otherwise be split into misleading single words.
# Modifiers are concepts that change what is measured: a claim that lacks one cannot back
# a figure that has it ("average age" is not "aged 18-25").
PHRASES, WORDS, MODIFIERS = _tables()
# Instruments: concepts that name one law or act by its subject ("the Law on Grants"); a
# date of that act is never the date of another ("the Law on Combating Trafficking").
INSTRUMENTS = frozenset(c for c, tags, _ in vocabulary.concepts() if "instrument" in tags)

# Concepts that do not name what an event is (for `head`).
_NOT_HEADS = frozenset({"approve", "first", "second", "third", "amend", "trafficking", "person"})

# Frequent words that are no concept and must not be fuzzily taken for one
# ("trafficking" is two letters from "trafficker").
NOT_CONCEPTS = frozenset({
    "azerbaijan", "azerbaijani", "human", "beings",
    "government", "ministry", "report", "reported", "reports", "national", "republic",
    "department", "according", "combating", "combat", "efforts", "provided", "received",
    "between", "during", "including", "total", "another", "country's", "which", "their",
})  # fmt: skip

_TOKEN = regexes.compile(r"[a-z]+(?:-[a-z]+)*")
_PHRASE = regexes.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b"
)


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A crude English stem, enough to fold plurals and past tenses onto the table's keys."""
    if word in WORDS:
        return word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            if base in WORDS:
                return base
            if suffix == "ed" and base + "e" in WORDS:
                return base + "e"
    return word


@lru_cache(maxsize=4096)
def concepts(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, concept) pairs for the known phrases and words of text, in text order.
    Cached: a sentence is read once for each figure in it and each figure after it."""
    low = text.lower().replace("\u2019", "'").replace("\u00a0", " ")
    out: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _PHRASE.finditer(low):
        out.append((m.start(), PHRASES[m.group(0)]))
        taken.append(m.span())
    for m in _TOKEN.finditer(low):
        if any(s <= m.start() < e for s, e in taken):
            continue
        for part in m.group(0).split("-"):
            concept = WORDS.get(stem(part))
            if concept:
                out.append((m.start(), concept))
    out.sort()
    return tuple(out)


def head(text: str) -> str | None:
    """The first concept that names the thing itself: 'decree' in 'presidential decree on ...'."""
    return next((c for _, c in concepts(text) if c not in _NOT_HEADS), None)


def concept_set(text: str) -> frozenset[str]:
    """The concepts of a metric or phrase, without positions."""
    return frozenset(c for _, c in concepts(text))
