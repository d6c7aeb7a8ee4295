"""Character offsets of a text as LSP positions, and back.

tipcheck's offsets count code points; an LSP position is a line and a column counted in
the units the session agreed on, UTF-16 code units unless the client asked for another
encoding, so that a character outside the Basic Multilingual Plane (an emoji, a flag)
counts as two. Lines end at CRLF, CR or LF, in LSP as in `text.lines`.
"""

from __future__ import annotations

import bisect
import re

_LINE_END = re.compile(r"\r\n?|\n")
ENCODINGS = ("utf-16", "utf-8", "utf-32")


def units(chars: str, encoding: str = "utf-16") -> int:
    """How many code units of `encoding` the characters take."""
    if encoding == "utf-32" or chars.isascii():
        return len(chars)
    if encoding == "utf-8":
        return len(chars.encode("utf-8", "surrogatepass"))
    return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)


class Lines:
    """A text's line starts, found once, to convert many offsets of one version of it."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding if encoding in ENCODINGS else "utf-16"
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and column, in code units, of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line] : offset], self.encoding)

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of a position; a column past the line's end (or inside a
        surrogate pair) stops at the end of the line (or of that character), as LSP asks."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        content = self.text[start:end].rstrip("\r\n")
        if self.encoding == "utf-32" or content.isascii():
            return start + min(max(column, 0), len(content))
        count = 0
        for i, char in enumerate(content):
            if count >= column:
                return start + i
            count += units(char, self.encoding)
        return start + len(content)
