"""The decision rule: when a registered claim speaks to a draft figure at all.

A figure and a claim are about the same thing when they agree on four conditions:
- measure: the claim aligns well with the figure's words (`match.align`);
- entity: they count the same kind of thing (victims, offenders, cases, groups, hours ...);
- place: the claim is about a country the draft names, or about none (the registry scope);
- period: the same year or the same window of years.

Each condition is True (agrees), False (disagrees) or None (the text does not pin it).

- *match*: no condition is False, and the period is pinned for a quantity that has one
  (counts and money: the same number in another year is another fact), and the value
  agrees given hedges and written precision;
- *contradiction*: every condition is True, none unknown, and the value disagrees;
- everything else is *unsourced*, with the nearest claim as a hint.

A claim aligned below `thresholds.MATCH` (kept only because it is within CLOSE of the
best) backs a count only when its entity is pinned and the same, and a date only when the
draft writes it to the day (`engine._direct_match`): "four stages", "three studies" or
"November 2014" fall on some registered value by chance.

The value alone never decides which claim a figure is about. A date or year carries its
own time, so for dated events only the measure (which event) and the kind of event count.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipcheck.figures import entities
from tipcheck.match.agreement import periods_compatible, same_window
from tipcheck.match.ranking import claim_key
from tipcheck.model import Claim, Figure, Period
from tipcheck.thresholds import ORDINAL_WORDS, RECENT_YEARS


@dataclass(frozen=True)
class Identity:
    """How a figure and a claim agree on what is counted and when."""

    entity: bool | None
    period: bool | None

    timeless: bool = False  # the claim states a standing fact, with no period
    recent: bool = False  # the figure is undated, the claim's period is just before the text's date

    @property
    def may_match(self) -> bool:
        if self.entity is False:
            return False
        if self.period is True:
            return True
        # a standing fact may back a figure whose year the text does not give; so may the
        # same kind of thing registered for the years just before the text was published
        return self.period is None and (self.timeless or (self.recent and self.entity is True))

    @property
    def may_contradict(self) -> bool:
        return self.entity is True and self.period is True


def same_period(fig: Figure, claim: Claim) -> bool | None:
    """True: the same time; False: another time; None: the figure's time is not pinned."""
    if fig.kind in ("date", "year") or claim.kind in ("date", "year"):
        return True  # a dated event's time is its value
    if fig.kind in ("percent", "ratio", "range", "tier", "ordinal"):
        # a share or a span carries its own time; a tier or an ordinal is read with its report
        return periods_compatible(fig, claim)
    if fig.entity == "capacity":
        return True  # how many a shelter holds is a standing fact, whatever year says it
    if fig.period is None or fig.basis == "recent years":
        return None  # not pinned: the text does not say which year
    if claim.period is None:
        return True  # a standing fact ("29 state bodies named in the plan")
    return _same_window(fig.period, claim.period)


def _same_window(a: Period, b: Period) -> bool:
    if a.cumulative != b.cumulative:
        return False
    if a.cumulative:
        return same_window(a, b)
    return a.bounds() == b.bounds()


def same_entity(fig: Figure, claim: Claim) -> bool | None:
    """Counts: the same kind of thing counted; dates: the same kind of event."""
    if fig.kind in ("date", "year"):
        if claim.kind not in ("date", "year"):
            return True
        return entities.agree(fig.entity, entities.of_claim(claim))
    if fig.kind == "ordinal" and claim.kind == "ordinal":
        return _same_ordinal(fig, claim)
    if fig.kind not in ("count", "money", "duration"):
        return True  # shares and tiers count nothing
    return entities.agree(fig.entity, entities.of_claim(claim))


def pinned(fig: Figure) -> Period | None:
    """The figure's period where the text pins it; None where it is unknown or only bounded
    by the document's date ("recent years")."""
    return None if fig.basis == "recent years" else fig.period


def _same_ordinal(fig: Figure, claim: Claim) -> bool | None:
    """'the first National Action Plan' and 'GRETA's first evaluation visit' are firsts of
    different things: the claim's noun must follow the draft's ordinal. An ordinal with no
    word after it in its clause ("the plan for 2014-2018, Azerbaijan's third") is open."""
    if fig.unit is None:
        return None
    noun = (claim.unit or "").lower().split()
    words = [w.rstrip("s") for w in (fig.metric or "").lower().split()[:ORDINAL_WORDS]]
    return bool(noun) and noun[-1].rstrip("s") in words


def identity(fig: Figure, claim: Claim) -> Identity:
    # reads of the claim only what `claim_key` holds: callers memoise on it
    recent = False
    if fig.basis == "recent years" and fig.period is not None and claim.period is not None:
        ends_late = int(claim.period.end[:4]) >= int(fig.period.end[:4]) - RECENT_YEARS
        same_kind = claim.period.cumulative == fig.period.cumulative
        recent = fig.period.contains(claim.period) and ends_late and same_kind
    return Identity(same_entity(fig, claim), same_period(fig, claim), claim.period is None, recent)


def period_open(fig: Figure) -> bool:
    """Whether `same_period` may answer None (not pinned) for this figure and some claim."""
    return fig.period is None or fig.basis == "recent years"


# The bases that state a figure's year in its own sentence: only these can say that a
# registered value was moved to the wrong year (the `period` check).
STATED_IN_SENTENCE = ("clause", "parenthesis", "comparison", "sentence scope")


def why_not(fig: Figure, claim: Claim) -> str | None:
    """Why a close claim does not speak to the figure, for the unsourced hint."""
    found = identity(fig, claim)
    if found.entity is False:
        return f"this figure counts {fig.entity}"
    if found.period is None:
        return "the text does not say which year this figure is for"
    if found.period is False and fig.period is not None:
        return f"this figure is for {fig.period.label()}"
    return None


__all__ = ["Identity", "claim_key", "identity", "period_open", "same_entity", "same_period", "why_not"]
