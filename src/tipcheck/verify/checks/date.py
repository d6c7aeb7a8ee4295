"""date: a dated event placed on another date.

Fails: "the 2009-2013 plan, approved on 9 February 2009" (the registry: February 6,
2009); "the first national plan, endorsed in 2005" (May 6, 2004). Passes: "in the summer
of 2014 the president approved the 2014-2018 plan" (July 24, 2014): a date written to
the month, season or year agrees with every day it covers; "the 2016 edition was released
on 30 June 2016" (the registry dates the 2015 report: a yearly report's other editions are
other events); "approved by Decree No. 668 on July 24, 2014" (no act of that number is
registered: its date is not compared with another act's).
Needs the measure (which event) and the kind of event pinned: a date is compared only with
a registered event of the kind its clause names (a Criminal Code amendment is not the law
it amends, a UN resolution is not a decree).
"""

from __future__ import annotations

from tipcheck.figures import entities
from tipcheck.match import lexicon
from tipcheck.match.agreement import values_agree
from tipcheck.model import Claim, Figure, Finding
from tipcheck.support import regex_cache as regexes
from tipcheck.thresholds import SENTENCE
from tipcheck.verify.checks.base import Check, Subject, contradiction, show

_BOUNDARY = regexes.compile(
    r"(?i)\b(?:since|(?<!dates\s)(?<!dated\s)(?<!date\s)from|until|till|before|after|by|through)\s+(?:the\s+(?:year\s+)?)?$"
)


def run(s: Subject) -> Finding | None:
    fig = s.figure
    dated = fig.kind in ("date", "year") or (
        fig.kind == "range" and isinstance(fig.value, tuple) and any(isinstance(v, str) for v in fig.value)
    )
    if not dated:
        return None
    if _BOUNDARY.search(s.text, max(0, fig.start - 20), fig.start):
        return None  # "since 2001", "until 2010": the edge of a span, not an event's date
    events = [x for x in s.strong if x.claim.kind in ("date", "year")]
    if not events:
        return None
    events = [x for x in events if not _coarser_restatement(x.claim, events, fig)]
    if any(values_agree(fig, x.claim, s.approximately) for x in events):
        return None  # one of the events it may be agrees (the TIP reports of several years)
    best = events[0].claim
    if fig.ref and (best.ref is None or _act(best.ref) != _act(fig.ref)):
        # "Decree No. 668 on July 24, 2014": the act the draft names is not the registry's
        # (a wrong number, or an act it has no date for); its date is no other act's
        return None
    if _recurring(best):
        # "released the 2016 edition on 30 June 2016": another year's edition of a yearly
        # report is another event; only that year's edition can say the date is wrong
        same_year = [x.claim for x in events if str(x.claim.value)[:4] == str(fig.value)[:4]]
        if not same_year:
            return None
        best = same_year[0]
    # the head as the registry's own vocabulary reads it, where the subject has the index
    head = s.claims_index.heads[best.id] if s.claims_index is not None else lexicon.head(best.metric)
    if head is not None and s.context.get(head, 0.0) < SENTENCE:
        return None  # the draft does not name the thing the registry dates
    if values_agree(fig, best, s.approximately):
        return None
    return contradiction(s, "date", f"the registry dates this {show(best)}", best)


def _act(ref: str) -> tuple[str, str]:
    """'Decree No. 667' and 'Decree N 667' -> ('decree', '667')."""
    words = regexes.compile(r"[A-Za-z]+|\d[\w-]*").findall(ref)
    number = next((w for w in words if w[0].isdigit()), "")
    return (words[0].lower() if words else "", number.lower())


def _recurring(claim: Claim) -> bool:
    """An event that comes back every year (a report's release, a world day): a date of
    another year is another edition of it, not a wrong date of this one."""
    kinds = entities.of_claim(claim)
    return kinds is not None and kinds.split(",")[0] in ("report", "day")


CHECK = Check("date", "a dated event on another date", run, __doc__ or "")


def _coarser_restatement(claim: Claim, events: list, fig: Figure) -> bool:
    """The caption's '(2009)' says nothing against '18 May 2009' when the day is registered."""

    def precision(value: object) -> int:
        return len(value) if isinstance(value, str) else 4

    if precision(claim.value) >= precision(fig.value):
        return False
    return any(
        precision(o.claim.value) > precision(claim.value)
        and (o.claim.metric == claim.metric or claim.same_as == o.claim.id or o.claim.same_as == claim.id)
        for o in events
    )
