"""value: the same measure for the same period, with another value.

Fails: "22 victims found jobs in 2014" (the registry: 24 victims provided with jobs in
2014); "in 2024, around 30 million people were exploited" (approximately 27 million).
Passes: "nearly 500 traffickers over the past 12 years" (486); "about $300,000"
(approximately $298,500); "around 30 million people are exploited" (the text does not say
for which year: unsourced, not a contradiction).
Needs every identity condition pinned: the same measure, entity and period (see
`verify.identity`); a figure whose year the text does not give is never contradicted.
"""

from __future__ import annotations

from tipcheck.match.agreement import near_miss, values_agree
from tipcheck.match.align import is_dated
from tipcheck.model import Finding
from tipcheck.thresholds import MATCH
from tipcheck.verify.checks.base import Check, Subject, contradiction, show
from tipcheck.verify.identity import same_period


def run(s: Subject) -> Finding | None:
    fig = s.figure
    if is_dated(fig):
        return None  # dates are the date check's
    rivals = [x for x in s.strong if same_period(fig, x.claim) is True]
    if fig.part_of is not None:
        # "38 of the 54 victims ...": the words about the whole are not this part's measure
        whole = s.figures[fig.part_of].value
        rivals = [x for x in rivals if x.claim.value != whole]
    if any(g.part_of == s.index for g in _earlier_in_sentence(s)):
        # "36 (of the 54) victims to NGOs, and 51 to the VAC": the whole is named again
        # inside its part's clause, whose words measure the parts, not it
        return None
    if fig.kind == "range":
        return _range(s)
    if fig.kind in ("tier", "ordinal") and fig.period is None:
        # "on Tier 2 Watch List for the second consecutive year" in an undated text: which
        # report it is, is unknown; only a claim that holds for every year can say otherwise
        rivals = [x for x in rivals if x.claim.period is None]
    if not rivals:
        return None
    if fig.period is None and fig.kind in ("count", "money", "percent"):
        periods = {x.claim.period for x in rivals}
        if len(periods) > 1 or any(p is not None and p.cumulative for p in periods):
            # which period it means is unknown; only an evident slip of the keyboard is certain
            slip = next((x.claim for x in rivals if near_miss(fig.value, x.claim.value)), None)
            if slip is not None and not any(values_agree(fig, x.claim, s.approximately) for x in s.ranked):
                return contradiction(s, "value", f"looks like a slip for {show(slip)}", slip)
            return None
    best = rivals[0].claim
    if values_agree(fig, best, s.approximately):
        return None
    return contradiction(s, "value", f"the registry says {show(best)}", best)


def _earlier_in_sentence(s: Subject) -> list:
    """The figures before this one in its sentence, the nearest 64 at most (figures come in
    text order; looking at every figure of a long draft, or of a "sentence" of a thousand
    numbers, for each one would be quadratic)."""
    out = []
    for g in reversed(s.figures[max(0, s.index - 64) : s.index]):
        if g.start < s.sentence[0]:
            break
        out.append(g)
    return out


def _range(s: Subject) -> Finding | None:
    """'the 2009-2012 plan': compared with the registered span that starts or ends the same year."""
    fig = s.figure
    assert isinstance(fig.value, tuple)  # run sends only figures of kind "range" here
    lo, hi = fig.value
    for x in s.ranked:
        if x.score < MATCH or not isinstance(x.claim.value, tuple):
            continue
        c_lo, c_hi = x.claim.value
        if (c_lo == lo) != (c_hi == hi):
            return contradiction(s, "value", f"the registry says {show(x.claim)}", x.claim)
    return None


CHECK = Check("value", "same measure and period, another value", run, __doc__ or "")
