"""Where a text names the times its figures are about ("In 2014, ...", "over the past 12
years", "(52 in 2012)", a heading's year): the marks `figures.periods` resolves each
figure's period from, and the years that only scope other figures (`Marks.only_scopes`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from tipcheck.figures.spans import Candidate
from tipcheck.figures.windows import _BY_YEAR, _DECADE, _THESE_YEARS, _WINDOW, _WINDOW_TO, _window_years
from tipcheck.model import Period
from tipcheck.support import regex_cache as regexes
from tipcheck.support.regex_gate import Finder
from tipcheck.text.brackets import round_bracket
from tipcheck.text.sentences import Sentence

_WINDOWED = {"count", "money", "percent", "ratio"}
_SCOPE_BEFORE = regexes.compile(
    r"(?i)\b(?:in|during|for|of|throughout|within|until|by|since|year|report|report\s+on|covered|covering|"
    r"covers)\s+(?:the\s+)?(?:year\s+)?(?:(?:early|late|spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?$"
)
_SINCE = regexes.compile(r"(?i)\bsince\s+$")
# "endorsed in 2005" dates an event: the year is the figure, not the scope of others.
_EVENT_BEFORE = regexes.compile(
    r"(?i)\b(?:approved|endorsed|adopted|signed|launched|founded|established|created|started|began|"
    r"begun|introduced|passed|enacted|issued|released|published|ratified|joined|opened|renovated|"
    r"raided|carried\s+out|took\s+place|happened|occurred)\s+(?:back\s+)?(?:in|on)\s+(?:the\s+year\s+)?$"
)
_REPORT_BEFORE = regexes.compile(r"(?i)\breport\s+(?:on|for)\s+(?:the\s+(?:year\s+)?)?$")
_REPORT_AFTER = regexes.compile(
    r"(?i)\s+(?:(?:TIP\s+|Trafficking\s+in\s+Persons\s+)?report|editions?|data|information|statistics|results)\b"
)
# "No child victims were identified in 2016": a year that scopes a zero, not a figure itself
_ZERO = regexes.compile(
    r"(?i)\b(?:no(?!\.?\s*\d)|none|zero|nobody|neither|not\s+(?:a\s+single|any)"
    # "did not report how many victims it referred in 2021": the year scopes a figure left out
    r"|not\s+(?:report|say|disclose|provide|give|state)\s+(?:how\s+many|the\s+number))\b"
)
_SINCE_IN = regexes.compile(r"(?i)\bsince\s+(?:19|20)\d\d\b")
_DATE_SCOPE_BEFORE = regexes.compile(
    r"(?i)(?:^|\b(?:on|in|by|as\s+of|until|till|through)\s+(?:the\s+end\s+of\s+)?)$"
)
_LIST_JOIN = regexes.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+)$")
_IN_BEFORE = regexes.compile(r"(?i)\b(?:in|during|for|throughout)\s+(?:the\s+years?\s+)?$")
_RESPECTIVELY = regexes.compile(r"(?i)\brespectively\b")
_BY_BEFORE = regexes.compile(r"(?i)\b(?:by|to|until|till|through|as\s+of)\s+(?:the\s+end\s+of\s+)?$")
_COORDINATION = Finder(r"[;]|,\s+(?:and|but|while|whereas|though|although)\b|\bwhereas\b")
_RELATIVE_YEAR = Finder(r"(?i)\b(?P<rel>last|this|the\s+previous|the\s+past)\s+year\b(?!s)")
# Words that make figures cumulative over a window the text does not state.
_UNRESOLVED = Finder(
    r"(?i)\b(?:in\s+total|totals?|to\s+date|so\s+far|altogether|cumulative(?:ly)?|over\s+the\s+years|"
    r"all\s+told|in\s+all)\b"
)
_RANGE_SCOPE_BEFORE = regexes.compile(
    r"(?i)\b(?:in|during|over|for|from|between|throughout)\s+(?:the\s+(?:years?|period)\s+)?$"
)
# "compared with 39 in 2013", "up from 44 in 2011", "(52 in 2012)": a figure with a year of
# its own, which scopes that figure alone.
_COMPARED = regexes.compile(
    r"(?i)(?:\bcompared\s+(?:with|to)|\b(?:up|down|rising|falling|increasing|decreasing|rise|rose|"
    r"increased?|decreased?|drop(?:ped)?|fall|fell|declined?|jump(?:ed)?)\s+from|"
    r"\b(?:more|fewer|less|higher|lower)\s+than|\bversus|\bvs\.?|\bagainst)\s+(?:the\s+)?$"
)
_AND_NEXT = regexes.compile(r"^\s*(?:,|,?\s+and|,?\s+or)\s+$")
_OWN_YEAR = regexes.compile(r"(?i)^(?:\s+[\w'’-]+){0,3}?\s+(?:in|for|during)\s+(?:the\s+year\s+)?$")
_PLAN_SPAN = regexes.compile(
    r"(?i)\b(?:plan|programme|program|strategy|concept)\s*,?\s+(?:for|covering)\s+(?:the\s+(?:years|period)\s+)?$"
)
_PART_OF_YEAR = regexes.compile(
    r"(?i)\b(?:(?P<half>first|second)\s+half|(?P<quarter>first|second|third|fourth)\s+quarter|"
    r"(?P<first>first|last)\s+(?P<months>three|six|nine|3|6|9)\s+months)\s+of\s+(?:the\s+year\s+)?$"
)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTHS = {"three": 3, "six": 6, "nine": 9, "3": 3, "6": 6, "9": 9}
# "that year", "the same year": the year the text last named
_THAT_DECADE = Finder(r"(?i)\b(?:that|the\s+same)\s+(?:decade|period|window)\b")
_DECADE_NAMED = regexes.compile(
    r"(?i)\b(?:10th|tenth)\s+(?:year\s+)?anniversary|\b(?P<later>a\s+decade\s+(?:later|on))\b"
)
_THAT_YEAR = Finder(r"(?i)\b(?:that|the\s+same)\s+year\b(?!s)")
# ", which also covered 188 countries," : the figure sits in a clause about what precedes it
_RELATIVE = regexes.compile(r"(?i),\s+(?:which|that|who)\b[^,;:()]*$")
_OPEN_BRACKET = regexes.compile(r"[(\[]\s*$")
_CLAUSE_BREAK = regexes.compile(r"[,;:()]")
_LIST_ITEM = regexes.compile(r"\n[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,2}[.)])[ \t]")
_HEADING = Finder(r"(?m)^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+(?P<h>[^\n]*)|\*\*(?P<b>[^*\n]{1,80})\*\*)")
_YEAR = regexes.compile(r"(?<![\d.,/-])(?:19|20)\d\d(?![\d.,/-]\d)")
_TIP_TITLE = regexes.compile(
    r"(?i)\b(?P<y>(?:19|20)\d\d)\s+(?:U\.?S\.?\s+)?(?:Trafficking\s+in\s+Persons|TIP|State\s+Department|"
    r"trafficking)\s+report\b|\b(?:Trafficking\s+in\s+Persons|TIP)\s+report\s+(?:of|for)\s+(?P<y2>(?:19|20)\d\d)\b"
)


@dataclass(frozen=True)
class Mark:
    """Where a sentence says which time its figures are about. None: a time the text names
    but that cannot be resolved ("by 2017", "the totals"), so that a nearby year is not
    wrongly taken instead."""

    pos: int
    period: Period | None
    basis: str
    weak: bool = False
    # (open, close) of the round brackets the mark stands in: "(10 sex trafficking victims
    # and two forced labour victims in 2017)" dates what the bracket holds, nothing outside
    bracket: tuple[int, int] | None = None


class Marks:
    """Where one text names the times its figures are about: its marks, sentence by
    sentence, its headings' years, and the years that only scope others."""

    def __init__(
        self,
        text: str,
        cands: list[Candidate],
        sentence_of: Callable[[int], Sentence],
        published: str | None,
        title: str | None = None,
    ) -> None:
        self.text = text
        self.cands = cands
        self.sentence_of = sentence_of
        self.published = published
        self.only_scopes: set[int] = set()
        self._marks: dict[int, list[Mark]] = {}
        self._weak: dict[int, list[Mark]] = {}
        self._own: dict[int, tuple[Period, str]] = {}  # candidate index -> its own year
        self._paragraph: dict[int, Period] = {}
        self._prior: dict[int, Period | None] = {}  # sentence start -> the scope before it
        self._lead: dict[int, Period] = {}  # a list item's paragraph -> the scope of the list's lead
        self._opening: dict[int, Sentence] = {}  # each paragraph's first sentence seen
        tip = _TIP_TITLE.search(title or "")
        self.report_year = int(tip["y"] or tip["y2"]) if tip else None
        self._cand_starts = [c.start for c in cands]
        # where clauses are coordinated (and colons), found once: asking of every pair of
        # figures in a sentence of a thousand figures would be quadratic
        self._joins = [(m.start(), m.end()) for m in _COORDINATION.finditer(text)]
        self._join_starts = [a for a, _ in self._joins]
        self._colons = [m.start() for m in regexes.compile(":").finditer(text)]
        self._headings = self._find_headings()
        self._heading_starts = [start for start, _ in self._headings]
        self._mark_windows()
        self._mark_years()

    # --- building the marks -------------------------------------------------------------

    def _mark(self, pos: int, period: Period | None, basis: str, weak: bool = False) -> None:
        table = self._weak if weak else self._marks
        sentence = self.sentence_of(pos)
        bracket = round_bracket(self.text, pos, sentence.start, sentence.end)
        table.setdefault(sentence.start, []).append(Mark(pos, period, basis, weak, bracket))

    def _mark_windows(self) -> None:
        text, published = self.text, self.published
        resolved = _window_years(text, published)
        for pos, period in resolved.items():
            self._mark(pos, period, "clause")
        for pattern in (_WINDOW, _THESE_YEARS, _DECADE):
            for m in pattern.finditer(text):
                if m.start() not in resolved:
                    # "for more than 12 years", with no date to count back from: a window
                    # the text names but that cannot be placed, so not the paragraph's year
                    self._mark(m.start(), None, "unknown")
        for m in _UNRESOLVED.finditer(text):
            self._mark(m.start(), None, "unknown")
        for m in _THAT_DECADE.finditer(text):
            window = self._last_window_before(m.start())
            if window is None and m.group(0).lower().endswith("decade"):
                window = self._decade_before(m.start())
            self._mark(m.start(), window, "paragraph scope" if window else "unknown")
        for m in _THAT_YEAR.finditer(text):
            year = self._last_year_before(m.start())
            self._mark(
                m.start(), Period(year, year) if year else None, "paragraph scope" if year else "unknown"
            )
        for m in _RELATIVE_YEAR.finditer(text):
            if published:
                year = str(int(published[:4]) - (0 if m["rel"].lower() == "this" else 1))
                self._mark(m.start(), Period(year, year), "document date")
            else:
                self._mark(m.start(), None, "unknown")

    def _last_window_before(self, pos: int) -> Period | None:
        """The last window of years named before `pos` in its paragraph or the one before."""
        paragraph = self.sentence_of(pos).paragraph
        best: tuple[int, Period] | None = None
        for marks in self._marks.values():
            for mark in marks:
                near = paragraph - 1 <= self.sentence_of(mark.pos).paragraph <= paragraph
                later = best is None or mark.pos > best[0]
                if mark.pos < pos and near and mark.period is not None and mark.period.cumulative and later:
                    best = (mark.pos, mark.period)
        return best[1] if best else None

    def _decade_before(self, pos: int) -> Period | None:
        """The decade a sentence before names by a year: "the 10th anniversary year" of a
        paragraph dated 2014 (2005-2014); "A decade later" after "May 2004" (2005-2014)."""
        lo = max(0, pos - 400)
        found = list(_DECADE_NAMED.finditer(self.text, lo, pos))
        if not found:
            return None
        m = found[-1]
        if self.sentence_of(m.start()).paragraph < self.sentence_of(pos).paragraph - 1:
            return None
        # "By its 10th anniversary, marked with events in May 2014": its own sentence's year
        own = [c for c in self.in_sentence(self.sentence_of(m.start())) if c.kind in ("year", "date")]
        stated = [str(c.value)[:4] for c in own if isinstance(c.value, str) and c.value[:1].isdigit()]
        year = stated[0] if stated and not m["later"] else self._last_year_before(m.start())
        if year is None:
            return None
        end = int(year) + (10 if m["later"] else 0)
        return Period(str(end - 9), str(end), True)

    def _last_year_before(self, pos: int) -> str | None:
        """The year of the last date or year written before `pos` in its paragraph or the
        one before it ("... on 12 November 2014. Operational work that year ...")."""
        paragraph = self.sentence_of(pos).paragraph
        for cand in reversed(self.cands[: bisect.bisect_left(self._cand_starts, pos)]):
            if self.sentence_of(cand.start).paragraph < paragraph - 1:
                return None
            if cand.kind in ("year", "date") and isinstance(cand.value, str) and cand.value[:1].isdigit():
                return cand.value[:4]
        return None

    def _find_headings(self) -> list[tuple[int, Period | None]]:
        """(offset, period) of each heading: a heading naming one year scopes what follows
        it, up to the next heading (which may name none)."""
        out: list[tuple[int, Period | None]] = []
        for m in _HEADING.finditer(self.text):
            words = m["h"] if m["h"] is not None else m["b"]
            years = set(_YEAR.findall(words))
            year = years.pop() if len(years) == 1 else None
            out.append((m.start(), Period(year, year) if year else None))
        return out

    def _mark_years(self) -> None:
        text, cands = self.text, self.cands
        window_spans = [m.span() for m in _WINDOW_TO.finditer(text)]
        listed = self._mark_year_lists()
        for i, cand in enumerate(cands):
            if i in listed:
                continue
            if cand.kind == "range" and cand.unit == "years":
                self._mark_range(i, cand)
            elif cand.kind == "year" and any(s <= cand.start < e for s, e in window_spans):
                self.only_scopes.add(i)  # the end year of "in the decade to 2014"
            elif cand.kind == "year":
                self._mark_year(i, cand)
            elif cand.kind == "date" and isinstance(cand.value, str) and cand.value[:1] != "-":
                self._mark_date(i, cand)

    def _mark_year_lists(self) -> set[int]:
        """'did not identify any child victims in 2016, 2017 or 2018': a list of years after
        'in' is one span, and what its clause counts is counted over all of it (unless
        'respectively' gives each figure its own year). Returns the listed years."""
        text, cands = self.text, self.cands
        listed: set[int] = set()
        i = 0
        while i < len(cands):
            j = i
            while (
                j + 1 < len(cands)
                and cands[j].kind == cands[j + 1].kind == "year"
                and _LIST_JOIN.match(text[cands[j].end : cands[j + 1].start])
            ):
                j += 1
            if j > i and cands[i].kind == "year":
                sent = self.sentence_of(cands[i].start)
                before = text[max(sent.start, cands[i].start - 25) : cands[i].start]
                rest = text[cands[j].end : sent.end]
                counted = [c for c in self.in_sentence(sent) if c.kind in _WINDOWED]
                zero = _ZERO.search(text, sent.start, sent.end)
                paired = [k for k, c in enumerate(cands) if c in counted and c.start < cands[i].start]
                if _RESPECTIVELY.search(rest) and len(paired) == j - i + 1:
                    # "40 and 52 traffickers in 2016 and 2017 respectively": each its own year
                    for k, n in zip(paired, range(i, j + 1), strict=True):
                        year = str(cands[n].value)
                        self._own[k] = (Period(year, year), "clause")
                    self.only_scopes.update(range(i, j + 1))
                    listed.update(range(i, j + 1))
                elif (
                    _IN_BEFORE.search(before)
                    and (counted or zero)
                    and not _RESPECTIVELY.search(rest)
                    and not _EVENT_BEFORE.search(before)
                ):
                    years = sorted(str(cands[k].value) for k in range(i, j + 1))
                    self._mark(cands[i].start, Period(years[0], years[-1], True), "clause")
                    self.only_scopes.update(range(i, j + 1))
                    listed.update(range(i, j + 1))
            i = j + 1
        return listed

    def _mark_date(self, i: int, cand: Candidate) -> None:
        """'The first flight, on 30 May 2019, brought back 156 citizens': a dated event's
        year is the year of the figures its clause counts. 'By the end of September 2020
        the ministry employed 15 coordinators': when a count stood, no event of its own."""
        text = self.text
        sent = self.sentence_of(cand.start)
        before = text[max(sent.start, cand.start - 25) : cand.start]
        if not _DATE_SCOPE_BEFORE.search(before):
            return
        counted = [
            c for c in self.in_sentence(sent)
            if c.kind in _WINDOWED and not self.coordinated(min(c.end, cand.end), max(c.start, cand.start))
        ]  # fmt: skip
        if not counted:
            return
        assert isinstance(cand.value, str)
        year = cand.value[:4]
        if _BY_BEFORE.search(before):
            self.only_scopes.add(i)
        self._mark(cand.start, Period(year, year), "sentence scope")

    def _mark_range(self, i: int, cand: Candidate) -> None:
        # "Between 2004 and 2014, 583 victims were identified": the window of the count.
        text = self.text
        sent = self.sentence_of(cand.start)
        counted = [c for c in self.in_sentence(sent) if c.kind in _WINDOWED]
        lead = text[max(sent.start, cand.start - 25) : cand.start]
        quote = text[cand.start : cand.end].lower()
        if _PLAN_SPAN.search(text, max(sent.start, cand.start - 40), cand.start):
            return  # "the plan for 2014–2018": the plan's own span, a figure of its own
        if counted and (_RANGE_SCOPE_BEFORE.search(lead) or quote.startswith(("between", "from", "in "))):
            self.only_scopes.add(i)
            assert isinstance(cand.value, tuple)  # a range of years is a (lo, hi) pair
            lo, hi = cand.value
            self._mark(cand.start, Period(str(lo), str(hi), True), "clause")

    def coordinated(self, start: int, end: int) -> bool:
        """Whether a coordinating break ('; ', ', and', 'whereas') lies within [start, end)."""
        n = bisect.bisect_left(self._join_starts, start)
        return n < len(self._joins) and self._joins[n][1] <= end

    def colon(self, start: int, end: int) -> bool:
        n = bisect.bisect_left(self._colons, start)
        return n < len(self._colons) and self._colons[n] < end

    def in_sentence(self, sent: Sentence) -> list[Candidate]:
        """The candidates of one sentence, found by bisection."""
        lo = bisect.bisect_left(self._cand_starts, sent.start)
        return self.cands[lo : bisect.bisect_left(self._cand_starts, sent.end)]

    def _heading_year(self, i: int, cand: Candidate) -> bool:
        """A year in a heading scopes the section under it: '## 2016', '**2024: third year**'."""
        at = bisect.bisect_right(self._heading_starts, cand.start) - 1
        if at < 0:
            return False
        start, period = self._headings[at]
        line_end = self.text.find("\n", start)
        inside = start <= cand.start < (line_end if line_end >= 0 else len(self.text))
        return inside and period is not None and period.start == str(cand.value)

    def _mark_year(self, i: int, cand: Candidate) -> None:
        text, published = self.text, self.published
        if self._heading_year(i, cand):
            self.only_scopes.add(i)
            return
        own = self._owner(i, cand)
        if own is not None:
            self.only_scopes.add(i)
            return
        sent = self.sentence_of(cand.start)
        # A year scopes the figures of its own clause group: in "has published its report
        # since 2001, and the 2015 edition covered 188 countries" it dates an event instead.
        others = [
            c for c in self.in_sentence(sent)
            if c.kind != "year" and not self.coordinated(min(c.end, cand.end), max(c.start, cand.start))
        ]  # fmt: skip
        before = text[max(sent.start, cand.start - 25) : cand.start]
        year = str(cand.value)
        if _REPORT_AFTER.match(text, cand.end):
            # "the 2017 TIP report": the edition, a weak scope of the sentence, not a figure
            self.only_scopes.add(i)
            self._mark(cand.start, Period(year, year), "report", weak=True)
            return
        # "In 2014 the ministry reported:" followed by a list scopes the list's figures
        leads = text[sent.start : sent.end].rstrip().endswith(":") and _LIST_ITEM.match(text, sent.end)
        scoping = others or _ZERO.search(text, sent.start, sent.end) or leads
        if _SINCE.search(before) and not any(c.kind in _WINDOWED for c in others):
            return  # "a post she has held since 2022": no total starts then; the year is a fact
        if not (_SCOPE_BEFORE.search(before) and scoping and not _EVENT_BEFORE.search(before)):
            return
        self.only_scopes.add(i)
        if _SINCE.search(before):
            by = _BY_YEAR.search(text, sent.start, sent.end)
            end = by["y"] if by and by["y"] != cand.value else (published[:4] if published else None)
            self._mark(cand.start, Period(year, end, True) if end else None, "clause" if end else "unknown")
        elif _BY_BEFORE.search(before):
            if not _SINCE_IN.search(text, sent.start, cand.start):
                self._mark(
                    cand.start, None, "unknown"
                )  # "by 2017, the totals ..." ends a window we cannot see
        else:
            # "the report for 2014 counted ... over the preceding decade": a report's year
            # is the figures' period only when nothing closer says otherwise
            weak = bool(_REPORT_BEFORE.search(before))
            self._mark(cand.start, _part_of_year(text, cand.start, year), "sentence scope", weak)

    def _owner(self, i: int, cand: Candidate) -> int | None:
        """The figure a year belongs to alone: '(52 in 2012)', 'compared with 39 in 2013'."""
        if i == 0:
            return None
        prev = self.cands[i - 1]
        if prev.kind not in _WINDOWED or not _OWN_YEAR.match(self.text[prev.end : cand.start]):
            return None
        lead = self.text[max(0, prev.start - 30) : prev.start]
        year = str(cand.value)
        # "compared with 153 in 2019 and 223 in 2018": the second of a list of comparisons
        chained = (
            i >= 3 and (i - 3) in self._own and _AND_NEXT.match(self.text[self.cands[i - 2].end : prev.start])
        )
        if _COMPARED.search(lead) or (chained and self._own[i - 3][1] == "comparison"):
            self._own[i - 1] = (Period(year, year), "comparison")
        elif _OPEN_BRACKET.search(lead) and any(c in self.text[cand.end : cand.end + 3] for c in ")]"):
            self._own[i - 1] = (Period(year, year), "parenthesis")
        else:
            return None
        return i - 1


def _part_of_year(text: str, pos: int, year: str) -> Period:
    """'in the first half of 2015' is January to June, not the whole year."""
    m = _PART_OF_YEAR.search(text, max(0, pos - 40), pos)
    if not m:
        return Period(year, year)
    if m["half"]:
        lo, hi = (1, 6) if m["half"].lower() == "first" else (7, 12)
    elif m["quarter"]:
        q = _QUARTERS[m["quarter"].lower()]
        lo, hi = 3 * q - 2, 3 * q
    else:
        n = _MONTHS[m["months"].lower()]
        lo, hi = (1, n) if m["first"].lower() == "first" else (13 - n, 12)
    return Period(f"{year}-{lo:02d}", f"{year}-{hi:02d}")
