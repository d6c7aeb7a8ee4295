"""series: cumulative totals of one measure (claims sharing a `series`) over windows
that contain one another, and the yearly figures inside them.

Fails: a 2005-2016 total of 500 after a 2005-2014 total of 583 (a window that contains
another cannot count fewer); a difference between two windows smaller than the yearly
figures registered for the years between; a yearly figure larger than a window holding
its year. Reports as info what two windows imply for the years between (1,078 - 684 =
394 for 2015-2016, so 266 for 2016 given 128 for 2015), for an editor to judge.
Restatements (`same_as`) count once.
"""

from __future__ import annotations

from tipcheck.audit.base import AuditCheck, Issue, canonical, exact, show, where
from tipcheck.model import Claim, Number, Period, Registry


def _period(claim: Claim) -> Period:
    """A series member's period: `run` groups only claims that have one."""
    assert claim.period is not None
    return claim.period


def _exact(claim: Claim) -> Number:
    """A series member's exact number: `run` groups only claims that have one."""
    value = exact(claim)
    assert value is not None
    return value


def _years(claim: Claim) -> set[int]:
    lo, hi = _period(claim).bounds()
    return set(range(lo.year, hi.year + 1))


def _span(years: set[int]) -> str:
    lo, hi = min(years), max(years)
    return str(lo) if lo == hi else f"{lo}-{hi}"


def run(registry: Registry) -> list[Issue]:
    root = canonical(registry)
    groups: dict[str, list[Claim]] = {}
    for claim in registry.claims:
        if claim.series and claim.period and exact(claim) is not None and root[claim.id] == claim.id:
            groups.setdefault(claim.series, []).append(claim)
    issues = []
    for name in sorted(groups):
        members = groups[name]
        windows = sorted(
            (c for c in members if _period(c).cumulative), key=lambda c: (_period(c).start, _period(c).end)
        )
        yearly = [c for c in members if not _period(c).cumulative and len(_years(c)) == 1]
        for w in windows:
            for y in yearly:
                if _years(y) <= _years(w) and _exact(y) > _exact(w):
                    issues.append(Issue("series", "error", f"{show(y.value)} for {_span(_years(y))} alone is more "
                                        f"than the {_span(_years(w))} total of {show(w.value)}", (y, w)))  # fmt: skip
        for i, small in enumerate(windows):
            for big in windows[i + 1 :]:
                inner, outer = _years(small), _years(big)
                if not inner < outer:
                    continue
                issues.append(_pair(name, small, big, outer - inner, yearly))
    return issues


def _pair(name: str, small: Claim, big: Claim, between: set[int], yearly: list[Claim]) -> Issue:
    a, b = _exact(small), _exact(big)
    head = (f"{name}: {show(b)} for {_span(_years(big))} ({where(big)}) and {show(a)} for "
            f"{_span(_years(small))} ({where(small)})")  # fmt: skip
    if b < a:
        return Issue("series", "error", f"{head}: the longer window counts fewer", (big, small))
    implied = b - a
    known = [y for y in yearly if _years(y) <= between]
    known_sum = sum(_exact(y) for y in known)
    derived = [(f"implied for {_span(between)}", show(implied))]
    text = f"{head} imply {show(implied)} for {_span(between)}"
    if known:
        listed = ", ".join(f"{show(y.value)} in {_span(_years(y))}" for y in known)
        if implied < known_sum:
            return Issue("series", "error", f"{text}, fewer than the {show(known_sum)} registered for those "
                         f"years ({listed})", (big, small, *known))  # fmt: skip
        rest = between - set().union(*(_years(y) for y in known))
        if rest:
            derived.append((f"implied for {_span(rest)}", show(implied - known_sum)))
            text += f"; with {listed}, that leaves {show(implied - known_sum)} for {_span(rest)}"
    if len(between) > 1:
        text += f" (about {show(round(implied / len(between)))} a year"
        per_year = round(a / len(_years(small)))
        text += f", against about {show(per_year)} a year over {_span(_years(small))})"
    notes = {c.note for c in (big, small) if c.note}
    if notes:
        text += ". How the windows were read: " + " ".join(sorted(notes))
    return Issue("series", "info", text, (big, small, *known), tuple(derived))


CHECK = AuditCheck("series", "cumulative totals that shrink or do not fit their windows", run, __doc__ or "")
