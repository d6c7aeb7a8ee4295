"""percent: a percentage that does not follow from its numbers.

Fails: "of the 54 victims, 20 percent were men" (the registry: 3 of 54, 5.6 percent);
"21 of 26 prosecuted, a conviction rate of about 90 percent" (80.8); "Out of 26,916 crimes
in 2015, 128, or 0.9 percent, were trafficking" (0.5). Passes: "Women: 51
(94%)"; "Turkey alone accounted for about 69% of all victims" (37 of 54). The numbers
come from the draft when it gives both; else the part is the figure beside the
percentage ("51 (94%)") or the registered breakdown its words describe, and the whole
is that part's registered whole (or the draft's "of the 54"). A percentage registered
as such ("28.2 percent") is matched directly and never reaches this check; one registered
as a bound (less than 1 percent) is checked all the same.
Needs the measure and entity of the numbers it divides; a share carries its own time.
"""

from __future__ import annotations

from decimal import Decimal

from tipcheck.match import intervals as quantities
from tipcheck.match.agreement import numeric
from tipcheck.model import Claim, Evidence, Figure, Finding
from tipcheck.support import regex_cache as regexes
from tipcheck.thresholds import MATCH, STRONG
from tipcheck.verify.checks.base import Check, Subject

_BASE_BEFORE = regexes.compile(r"(?i)\b(?:of|out\s+of|among|from)\s+(?:the|all|a\s+total\s+of|those)?\s*$")
_BESIDE = regexes.compile(
    r"^\s*(?:\*\*)?\s*(?:\(|,\s*or\s+|—\s*|-\s*)?(?:about\s+|some\s+|around\s+|nearly\s+)?$"
)


def run(s: Subject) -> Finding | None:
    fig = s.figure
    if fig.kind != "percent" or not numeric(fig.value):
        return None
    interval = quantities.interval(fig.value, fig.qualifier, fig.quote, "percent", s.approximately)
    if interval is None:
        return None
    lo, hi = s.sentence
    # "... three went to prison and 15 were suspended; a year earlier, only 21 percent":
    # the numbers a share divides are in its own clause, not across a semicolon
    lo = max(lo, s.text.rfind(";", lo, fig.start) + 1)
    stop = s.text.find(";", fig.end, hi)
    hi = stop if stop >= 0 else hi
    counts = [
        (i, f)
        for i, f in enumerate(s.figures)
        if lo <= f.start < hi and f.kind == "count" and numeric(f.value)
    ]
    bases = [(i, f) for i, f in counts if _BASE_BEFORE.search(s.text, max(lo, f.start - 20), f.start)]
    base = bases[0] if bases else None
    before = [(i, f) for i, f in counts if f.end <= fig.start and (base is None or i != base[0])]
    part = before[-1] if before else None
    beside = part if part and _BESIDE.match(s.text[part[1].end : fig.start].replace("**", "")) else None

    if (
        base
        and part
        and numeric(part[1].value)  # always, as counts holds numeric figures: narrows for Decimal
        and numeric(base[1].value)
        and Decimal(part[1].value) < Decimal(base[1].value)
    ):
        return _judge(s, interval, part[1].value, base[1].value, f"{part[1].quote} of {base[1].quote}", ())
    if beside is not None:
        claim = s.matched[beside[0]]
        whole = s.registry.get(claim.part_of) if claim is not None and claim.part_of else None
        if claim is not None and whole is not None and numeric(whole.value):
            return _judge(
                s, interval, claim.value, whole.value, f"{claim.value} of {whole.value}", (claim, whole)
            )
        return None
    return _from_registry(s, interval, base[1] if base else None)


def _judge(
    s: Subject,
    interval: quantities.Interval,
    part: object,
    whole: object,
    what: str,
    claims: tuple[Claim, ...],
) -> Finding:
    # part may be the value of the claim matched to a count figure, which no check here
    # narrows (a number, or a year string the count was read as): Decimal takes either
    share = Decimal(part) * 100 / Decimal(whole)  # type: ignore[arg-type]
    evidence = tuple(Evidence(c, f"{share:.1f} percent") for c in claims)
    if interval.contains(share):
        return Finding("match", None, s.figure, f"{what} is {share:.1f} percent", evidence)
    return Finding(
        "contradiction", "percent", s.figure, f"{what} is {share:.1f} percent, not {s.figure.quote}", evidence
    )


def _from_registry(s: Subject, interval: quantities.Interval, base: Figure | None) -> Finding | None:
    """The registered breakdown the percentage's words describe, over its registered whole."""
    if s.claims_index is None:
        return None
    best: tuple[float, Claim, Claim] | None = None
    for claim in s.registry.claims:
        if claim.kind != "count" or not claim.part_of or not numeric(claim.value):
            continue
        whole = s.registry.get(claim.part_of)
        if whole is None or not numeric(whole.value) or not whole.value:
            continue
        if base is not None and whole.value != base.value:
            continue
        score = s.claims_index.score(claim, s.context, False)
        if best is None or score > best[0]:
            best = (score, claim, whole)
    if best is None or best[0] < MATCH:
        return None
    score, part, whole = best
    found = _judge(
        s, interval, part.value, whole.value, f"the registry's {part.value} of {whole.value}", (part, whole)
    )
    if found.status == "contradiction" and score < STRONG:
        return None
    return found


CHECK = Check("percent", "a percentage that does not follow from its numbers", run, __doc__ or "")
