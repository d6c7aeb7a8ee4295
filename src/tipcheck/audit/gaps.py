"""gaps: a figure the source leaves blank ("— of them were provided with medical
assistance"), and claims whose quote is no longer at its place in the source (stale:
the source changed under the registry) or whose source file is missing.

A blank figure is a warning: the sentence asserts a number and gives none. A stale or
missing source is an error: the registry no longer shows what the source says.
"""

from __future__ import annotations

from tipcheck.audit.base import AuditCheck, Issue
from tipcheck.model import Registry


def run(registry: Registry) -> list[Issue]:
    from tipcheck.registry import check as checks

    issues = [
        Issue("gaps", "warning", f"the source leaves this figure blank: {c.metric} ('{c.quote}')", (c,))
        for c in registry.claims
        if c.value is None
    ]
    for problem in checks.check(registry):
        claim = registry.get(problem.claim_id) if problem.claim_id else None
        if claim is not None:
            issues.append(Issue("gaps", "error", problem.message, (claim,)))
        else:
            issues.append(Issue("gaps", "error", str(problem), ()))
    return issues


CHECK = AuditCheck(
    "gaps", "figures left blank, and claims gone stale against their source", run, __doc__ or ""
)
