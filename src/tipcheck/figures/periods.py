"""The time each figure is about, and how the text says so.

A figure's period comes, from the closest to the loosest, from: its own bracket or
comparison ("(52 in 2012)", "compared with 39 in 2013"), its clause or sentence ("In 2014,
54 victims ..."), an earlier sentence of its paragraph, the heading above it, the
document's date ("last year"), or the report convention (a TIP report released in year Y
gives figures for Y-1). Each period carries that basis. A figure whose time the text does
not pin has period None and basis "unknown": unknown is never "compatible with anything".

A year that only scopes other figures ("In 2014, ...", "the 2017 report") is no figure of
its own (`Scopes.only_scopes`).
"""

from __future__ import annotations

import bisect

from tipcheck.figures import entities
from tipcheck.figures.marks import _CLAUSE_BREAK, _LIST_ITEM, _RELATIVE, Mark, Marks
from tipcheck.figures.spans import Candidate
from tipcheck.model import Period
from tipcheck.support import regex_cache as regexes
from tipcheck.text.brackets import round_bracket, square_bracket
from tipcheck.text.sentences import Sentence

BASES = (
    "clause",
    "parenthesis",
    "comparison",
    "sentence scope",
    "paragraph scope",
    "heading",
    "document date",
    "report convention",
    "document year",
    "recent years",
    "own value",  # a date or year: its own time
    "unknown",
)


_YEAR_EARLIER = regexes.compile(
    r"(?i)(?:\s+[a-z]+){0,2}?\s+(?:(?:a|one)\s+year\s+(?:earlier|before)|the\s+year\s+before)\b"
)


class Scopes(Marks):
    """The time marks of one text, and each candidate figure's period with its basis.

    `resolve` must be called for the candidates in text order: the paragraph scope is the
    last period an earlier sentence of the paragraph set.
    """

    # --- resolving ----------------------------------------------------------------------

    def resolve(self, i: int, cand: Candidate) -> tuple[Period | None, str]:
        """The period of candidate i and its basis (one of BASES)."""
        period, basis = self._resolve(i, cand)
        single = period is not None and period.start == period.end and len(period.start) == 4
        if single and period is not None and _YEAR_EARLIER.match(self.text, cand.end):
            # "98 victims in 2018, up from 71 a year earlier": the year before the sentence's
            year = str(int(period.start) - 1)
            return Period(year, year), "comparison"
        return period, basis

    def _resolve(self, i: int, cand: Candidate) -> tuple[Period | None, str]:
        sent = self.sentence_of(cand.start)
        self._opening.setdefault(sent.paragraph, sent)
        found = sorted(self._marks.get(sent.start) or self._weak.get(sent.start, []), key=lambda m: m.pos)
        # the scope the sentences before set, as it was before this sentence's own marks
        prior = self._prior.setdefault(sent.start, self._paragraph.get(sent.paragraph))
        outside = [m for m in found if m.bracket is None]
        if outside and outside[0].period is not None:
            self._paragraph[sent.paragraph] = outside[0].period
        mine = round_bracket(self.text, cand.start, sent.start, sent.end)
        inside = [m for m in found if mine is not None and m.bracket == mine]
        found = inside or [m for m in found if m.bracket is None]  # the bracket's own time first
        if i in self._own:
            return self._own[i]
        aside = square_bracket(self.text, cand.start)
        if aside is not None:
            # "[54: 51 women and three men]": an editor's aside holds other times' figures;
            # only a time named inside it is theirs
            inside = [m for m in found if aside < m.pos <= cand.start and m.period is not None]
            return (inside[-1].period, self._basis(inside[-1], cand)) if inside else (None, "unknown")
        if found and all(m.pos > cand.start for m in found):
            first = min(m.pos for m in found)
            if self.coordinated(cand.end, first) and not self._weak_before(sent, cand, found[0]):
                # "50 women were victims, while 3 men were forced into labour since 2014": a
                # time named in a later coordinated clause is that clause's
                if prior is not None:
                    return prior, "paragraph scope"
                found = []
        if found:
            before = [m for m in found if m.pos <= cand.start]
            chosen = before[-1] if before else found[0]
            if before and (self.coordinated(chosen.pos, cand.start) or self.colon(chosen.pos, cand.start)):
                # "..., and the authorities did not identify any child victims in 2016, 2017
                # or 2018": a time in the figure's own clause beats one of the clause before
                own = [
                    m
                    for m in found
                    if cand.start < m.pos and not _CLAUSE_BREAK.search(self.text, cand.end, m.pos)
                ]
                chosen = own[0] if own and own[0].period is not None else chosen
            if not before:
                # "The 2017 TIP report, which also covered 188 countries, credited it with 486
                # ... over 12 years": a time named past the relative clause is the later
                # figures'; the report the clause describes is this one's time
                chosen = self._weak_before(sent, cand, chosen) or chosen
            if chosen.basis == "report" and chosen.period is not None and self._reports_data(cand):
                # "the 2015 report counted 54 victims": a TIP report gives the year before it
                year = str(int(chosen.period.start) - 1)
                return Period(year, year), "report convention"
            later = [m for m in found if m.pos > cand.start and m.period is not None]
            windows = [m for m in found if m.period is not None and m.period.cumulative]
            if chosen.period is None and (windows or later):
                # "By 2017, the totals were 1,078 cases ... over 12 years": a window the
                # sentence names resolves what "by 2017" or "the totals" leave open
                chosen = (windows or later)[0]
            return chosen.period, self._basis(chosen, cand)
        # "that year", "during the year", or nothing: the year the paragraph is about; a
        # list's items share the scope of the lines that lead into it
        scope = self._paragraph.get(sent.paragraph) if found or prior is not None else None
        if scope is None and self._list_item(sent):
            # the lead's scope, carried down the list; an item's own year stays its own
            scope = self._lead.get(sent.paragraph - 1)
            if scope is None and not self._list_item_at(sent.paragraph - 1):
                scope = self._paragraph.get(sent.paragraph - 1)
            if scope is not None:
                self._lead[sent.paragraph] = scope
        if scope is not None:
            return scope, "paragraph scope"
        heading = self._heading_period(cand.start)
        if heading is not None:
            return heading, "heading"
        return None, "unknown"

    def _weak_before(self, sent: Sentence, cand: Candidate, later: Mark) -> Mark | None:
        if not _RELATIVE.search(self.text, sent.start, cand.start):
            return None
        weak = [m for m in self._weak.get(sent.start, []) if m.pos < cand.start]
        return weak[-1] if weak and later.pos > cand.start else None

    def _reports_data(self, cand: Candidate) -> bool:
        """A count or amount a report gives for its data year, unlike the report's own
        properties (the 188 countries it covers)."""
        if cand.kind not in ("count", "money"):
            return False
        return entities.kind_of_words(self.text[cand.end : cand.end + 60], 4) != "countries"

    def _list_item(self, sent: Sentence) -> bool:
        """A sentence that opens a list item right under the line before it (no blank line)."""
        lead = self.text[max(0, sent.start - 3) : sent.start + 3]
        return bool(_LIST_ITEM.search(lead)) and "\n\n" not in self.text[max(0, sent.start - 4) : sent.start]

    def _list_item_at(self, paragraph: int) -> bool:
        opening = self._opening.get(paragraph)
        return opening is not None and self._list_item(opening)

    def _basis(self, mark: Mark, cand: Candidate) -> str:
        if mark.basis == "report":
            return "sentence scope"
        if mark.period is None or mark.basis != "sentence scope":
            return mark.basis
        lo, hi = sorted((mark.pos, cand.start))
        return "sentence scope" if _CLAUSE_BREAK.search(self.text, lo, hi) else "clause"

    def _heading_period(self, pos: int) -> Period | None:
        at = bisect.bisect_right(self._heading_starts, pos) - 1
        return self._headings[at][1] if at >= 0 else None

    def report_period(self, kind: str) -> tuple[Period | None, str]:
        """What an undated figure of a TIP report's narrative is about: a tier is the report's
        own year; counts are the calendar year before it."""
        if self.report_year is None:
            return None, "unknown"
        year = str(self.report_year if kind in ("tier", "ordinal") else self.report_year - 1)
        return Period(year, year), "report convention"
