"""Brackets around a position of a text: an editor's square-bracketed aside, and the round
brackets a year or a breakdown stands in. Character offsets in, offsets out.
"""

from __future__ import annotations


def square_bracket(text: str, pos: int) -> int | None:
    """Where the square bracket that holds `pos` opens, within its paragraph; None when
    `pos` is not inside one."""
    floor = max(0, text.rfind("\n\n", 0, pos))
    opened = text.rfind("[", floor, pos)
    if opened < 0 or text.rfind("]", opened, pos) >= 0:
        return None
    return opened if text.find("]", pos, pos + 400) >= 0 else None


def round_bracket(text: str, pos: int, lo: int, hi: int) -> tuple[int, int] | None:
    """(open, close) of the round brackets around `pos` within [lo, hi), or None."""
    opened = text.rfind("(", lo, pos)
    if opened < 0 or text.rfind(")", opened, pos) >= 0:
        return None
    close = text.find(")", pos, hi)
    if close < 0 or text.find("(", pos, close) >= 0:
        return None
    return opened, close
