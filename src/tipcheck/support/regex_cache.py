"""Compiled regular expressions kept between runs: the one place that uses CPython's
private `re` internals, always with `re.compile` as the fallback.

The extractor's patterns (number words, currencies, months, in many combinations) take
about 40 ms to compile, which is re's parser and compiler written in Python; the result
is a list of integers for the C matcher. `compile` keeps those lists in the cache folder,
keyed by the exact pattern, flags and Python build, and rebuilds a pattern from them in
microseconds.

The trick uses `re._parser.parse`, `re._compiler._code` and `_sre.compile`, none of them
public. It is used only when all of these hold, checked once per process by `fast_path`:
the interpreter is CPython of a version listed in `WRITTEN_FOR` with the `_sre.MAGIC`
listed for it; `TIPCHECK_NO_REGEX_CACHE` is unset and `use_plain` has not been called; and
a probe pattern rebuilt through the private calls behaves as `re.compile`'s. Otherwise,
and whenever a private call raises or a cached entry does not load, `compile` is plain
`re.compile`: the cache can only make a run faster, never different. tests/test_regexes.py
and tests/test_regex_cache.py check this on the seeds.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from tipcheck.support import cache

# Private CPython modules, absent from typeshed: untyped (Any) on purpose, as every use is
# guarded by fast_path and falls back to re.compile.
try:
    import _sre  # type: ignore[import-not-found]  # the C matcher: no stub
    from re import _compiler, _parser  # type: ignore[attr-defined]  # private in typeshed
except ImportError:  # pragma: no cover - not CPython, or a future re laid out otherwise
    _sre = _compiler = _parser = None

# The CPython versions this was written and checked for, with the matcher's MAGIC of each:
# `re._compiler.compile` hands `_sre.compile` the same arguments in all of them.
WRITTEN_FOR: dict[tuple[int, int], int] = {(3, 11): 20220615, (3, 12): 20221023, (3, 13): 20230612}

# Read whole on every run: the patterns of a few versions fit; the extractor's gates, one per
# set of characters a text lacks, would otherwise keep adding to it
BUDGET = 3_000_000
ENV_SWITCH = "TIPCHECK_NO_REGEX_CACHE"  # set (to anything but "" or "0"): always re.compile

_PROBE = r"(?i)(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>km|miles?)?(?=\W|$)|(?<![a-z])per\s+cent|\b(x)\1\b"
_PROBE_TEXT = "12 km, 3.5 Miles and 40 per cent; xx 7km, 9 MILE."

_state: dict[str, Any] = {}  # "fast": bool, once decided; "memo": the cache.Memo


def use_plain(plain: bool = True) -> None:
    """Make every later `compile` plain `re.compile` (or, with False, decide again).
    Patterns compiled before the call are not recompiled."""
    _state.clear()
    if plain:
        _state["fast"] = False


def fast_path() -> bool:
    """Whether `compile` uses the private API and the cache (decided once per process)."""
    fast = _state.get("fast")
    if fast is None:
        try:
            fast = _state["fast"] = _fast_path_works()
        except Exception:
            fast = _state["fast"] = False
    return fast


def _fast_path_works() -> bool:
    if os.environ.get(ENV_SWITCH, "") not in ("", "0"):
        return False
    if _sre is None or sys.implementation.name != "cpython":
        return False
    if WRITTEN_FOR.get(sys.version_info[:2]) != getattr(_sre, "MAGIC", None):
        return False
    ours, theirs = _sre.compile(_PROBE, *_parts(_PROBE, 0)), re.compile(_PROBE)
    return _same(ours, theirs, _PROBE_TEXT)


def _same(ours: re.Pattern[str], theirs: re.Pattern[str], text: str) -> bool:
    """Whether two compiled patterns are alike and find the same matches in text."""

    def found(p: re.Pattern[str]) -> list:
        return [(m.span(), m.groups(), m.groupdict()) for m in p.finditer(text)]

    return (
        isinstance(ours, re.Pattern)
        and (ours.pattern, ours.flags, ours.groups, ours.groupindex)
        == (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
        and found(ours) == found(theirs)
    )


def _memo() -> cache.Memo:
    memo = _state.get("memo")
    if memo is None:
        key = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}"
        memo = _state["memo"] = cache.Memo(f"regex-{key}.marshal", budget=BUDGET)
    return memo


def _parts(pattern: str, flags: int) -> tuple:
    """What re.compile hands to the C matcher (mirrors re._compiler.compile)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    # plain ints: the opcodes are int subclasses, which marshal refuses
    return (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))  # fmt: skip


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, fast from the second run on where the private API allows."""
    if not fast_path():
        return re.compile(pattern, flags)
    flags = int(flags)
    memo = _memo()
    kept = memo.get((pattern, flags))
    if isinstance(kept, tuple):
        try:
            return _sre.compile(pattern, *kept)
        except Exception:
            pass  # a damaged entry: build it again
    try:
        parts = _parts(pattern, flags)
        compiled = _sre.compile(pattern, *parts)
    except Exception:
        # re.error included: re.compile raises the error itself (or, if only the private
        # calls disagree, compiles the pattern)
        return re.compile(pattern, flags)
    memo.put((pattern, flags), parts)
    return compiled
