"""Markdown tables: which row and column a position of the text is in.

A table is found in the raw text (the masked copy blanks its rules); each row is
(start, end, start of the table's first row), and a cell is read as its column's header
and its row's first cell.
"""

from __future__ import annotations

from bisect import bisect_right

from tipcheck.support import regex_cache as regexes

_TABLE_ROW = regexes.compile(r"(?m)^[ \t]*\|.*\|[ \t]*$")


def rows(text: str) -> list[tuple[int, int, int]]:
    """(start, end, start of the table's first row) of each Markdown table row."""
    rows = []
    first = -1
    previous_end = -2
    for m in _TABLE_ROW.finditer(text):
        if m.start() != previous_end + 1:
            first = m.start()
        rows.append((m.start(), m.end(), first))
        previous_end = m.end()
    return rows


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def cell_at(text: str, rows: list[tuple[int, int, int]], pos: int) -> tuple[str, str] | None:
    """For a figure inside a table body: its column's header and its row's first cell."""
    at = bisect_right(rows, (pos, len(text) + 1)) - 1  # the last row starting at or before pos
    for start, end, first in rows[max(at, 0) : at + 1]:
        if start <= pos < end and start != first:
            row_text = text[start:end]
            column = text.count("|", start, pos) - (1 if row_text.lstrip().startswith("|") else 0)
            first_end = text.find("\n", first)
            header = cells(text[first : first_end if first_end >= 0 else len(text)])
            row = cells(row_text)
            return (header[column] if 0 <= column < len(header) else "", row[0] if row else "")
    return None


def in_header(rows: list[tuple[int, int, int]], pos: int) -> bool:
    """Whether a position is in a table's first row (its header)."""
    at = bisect_right(rows, (pos, 1 << 62)) - 1
    return at >= 0 and rows[at][0] == rows[at][2] and rows[at][0] <= pos < rows[at][1]


def corner(text: str, rows: list[tuple[int, int, int]], pos: int) -> str:
    """The first header cell of the table a position is in ("| 2014 | count |": "2014")."""
    at = bisect_right(rows, (pos, 1 << 62)) - 1
    if at < 0 or not rows[at][0] <= pos < rows[at][1]:
        return ""
    first = rows[at][2]
    end = text.find("\n", first)
    header = cells(text[first : end if end >= 0 else len(text)])
    return header[0] if header else ""
