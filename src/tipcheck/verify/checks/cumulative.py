"""cumulative: totals over windows of years, and yearly figures confused with them.

Fails: "1,078 trafficking cases in the decade to 2014" (the registry: 684 for the ten
years to 2014; 1,078 is the twelve-year total); "583 victims identified in 2014" (583 is
the ten-year total); "by 2016 the victims identified since 2004 numbered 550" (smaller
than the 583 of a window it contains). Passes: "761 victims over the past 12 years" in a
2017 draft.
Needs the measure and entity pinned, and a window (or a year) the text states: a total
whose window the text leaves open is unsourced.
"""

from __future__ import annotations

from tipcheck.match.agreement import claim_interval, figure_interval, numeric, same_window, values_agree
from tipcheck.model import Finding
from tipcheck.support import regex_cache as regexes
from tipcheck.verify.checks.base import Check, Subject, contradiction, show
from tipcheck.verify.identity import pinned

# Words that say a sentence speaks of a span of years even where its window was not
# resolved: then a total there is not "one year's figure".
_WINDOW_WORDS = regexes.compile(
    r"(?i)\b(?:decade|years|since|totals?|totalled|overall|cumulative|so\s+far|to\s+date|in\s+all|"
    r"altogether|preceding|previous|past|over\s+the)\b"
)


def run(s: Subject) -> Finding | None:
    fig = s.figure
    if fig.kind not in ("count", "money") or not numeric(fig.value):
        return None
    mine = pinned(fig)
    mine_iv = figure_interval(fig, s.approximately)
    for x in s.strong:
        claim, theirs = x.claim, x.claim.period
        if theirs is None or mine_iv is None:
            continue
        their_iv = claim_interval(claim, s.approximately)
        if their_iv is None:
            continue
        if mine is not None and mine.cumulative and theirs.cumulative:
            if same_window(mine, theirs):
                if not values_agree(fig, claim, s.approximately):
                    return contradiction(
                        s, "cumulative", f"the registry's total for this window is {show(claim)}", claim
                    )
                return None
            if mine.contains(theirs) and mine_iv.hi < their_iv.lo:
                return contradiction(
                    s, "cumulative", f"smaller than the total for a window it contains: {show(claim)}", claim
                )
            if theirs.contains(mine) and mine_iv.lo > their_iv.hi:
                return contradiction(
                    s,
                    "cumulative",
                    f"larger than the total for a window that contains it: {show(claim)}",
                    claim,
                )
        elif (
            theirs.cumulative
            and mine is not None
            and not mine.cumulative
            and values_agree(fig, claim, s.approximately)
            and not _WINDOW_WORDS.search(s.text, *s.sentence)
        ):
            return contradiction(
                s,
                "cumulative",
                f"a total over several years given as one year's figure: {show(claim)}",
                claim,
            )
    return None


CHECK = Check("cumulative", "totals over windows, and yearly figures confused with them", run, __doc__ or "")
