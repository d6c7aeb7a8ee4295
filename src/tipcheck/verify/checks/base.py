"""What every check shares: the `Check` record, the `Subject` under examination, and the
comparisons of values and periods that decide agreement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import takewhile
from typing import Any

from tipcheck.match.align import Scored
from tipcheck.model import Claim, Evidence, Figure, Finding, Registry
from tipcheck.thresholds import APPROXIMATE, EVENT_RECALL, STRONG, STRONG_RECALL
from tipcheck.verify.identity import same_entity


@dataclass(frozen=True)
class Subject:
    """One draft figure with everything the checks may look at."""

    index: int
    figure: Figure
    ranked: Sequence[Scored]  # compatible claims, best aligned first (a `Ranking`, read lazily)
    figures: tuple[Figure, ...]  # every figure of the draft, for breakdowns and bases
    matched: tuple[Claim | None, ...]  # the claim directly backing each draft figure, if any
    sentence: tuple[int, int]
    text: str
    registry: Registry
    context: dict[str, float] = field(default_factory=dict)
    claims_index: Any = None  # the registry's align.Index, for checks that look up claims themselves
    approximately: Decimal = APPROXIMATE  # the tolerance of "approximately" (Verifier.approximately)

    @cached_property
    def strong(self) -> tuple[Scored, ...]:
        """Claims aligned well enough to contradict: a high score, the claim's own words
        mostly present (a lone "NGOs" is not yet "victims referred to NGOs"), and the same
        kind of thing counted, or of event dated (a plan named as a plan asks a little less
        of the words around it)."""
        fig = self.figure
        dated = fig.kind in ("date", "year")
        # several checks ask; the ranking is best first, so the strong ones lead it
        return tuple(
            s
            for s in takewhile(lambda s: s.score >= STRONG, self.ranked)
            if same_entity(fig, s.claim) is True
            and (s.recall >= STRONG_RECALL or (dated and fig.entity is not None and s.recall >= EVENT_RECALL))
        )


@dataclass(frozen=True)
class Check:
    """One check of a draft figure: its id, one-line summary, function and long help."""

    id: str
    summary: str
    run: Callable[[Subject], Finding | None]
    doc: str


def show(claim: Claim) -> str:
    """A claim in a message: 'approximately 27 million (people exploited worldwide, 2024)'."""
    from tipcheck.model import show_value

    hedge = "" if claim.qualifier == "exact" else f"{claim.qualifier} "
    unit = f" {claim.unit}" if claim.unit and claim.kind in ("money", "percent") else ""
    when = f", {claim.period.label()}" if claim.period else ""
    return f"{hedge}{show_value(claim.value)}{unit} ({claim.metric}{when})"


def contradiction(s: Subject, check: str, message: str, *claims: Claim, note: str | None = None) -> Finding:
    return Finding("contradiction", check, s.figure, message, tuple(Evidence(c, note) for c in claims))
