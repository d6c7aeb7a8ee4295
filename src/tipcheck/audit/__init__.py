"""`tipcheck audit`: the registry checked against itself, for contradictions inside and
between its sources. Each check is a small named unit listed in `ALL`, with its user
documentation in its module docstring and should-pass and should-fail rows in
`tests/test_audit.py`. Nothing here prints; `run` returns issues in a stable order.
"""

from __future__ import annotations

from tipcheck.audit import brackets, breakdowns, derived, gaps, lists, recorded, repeats, restated, series
from tipcheck.audit.base import SEVERITIES, AuditCheck, Issue
from tipcheck.model import Registry

ALL: tuple[AuditCheck, ...] = (
    restated.CHECK,
    breakdowns.CHECK,
    series.CHECK,
    brackets.CHECK,
    lists.CHECK,
    derived.CHECK,
    gaps.CHECK,
    repeats.CHECK,
    recorded.CHECK,
)


def run(registry: Registry, only: tuple[str, ...] = ()) -> list[Issue]:
    """Every check's issues, most severe first, then in the order of the sources."""
    issues: list[Issue] = []
    for check in ALL:
        if not only or check.id in only:
            issues += check.run(registry)

    def order(issue: Issue) -> tuple:
        first = issue.claims[0] if issue.claims else None
        return (SEVERITIES.index(issue.severity), first.file if first else "", first.start if first else 0,
                issue.check, issue.message)  # fmt: skip

    return sorted(issues, key=order)


__all__ = ["ALL", "AuditCheck", "Issue", "run"]
