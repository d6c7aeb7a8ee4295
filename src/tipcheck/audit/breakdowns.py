"""breakdowns: parts that do not add up to their whole, within a document, and two
documents that break the same total down differently.

Fails: parts by sex 18 + 9 of a whole of 26 (exhaustive: must be 26); destinations
37 + 8 + 16 of 54 victims (more than the whole). Passes: 51 women + 3 men = 54.
Across documents (wholes linked by `same_as`), exhaustive breakdowns that share a
category are compared: 50 women, 1 girl and 3 men against 51 women and 3 men is a
warning, reconcilable by counting the girl among the women; a split that no merging
of categories reconciles is an error. Parts the source leaves blank are not added up
(see `gaps`).
"""

from __future__ import annotations

from itertools import product

from tipcheck.audit.base import AuditCheck, Issue, canonical, exact, show, where
from tipcheck.model import Claim, Number, Registry


def _groups(registry: Registry, whole: Claim) -> dict[str, list[Claim]]:
    dims: dict[str, list[Claim]] = {}
    for part in registry.parts_of(whole.id):
        dims.setdefault(part.dimension or "", []).append(part)
    return dims


def run(registry: Registry) -> list[Issue]:
    issues = []
    for whole in registry.claims:
        total_whole = exact(whole)
        if total_whole is None:
            continue
        for dim, parts in sorted(_groups(registry, whole).items()):
            values = [v for v in (exact(p) for p in parts) if v is not None]
            if len(values) != len(parts):
                continue
            total = sum(values)
            listed = " + ".join(show(v) for v in values)
            if total > total_whole:
                issues.append(Issue("breakdowns", "error", f"parts by {dim} add up to {show(total)} ({listed}), "
                                    f"more than the whole, {show(total_whole)}", (whole, *parts)))  # fmt: skip
            elif dim in whole.exhaustive and total != total_whole:
                issues.append(Issue("breakdowns", "error", f"parts by {dim} add up to {show(total)} ({listed}), "
                                    f"not the whole, {show(total_whole)}", (whole, *parts)))  # fmt: skip
    issues += _across(registry)
    return issues


def _across(registry: Registry) -> list[Issue]:
    """Exhaustive breakdowns of restatements of one total, in different documents."""
    root = canonical(registry)
    family: dict[str, list[Claim]] = {}
    for claim in registry.claims:
        if claim.exhaustive and exact(claim) is not None:
            family.setdefault(root[claim.id], []).append(claim)
    issues = []
    for wholes in family.values():
        for i, a in enumerate(wholes):
            for b in wholes[i + 1 :]:
                if a.file == b.file or exact(a) != exact(b):
                    continue
                for dim_a, dim_b in product(a.exhaustive, b.exhaustive):
                    pa, pb = _groups(registry, a).get(dim_a, []), _groups(registry, b).get(dim_b, [])
                    if not pa or not pb or not ({p.unit for p in pa} & {p.unit for p in pb}):
                        continue
                    issue = _compare(a, b, pa, pb)
                    if issue is not None:
                        issues.append(issue)
    return issues


def _compare(a: Claim, b: Claim, pa: list[Claim], pb: list[Claim]) -> Issue | None:
    def label(parts: list[Claim]) -> str:
        return ", ".join(f"'{p.quote}'" for p in parts)

    if sorted((p.unit, p.value) for p in pa) == sorted((p.unit, p.value) for p in pb):
        return None
    merge = _merging(pa, pb) or _merging(pb, pa)
    head = (f"the same {show(a.value)} ({a.metric}) is split as {label(pa)} in {where(a)} "
            f"and as {label(pb)} in {where(b)}")  # fmt: skip
    if merge is None:
        return Issue(
            "breakdowns", "error", f"{head}; no merging of categories reconciles them", (a, b, *pa, *pb)
        )
    return Issue("breakdowns", "warning", f"{head}; reconcilable if {merge}", (a, b, *pa, *pb))


def _merging(fine: list[Claim], coarse: list[Claim]) -> str | None:
    """How `fine`'s parts group into `coarse`'s, or None. Each coarse part must receive a
    fine part of its own unit (the 50 women go to the 51 women), so that only a category
    the other document does not name (the 1 girl) is merged into another."""
    if len(fine) <= len(coarse) or len(fine) > 8:
        return None
    targets = [exact(c) for c in coarse]
    for assignment in product(range(len(coarse)), repeat=len(fine)):
        sums: list[Number] = [0] * len(coarse)
        for part, t in zip(fine, assignment, strict=True):
            sums[t] += exact(part) or 0
        if sums != targets:
            continue
        anchored = all(
            any(fine[i].unit == coarse[t].unit for i, u in enumerate(assignment) if u == t)
            for t in range(len(coarse))
        )
        if not anchored:
            continue
        moved = [(p, coarse[t]) for p, t in zip(fine, assignment, strict=True) if p.unit != coarse[t].unit]
        return "; ".join(f"'{p.quote}' of {where(p)} is counted among the '{c.quote}' of {where(c)}"
                         for p, c in moved)  # fmt: skip
    return None


CHECK = AuditCheck("breakdowns", "parts that do not add up to their whole", run, __doc__ or "")
