"""Words to concepts: what a figure counts, reduced to comparable tokens.

Editors restate the sources in other words ("brought to justice", "prosecuted", "held
criminally liable"); this table folds such phrasings into one concept, so that a draft's
wording and a claim's metric can be compared. It is deliberately a plain table
(vocabulary/concepts.txt): a missing synonym shows up as an unsourced figure in the
evaluation, never as a silent guess. Phrases are matched before single words.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tipcheck.errors import RegistryError
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary

# The country every draft is about: naming it measures nothing (see NOT_CONCEPTS).
from tipcheck.text.places import HOME


def country_concept(name: str) -> str | None:
    """The concept of a country of vocabulary/countries.txt ('Georgia' -> 'georgia'), None
    for the home country."""
    return None if name == HOME else name.lower()


TAGS = frozenset({"modifier", "instrument"})  # the tags a concept line may carry


def _add(phrases: dict[str, str], words: dict[str, str], synonym: str, concept: str) -> str | None:
    """A plain word (a-z) is a word, anything else a phrase, a word in double quotes a
    phrase of one word. A synonym with two meanings is an error in the files: the
    message, or None."""
    table = words if synonym.isascii() and synonym.isalpha() else phrases
    synonym = synonym.strip('"')
    if table.setdefault(synonym, concept) != concept:
        return f"{synonym!r} means both {table[synonym]!r} and {concept!r}"
    return None


ConceptLine = tuple[int, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class Lexicon:
    """The concept table of one run: the package's vocabulary and any a registry or the
    configuration adds (a newsroom's "temporary residence permit", a local agency's name).

    Phrases are matched first: they would otherwise be split into misleading single words.
    Modifiers are concepts that change what is measured: a claim that lacks one cannot back
    a figure that has it ("average age" is not "aged 18-25"). Instruments name one law or
    act by its subject ("the Law on Grants"); a date of that act is never the date of
    another ("the Law on Combating Trafficking")."""

    def __init__(self, extra: tuple[tuple[str, tuple[ConceptLine, ...]], ...] = ()) -> None:
        phrases: dict[str, str] = {}
        words: dict[str, str] = {}
        modifiers = {c for c, tags, _ in vocabulary.concepts() if "modifier" in tags}
        instruments = {c for c, tags, _ in vocabulary.concepts() if "instrument" in tags}
        for concept, _, synonyms in vocabulary.concepts():
            for synonym in synonyms:
                _raise(_add(phrases, words, synonym, concept))
        # Every country but the home one is a modifier: a claim about Georgia's victims
        # cannot back a figure about Azerbaijan's.
        for name, aliases, others in vocabulary.countries():
            country = country_concept(name)
            if country is not None:
                modifiers.add(country)
                for synonym in (name, *aliases, *others):
                    _raise(_add(phrases, words, synonym.lower(), country))
        for name, found in extra:
            for number, concept, tags, synonyms, _ in found:
                modifiers.update([concept] if "modifier" in tags else [])
                instruments.update([concept] if "instrument" in tags else [])
                for synonym in synonyms:
                    problem = _add(phrases, words, synonym.lower(), concept)
                    if problem:
                        raise vocabulary.VocabularyError(f"{name}:{number}: {problem}")
        self.extra = extra
        self.spelling: str | None = None  # the name of its spelling memo, once `align` asks
        self.phrases, self.words = phrases, words
        self.modifiers, self.instruments = frozenset(modifiers), frozenset(instruments)
        # what the index's stored features depend on: the table a registry's claims were read with
        self.key = (
            ""
            if not extra
            else f"{zlib.crc32(repr(sorted(phrases.items()) + sorted(words.items())).encode()):08x}"
        )
        self._phrase = regexes.compile(
            r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b"
        )
        self.stem = lru_cache(maxsize=16384)(self._stem)
        self.concepts = lru_cache(maxsize=4096)(self._concepts)

    def __reduce__(self) -> tuple[type[Lexicon], tuple[tuple[tuple[str, tuple[ConceptLine, ...]], ...]]]:
        # rebuilt from its lines in a worker process: the cached methods do not pickle
        return (Lexicon, (self.extra,))

    def _stem(self, word: str) -> str:
        """A crude English stem, enough to fold plurals and past tenses onto the table's keys."""
        words = self.words
        if word in words:
            return word
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", "")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                base = word[: -len(suffix)] + repl
                if base in words:
                    return base
                if suffix == "ed" and base + "e" in words:
                    return base + "e"
        return word

    def _concepts(self, text: str) -> tuple[tuple[int, str], ...]:
        """(offset, concept) pairs for the known phrases and words of text, in text order.
        Cached: a sentence is read once for each figure in it and each figure after it."""
        low = text.lower().replace("\u2019", "'").replace("\u00a0", " ")
        out: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for m in self._phrase.finditer(low):
            out.append((m.start(), self.phrases[m.group(0)]))
            taken.append(m.span())
        for m in _TOKEN.finditer(low):
            if any(s <= m.start() < e for s, e in taken):
                continue
            for part in m.group(0).split("-"):
                concept = self.words.get(self.stem(part))
                if concept:
                    out.append((m.start(), concept))
        out.sort()
        return tuple(out)

    def head(self, text: str) -> str | None:
        """The first concept that names the thing itself: 'decree' in 'presidential decree on ...'."""
        return next((c for _, c in self.concepts(text) if c not in _NOT_HEADS), None)

    def concept_set(self, text: str) -> frozenset[str]:
        """The concepts of a metric or phrase, without positions."""
        return frozenset(c for _, c in self.concepts(text))


def _raise(problem: str | None) -> None:
    if problem:
        raise vocabulary.VocabularyError(problem)


def extension(text: str, name: str) -> tuple[ConceptLine, ...]:
    """The lines of a registry's or a configuration's own vocabulary file (the grammar of
    vocabulary/concepts.txt); a line that does not fit, or a tag not in TAGS, raises
    VocabularyError naming the file and line."""
    found = vocabulary.parse(text, name)
    for number, _, tags, synonyms, rest in found:
        unknown = sorted(set(tags) - TAGS)
        if unknown:
            raise vocabulary.VocabularyError(
                f"{name}:{number}: unknown tag {unknown[0]!r} (known: {', '.join(sorted(TAGS))})"
            )
        if not synonyms or rest:
            raise vocabulary.VocabularyError(
                f"{name}:{number}: wants `concept [tags]: synonym, synonym, ...`"
            )
    return found


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

# The package's own table, for every run whose registries add none.
DEFAULT = Lexicon()
PHRASES, WORDS, MODIFIERS, INSTRUMENTS = (
    DEFAULT.phrases,
    DEFAULT.words,
    DEFAULT.modifiers,
    DEFAULT.instruments,
)
stem, concepts, head, concept_set = DEFAULT.stem, DEFAULT.concepts, DEFAULT.head, DEFAULT.concept_set


# A registry's own words: a newsroom's concepts and synonyms, in the grammar of concepts.txt.
# A synonym may not take a second meaning in the package's table or another file's: an
# error naming the file and line, for `verify` and `check-registry` alike.
NAME = "vocabulary.txt"


def files(roots: Iterable[Path], configured: Iterable[str] = ()) -> tuple[Path, ...]:
    """The vocabulary files of these registry roots (those that have one) and of the
    configuration, in that order, each once."""
    found = [root / NAME for root in roots if (root / NAME).is_file()]
    found += [Path(p) for p in configured]
    out: list[Path] = []
    for path in found:
        if path.resolve() not in {p.resolve() for p in out}:
            out.append(path)
    return tuple(out)


def build(paths: tuple[Path, ...]) -> Lexicon:
    """The lexicon of a run: the package's, extended by these files (the default one when
    there are none). A file that cannot be read or does not fit is a RegistryError."""
    if not paths:
        return DEFAULT
    extra = []
    for path in paths:
        name = _shown(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{name}: cannot read this vocabulary file ({exc})") from None
        try:
            extra.append((name, extension(text, name)))
        except vocabulary.VocabularyError as exc:
            raise RegistryError(str(exc)) from None
    try:
        return Lexicon(tuple(extra))
    except vocabulary.VocabularyError as exc:
        raise RegistryError(str(exc)) from None


def _shown(path: Path) -> str:
    """The file as the user would type it: relative to where they are, when it is below."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
