"""Whether a figure's value and period can be a claim's: the arithmetic of agreement that
the verifier's checks and the registry audit share.

A value agrees when the intervals its hedge and written precision allow meet
(`intervals`); a period agrees when the windows can be the same time.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeGuard

from tipcheck.match import intervals as quantities
from tipcheck.model import Claim, Figure, Number, Period
from tipcheck.thresholds import APPROXIMATE, WINDOW_START_YEARS


def numeric(value: object) -> TypeGuard[Number]:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def figure_interval(fig: Figure, approximately: Decimal = APPROXIMATE) -> quantities.Interval | None:
    return quantities.interval(fig.value, fig.qualifier, fig.quote, fig.kind, approximately)


def claim_interval(claim: Claim, approximately: Decimal = APPROXIMATE) -> quantities.Interval | None:
    return quantities.interval(claim.value, claim.qualifier, claim.quote, claim.kind, approximately)


def values_agree(fig: Figure, claim: Claim, approximately: Decimal = APPROXIMATE) -> bool:
    """Whether a figure's value can be the claim's, given hedges and written precision
    ("approximately" tolerating the fraction `approximately` of a value)."""
    if fig.kind in ("date", "year") or (fig.kind == "range" and isinstance(fig.value, tuple) and
                                        any(isinstance(v, str) for v in fig.value)):  # fmt: skip
        return bool(quantities.dates_meet(fig.value, claim.value))
    if claim.kind in ("date", "year"):
        return bool(quantities.dates_meet(fig.value, claim.value))
    if fig.kind == "range":
        # pairs both: a range figure meets only range claims here (align.COMPATIBLE), and the
        # index holds no claim without a value
        return isinstance(fig.value, tuple) and isinstance(claim.value, tuple) and fig.value == claim.value
    if fig.kind == "tier":
        return str(fig.value).lower() == str(claim.value).lower()
    a, b = figure_interval(fig, approximately), claim_interval(claim, approximately)
    if a is None or b is None:
        return fig.value == claim.value
    return a.agrees(b)


def same_window(a: Period, b: Period) -> bool:
    """Two cumulative windows that are the same up to a year's doubt about either end: a
    window counted from a text's date ("since 2004", in a 2015 draft) may or may not take in
    the year it was written."""
    return (
        abs(int(a.end[:4]) - int(b.end[:4])) <= 1
        and abs(int(a.start[:4]) - int(b.start[:4])) <= WINDOW_START_YEARS
    )


def periods_compatible(fig: Figure, claim: Claim) -> bool:
    """Whether a figure and a claim can be about the same time."""
    if fig.kind in ("date", "year") or claim.period is None or fig.period is None:
        return True
    a, b = fig.period, claim.period
    if fig.kind in ("ratio", "percent"):
        # a share carries its own span ("3.9 times under the 2009-2013 plan", whatever year
        # the report that says so is for), but "fell by 50 per cent in 2020", whose own
        # clause names its year, is not about 2009-2013
        return fig.basis not in ("clause", "parenthesis", "comparison") or a.overlaps(*b.bounds())
    if fig.kind in ("count", "money") and a.cumulative != b.cumulative:
        return False
    if a.cumulative and b.cumulative:
        return same_window(a, b)
    return a.overlaps(*b.bounds())


def near_miss(a: object, b: object) -> bool:
    """A typing slip between two numbers: transposed digits (761/716, 583/538), one digit
    changed (1,078/1,087 is both), or a digit dropped or doubled."""
    if not (numeric(a) and numeric(b)) or a == b:
        return False
    x, y = str(a).replace(".", ""), str(b).replace(".", "")
    if len(x) < 2 or len(y) < 2:
        return False
    if len(x) == len(y):
        diffs = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and x[diffs[0]] == y[diffs[1]]
            and x[diffs[1]] == y[diffs[0]]
        )
    short, long_ = sorted((x, y), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )
