"""value: the same measure for the same period, with another value.

Fails: "22 victims found jobs in 2014" (the registry: 24 victims provided with jobs in
2014); "around 30 million people exploited" (approximately 27 million). Passes: "nearly
500 traffickers over the past 12 years" (486); "about $300,000" (approximately $298,500).
A figure with no period of its own is compared only when the registry gives the measure
for one period alone; otherwise which period it means is unknown, and it stays unsourced.
"""

from __future__ import annotations

from ..align import is_dated
from ..model import Finding
from .base import Check, Subject, contradiction, periods_compatible, show, values_agree


def run(s: Subject) -> Finding | None:
    fig = s.figure
    if is_dated(fig):
        return None  # dates are the date check's
    rivals = [x for x in s.strong if periods_compatible(fig, x.claim)]
    if fig.part_of is not None:
        # "38 of the 54 victims ...": the words about the whole are not this part's measure
        whole = s.figures[fig.part_of].value
        rivals = [x for x in rivals if x.claim.value != whole]
    if not rivals:
        return None
    if fig.period is None and fig.kind in ("count", "money", "percent"):
        periods = {x.claim.period for x in rivals}
        if len(periods) > 1 or any(p is not None and p.cumulative for p in periods):
            return None
    best = rivals[0].claim
    if values_agree(fig, best):
        return None
    return contradiction(s, "value", f"the registry says {show(best)}", best)


CHECK = Check("value", "same measure and period, another value", run, __doc__ or "")
