"""Styled lines for the terminal, without rich.

`verify` runs on every commit and rich costs about 45 ms to import, half the start-up
budget; a report needs only a few colours. A line is a list of (text, style) segments;
`render` turns it into text, with escape codes only when colour is wanted. Callers pass
text through `printable` first, so a draft cannot smuggle its own escapes in.
"""

from __future__ import annotations

import os
from typing import TextIO

Segment = tuple[str, str]  # (text, space-separated style words; "" for none)
Line = list[Segment]

_CODES = {
    "bold": "1", "dim": "2", "underline": "4",
    "red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36",
}  # fmt: skip


def wants_colour(stream: TextIO) -> bool:
    """NO_COLOR (no-color.org) turns styling off, FORCE_COLOR on; otherwise only a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render(line: Line, colour: bool) -> str:
    if not colour:
        return "".join(text for text, _ in line)
    out = []
    for text, style in line:
        codes = ";".join(_CODES[word] for word in style.split())
        out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
    return "".join(out)


def printable(text: str) -> str:
    """Text without control characters (shown as \\x1b and so on), so that a draft, a
    registry or a file name cannot drive the terminal or break a line-based format."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " if _space(ch) else f"\\x{ord(ch):02x}" for ch in text)


def _space(ch: str) -> bool:
    """A space of another width ('\\u00a0', '\\u2009'): shown as a space, not as a code."""
    import unicodedata

    return ch == " " or unicodedata.category(ch) == "Zs"


def visible(text: str) -> str:
    """Control characters other than newlines replaced one for one (offsets still hold)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else " " if _space(ch) else "\ufffd" for ch in text)
