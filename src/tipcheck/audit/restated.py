"""restated: one figure given twice with different values, in one document or two.

Fails: a restatement (`same_as`, same unit) whose value disagrees, given hedges and
written precision; two claims of one `series` for the same period (the same year, or
the same cumulative window) with different values. A claim that `supersedes` another
is a revision, reported as info rather than a disagreement. Passes: "54 victims" in
001 and 003; "486 traffickers" and "486 persons" for the same window.
"""

from __future__ import annotations

from tipcheck.audit.base import AuditCheck, Issue, show, where
from tipcheck.match.agreement import claim_interval
from tipcheck.model import Claim, Registry


def _agree(a: Claim, b: Claim) -> bool:
    ia, ib = claim_interval(a), claim_interval(b)
    if ia is None or ib is None:
        return a.value == b.value
    return ia.agrees(ib)


def _revision(a: Claim, b: Claim) -> bool:
    return a.supersedes == b.id or b.supersedes == a.id


def run(registry: Registry) -> list[Issue]:
    issues = []
    pairs: list[tuple[Claim, Claim]] = []
    for claim in registry.claims:
        target = registry.get(claim.same_as) if claim.same_as else None
        if target is not None and claim.unit == target.unit and claim.kind == target.kind:
            pairs.append((target, claim))
    by_series: dict[tuple, list[Claim]] = {}
    for claim in registry.claims:
        if claim.series and claim.period:
            by_series.setdefault((claim.series, claim.period.cumulative, claim.period.start[:4],
                                  claim.period.end[:4]), []).append(claim)  # fmt: skip
    for members in by_series.values():
        pairs += [(a, b) for i, a in enumerate(members) for b in members[i + 1 :] if (a, b) not in pairs]
    for a, b in pairs:
        if _agree(a, b):
            continue
        if _revision(a, b):
            new, old = (a, b) if a.supersedes == b.id else (b, a)
            issues.append(Issue("restated", "info", f"{show(new.value)} ({where(new)}) revises {show(old.value)} "
                                f"({where(old)}) for {new.metric}", (new, old)))  # fmt: skip
            continue
        when = f", {a.period.label()}" if a.period else ""
        issues.append(Issue("restated", "error", f"{a.metric}{when}: {show(a.value)} in {where(a)} but "
                            f"{show(b.value)} in {where(b)}", (a, b)))  # fmt: skip
    return issues


CHECK = AuditCheck("restated", "one figure given twice with different values", run, __doc__ or "")
