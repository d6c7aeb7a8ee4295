"""Compiled regular expressions kept between runs.

The extractor's patterns (number words, currencies, months, in many combinations) take
about 40 ms to compile, which is re's parser and compiler written in Python; the result
is a list of integers for the C matcher. `compile` keeps those lists in the cache folder,
keyed by the exact pattern, flags and Python build, and rebuilds a pattern from them in
microseconds. Anything unexpected (another Python, a damaged or missing file, a future
`re` that changed its internals) falls back to `re.compile`: the cache can only make a
run faster, never different. tests/test_regexes.py checks the rebuilt patterns against
`re.compile`'s on the seeds.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from tipcheck.support import cache

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None  # type: ignore[assignment]

_KEY = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}"
_MEMO = cache.Memo(f"regex-{_KEY}.marshal")


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
    """`re.compile`, fast from the second run on."""
    if _sre is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    parts = _MEMO.entries().get((pattern, flags))
    if parts is not None:
        try:
            return _sre.compile(pattern, *parts)
        except Exception:
            pass
    try:
        parts = _parts(pattern, flags)
        compiled = _sre.compile(pattern, *parts)
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags)
    _MEMO.put((pattern, flags), parts)
    return compiled
