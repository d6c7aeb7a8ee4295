"""The prefixes of a parsed pattern, for `regex_gate`: the first characters any match can
start with (as character classes, every case included), and where a match may start.

Reads `re._parser`'s tree, which is private; `regex_gate` searches plainly whenever this
raises (`Unknown` for a construct it does not cover).
"""

from __future__ import annotations

import functools
import re
from typing import Any

try:
    from re import _parser as sre  # type: ignore[attr-defined]  # private in typeshed
except ImportError:  # pragma: no cover - a future re laid out otherwise
    sre = None

DEPTH = 3  # characters checked before the pattern runs: enough to tell "one" from "on"
MOST = 2000  # prefixes kept at most; a pattern with more is searched plainly
NON_ASCII = r"\x80-\U0010ffff"
ANY = (r"\s\S",)  # a class is the sorted parts of its body
_WORD = re.compile(r"\w")
# A prefix: where the match may start (`ANYWHERE`, `WORD_START`, `LINE_START`), then
# up to `DEPTH` character classes.
Prefix = tuple[Any, ...]

# The first item of a prefix: whether the match may start inside a word, only at a word
# start, or only at a line start (or the text's).
ANYWHERE, WORD_START, LINE_START = "anywhere", "word start", "line start"


class Unknown(Exception):
    """A construct the analysis does not cover: the pattern is searched plainly."""


def trie(prefixes: set[Prefix]) -> str:
    """The prefixes as one pattern, shared beginnings written once."""
    if () in prefixes:
        return ""  # a shorter prefix: anything may follow it
    heads: dict[Any, set[Prefix]] = {}
    for p in prefixes:
        heads.setdefault(p[0], set()).add(p[1:])
    alternatives = [f"{class_of(head)}{trie(rest)}" for head, rest in sorted(heads.items())]
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def extend(items: list, flags: int, open_: set[Prefix]) -> tuple[set[Prefix], set[Prefix]]:
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
                open_ = {(LINE_START,) if len(p) == 1 else p for p in open_}
            elif _word_start(op, av):
                open_ = {(WORD_START,) if p == (ANYWHERE,) else p for p in open_}
            continue  # zero width: otherwise the superset ignores it
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            char = _element(op, av, flags)
            starts_no_word = _non_word(op, av)
            grown = {((WORD_START,) if starts_no_word and p == (ANYWHERE,) else p) + (char,) for p in open_}
            done |= {p for p in grown if len(p) > DEPTH}
            open_ = {p for p in grown if len(p) <= DEPTH}
        elif op is sre.SUBPATTERN:
            _, add, remove, sub = av
            open_, more = extend(list(sub.data), (flags | add) & ~remove, open_)
            done |= more
        elif op is sre.ATOMIC_GROUP:
            open_, more = extend(list(av.data), flags, open_)
            done |= more
        elif op is sre.BRANCH:
            grown = set()
            for alternative in av[1]:
                some, more = extend(list(alternative.data), flags, open_)
                grown |= some
                done |= more
            open_ = grown
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            after = set(open_) if low == 0 else set()
            current = open_
            # each non-empty repetition adds a character: past the depth, more change nothing
            for times in range(1, DEPTH + 2):
                if times > high or not current:
                    break
                current, more = extend(list(sub.data), flags, current)
                done |= more
                if times >= low or times == DEPTH + 1:
                    after |= current
            open_ = after
        elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            done |= open_  # what the group held is not known here
            open_ = set()
        else:
            raise Unknown(op)
        if len(open_) + len(done) > MOST:
            raise Unknown("too many prefixes")
    return open_, done


def _word_start(op: Any, av: Any) -> bool:
    """Whether an assertion that opens a match keeps it from starting inside a word: a
    `\\b`, a look-behind that refuses word characters (`(?<![\\w.,/])`) or ends with a
    non-word one (`(?<=\\bmid-)`)."""
    if op is sre.AT:
        return bool(av == sre.AT_BOUNDARY)
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
        return tuple(sorted(set(_literal(av, fold))))
    if op is sre.IN:
        parts: list[str] = []
        for kind, value in av:
            if kind is sre.NEGATE:
                return ANY
            if kind is sre.LITERAL:
                parts += _literal(value, fold)
            elif kind is sre.RANGE:
                parts += _range(value[0], value[1], fold)
            elif kind is sre.CATEGORY:
                parts.append(_CATEGORIES[value])
                if fold:
                    parts.append(NON_ASCII)  # a category under case folding: kept wide
            else:
                raise Unknown(kind)
        return tuple(sorted(set(parts)))
    return ANY  # ANY, NOT_LITERAL


def _literal(code: int, fold: bool) -> list[str]:
    char = chr(code)
    if not fold or char.lower() == char.upper() == char:
        return [_escape(code)]
    if code >= 128:
        # re's extra case pairs (dotless i, long s, Kelvin sign) can reach ASCII letters
        return [_escape(code), "A-Za-z", NON_ASCII]
    # an ASCII letter: both cases, and the non-ASCII characters that fold to it
    return [_escape(ord(char.lower())), _escape(ord(char.upper())), NON_ASCII]


def _range(low: int, high: int, fold: bool) -> list[str]:
    parts = [f"{_escape(low)}-{_escape(high)}"]
    if fold and (high > 0x2FF or any(chr(c).lower() != chr(c).upper() for c in range(low, high + 1))):
        parts += ["A-Za-z", NON_ASCII]  # a cased range under case folding: kept wide
    return parts


@functools.cache
def class_of(parts: tuple[str, ...]) -> str:
    """A class of `parts`. Every non-ASCII character is written as "not these ASCII ones":
    a class with a range up to U+10FFFF takes re's compiler some 10 ms to build."""
    if NON_ASCII not in parts:
        return "[" + "".join(parts) + "]"
    ascii_part = (
        re.compile("[" + "".join(p for p in parts if p != NON_ASCII) + "]") if len(parts) > 1 else None
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


_CATEGORIES: dict[Any, str] = {
    getattr(sre, f"CATEGORY_{name}"): escape
    for name, escape in (("DIGIT", r"\d"), ("NOT_DIGIT", r"\D"), ("SPACE", r"\s"), ("NOT_SPACE", r"\S"),
                         ("WORD", r"\w"), ("NOT_WORD", r"\W"))
} if sre is not None else {}  # fmt: skip


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
