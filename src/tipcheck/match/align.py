"""Pairing a draft's figures with the registry's claims: is it the same thing counted?

A claim's metric and unit become a set of concepts (`lexicon`), each weighted by how
rare it is in the registry (a claim about "victims" says little; one about "vocational"
training says a lot). A draft figure's context is the concepts around it, weighted by
closeness: its own clause counts fully, the rest of its sentence less, the sentence
before (or a table's header row) a little. The score is the F1 of the two weighted
sets: the claim's concepts found in the context (recall), and the context's known
concepts that the claim explains (precision). Kinds must be compatible first: a count
is never compared with a sum of money, nor manats with dollars.

rapidfuzz rescues spelling variants ("labor", "organized", typos) that the table misses;
it is the only importer of rapidfuzz.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from tipcheck.match import lexicon
from tipcheck.model import Claim, Figure
from tipcheck.support import cache
from tipcheck.support import regex_cache as regexes
from tipcheck.thresholds import CLAUSE, FLOOR, SENTENCE, SPELLING

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
_YEAR = regexes.compile(r"\b(?:19|20)\d\d\b")
_CLAUSE_BREAK = regexes.compile(r"[,;:()\[\]]|\s[–—-]\s|\band\b|\bwhile\b|\bwhereas\b|\bbut\b")


Feature = tuple[frozenset[str], frozenset[str], "str | None"]


def features_of(claim: Claim, lex: lexicon.Lexicon = lexicon.DEFAULT) -> Feature:
    """What a claim is about, for alignment: its concepts (its place's among them), the
    concepts and years of its event (for dates), and its head noun. The registry index stores these."""
    concepts = lex.concept_set(f"{claim.metric} {claim.unit or ''}")
    place = lexicon.country_concept(claim.place) if claim.place else None
    if place is not None:  # `place: Georgia` says what "in Georgia" in the metric would
        concepts |= {place}
    # A dated claim's own year is its value, not part of what the event is.
    own = _years(str(claim.value)) if claim.kind in ("date", "year") else frozenset()
    return concepts, concepts | (_years(claim.metric) - own), lex.head(claim.metric)


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
        for claim in self.claims:
            found = features.get(claim.id) if features else None
            concepts, events, head = found if found is not None else features_of(claim, lex)
            self.concepts[claim.id], self.events[claim.id], self.heads[claim.id] = concepts, events, head
            for concept in events:
                df[concept] = df.get(concept, 0) + 1
        total = max(1, len(self.claims))
        self.weight = {c: math.log(1 + total / n) for c, n in df.items()}
        self.vocabulary = frozenset(df)
        self._sorted: dict[frozenset[str], tuple[tuple[str, ...], float]] = {}
        self._by_kinds: dict[tuple[str, ...], list] = {}
        self._postings: dict[tuple[str, ...], dict[str, list[int]]] = {}
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
            for claim in self.claims:
                if claim.kind in kinds and claim.value is not None:
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

    def rank(self, fig: Figure, context: dict[str, float]) -> list[Scored]:
        """The claims aligned with a figure from FLOOR up, best first; among equals, by
        source file and offset, so that the order of the claims files cannot change a
        finding."""
        dated = is_dated(fig)
        ref = _ref_key(fig.ref) if dated and fig.ref else None
        ctx = _Context(context, self.vocabulary, self.weight)
        modifiers = {m for m in self.lex.modifiers if context.get(m, 0.0) >= SENTENCE}
        instruments = {m for m in self.lex.instruments if context.get(m, 0.0) >= CLAUSE} if dated else set()
        scored: list[tuple[float, int, Scored]] = []
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
                if rounded < FLOOR or rounded <= 0:
                    continue
                scored.extend((-rounded, self.position[c.id], Scored(c, rounded, recall))
                              for c in members if _comparable(fig, c))  # fmt: skip
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
        scored.sort(key=lambda t: (t[0], t[1]))
        return [s for _, _, s in scored]


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


def _years(text: str) -> frozenset[str]:
    return frozenset(f"y{y}" for y in _YEAR.findall(text))


def context(
    text: str,
    fig: Figure,
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    header: str = "",
    dated: bool = False,
    others: tuple[tuple[int, int], ...] = (),
    lex: lexicon.Lexicon = lexicon.DEFAULT,
) -> dict[str, float]:
    """Concepts around a figure: its clause 1.0, its sentence 0.6, the sentence before 0.3.

    `others` are the spans of the other figures nearby with their unit word ("third
    consecutive", "3 men"): those words describe that figure, not this one.
    """
    # Work on the stretch of text the context reads (one character more on each side for
    # \b), with offsets moved to it: blanking a copy of a whole long draft for every
    # figure would be quadratic.
    first = max(0, min(sentence[0], fig.start, previous[0] if previous else sentence[0]) - 1)
    last = min(len(text), max(sentence[1], fig.end, previous[1] if previous else sentence[1]) + 1)
    text = text[first:last]
    fig_start, fig_end = fig.start - first, fig.end - first
    s_start, s_end = sentence[0] - first, sentence[1] - first
    if previous is not None:
        previous = (previous[0] - first, previous[1] - first)
    blank = [
        (a - first, b - first)
        for a, b in others
        if (b <= fig.start or a >= fig.end) and b > first and a < last
    ]
    if fig.qualifier != "exact":
        blank.append((fig_start, fig_end))  # "an estimated 27 million": the hedge is not the measure
    if blank:
        # pieces, not a list of characters: the work is the spans', not the window's length
        pieces, at = [], 0
        for start, end in sorted(blank):
            start, end = max(start, at), min(end, len(text))
            if start < end:
                pieces += [text[at:start], " " * (end - start)]
                at = end
        text = "".join([*pieces, text[at:]])
    clause_start, clause_end = s_start, s_end
    for m in _CLAUSE_BREAK.finditer(text, s_start, s_end):
        if m.end() <= fig_start:
            clause_start = m.end()
        elif m.start() >= fig_end:
            clause_end = m.start()
            break
    out: dict[str, float] = {}

    def add(start: int, end: int, weight: float) -> None:
        piece = text[start:end]
        for _, concept in lex.concepts(piece):
            if out.get(concept, 0.0) < weight:
                out[concept] = weight
        if dated:  # the years around a date name its event; its own year is the value
            lo, hi = max(start, fig_start), min(end, fig_end)
            if lo < hi:
                piece = text[start:lo] + " " * (hi - lo) + text[hi:end]
            for year in _years(piece):
                if out.get(year, 0.0) < weight:
                    out[year] = weight

    if not lex.concepts(text[clause_start:clause_end].replace(fig.quote, " ")):
        # "Victims identified: 54" and "May 2014 - events marking ...": a bare figure is
        # described by the clauses beside it
        lead = [m for m in _CLAUSE_BREAK.finditer(text, s_start, clause_start) if m.end() < clause_start]
        clause_start = lead[-1].end() if lead else s_start
        tail = [m for m in _CLAUSE_BREAK.finditer(text, clause_end + 1, s_end)]
        clause_end = tail[0].start() if tail else s_end
    out["trafficking"] = 0.6  # every draft is about trafficking, said or not
    if previous is not None:
        add(*previous, 0.3)
    concept: str | None  # a lexicon concept of the header, then the fuzzy match of a word
    if header:
        for _, concept in lex.concepts(header):
            out[concept] = max(out.get(concept, 0.0), 0.8)
    add(s_start, s_end, 0.6)
    add(clause_start, clause_end, 1.0)
    for word in _unknown_words(text[clause_start:clause_end], lex):
        concept = _fuzzy(word, lex)
        if concept and out.get(concept, 0.0) < 1.0:
            out[concept] = 1.0
    return out


_WORD = regexes.compile(r"[A-Za-z]{5,}")


def _unknown_words(piece: str, lex: lexicon.Lexicon) -> list[str]:
    return [
        w.lower()
        for w in _WORD.findall(piece)
        if w.lower() not in lex.words
        and w.lower() not in lexicon.NOT_CONCEPTS
        and lex.words.get(lex.stem(w.lower())) is None
    ]


# Answers are kept between runs: importing rapidfuzz costs more than the rest of a
# lookup, and a draft checked on every commit brings the same unknown words each time.
# The key holds the table, so an edited lexicon (or a registry's own words) starts a new memo;
# each lexicon keeps its own (an id() could be reused by a later one).
_SPELLING: dict[str, cache.Memo] = {}


def _memo(lex: lexicon.Lexicon) -> cache.Memo:
    key = (
        f"spelling-{zlib.crc32(repr(sorted(lex.words.items())).encode()):08x}.marshal"
        if lex.spelling is None
        else lex.spelling
    )
    lex.spelling = key
    found = _SPELLING.get(key)
    if found is None:
        found = _SPELLING[key] = cache.Memo(key)
    return found


@lru_cache(maxsize=4096)
def _fuzzy(word: str, lex: lexicon.Lexicon) -> str | None:
    """A spelling variant of a known word ('labor', 'organized', 'victms'), or None."""
    memo = _memo(lex)
    known = memo.entries()
    if word in known:
        return known[word]
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, lex.words.keys(), scorer=fuzz.ratio, score_cutoff=SPELLING)
    concept = lex.words[found[0]] if found else None
    memo.put(word, concept)
    return concept
