"""Lines of a text: the one place that turns a character offset into a line and column.

The data keeps character offsets; only rendering (and error messages) asks for lines.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset; a lone CR also ends a line."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    """Where each line begins, found once per text: a long draft has thousands of findings."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


_LINE_END = re.compile(r"\r\n?|\n")


def line_of(text: str, offset: int) -> int:
    """The 1-based line of an offset."""
    return line_col(text, offset)[0]
