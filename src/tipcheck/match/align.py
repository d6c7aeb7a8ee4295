"""Pairing a draft's figures with the registry's claims: is it the same thing counted?

A claim's metric and unit become a set of concepts (`lexicon`), each weighted by how
rare it is in the registry (a claim about "victims" says little; one about "vocational"
training says a lot). A draft figure's context is the concepts around it, weighted by
closeness: its own clause counts fully, the rest of its sentence less, the sentence
before (or a table's header row) a little. The score is the F1 of the two weighted
sets: the claim's concepts found in the context (recall), and the context's known
concepts that the claim explains (precision). Kinds must be compatible first: a count
is never compared with a sum of money, nor manats with dollars.

The figure's side, its context, is built in `match.context`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from tipcheck.match import lexicon
from tipcheck.match.context import years_in
from tipcheck.match.ranking import Buckets, Group, Ranking, claim_key
from tipcheck.model import Claim, Figure
from tipcheck.thresholds import CLAUSE, FLOOR, SENTENCE

# Which claim kinds a draft figure of each kind may be compared with.
COMPATIBLE = {
    "count": ("count",),
    "money": ("money",),
    "percent": ("percent",),
    "ratio": ("ratio",),
    "duration": ("duration",),
    "ordinal": ("ordinal",),
    "tier": ("tier",),
    "date": ("date", "year"),
    "year": ("date", "year"),
    "range": ("range", "date", "year"),
}


Feature = tuple[frozenset[str], frozenset[str], "str | None"]


def features_of(claim: Claim, lex: lexicon.Lexicon = lexicon.DEFAULT) -> Feature:
    """What a claim is about, for alignment: its concepts (its place's among them), the
    concepts and years of its event (for dates), and its head noun. The registry index stores these."""
    concepts = lex.concept_set(f"{claim.metric} {claim.unit or ''}")
    place = lexicon.country_concept(claim.place) if claim.place else None
    if place is not None:  # `place: Georgia` says what "in Georgia" in the metric would
        concepts |= {place}
    # A dated claim's own year is its value, not part of what the event is.
    own = years_in(str(claim.value)) if claim.kind in ("date", "year") else frozenset()
    return concepts, concepts | (years_in(claim.metric) - own), lex.head(claim.metric)


@dataclass(frozen=True)
class Scored:
    """A claim aligned with a figure, and how well."""

    claim: Claim
    score: float
    recall: float = 0.0  # how much of the claim's metric the draft's words cover


class Index:
    """The registry's claims with their concept sets and weights, built once per run."""

    def __init__(
        self,
        claims: Iterable[Claim],
        features: dict[str, Feature] | None = None,
        lex: lexicon.Lexicon = lexicon.DEFAULT,
    ) -> None:
        self.claims = tuple(claims)
        self.lex = lex
        self.concepts: dict[str, frozenset[str]] = {}
        self.events: dict[str, frozenset[str]] = {}
        df: dict[str, int] = {}
        self.heads: dict[str, str | None] = {}
        # counted per distinct set of concepts, then per concept: a large registry's claims
        # share a few hundred sets (the index stores each set once per file)
        sets: dict[frozenset[str], int] = {}
        self._of_kind: dict[str, list[int]] = {}  # positions in self.claims, by kind
        for n, claim in enumerate(self.claims):
            found = features.get(claim.id) if features else None
            concepts, events, head = found if found is not None else features_of(claim, lex)
            self.concepts[claim.id], self.events[claim.id], self.heads[claim.id] = concepts, events, head
            sets[events] = sets.get(events, 0) + 1
            if claim.value is not None:
                self._of_kind.setdefault(claim.kind, []).append(n)
        for events, count in sets.items():
            for concept in events:
                df[concept] = df.get(concept, 0) + count
        total = max(1, len(self.claims))
        self.weight = {c: math.log(1 + total / n) for c, n in df.items()}
        self.vocabulary = frozenset(df)
        self._sorted: dict[frozenset[str], tuple[tuple[str, ...], float]] = {}
        self._by_kinds: dict[tuple[str, ...], list] = {}
        self._postings: dict[tuple[str, ...], dict[str, list[int]]] = {}
        self._positioned: dict[tuple[tuple[str, ...], int], tuple[list[Claim], bool]] = {}
        self._buckets: dict[tuple, Buckets] = {}
        # Ties are broken by source file and offset, not by the order of the claims files,
        # so that naming or moving a claims file cannot change a finding.
        ordered = sorted(self.claims, key=attrgetter("file", "start", "id"))
        self.position = {claim.id: n for n, claim in enumerate(ordered)}

    def _groups(self, kind: str) -> list[tuple[frozenset[str], frozenset[str], list[Claim], bool]]:
        """The claims a figure of this kind may be compared with, grouped by what they are
        about: (concepts, events, claims in registry order, whether any has an act's ref).
        A score depends only on the group, so a registry of a million claims is scored
        once per distinct metric, not once per claim."""
        kinds = COMPATIBLE.get(kind, ())
        found = self._by_kinds.get(kinds)
        if found is None:
            groups: dict[tuple[frozenset[str], frozenset[str]], list[Claim]] = {}
            chosen = [self._of_kind.get(k, []) for k in kinds]
            # in registry order, as if every claim were looked at
            for n in chosen[0] if len(chosen) == 1 else sorted(n for part in chosen for n in part):
                claim = self.claims[n]
                groups.setdefault((self.concepts[claim.id], self.events[claim.id]), []).append(claim)
            found = self._by_kinds[kinds] = [(c, e, members, any(m.ref for m in members))
                                             for (c, e), members in groups.items()]  # fmt: skip
        return found

    def _candidates(self, kind: str, dated: bool, ctx: _Context, ref: bool) -> list[int]:
        """Which of `_groups(kind)` can score above zero, in group order. A group sharing
        no concept with the context has recall 0; when the figure's clause has known
        concepts, one explaining none of them has precision 0. A figure citing an act
        also needs the groups that hold an act's ref."""
        groups = self._groups(kind)
        key = (*COMPATIBLE.get(kind, ()), "dated" if dated else "")
        postings = self._postings.get(key)
        if postings is None:
            postings = self._postings[key] = {}
            for n, (concepts, events, _, has_ref) in enumerate(groups):
                for concept in events if dated else concepts:
                    postings.setdefault(concept, []).append(n)
                if has_ref:
                    postings.setdefault("", []).append(n)
        needed = [c for c, _ in ctx.known] if ctx.known else ctx.values
        found = {n for concept in needed if concept in postings for n in postings[concept]}
        if ref:
            found.update(postings.get("", ()))
        return sorted(found)

    def score(self, claim: Claim, context: dict[str, float], dated: bool) -> float:
        members = self.events[claim.id] if dated else self.concepts[claim.id]
        return self._score_set(members, _Context(context, self.vocabulary, self.weight))[0]

    def _wanted(self, members: frozenset[str]) -> tuple[tuple[str, ...], float]:
        """A concept set in a fixed order, with the sum of its weights."""
        found = self._sorted.get(members)
        if found is None:
            wanted = tuple(sorted(members))
            found = self._sorted[members] = (wanted, sum(self.weight[c] for c in wanted))
        return found

    def _score_set(self, members: frozenset[str], ctx: _Context) -> tuple[float, float]:
        """(score, recall) of a claim about these concepts. Sums run in sorted concept
        order: a float sum in set order would vary with hash seeds and break ties at random."""
        wanted, total = self._wanted(members)
        if not wanted:
            return 0.0, 0.0
        w, context = self.weight, ctx.values
        recall = sum(w[c] * context.get(c, 0.0) for c in wanted) / total
        # Precision counts the context's known concepts that the claim does not explain,
        # and only those of the figure's own clause (or table column): the rest of the
        # sentence describes the other figures in it.
        if not ctx.known:
            return recall, recall
        precision = sum(x for c, x in ctx.known if c in members) / ctx.known_total
        if recall + precision == 0:
            return 0.0, recall
        return 2 * recall * precision / (recall + precision), recall

    def rank(self, fig: Figure, context: dict[str, float]) -> Ranking:
        """The claims aligned with a figure from FLOOR up, best first; among equals, by
        source file and offset, so that the order of the claims files cannot change a
        finding."""
        dated = is_dated(fig)
        ref = _ref_key(fig.ref) if dated and fig.ref else None
        ctx = _Context(context, self.vocabulary, self.weight)
        modifiers = {m for m in self.lex.modifiers if context.get(m, 0.0) >= SENTENCE}
        instruments = {m for m in self.lex.instruments if context.get(m, 0.0) >= CLAUSE} if dated else set()
        scored: list[tuple[float, int, Scored]] = []
        whole: list[tuple[float, float, int]] = []  # groups scored as one: (-score, recall, group)
        groups = self._groups(fig.kind)
        for n in self._candidates(fig.kind, dated, ctx, ref is not None):
            concepts, events, members, has_ref = groups[n]
            score, recall = self._score_set(events if dated else concepts, ctx)
            if not dated and modifiers - concepts:
                score *= 0.5
            if instruments - events:
                score *= 0.5  # "amendments to the Law on Grants" are not the trafficking law's
            if score < FLOOR and (ref is None or not has_ref):
                continue
            rounded, recall = round(score, 9), round(recall, 9)
            if ref is None or not has_ref:
                if rounded >= FLOOR and rounded > 0:
                    whole.append((-rounded, recall, n))
                continue
            for claim in members:
                if not _comparable(fig, claim):
                    continue
                mine = rounded
                if claim.ref:
                    # "Decree No. 272 of 4 August 2005": the act's number names the event outright
                    mine = round(max(score, 0.95) if _ref_key(claim.ref) == ref else score * 0.3, 9)
                if mine >= FLOOR and mine > 0:
                    scored.append((-mine, self.position[claim.id], Scored(claim, mine, recall)))
        if scored:  # an act's number scores claims one by one: sort them all
            scored.extend((score, self.position[c.id], Scored(c, -score, recall))
                          for score, recall, n in whole for c in self._ordered(fig, n)[0])  # fmt: skip
            scored.sort(key=lambda t: (t[0], t[1]))
            return Ranking([], self.position, self._bucketed, [s for _, _, s in scored])
        whole.sort(key=lambda t: t[0])  # stable: equal scores keep group order
        tiers: list[list[Group]] = []
        for score, recall, n in whole:
            members, key = self._ordered(fig, n)
            if not members:
                continue
            group = (-score, recall, members, key)
            if tiers and tiers[-1][0][0] == -score:
                tiers[-1].append(group)
            else:
                tiers.append([group])
        return Ranking(tiers, self.position, self._bucketed)

    def _ordered(self, fig: Figure, n: int) -> tuple[list[Claim], tuple | None]:
        """Group n of the figure's kind: its members comparable with the figure, in
        registry position order (kept: a draft ranks the same groups for many figures),
        and the group's key where none is left out."""
        kinds = COMPATIBLE.get(fig.kind, ())
        key = (kinds, n)
        found = self._positioned.get(key)
        if found is None:
            members = self._by_kinds[kinds][n][2]
            found = self._positioned[key] = (
                sorted(members, key=lambda c: self.position[c.id]),
                all(type(c.value) is int for c in members),
            )
        ordered, counts = found
        if fig.kind == "count" and counts:
            return ordered, key  # every member is comparable (`_comparable`'s first test)
        kept = [c for c in ordered if _comparable(fig, c)]
        return kept, (key if len(kept) == len(ordered) else None)

    def _bucketed(self, members: list[Claim], key: tuple | None) -> Buckets:
        """Members in buckets of claims alike to the decision rule, in order of their
        first member; kept per group."""
        found = self._buckets.get(key) if key is not None else None
        if found is None:
            by: dict[tuple, list[Claim]] = {}
            for claim in members:
                by.setdefault(claim_key(claim), []).append(claim)
            found = list(by.values())
            if key is not None:
                self._buckets[key] = found
        return found


def _comparable(fig: Figure, claim: Claim) -> bool:
    """Whether a claim of a compatible kind can speak to this figure at all."""
    if fig.kind == "count" and type(claim.value) is int:
        return True  # the common case, decided without the tests below
    if fig.kind == "money" and claim.unit != fig.unit:
        return False
    if _recurring(claim.value) != _recurring(fig.value):
        return False  # "July 30" every year is not a date in one year
    if (
        fig.kind == "range"
        and _numeric_range(fig)
        and (claim.kind != "range" or _range_unit(fig.unit) != _range_unit(claim.unit))
    ):
        return False  # "2009-2013" is compared with the registry's periods, not its dates
    # "the summer of 2014" dates an event; a plan's span is no event
    return not (fig.kind == "range" and not _numeric_range(fig) and claim.kind == "range")


class _Context:
    """A figure's context with what every claim's score needs from it, computed once."""

    __slots__ = ("known", "known_total", "values")

    def __init__(
        self, context: dict[str, float], vocabulary: frozenset[str], weight: dict[str, float]
    ) -> None:
        self.values = context
        self.known = tuple(
            (c, weight[c] * context[c]) for c in sorted(context) if c in vocabulary and context[c] >= CLAUSE
        )
        self.known_total = sum(x for _, x in self.known)


def _recurring(value: object) -> bool:
    return isinstance(value, str) and value.startswith("--")


def _ref_key(ref: str) -> tuple[str, str]:
    """'Decree No. 667' and 'Decree N 667' -> ('decree', '667')."""
    words = re.findall(r"[A-Za-z]+|\d[\w-]*", ref)
    number = next((w for w in words if w[0].isdigit()), "")
    return (words[0].lower() if words else "", number.lower())


def _numeric_range(fig: Figure) -> bool:
    return isinstance(fig.value, tuple) and not any(isinstance(v, str) for v in fig.value)


def is_dated(fig: Figure) -> bool:
    """Dates, years and ranges of dates name an event; they align on its words and years."""
    return fig.kind in ("date", "year") or (fig.kind == "range" and not _numeric_range(fig))


def _range_unit(unit: str | None) -> str:
    return "years old" if unit == "years old" else "years"
