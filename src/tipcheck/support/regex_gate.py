"""`finditer` that skips the positions where a pattern cannot start, with the same matches.

A pattern that opens with `\\b` or a look-behind gives `re` no literal to search for, so
`finditer` runs the whole pattern at every position of the text: the extractor's patterns
spent most of their time failing at letters no figure starts with. `Finder` reads, from
the parsed pattern, the first three characters any match can start with (as character
classes, every case included) and whether a match can start inside a word. It builds a
gate from them that does start with a character class, which `re` scans for in C, and
runs the pattern only where the gate passes.

A gate also knows line starts ("^"), and leaves out the alternatives that need a
character the text lacks ("@"). It checks only what every match must begin with, then the pattern itself in a
look-ahead (so that its failures cost no Python call), and `Finder.finditer` re-matches the
pattern where the gate passed: it yields exactly the matches of `re.finditer`. The analysis uses
`re._parser`, which is private; whenever it is missing, raises, or meets a construct it
does not know, the finder is plain `finditer`. tests/test_regex_gate.py compares the two on
the seeds and eval drafts for every extractor pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator

from tipcheck.support import cache
from tipcheck.support import regex_cache as regexes
from tipcheck.support import regex_prefixes as analysis

try:
    from re import _parser as sre  # type: ignore[attr-defined]  # private in typeshed
except ImportError:  # pragma: no cover - a future re laid out otherwise
    sre = None

# Gates as worked out by this version of the analysis, for this Python build.
_VERSION = 5
_MEMO = cache.Memo(f"gates-{_VERSION}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal", 1_000_000)
_NOTHING = re.compile(r"(?!)")  # for a text in which no alternative can match


class Finder:
    """A compiled pattern whose `finditer` runs it only where the gate lets it start."""

    def __init__(self, pattern: str, flags: int = 0, lead: Lead | None = None) -> None:
        self.regex = regexes.compile(pattern, flags)
        self.gate: re.Pattern[str] | None = None
        # a pattern that opens with a named group around the lead, under the same flags,
        # starts only where the lead matches: several patterns then share one scan
        group = _GROUP_OPEN.match(pattern)
        self.lead: Lead | None = None
        if lead is not None and group is not None and lead.flags == flags:
            self.lead = lead if pattern.startswith(lead.pattern + ")", group.end()) else None
        self._key = (pattern, int(flags))
        # (a pattern read through a lead needs no gate of its own)
        self.gate = self._gate_without(()) if self.lead is None else None
        # the characters each alternative cannot match without ("@" for an address): in a
        # text that lacks one, the gate leaves that alternative's starts out
        needs = _remembered((*self._key, "needs"), lambda: _needs(pattern, flags))
        self._needs = needs if isinstance(needs, tuple) and all(isinstance(n, str) for n in needs) else ()
        self._gates: dict[tuple[int, ...], re.Pattern[str] | None] = {(): self.gate}

    def _gate_without(self, dropped: tuple[int, ...]) -> re.Pattern[str] | None:
        gate = _remembered((*self._key, *dropped), lambda: _gate(*self._key, frozenset(dropped)))
        try:
            return regexes.compile(gate) if isinstance(gate, str) and gate else None
        except re.error:
            return None  # a damaged memo entry: search plainly

    def _gate_for(self, text: str) -> re.Pattern[str] | None:
        dropped = tuple(i for i, chars in enumerate(self._needs) if any(c not in text for c in chars))
        if len(dropped) == len(self._needs):
            return _NOTHING  # no alternative can match in this text
        if dropped not in self._gates:
            self._gates[dropped] = self._gate_without(dropped) if len(self._gates) < 16 else self.gate
        return self._gates[dropped]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of `self.regex.finditer(text)`, found faster."""
        if self.lead is not None:
            starts: Iterable[int] = self.lead.starts(text)
        elif self.gate is not None:
            gate = self._gate_for(text) if self._needs else self.gate
            starts = (hit.start() for hit in (gate or self.gate).finditer(text))
        else:
            yield from self.regex.finditer(text)
            return
        match = self.regex.match
        end = 0
        for at in starts:
            if at < end:
                continue  # inside the last match: finditer resumes at its end
            found = match(text, at)
            if found is not None:  # always, when the gate holds the pattern
                end = found.end()
                yield found


class Lead:
    """What several patterns open with ("(?P<num>NUM)..."): every position where it
    matches, found once a text for all of them."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._finder = Finder(pattern, flags)
        self._text: str | None = None
        self._starts: list[int] = []

    def starts(self, text: str) -> list[int]:
        """Every position of `text` where the lead matches, overlapping ones included (and,
        if its gate cannot hold it, some more)."""
        if text is not self._text:
            gate, match = self._finder.gate, self._finder.regex.match
            hits = (
                (h.start() for h in gate.finditer(text))
                if gate
                else (at for at in range(len(text)) if match(text, at))
            )
            self._starts, self._text = list(hits), text  # the text kept: the same object, the same text
        return self._starts


def _remembered(key: tuple, work: Callable[[], object]) -> object:
    """`work()`, kept between runs under `key` (parsing the extractor's patterns takes
    some 60 ms a run); what raises is kept as "": search plainly."""
    found = _MEMO.get(key)
    if found is None:
        try:
            value = work()
        except Exception:
            value = ""  # analysis.Unknown, an error of the private parser, a limit
        found = "" if value is None else value
        _MEMO.put(key, found)
    return found


def _alternatives(items: list) -> list[list]:
    """The top-level alternatives of a parsed pattern (one, when it has no `|`)."""
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        return [list(a.data) for a in items[0][1][1]]
    return [items]


def _needs(pattern: str, flags: int) -> tuple[str, ...]:
    """For each top-level alternative, characters every match of it holds."""
    parsed = sre.parse(pattern, flags)
    return tuple("".join(sorted(_held(a, parsed.state.flags))) for a in _alternatives(list(parsed.data)))


def _held(items: list, flags: int) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL and not (flags & re.IGNORECASE and chr(av).lower() != chr(av).upper()):
            out.add(chr(av))
        elif op is sre.SUBPATTERN:
            out |= _held(list(av[3].data), (flags | av[1]) & ~av[2])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            out |= _held(list(av[2].data), flags)
        elif op is sre.BRANCH:
            out |= set.intersection(*(_held(list(a.data), flags) for a in av[1]))
    return out


def _gate(pattern: str, flags: int, dropped: frozenset[int] = frozenset()) -> str | None:
    """A pattern that matches one character at every position where `pattern` can start
    (and, unless it holds the pattern itself, at some more), leaving out the starts of the
    top-level alternatives in `dropped`; or None when the analysis cannot tell them."""
    if sre is None:
        return None
    parsed = sre.parse(pattern, flags)
    if parsed.getwidth()[0] < 1:
        return None  # empty matches: finditer's rules for them are not reproduced here
    kept = [a for i, a in enumerate(_alternatives(list(parsed.data))) if i not in dropped]
    open_: set[analysis.Prefix] = set()
    done: set[analysis.Prefix] = set()
    for alternative in kept:
        some, more = analysis.extend(alternative, parsed.state.flags, {(analysis.ANYWHERE,)})
        open_, done = open_ | some, done | more
    prefixes = open_ | done
    heads = {p[1] for p in prefixes if len(p) > 1}
    if any(len(p) == 1 for p in prefixes) or analysis.ANY in heads:
        return None  # any character can start a match: nothing to skip
    # one class to scan for, each part once: re tests a character against each in turn
    first = analysis.class_of(tuple(sorted({part for head in heads for part in head})))
    tests = []
    for mark, guard in (
        (analysis.WORD_START, r"(?<!\w\w)"),
        (analysis.LINE_START, r"(?<![^\n])"),
        (analysis.ANYWHERE, ""),
    ):
        some = {p[1:] for p in prefixes if p[0] == mark}
        if some:
            # a match that cannot start inside a word ("x" then "2014"), or only at a line
            # start: a cheap test first
            inner = rf"(?<=(?={analysis.trie(some)})[\s\S])"
            tests.append(
                inner.replace("(?<=", "(?<=" + guard, 1) if mark is analysis.LINE_START else guard + inner
            )
    gate = first + (tests[0] if len(tests) == 1 else "(?:" + "|".join(tests) + ")")
    # the pattern itself in the gate, so that its failures cost no Python call; a pattern
    # that cannot sit in a look-behind (a group reference) keeps the gate alone
    if flags & ~sum(flag for flag, _ in _SCOPED) & ~re.UNICODE:
        return gate
    scoped = "".join(letter for flag, letter in _SCOPED if flags & flag)
    lead = _GLOBAL_FLAGS.match(pattern)
    if lead:  # "(?i)..." opens the pattern: in the gate, the same flags scope it
        scoped, pattern = scoped + lead[1], pattern[lead.end() :]
    whole = (
        rf"{gate}(?<=(?=(?{scoped}:{pattern}))[\s\S])" if scoped else rf"{gate}(?<=(?=(?:{pattern}))[\s\S])"
    )
    try:
        regexes.compile(whole)
    except re.error:
        return gate
    return whole


_SCOPED = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))
_GROUP_OPEN = re.compile(r"\(\?P<\w+>")
_GLOBAL_FLAGS = re.compile(r"\(\?([ims]+)\)")
