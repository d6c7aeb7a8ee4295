"""brackets: age brackets that overlap, and minors where the ages leave none.

Warns: "18-25" and "25-35" in one breakdown (a 25-year-old fits both); one document
counts a girl among 54 victims while another breaks the same 54 down exhaustively by
age from 18 up. Passes: "18-24", "25-34" and "over 35". Brackets are read from the
parts' metrics ("victims aged 18-25", "victims aged over 35").
"""

from __future__ import annotations

import re

from tipcheck.audit.base import AuditCheck, Issue, canonical, exact, show, where
from tipcheck.model import Claim, Registry
from tipcheck.support import vocabulary

_RANGE = re.compile(r"\b(\d{1,3})\s*[-–]\s*(\d{1,3})\b")
_OVER = re.compile(r"\b(?:over|above|older than)\s+(\d{1,3})\b")
# Units that count minors: every form of a `minor` noun of vocabulary/counted.txt.
_MINORS = frozenset(
    f
    for unit, tags, singulars, plurals in vocabulary.counted()
    if "minor" in tags
    for f in (unit, *singulars, *plurals)
)


def bracket(claim: Claim) -> tuple[int, int] | None:
    m = _RANGE.search(claim.metric)
    if m:
        return int(m[1]), int(m[2])
    m = _OVER.search(claim.metric)
    return (int(m[1]) + 1, 200) if m else None


def run(registry: Registry) -> list[Issue]:
    issues = []
    root = canonical(registry)
    for whole in registry.claims:
        ages = [p for p in registry.parts_of(whole.id) if (p.dimension or "").startswith("age")]
        spans = [(p, bracket(p)) for p in ages]
        known = [(p, b) for p, b in spans if b is not None]
        for i, (p, a) in enumerate(known):
            for q, b in known[i + 1 :]:
                lo, hi = max(a[0], b[0]), min(a[1], b[1])
                if lo <= hi:
                    shared = str(lo) if lo == hi else f"{lo}-{hi}"
                    issues.append(Issue("brackets", "warning", f"age brackets overlap at {shared}: "
                                        f"{p.metric} ({show(p.value)}) and {q.metric} ({show(q.value)})", (p, q)))  # fmt: skip
        if known and len(known) == len(ages) and "age" in whole.exhaustive:
            youngest = min(b[0] for _, b in known)
            if youngest >= 18:
                issues += _minors_elsewhere(registry, root, whole, youngest, [p for p, _ in known])
    return issues


def _minors_elsewhere(registry: Registry, root: dict[str, str], whole: Claim, youngest: int,
                      ages: list[Claim]) -> list[Issue]:  # fmt: skip
    issues = []
    for other in registry.claims:
        if other.id == whole.id or root[other.id] != root[whole.id] or exact(other) != exact(whole):
            continue
        for part in registry.parts_of(other.id):
            value = exact(part)
            if (part.unit or "").lower() in _MINORS and value:
                issues.append(Issue("brackets", "warning", f"{where(part)} counts '{part.quote}' among "
                                    f"the {show(whole.value)} {whole.unit}, but {where(whole)} breaks the same "
                                    f"{show(whole.value)} down by age from {youngest} up, leaving no minors",
                                    (part, whole, *ages)))  # fmt: skip
    return issues


CHECK = AuditCheck("brackets", "age brackets that overlap or leave out counted minors", run, __doc__ or "")
