"""percent: a percentage that does not follow from its numbers.

Fails: "of the 54 victims, 20 percent were men" (the registry: 3 of 54, 5.6 percent);
"128 of 26,916 criminal cases (4.8%)". Passes: "of the 54 victims, about 6 percent were
men"; "128 of 26,916 cases, less than one percent". The base comes from the draft
("of the 54 victims", "out of 26,916"); the part from the draft when it gives one,
else from the registry's breakdown of that base. A percentage that matches a
registered percentage directly never reaches this check.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .. import quantities
from ..model import Evidence, Finding
from .base import MATCH, Check, Subject, contradiction, numeric

_BASE_BEFORE = re.compile(r"(?i)\b(?:of|out\s+of|among|from)\s+(?:the|all|a\s+total\s+of)?\s*$")


def run(s: Subject) -> Finding | None:
    fig = s.figure
    if fig.kind != "percent" or not numeric(fig.value):
        return None
    interval = quantities.interval(fig.value, fig.qualifier, fig.quote, "percent")
    if interval is None:
        return None
    lo, hi = s.sentence
    near = [(i, f) for i, f in enumerate(s.figures) if lo <= f.start < hi and f.kind == "count" and i != s.index]
    bases = [(i, f) for i, f in near if _BASE_BEFORE.search(s.text, max(lo, f.start - 20), f.start)]
    if not bases or not numeric(bases[0][1].value) or not bases[0][1].value:
        return None
    base_i, base = bases[0]
    parts = [(i, f) for i, f in near if i != base_i and numeric(f.value) and f.value < base.value]  # type: ignore[operator]
    part = min(parts, key=lambda p: abs(p[1].end - fig.start)) if parts else None
    if part is not None and abs(part[1].end - fig.start) < 40:
        share = Decimal(part[1].value) * 100 / Decimal(base.value)  # type: ignore[arg-type]
        if interval.contains(share):
            return Finding("match", None, fig, f"{part[1].quote} of {base.quote} is {share:.1f} percent")
        return contradiction(s, "percent", f"{part[1].quote} of {base.quote} is {share:.1f} percent, not {fig.quote}")
    return _from_registry(s, base.value, interval)


def _from_registry(s: Subject, base_value: object, interval: quantities.Interval) -> Finding | None:
    """The part from the registry: a registered breakdown of a whole equal to the base."""
    from ..align import Index

    wholes = [c for c in s.registry.claims if c.kind == "count" and c.value == base_value]
    parts = [p for w in wholes for p in s.registry.parts_of(w.id) if numeric(p.value)]
    if not parts:
        return None
    index = Index(parts)
    scored = sorted(((index.score(p, _clause(s), False), p) for p in parts), key=lambda t: -t[0])
    score, part = scored[0]
    if score < MATCH:
        return None
    whole = s.registry.get(part.part_of or "")
    share = Decimal(part.value) * 100 / Decimal(base_value)  # type: ignore[arg-type]
    evidence = tuple(Evidence(c, f"{share:.1f} percent") for c in (part, whole) if c is not None)
    if interval.contains(share):
        return Finding("match", None, s.figure, f"{part.value} of {base_value} is {share:.1f} percent", evidence)
    return Finding(
        "contradiction", "percent", s.figure,
        f"the registry gives {part.value} of {base_value} ({part.metric}): {share:.1f} percent, not {s.figure.quote}",
        evidence,
    )  # fmt: skip


def _clause(s: Subject) -> dict[str, float]:
    """The percentage's own words weigh most: 'of the 54 victims, 20 percent were men'."""
    return {k: v for k, v in s.context.items() if v >= 0.6}


CHECK = Check("percent", "a percentage that does not follow from its numbers", run, __doc__ or "")
