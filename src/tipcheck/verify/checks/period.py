"""period: the right value attached to the wrong year.

Fails: "the 53 victims paid an allowance in 2016" (the registry gives 53 for 2014, and
nothing for 2016). Passes: "in 2019, 40 victims were paid an allowance" (a new figure for
a new year: unsourced, not a contradiction); "for 2016 the one-time allowance was 400
manats" (the registry's 400 for 2014 is a rate per victim, and rates stay for years).
Small counts (under 10) are left alone: the same 3 or 5 recurs by chance far too often
to call it misdated.
Needs the measure and entity pinned, and a year stated in the figure's own sentence (not
one read from its paragraph or the document's date).
"""

from __future__ import annotations

from decimal import Decimal

from tipcheck.match.agreement import numeric, values_agree
from tipcheck.model import Finding
from tipcheck.support import regex_cache as regexes
from tipcheck.thresholds import MISDATED_FROM
from tipcheck.verify.checks.base import Check, Subject, contradiction, show
from tipcheck.verify.identity import STATED_IN_SENTENCE, pinned

# "one-time allowance per victim", "monthly pension": an amount per head or per month,
# which the same in another year is no sign of a misdated figure
_RATE = regexes.compile(r"(?i)\bper\b|\beach\b|\bmonthly\b|\ba\s+month\b")


def run(s: Subject) -> Finding | None:
    fig = s.figure
    mine = pinned(fig)
    if fig.kind not in ("count", "money") or mine is None or mine.cumulative:
        return None
    if fig.basis not in STATED_IN_SENTENCE:
        return None  # a year read from the paragraph or the document is not the text's word
    if not numeric(fig.value) or Decimal(fig.value) < MISDATED_FROM:
        return None
    lo, hi = mine.bounds()
    # the registry's own figure for that year, if it has one (a total over many years that
    # include it is not one)
    same_time = [
        x
        for x in s.strong
        if x.claim.period is not None and not x.claim.period.cumulative and x.claim.period.overlaps(lo, hi)
    ]
    if same_time:
        return None
    for x in s.strong:
        period = x.claim.period
        if _RATE.search(x.claim.metric):
            continue
        if period is not None and not period.cumulative and values_agree(fig, x.claim, s.approximately):
            return contradiction(
                s, "period", f"the registry gives this figure for {period.label()}: {show(x.claim)}", x.claim
            )
    return None


CHECK = Check("period", "the right value attached to the wrong year", run, __doc__ or "")
