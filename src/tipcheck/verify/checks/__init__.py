"""The contradiction checks: small named units, run in the order of `ALL`.

Each check looks at one draft figure (a `Subject`, prepared by the engine) and returns a
`Finding` or None. A check usually finds a contradiction; one that can show a figure
follows from the registry (a percentage recomputed from its numbers) may return a
match. The engine gives a figure the first finding of the first check that has one;
a figure that no check speaks to and that no claim backs is unsourced.

A check is one module with a docstring (its user documentation) and a `CHECK`; it is
listed in `ALL` and has should-pass and should-fail rows in `tests/test_checks.py`.
"""

from __future__ import annotations

from tipcheck.verify.checks import cumulative, date, parts, percent, period, value
from tipcheck.verify.checks.base import Check, Subject

ALL: tuple[Check, ...] = (
    parts.CHECK,
    percent.CHECK,
    cumulative.CHECK,
    date.CHECK,
    period.CHECK,
    value.CHECK,
)


def get(check_id: str) -> Check | None:
    """The check with this id, or None."""
    return next((c for c in ALL if c.id == check_id), None)


__all__ = ["ALL", "Check", "Subject", "get"]
