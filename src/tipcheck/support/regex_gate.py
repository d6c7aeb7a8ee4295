"""`finditer` that skips the positions where a pattern cannot start, with the same matches.

A pattern that opens with `\\b` or a look-behind gives `re` no literal to search for, so
`finditer` runs the whole pattern at every position of the text: the extractor's patterns
spent most of their time failing at letters no figure starts with. `Finder` reads, from
the parsed pattern, the first three characters any match can start with (as character
classes, every case included) and whether a match can start inside a word. It builds a
gate from them that does start with a character class, which `re` scans for in C, and
runs the pattern only where the gate passes.

The gate checks only what every match must begin with, then the pattern itself in a
look-ahead (so that its failures cost no Python call), and `Finder.finditer` re-matches the
pattern where the gate passed: it yields exactly the matches of `re.finditer`. The analysis uses
`re._parser`, which is private; whenever it is missing, raises, or meets a construct it
does not know, the finder is plain `finditer`. tests/test_regex_gate.py compares the two on
the seeds and eval drafts for every extractor pattern.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tipcheck.support import cache
from tipcheck.support import regex_cache as regexes

try:
    from re import _parser as sre  # type: ignore[attr-defined]  # private in typeshed
except ImportError:  # pragma: no cover - a future re laid out otherwise
    sre = None

# Gates as worked out by this version of the analysis, for this Python build.
_VERSION = 5
_MEMO = cache.Memo(f"gates-{_VERSION}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")
_DEPTH = 3  # characters checked before the pattern runs: enough to tell "one" from "on"
_MOST = 2000  # prefixes kept at most; a pattern with more is searched plainly
_NON_ASCII = r"\x80-\U0010ffff"
_ANY = (r"\s\S",)  # a class is the sorted parts of its body
_WORD = re.compile(r"\w")
# A prefix: where the match may start (`_ANYWHERE`, `_WORD_START`, `_LINE_START`), then
# up to `_DEPTH` character classes.
Prefix = tuple[Any, ...]


class _Unknown(Exception):
    """A construct the analysis does not cover: the pattern is searched plainly."""


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
        """Every position of `text` where the lead matches, overlapping ones included."""
        if text is not self._text:
            gate = self._finder.gate
            if gate is not None:
                self._starts = [hit.start() for hit in gate.finditer(text)]
            else:
                match = self._finder.regex.match
                self._starts = [at for at in range(len(text)) if match(text, at)]
            self._text = text  # kept, so the same object is the same text
        return self._starts


def _remembered(key: tuple, work: Callable[[], object]) -> object:
    """`work()`, kept between runs under `key` (parsing the extractor's patterns takes
    some 60 ms a run); what raises is kept as "": search plainly."""
    entries = _MEMO.entries()
    if key not in entries:
        try:
            value = work()
        except Exception:
            value = ""  # _Unknown, an error of the private parser, a limit
        _MEMO.put(key, "" if value is None else value)
    return entries[key]


_NOTHING = re.compile(r"(?!)")


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
    open_: set[Prefix] = set()
    done: set[Prefix] = set()
    for alternative in kept:
        some, more = _extend(alternative, parsed.state.flags, {(_ANYWHERE,)})
        open_, done = open_ | some, done | more
    prefixes = open_ | done
    heads = {p[1] for p in prefixes if len(p) > 1}
    if any(len(p) == 1 for p in prefixes) or _ANY in heads:
        return None  # any character can start a match: nothing to skip
    # one class to scan for, each part once: re tests a character against each in turn
    first = _class(tuple(sorted({part for head in heads for part in head})))
    tests = []
    for mark, guard in ((_WORD_START, r"(?<!\w\w)"), (_LINE_START, r"(?<![^\n])"), (_ANYWHERE, "")):
        some = {p[1:] for p in prefixes if p[0] == mark}
        if some:
            # a match that cannot start inside a word ("x" then "2014"), or only at a line
            # start: a cheap test first
            inner = rf"(?<=(?={_trie(some)})[\s\S])"
            tests.append(inner.replace("(?<=", "(?<=" + guard, 1) if mark is _LINE_START else guard + inner)
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
# The first item of a prefix: whether the match may start inside a word, only at a word
# start, or only at a line start (or the text's).
_ANYWHERE, _WORD_START, _LINE_START = "anywhere", "word start", "line start"


def _trie(prefixes: set[Prefix]) -> str:
    """The prefixes as one pattern, shared beginnings written once."""
    if () in prefixes:
        return ""  # a shorter prefix: anything may follow it
    heads: dict[Any, set[Prefix]] = {}
    for p in prefixes:
        heads.setdefault(p[0], set()).add(p[1:])
    alternatives = [f"{_class(head)}{_trie(rest)}" for head, rest in sorted(heads.items())]
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _extend(items: list, flags: int, open_: set[Prefix]) -> tuple[set[Prefix], set[Prefix]]:
    """Extend each prefix in `open_` by what `items` can match first: (prefixes still
    shorter than the depth, prefixes at the depth). A prefix is a mark (where it may
    start) and character classes; a short one that ends the pattern, or stops
    before what cannot be read (a group reference), stands for anything after it."""
    done: set[Prefix] = set()
    for op, av in items:
        if not open_:
            break
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            if op is sre.AT and av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
                open_ = {(_LINE_START,) if len(p) == 1 else p for p in open_}
            elif _word_start(op, av):
                open_ = {(_WORD_START,) if p == (_ANYWHERE,) else p for p in open_}
            continue  # zero width: otherwise the superset ignores it
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            char = _element(op, av, flags)
            starts_no_word = _non_word(op, av)
            grown = {((_WORD_START,) if starts_no_word and p == (_ANYWHERE,) else p) + (char,) for p in open_}
            done |= {p for p in grown if len(p) > _DEPTH}
            open_ = {p for p in grown if len(p) <= _DEPTH}
        elif op is sre.SUBPATTERN:
            _, add, remove, sub = av
            open_, more = _extend(list(sub.data), (flags | add) & ~remove, open_)
            done |= more
        elif op is sre.ATOMIC_GROUP:
            open_, more = _extend(list(av.data), flags, open_)
            done |= more
        elif op is sre.BRANCH:
            grown = set()
            for alternative in av[1]:
                some, more = _extend(list(alternative.data), flags, open_)
                grown |= some
                done |= more
            open_ = grown
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            after = set(open_) if low == 0 else set()
            current = open_
            # each non-empty repetition adds a character: past the depth, more change nothing
            for times in range(1, _DEPTH + 2):
                if times > high or not current:
                    break
                current, more = _extend(list(sub.data), flags, current)
                done |= more
                if times >= low or times == _DEPTH + 1:
                    after |= current
            open_ = after
        elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            done |= open_  # what the group held is not known here
            open_ = set()
        else:
            raise _Unknown(op)
        if len(open_) + len(done) > _MOST:
            raise _Unknown("too many prefixes")
    return open_, done


def _word_start(op: Any, av: Any) -> bool:
    """Whether an assertion that opens a match keeps it from starting inside a word: a
    `\\b`, a line or text start, a look-behind that refuses word characters
    (`(?<![\\w.,/])`) or ends with a non-word one (`(?<=\\bmid-)`)."""
    if op is sre.AT:
        return av in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    direction, body = av
    items = list(body.data)
    if direction >= 0 or not items:
        return False
    if op is sre.ASSERT:
        return _non_word(*items[-1])
    return (
        len(items) == 1
        and items[0][0] is sre.IN
        and (sre.CATEGORY, sre.CATEGORY_WORD) in items[0][1]
        and all(kind is not sre.NEGATE for kind, _ in items[0][1])
    )


def _element(op: Any, av: Any, flags: int) -> tuple[str, ...]:
    """A character class holding every character `op` can match (its body's parts)."""
    fold = bool(flags & re.IGNORECASE)
    if op is sre.LITERAL:
        return _canonical(_literal(av, fold))
    if op is sre.IN:
        parts: list[str] = []
        for kind, value in av:
            if kind is sre.NEGATE:
                return _ANY
            if kind is sre.LITERAL:
                parts += _literal(value, fold)
            elif kind is sre.RANGE:
                parts += _range(value[0], value[1], fold)
            elif kind is sre.CATEGORY:
                parts.append(_CATEGORIES[value])
                if fold:
                    parts.append(_NON_ASCII)  # a category under case folding: kept wide
            else:
                raise _Unknown(kind)
        return _canonical(parts)
    return _ANY  # ANY, NOT_LITERAL


def _literal(code: int, fold: bool) -> list[str]:
    char = chr(code)
    if not fold or char.lower() == char.upper() == char:
        return [_escape(code)]
    if code >= 128:
        # re's extra case pairs (dotless i, long s, Kelvin sign) can reach ASCII letters
        return [_escape(code), "A-Za-z", _NON_ASCII]
    # an ASCII letter: both cases, and the non-ASCII characters that fold to it
    return [_escape(ord(char.lower())), _escape(ord(char.upper())), _NON_ASCII]


def _range(low: int, high: int, fold: bool) -> list[str]:
    parts = [f"{_escape(low)}-{_escape(high)}"]
    if fold and (high > 0x2FF or any(chr(c).lower() != chr(c).upper() for c in range(low, high + 1))):
        parts += ["A-Za-z", _NON_ASCII]  # a cased range under case folding: kept wide
    return parts


@functools.cache
def _class(parts: tuple[str, ...]) -> str:
    """A class of `parts`. Every non-ASCII character is written as "not these ASCII ones":
    a class with a range up to U+10FFFF takes re's compiler some 10 ms to build."""
    if _NON_ASCII not in parts:
        return "[" + "".join(parts) + "]"
    ascii_part = (
        re.compile("[" + "".join(p for p in parts if p != _NON_ASCII) + "]") if len(parts) > 1 else None
    )
    outside = _runs([c for c in range(128) if not (ascii_part and ascii_part.match(chr(c)))])
    return f"[^{outside}]" if outside else r"[\s\S]"


def _escape(code: int) -> str:
    if code < 128 and chr(code).isalnum():
        return chr(code)
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _runs(codes: list[int]) -> str:
    """Sorted codes as a class body, consecutive ones as a range: shorter to parse."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in runs)


def _canonical(parts: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(parts)))


_CATEGORIES: dict[Any, str] = {}
if sre is not None:
    _CATEGORIES = {
        sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    }  # fmt: skip


def _non_word(op: Any, av: Any) -> bool:
    """Whether `op` matches only characters that are no word characters (in any case)."""
    if op is sre.LITERAL:
        return not _WORD.match(chr(av))
    if op is sre.IN:
        return all(
            (kind is sre.LITERAL and not _WORD.match(chr(value)))
            or (kind is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD))
            for kind, value in av
        )
    return False
