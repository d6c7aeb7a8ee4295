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
from collections.abc import Callable
from dataclasses import dataclass

from tipcheck.figures import entities
from tipcheck.figures.spans import Candidate
from tipcheck.figures.windows import _BY_YEAR, _WINDOW_TO, _window_years
from tipcheck.model import Period
from tipcheck.support import regex_cache as regexes
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
_WINDOWED = {"count", "money", "percent", "ratio"}
_SCOPE_BEFORE = regexes.compile(
    r"(?i)\b(?:in|during|for|of|throughout|within|until|by|since|year|report|report\s+on|covered|covering|"
    r"covers)\s+(?:the\s+)?(?:year\s+)?$"
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
_ZERO = regexes.compile(r"(?i)\b(?:no(?!\.?\s*\d)|none|zero|nobody|neither|not\s+(?:a\s+single|any))\b")
_SINCE_IN = regexes.compile(r"(?i)\bsince\s+(?:19|20)\d\d\b")
_BY_BEFORE = regexes.compile(r"(?i)\b(?:by|to|until|till|through|as\s+of)\s+(?:the\s+end\s+of\s+)?$")
_COORDINATION = regexes.compile(r"[;]|,\s+(?:and|but|while|whereas|though|although)\b|\bwhereas\b")
_RELATIVE_YEAR = regexes.compile(r"(?i)\b(?P<rel>last|this|the\s+previous|the\s+past)\s+year\b(?!s)")
# Words that make figures cumulative over a window the text does not state.
_UNRESOLVED = regexes.compile(
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
_THAT_DECADE = regexes.compile(r"(?i)\b(?:that|the\s+same)\s+(?:decade|period|window)\b")
_DECADE_NAMED = regexes.compile(
    r"(?i)\b(?:10th|tenth)\s+(?:year\s+)?anniversary|\b(?P<later>a\s+decade\s+(?:later|on))\b"
)
_THAT_YEAR = regexes.compile(r"(?i)\b(?:that|the\s+same)\s+year\b(?!s)")
# ", which also covered 188 countries," : the figure sits in a clause about what precedes it
_RELATIVE = regexes.compile(r"(?i),\s+(?:which|that|who)\b[^,;:()]*$")
_OPEN_BRACKET = regexes.compile(r"[(\[]\s*$")
_CLAUSE_BREAK = regexes.compile(r"[,;:()]")
_LIST_ITEM = regexes.compile(r"\n[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,2}[.)])[ \t]")
_HEADING = regexes.compile(
    r"(?m)^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+(?P<h>[^\n]*)|\*\*(?P<b>[^*\n]{1,80})\*\*)"
)
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


class Scopes:
    """The time marks of one text, and each candidate figure's period with its basis.

    `resolve` must be called for the candidates in text order: the paragraph scope is the
    last period an earlier sentence of the paragraph set.
    """

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
        for pos, period in _window_years(text, published).items():
            self._mark(pos, period, "clause")
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
        own = [c for c in self._in(self.sentence_of(m.start())) if c.kind in ("year", "date")]
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
        for i, cand in enumerate(cands):
            if cand.kind == "range" and cand.unit == "years":
                self._mark_range(i, cand)
            elif cand.kind == "year" and any(s <= cand.start < e for s, e in window_spans):
                self.only_scopes.add(i)  # the end year of "in the decade to 2014"
            elif cand.kind == "year":
                self._mark_year(i, cand)

    def _mark_range(self, i: int, cand: Candidate) -> None:
        # "Between 2004 and 2014, 583 victims were identified": the window of the count.
        text = self.text
        sent = self.sentence_of(cand.start)
        counted = [c for c in self._in(sent) if c.kind in _WINDOWED]
        lead = text[max(sent.start, cand.start - 25) : cand.start]
        quote = text[cand.start : cand.end].lower()
        if _PLAN_SPAN.search(text, max(sent.start, cand.start - 40), cand.start):
            return  # "the plan for 2014–2018": the plan's own span, a figure of its own
        if counted and (_RANGE_SCOPE_BEFORE.search(lead) or quote.startswith(("between", "from", "in "))):
            self.only_scopes.add(i)
            assert isinstance(cand.value, tuple)  # a range of years is a (lo, hi) pair
            lo, hi = cand.value
            self._mark(cand.start, Period(str(lo), str(hi), True), "clause")

    def _in(self, sent: Sentence) -> list[Candidate]:
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
            c for c in self._in(sent)
            if c.kind != "year" and not _COORDINATION.search(text, min(c.end, cand.end), max(c.start, cand.start))
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

    # --- resolving ----------------------------------------------------------------------

    def resolve(self, i: int, cand: Candidate) -> tuple[Period | None, str]:
        """The period of candidate i and its basis (one of BASES)."""
        sent = self.sentence_of(cand.start)
        self._opening.setdefault(sent.paragraph, sent)
        found = sorted(self._marks.get(sent.start) or self._weak.get(sent.start, []), key=lambda m: m.pos)
        # the scope the sentences before set, as it was before this sentence's own marks
        prior = self._prior.setdefault(sent.start, self._paragraph.get(sent.paragraph))
        outside = [m for m in found if m.bracket is None]
        if outside and outside[-1].period is not None:
            self._paragraph[sent.paragraph] = outside[-1].period
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
            if _COORDINATION.search(self.text, cand.end, first) and not self._weak_before(
                sent, cand, found[0]
            ):
                # "50 women were victims, while 3 men were forced into labour since 2014": a
                # time named in a later coordinated clause is that clause's
                if prior is not None:
                    return prior, "paragraph scope"
                found = []
        if found:
            before = [m for m in found if m.pos <= cand.start]
            chosen = before[-1] if before else found[0]
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


def square_bracket(text: str, pos: int) -> int | None:
    """Where the square bracket that holds `pos` opens, within its paragraph; None when
    `pos` is not inside one."""
    floor = max(0, text.rfind("\n\n", 0, pos))
    opened = text.rfind("[", floor, pos)
    if opened < 0 or text.rfind("]", opened, pos) >= 0:
        return None
    return opened if text.find("]", pos, pos + 400) >= 0 else None


def round_bracket(text: str, pos: int, lo: int, hi: int) -> tuple[int, int] | None:
    """(open, close) of the round brackets around `pos` within [lo, hi), or None."""
    opened = text.rfind("(", lo, pos)
    if opened < 0 or text.rfind(")", opened, pos) >= 0:
        return None
    close = text.find(")", pos, hi)
    if close < 0 or text.find("(", pos, close) >= 0:
        return None
    return opened, close
