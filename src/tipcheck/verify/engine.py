"""verify: a draft and a registry in, one finding per figure out. Nothing here prints.

For each figure the draft asserts, in two passes:
1. align it with the registry (`align`) and look for a direct match: a claim about the
   same measure (score from `thresholds.MATCH` up), for a compatible period, whose value
   agrees given hedges and written precision;
2. figures without one go through the checks in `checks.ALL` order; the first finding
   wins. What no check speaks to is unsourced.
Figures that only scope others (handled in `extract`) and the numbers of identifiers,
code, links and list markers (handled in `document` and `patterns`) never get here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from tipcheck.figures import entities, extract, undated, windows
from tipcheck.match import align, lexicon
from tipcheck.match.agreement import values_agree
from tipcheck.match.context import context as figure_context
from tipcheck.match.ranking import Group, Ranking
from tipcheck.model import Claim, Evidence, Figure, FileReport, Finding, Period, Registry
from tipcheck.support import regex_cache as regexes
from tipcheck.text import document, tables
from tipcheck.text.sentences import around
from tipcheck.thresholds import APPROXIMATE, CLAUSE, CLOSE, MATCH, RESTATED, RESTATED_FROM, STRONG
from tipcheck.verify import checks
from tipcheck.verify.checks.base import show
from tipcheck.verify.identity import identity, period_open, why_not

_DAY = 10  # the precision of a date written to the day ("2014-11-21")
REACH = 600  # characters of a figure's sentence read on either side of it
NEIGHBOURS = 16  # figures on either side whose own words are not this figure's
_YEAR_CELL = regexes.compile(r"^(?:19|20)\d\d$")
# Kinds whose words ("3 men", "400 manats") belong to them alone; an ordinal's word
# ("the first plan", "the 10th anniversary") names what its sentence is about.
_MASKED = ("count", "money", "percent", "duration")


class Verifier:
    """A registry prepared once for checking many drafts."""

    def __init__(
        self,
        registry: Registry,
        approximately: Decimal = APPROXIMATE,
        features: dict | None = None,
        lex: lexicon.Lexicon = lexicon.DEFAULT,
    ) -> None:
        # a proposed claim nobody has reviewed never backs or contradicts a figure (the
        # registry counted them when it was read: one with none costs no pass here)
        self.unreviewed = 0
        if registry.unreviewed:
            reviewed = tuple(c for c in registry.claims if c.review is None)
            self.unreviewed = len(registry.claims) - len(reviewed)
            registry = replace(registry, claims=reviewed, unreviewed=0)
        self.registry = registry
        self.index = align.Index(registry.claims, features, lex)
        self.approximately = approximately

    def verify(self, draft: document.Draft) -> FileReport:
        findings = []
        for subject, direct in self._examine(draft):
            found = direct
            if found is not None and subject.figure.kind == "percent" and _loose(found):
                # "128 of 26,916, or 0.9 percent": a share whose numbers the sentence gives is
                # recomputed, whatever a looser registered share ("less than 1 percent") says
                recomputed = _percent_check(subject)
                found = (
                    recomputed if recomputed is not None and recomputed.status == "contradiction" else found
                )
            if found is None:
                found = _first_finding(subject) or _unsourced(subject.figure, subject.ranked)
            findings.append(found)
        return FileReport(
            path=draft.path, text=draft.text, findings=tuple(findings), unreviewed=self.unreviewed
        )

    def subjects(self, draft: document.Draft) -> list[checks.Subject]:
        """One `checks.Subject` per figure of the draft, in text order: exactly what the
        checks are given, built also for figures the direct-match step settles (which
        never reach the checks), so that a check can be run on any figure by itself."""
        return [subject for subject, _ in self._examine(draft)]

    def _examine(self, draft: document.Draft) -> list[tuple[checks.Subject, Finding | None]]:
        """Each figure's Subject with its direct match (a Finding, or None when the checks
        are to decide): the one path both `subjects` and `verify` take."""
        text = draft.masked
        figures = tuple(extract.figures(text, draft.published, document_period=False, title=draft.title))
        rows = tables.rows(draft.text)
        figures = _apply_tables(draft.text, rows, figures, draft.published)
        if rows:
            # the years a table's rows stated count towards the year the draft is about
            figures = tuple(
                undated.document_year(
                    list(figures), text, lambda pos: around(text, pos), ("unknown", "recent years")
                )
            )
        counted = entities.of_figures(text, figures)
        figures = tuple(
            replace(f, entity=e) if e is not None else f for f, e in zip(figures, counted, strict=True)
        )
        sentences = extract.sentences(text)
        starts = [s.start for s in sentences]
        fig_starts = [g.start for g in figures]  # in text order
        own = [_own_words(text, g) if g.kind in _MASKED else None for g in figures]
        prepared = []
        contexts: list[dict[str, float]] = []
        rankings: list[Ranking] = []
        direct: list[Finding | None] = []
        for i, fig in enumerate(figures):
            k = max(0, bisect_right(starts, fig.start) - 1)
            # what a reader takes as a figure's sentence: a "sentence" of thousands of
            # characters (a list of 1,000 numbers) is read near the figure, so that the
            # work per figure stays bounded and a draft's cost linear in its length
            sent = (max(sentences[k].start, fig.start - REACH), min(sentences[k].end, fig.end + REACH))
            prev = None
            if k > 0 and sentences[k - 1].paragraph == sentences[k].paragraph:
                prev = (max(sentences[k - 1].start, sentences[k - 1].end - REACH), sentences[k - 1].end)
            dated = align.is_dated(fig)
            cell = tables.cell_at(draft.text, rows, fig.start)
            header = " ".join(cell) if cell else ""  # its column's header and its row's label
            # a window's length ("over 12 years") is about the totals beside it, so it keeps
            # their words; other figures' words are theirs alone
            lo, hi = bisect_left(fig_starts, sent[0]), bisect_left(fig_starts, sent[1])
            lo, hi = max(lo, i - NEIGHBOURS), min(hi, i + NEIGHBOURS + 1)  # the words of the nearest
            others = (
                tuple(w for n, w in enumerate(own[lo:hi], lo) if w is not None and n != i)
                if fig.kind != "duration"
                else ()
            )
            ctx = figure_context(text, fig, sent, prev, header, dated, others, self.index.lex)
            contexts.append(ctx)
            prepared.append((i, fig, sent))
        for (_, fig, _), ctx in zip(prepared, contexts, strict=True):
            if fig.part_of is not None:
                # "51 people on the wanted list (25 ... and 26 under Articles ...)": a part is
                # counted among what its whole counts
                for concept, weight in contexts[fig.part_of].items():
                    if weight >= CLAUSE and ctx.get(concept, 0.0) < CLAUSE:
                        ctx[concept] = CLAUSE
            ranked = self.index.rank(fig, ctx)
            rankings.append(ranked)
            whole = figures[fig.part_of].value if fig.part_of is not None else None
            direct.append(_direct_match(fig, ranked, self.approximately, whole=whole))
        # What the registry knows of each figure, its year aside: a part the registry holds is
        # not the one to blame when a breakdown does not add up, even where the draft leaves
        # its year open ("24 victims were provided with jobs, 35 of them ...")
        # (a figure whose period is pinned gets from that pass what the first gave it)
        known = (
            f
            if f is not None or not period_open(fig)
            else _direct_match(fig, ranked, self.approximately, any_period=True)
            for f, (_, fig, _), ranked in zip(direct, prepared, rankings, strict=True)
        )
        matched = tuple(f.evidence[0].claim if f is not None and f.evidence else None for f in known)
        return [
            (
                checks.Subject(
                    i,
                    fig,
                    ranked,
                    figures,
                    matched,
                    sent,
                    text,
                    self.registry,
                    ctx,
                    self.index,
                    self.approximately,
                ),
                found,
            )
            for (i, fig, sent), ctx, ranked, found in zip(prepared, contexts, rankings, direct, strict=True)
        ]


def _direct_match(
    fig: Figure,
    ranked: Sequence[align.Scored],
    approximately: Decimal,
    any_period: bool = False,
    whole: object = None,
) -> Finding | None:
    dated = align.is_dated(fig)
    if dated:
        ranked = _finest_first(fig, ranked)
    # Where the best-aligned claims are close, the draft may mean any of them: one that
    # agrees within CLOSE of the best backs the figure rather than the best contradicting it.
    floor = max(RESTATED, min(MATCH, (ranked[0].score - CLOSE) if ranked else 1.0))
    # "the shelter took in 24 victims": when a claim of the same kind and year fits the words
    # well, a weakly aligned claim that merely shares the value (24 found jobs) is no backing
    # (the whole a part belongs to, "38 of the 54 victims", settles nothing about the part)
    settled = (
        bool(ranked)
        and ranked[0].score >= STRONG
        and ranked[0].claim.value != whole
        and identity(fig, ranked[0].claim).may_contradict
    )
    restates = not settled and _may_restate(fig)

    def fits(score: float, claim: Claim) -> bool:
        """Whether the decision rule lets this claim, so aligned, back the figure (its value aside)."""
        same = identity(fig, claim)
        if score < MATCH and (same.entity is not True if not dated else _precision(fig.value) < _DAY):
            # a weak alignment backs only a figure that counts the claim's kind, or a full
            # day: "November 2014" or "2014" falls on some registered event by chance
            return False
        return same.may_match or (any_period and same.entity is not False and same.period is None)

    def agrees(score: float, claim: Claim) -> bool:
        """Aligned well enough, or restated, and of a value that agrees."""
        if score < floor and not (restates and score >= RESTATED and _restated(fig, claim)):
            return False
        return values_agree(fig, claim, approximately)

    tiers = None if dated or not isinstance(ranked, Ranking) else ranked.tiers
    if tiers is not None:
        lowest = RESTATED if restates else floor
        claim = _first_backing(tiers, ranked, lowest, fits, agrees)  # type: ignore[arg-type]
    else:
        claim = next((s.claim for s in ranked if agrees(s.score, s.claim) and fits(s.score, s.claim)), None)
    if claim is None:
        return None
    if dated and _precision(claim.value) < _precision(fig.value):
        # "27 June 2017" where the registry knows only "2017": the day is not backed
        return Finding("unsourced", None, fig, f"the registry gives only {show(claim)}", (Evidence(claim),))
    return Finding("match", None, fig, f"backed by {show(claim)}", (Evidence(claim),))


def _first_backing(
    tiers: list[list[Group]],
    ranked: Ranking,
    lowest: float,
    fits: Callable[[float, Claim], bool],
    agrees: Callable[[float, Claim], bool],
) -> Claim | None:
    """The first claim of the ranking that backs the figure, read a group's bucket at a
    time: a bucket's claims are alike to the decision rule, so `fits` is asked once for
    it, and only its claims' values are compared one by one. Among the groups of a score,
    the claim first in registry position wins, as it comes first in the ranking."""
    position = ranked.position
    for tier in tiers:
        score = tier[0][0]
        if score < lowest:
            break  # scores only fall from here
        best: Claim | None = None
        for group in tier:
            for bucket in ranked.buckets(group):
                if not fits(score, bucket[0]):
                    continue
                found = next((c for c in bucket if agrees(score, c)), None)
                if found is not None and (best is None or position[found.id] < position[best.id]):
                    best = found
        if best is not None:
            return best
    return None


def _precision(value: object) -> int:
    """How finely a date is written: 4 for a year, 7 for a month, 10 for a day."""
    if isinstance(value, tuple):
        return min(_precision(v) for v in value)
    return len(str(value)) if isinstance(value, str) else 4


def _finest_first(fig: Figure, ranked: Sequence[align.Scored]) -> tuple[align.Scored, ...]:
    """'18 May 2009' must be compared with the day of the raids, not the caption's '2009'.

    Among the claims aligned well enough to back the figure, one written more coarsely
    than the draft may back it only when no finer one of the same event is there.
    """
    good = [s for s in ranked if s.score >= MATCH]
    mine = _precision(fig.value)

    def finer_of_same_event(claim: Claim) -> bool:
        return any(
            _precision(o.claim.value) > _precision(claim.value)
            and (o.claim.metric == claim.metric or claim.same_as == o.claim.id or o.claim.same_as == claim.id)
            for o in good
        )

    keep = [s for s in good if _precision(s.claim.value) >= mine or not finer_of_same_event(s.claim)]
    return tuple(keep) + tuple(s for s in ranked if s.score < MATCH)


def _restated(fig: Figure, claim: Claim) -> bool:
    """'Of the 54 victims': the same distinctive number of the same thing, said again.

    The draft's words around it may be few ("the 54 victims"), so a weaker alignment is
    enough when the exact value and the counted noun both agree.
    """
    return _may_restate(fig) and claim.kind == "count" and fig.value == claim.value and fig.unit == claim.unit


def _may_restate(fig: Figure) -> bool:
    """What `_restated` asks of the figure alone: an exact, distinctive count of a noun."""
    return (
        fig.kind == "count"
        and fig.qualifier == "exact"
        and isinstance(fig.value, int)
        and fig.value >= RESTATED_FROM
        and fig.unit is not None
    )


_NEXT_WORD = regexes.compile(r"\s*[\w-]+")


def _own_words(text: str, fig: Figure) -> tuple[int, int]:
    """A figure's span with the word after it: '3 men', 'third consecutive'."""
    m = _NEXT_WORD.match(text, fig.end)
    return fig.start, (m.end() if m else fig.end)


def _loose(found: Finding) -> bool:
    """A match on a registered bound ('less than 1 percent'), not on an exact share."""
    return found.status == "match" and any(e.claim.qualifier != "exact" for e in found.evidence)


def _percent_check(subject: checks.Subject) -> Finding | None:
    check = next(c for c in checks.ALL if c.id == "percent")
    return check.run(subject)


def _first_finding(subject: checks.Subject) -> Finding | None:
    for check in checks.ALL:
        found = check.run(subject)
        if found is not None:
            return found
    return None


def _unsourced(fig: Figure, ranked: Sequence[align.Scored]) -> Finding:
    if ranked and ranked[0].score >= MATCH:  # best first
        nearest = ranked[0].claim
        why = why_not(fig, nearest)
        but = f", but {why}" if why else ""
        return Finding(
            "unsourced", None, fig, f"no registered figure for this; nearest: {show(nearest)}{but}"
        )
    return Finding("unsourced", None, fig, "no registered claim speaks to this figure")


def _apply_tables(
    text: str, rows: list[tuple[int, int, int]], figures: tuple[Figure, ...], published: str | None
) -> tuple[Figure, ...]:
    """A table row's label is the period of the row's figures ("2014", "Decade to 2014"),
    not a figure itself; its column's header names what they count ("Victims identified")."""
    if not rows:
        return figures
    kept: list[Figure] = []
    new_index: dict[int, int] = {}
    for i, fig in enumerate(figures):
        if fig.kind == "year" and tables.in_header(rows, fig.start):
            continue  # "| 2014 | count |": the column's period, not a figure
        cell = tables.cell_at(text, rows, fig.start)
        if cell is not None:
            header, label = cell
            if fig.kind in ("year", "range") and fig.quote in label:
                continue
            corner = tables.corner(text, rows, fig.start)
            period = (
                _row_period(label, published)
                or _row_period(header, published)
                or _row_period(corner, published)
            )
            loose = fig.basis in ("unknown", "document year", "report convention", "recent years")
            if period is not None and loose and fig.kind not in ("date", "year"):
                fig = replace(fig, period=period, basis="heading")
            if fig.entity is None and fig.kind == "count":
                fig = replace(fig, entity=entities.kind_of_label(header) or entities.kind_of_label(label))
        new_index[i] = len(kept)
        kept.append(fig)
    return tuple(replace(f, part_of=new_index.get(f.part_of)) if f.part_of is not None else f for f in kept)


def _row_period(label: str, published: str | None) -> Period | None:
    if _YEAR_CELL.match(label):
        return Period(label, label)
    found = windows.windows_in(label, published)
    return found[0] if found else None


def verify(draft: document.Draft, registry: Registry) -> FileReport:
    """The findings for one draft against a registry."""
    return Verifier(registry).verify(draft)
