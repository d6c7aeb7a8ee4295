"""Text -> figures: what each figure in a text asserts, with its hedge, unit, metric and period.

`patterns` finds where figures are; this module reads their surroundings. A year that
only scopes other figures in its sentence ("In 2014, 54 persons ...") becomes their
period instead of a figure of its own. Windows ("over the past 12 years", "during these
years" after "the 10th year anniversary", "since 2014") resolve against the publication
date when one is given, and are marked cumulative.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from tipcheck.figures import numbers as nums
from tipcheck.figures.spans import NUM, Candidate, candidates
from tipcheck.model import Figure, Period
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary
from tipcheck.text.sentences import Sentence, sentences

QUALIFIER_WORDS = {
    "approximately": "approximately", "approx.": "approximately", "about": "approximately",
    "around": "approximately", "roughly": "approximately", "some": "approximately",
    "nearly": "approximately", "almost": "approximately", "close to": "approximately",
    "an estimated": "approximately", "estimated": "approximately", "circa": "approximately",
    "more than": "more than", "over": "more than", "above": "more than",
    "in excess of": "more than", "upwards of": "more than", "over than": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "not less than": "at least", "less than": "less than", "fewer than": "less than",
    "under": "less than", "below": "less than", "up to": "up to", "at most": "up to",
    "no more than": "up to", "not more than": "up to", "only": "only", "just": "only",
    "merely": "only",
}  # fmt: skip
_HEDGE = regexes.compile(
    r"(?i)\b(?:"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(QUALIFIER_WORDS, key=len, reverse=True))
    + r")\s+$"
)
_HEDGE_KINDS = {"count", "money", "percent", "ratio", "duration"}
_WINDOWED = {"count", "money", "percent", "ratio"}

# "54 victims", "one woman": each form of a `unit` noun of vocabulary/counted.txt -> its unit.
UNIT_NOUNS = {
    form: unit
    for unit, tags, singulars, plurals in vocabulary.counted()
    if "unit" in tags
    for form in (*singulars, unit, *plurals)
}
_STOP = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "were",
    "was", "is", "are", "be", "been", "have", "has", "had", "it", "its", "their", "them",
    "they", "this", "that", "these", "those", "which", "who", "as", "from", "into", "also",
    "all", "each", "there", "than", "while", "being", "so", "such", "among", "out",
}  # fmt: skip
_WORD = regexes.compile(r"[A-Za-z][A-Za-z'’-]*")
_SCOPE_BEFORE = regexes.compile(
    r"(?i)\b(?:in|during|for|of|throughout|within|until|by|since|year|report|report\s+on)\s+(?:the\s+)?(?:year\s+)?$"
)
_SINCE = regexes.compile(r"(?i)\bsince\s+$")
# "endorsed in 2005" dates an event: the year is the figure, not the scope of others.
_EVENT_BEFORE = regexes.compile(
    r"(?i)\b(?:approved|endorsed|adopted|signed|launched|founded|established|created|started|began|"
    r"begun|introduced|passed|enacted|issued|released|published|ratified|joined|opened|renovated|"
    r"raided|carried\s+out|took\s+place|happened|occurred)\s+(?:back\s+)?(?:in|on)\s+(?:the\s+year\s+)?$"
)
_BY_YEAR = regexes.compile(r"(?i)\b(?:by|to|until|through)\s+(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d\d)\b")
_WINDOW = regexes.compile(
    rf"(?i)\b(?:over|in|during|for|within)\s+(?:the\s+)?(?:(?:past|last)\s+|more\s+than\s+)"
    rf"(?P<n>{NUM}|a\s+dozen)\s+years\b"
    rf"|\bfor\s+more\s+than\s+(?P<n2>{NUM})\s+years\b"
    rf"|\bover\s+(?P<n3>{NUM})\s+years\b(?!\s+(?:old|of\s+age))"
)
_WINDOW_TO = regexes.compile(
    rf"(?i)\b(?:in|over|during|for|within|across)\s+the\s+(?:(?P<decade>decade)|(?P<n>{NUM})[\s-]+years?(?:\s+period)?)"
    rf"\s+(?:(?:up\s+)?to|until|till|through|ending(?:\s+in)?|before)\s+(?P<y>(?:19|20)\d\d)\b"
)
_REPORT_BEFORE = regexes.compile(r"(?i)\breport\s+(?:on|for)\s+(?:the\s+(?:year\s+)?)?$")
_REPORT_AFTER = regexes.compile(r"(?i)\s+(?:TIP\s+|Trafficking\s+in\s+Persons\s+)?report\b")
_SINCE_IN = regexes.compile(r"(?i)\bsince\s+(?:19|20)\d\d\b")
_BY_BEFORE = regexes.compile(r"(?i)\b(?:by|to|until|till|through|as\s+of)\s+(?:the\s+end\s+of\s+)?$")
_COORDINATION = regexes.compile(r"[;]|,\s+(?:and|but|while|whereas|though|although)\b|\bwhereas\b")
_RELATIVE_YEAR = regexes.compile(r"(?i)\b(?P<rel>last|this|the\s+previous|the\s+past)\s+year\b(?!s)")
# Words that make figures cumulative over a window the text does not state.
_UNRESOLVED = regexes.compile(
    r"(?i)\b(?:in\s+total|totals?|to\s+date|so\s+far|altogether|cumulative(?:ly)?|over\s+the\s+years|"
    r"all\s+told|in\s+all)\b"
)
_DECADE = regexes.compile(
    r"(?i)\b(?:over|in|during|throughout|for|across)\s+the\s+(?P<rel>past|last|previous|preceding)\s+decade\b"
)
_RANGE_SCOPE_BEFORE = regexes.compile(
    r"(?i)\b(?:in|during|over|for|from|between|throughout)\s+(?:the\s+(?:years?|period)\s+)?$"
)
_THESE_YEARS = regexes.compile(r"(?i)\b(?:during|in|over|for)\s+(?:these|those|the\s+same)\s+years\b")
_ANNIVERSARY = regexes.compile(
    r"(?i)\b(?P<prev>previous|last|this)\s+year\s+was\s+the\s+(?P<n>\d+)(?:st|nd|rd|th)\s+year\s+anniversary"
    r"|\b(?P<n2>\d+)(?:st|nd|rd|th)\s+(?:year\s+)?anniversary"
)
_REF = regexes.compile(
    r"\b(?P<ref>(?:Decree|Decision|Law|Order|Resolution|Ordinance)\s+(?:No\.?|N|№)\s?[\w./-]+)"
)
# "24 of them", "36 (of the 54)": a subset of a whole named before (or right after)
OF_THEM = regexes.compile(r"(?i)^\s*(?:\(\s*)?of\s+(?:them|these|those|the\s+(?P<whole>\d[\d,]*))")


def _hedge(text: str, cand: Candidate) -> tuple[int, str]:
    if cand.kind not in _HEDGE_KINDS:
        return cand.start, "exact"
    m = _HEDGE.search(text, max(0, cand.start - 30), cand.start)
    if not m:
        return cand.start, "exact"
    word = re.sub(r"\s+", " ", m.group(0).strip().lower())
    return m.start(), QUALIFIER_WORDS[word]


def _words_after(text: str, pos: int, limit: int) -> list[str]:
    clause = re.split(r"[.;:!?()\[\]\n,]|\s[–—-]\s", text[pos : pos + 120], maxsplit=1)[0]
    return _WORD.findall(clause)[:limit]


def _words_before(text: str, pos: int, limit: int) -> list[str]:
    clause = re.split(r"[.;!?()\[\]\n]", text[max(0, pos - 160) : pos])[-1]
    return _WORD.findall(clause)[-limit:]


def _unit(text: str, cand: Candidate) -> str | None:
    if cand.unit is not None or cand.kind not in ("count", "ordinal"):
        return cand.unit
    words = [w.lower() for w in _words_after(text, cand.end, 4)]
    if cand.kind == "ordinal":
        return words[0] if words else None
    for word in words[:3]:
        if word in UNIT_NOUNS:
            return UNIT_NOUNS[word]
    if words and words[0] not in _STOP and words[0].endswith("s") and not words[0].endswith("ss"):
        return words[0]
    return None


def _metric(text: str, cand: Candidate) -> str | None:
    if cand.kind in ("date", "year", "range"):
        words = _words_before(text, cand.start, 8)
    else:
        words = _words_after(text, cand.end, 10)
    content = [w.lower() for w in words if w.lower() not in _STOP and not w.isdigit()]
    return " ".join(content[:6]) or None


def _window_years(text: str, published: str | None) -> dict[int, Period]:
    """Cumulative windows, keyed by the offset of the sentence-level phrase naming them."""
    out: dict[int, Period] = {}
    pub_year = int(published[:4]) if published else None
    anniv_end: int | None = None
    anniv_n: int | None = None
    for m in _ANNIVERSARY.finditer(text):
        anniv_n = int(m["n"] or m["n2"])
        if m["prev"] and pub_year:
            anniv_end = pub_year - (0 if m["prev"].lower() == "this" else 1)
    for m in _THESE_YEARS.finditer(text):
        if anniv_n and anniv_end:
            out[m.start()] = Period(str(anniv_end - anniv_n + 1), str(anniv_end), True)
    for m in _DECADE.finditer(text):
        # "the previous decade" ends with the year the sentence is about, else before publication
        lead = text[max(0, m.start() - 200) : m.start()]
        lead = re.split(r"[.!?]\s|\n\s*\n", lead)[-1]
        years = re.findall(r"\b(?:19|20)\d\d\b", lead)
        end = int(years[-1]) if years else (pub_year - 1 if pub_year else None)
        if end:
            out[m.start()] = Period(str(end - 9), str(end), True)
    for m in _WINDOW_TO.finditer(text):
        n = 10 if m["decade"] else _count_words(m["n"])
        if n:
            end = int(m["y"]) - (
                1 if m.group(0).lower().rstrip("0123456789").rstrip().endswith("before") else 0
            )
            out[m.start()] = Period(str(end - n + 1), str(end), True)
    for m in _WINDOW.finditer(text):
        n = _count_words(m["n"] or m["n2"] or m["n3"] or "")
        # "the past 12 years" of a 2017 text: the twelve whole years before 2017; a report
        # named in the sentence ("the TIP report for 2017") is the reference instead.
        ref = _report_year(text, m.start()) or pub_year
        if n and ref:
            out[m.start()] = Period(str(ref - int(n)), str(ref - 1), True)
    return out


_REPORT_YEAR = regexes.compile(
    r"(?i)\b(?P<a>(?:19|20)\d\d)\s+(?:TIP\s+)?report\b|\breport\s+(?:for|of)\s+(?P<b>(?:19|20)\d\d)\b"
)


def _report_year(text: str, pos: int) -> int | None:
    """The year of a report named earlier in the same sentence ('the 2017 TIP report')."""
    lead = re.split(r"[.!?]\s|\n", text[max(0, pos - 250) : pos])[-1]
    found = list(_REPORT_YEAR.finditer(lead))
    return int(found[-1]["a"] or found[-1]["b"]) if found else None


def _count_words(raw: str) -> int | None:
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    return nums.SPECIAL.get(raw.lower()) or nums.parse_words(raw)


def figures(text: str, published: str | None = None, document_period: bool = True) -> list[Figure]:
    """Every figure and date the text asserts, in text order.

    With `document_period`, a figure with no period in its sentence or paragraph takes
    the year the document reports on (right for an annual report, wrong for a draft
    that moves between years, so `verify` turns it off).
    """
    cands = candidates(text)
    sents = sentences(text)
    windows = _window_years(text, published)
    doc_year = _document_year(text, cands) if document_period else None

    sent_starts = [s.start for s in sents]
    cand_starts = [c.start for c in cands]  # candidates come in text order

    def sentence_of(pos: int) -> Sentence:
        # the first sentence that holds pos (its end included), found by bisection
        at = max(0, bisect.bisect_right(sent_starts, pos) - 1)
        while at > 0 and sents[at - 1].end >= pos:
            at -= 1
        return sents[at]

    window_spans = [m.span() for m in _WINDOW_TO.finditer(text)]
    scopes: set[int] = set()
    # Marks: (offset, period or None) where a sentence says which time its figures are
    # about. A figure takes the nearest mark before it in its sentence (or the first one
    # after); None marks a time the text names but that cannot be resolved ("by 2017",
    # "the totals"), so that a nearby year is not wrongly taken instead.
    marks: dict[int, list[tuple[int, Period | None]]] = {}
    weak: dict[int, list[tuple[int, Period | None]]] = {}

    def mark(pos: int, period: Period | None, is_weak: bool = False) -> None:
        (weak if is_weak else marks).setdefault(sentence_of(pos).start, []).append((pos, period))

    period: Period | None  # a window's here, each figure's (or None) below
    for pos, period in windows.items():
        mark(pos, period)
    for m in _UNRESOLVED.finditer(text):
        mark(m.start(), None)
    for m in _RELATIVE_YEAR.finditer(text):
        if published:
            year = str(int(published[:4]) - (0 if m["rel"].lower() == "this" else 1))
            mark(m.start(), Period(year, year))
        else:
            mark(m.start(), None)
    for i, cand in enumerate(cands):
        if cand.kind == "range" and cand.unit == "years":
            # "Between 2004 and 2014, 583 victims were identified": the window of the count.
            sent = sentence_of(cand.start)
            counted = [c for c in cands if sent.start <= c.start < sent.end and c.kind in _WINDOWED]
            lead = text[max(sent.start, cand.start - 25) : cand.start]
            quote = text[cand.start : cand.end].lower()
            if counted and (_RANGE_SCOPE_BEFORE.search(lead) or quote.startswith(("between", "from", "in "))):
                scopes.add(i)
                assert isinstance(cand.value, tuple)  # a range of years is a (lo, hi) pair
                lo, hi = cand.value
                mark(cand.start, Period(str(lo), str(hi), True))
            continue
        if cand.kind == "duration":
            # "over the past 12 years" is the window of the figures beside it (a mark from
            # `_window_years`) and stays a figure itself: the length of a window can be wrong
            continue
        if cand.kind != "year":
            continue
        if any(s <= cand.start < e for s, e in window_spans):
            scopes.add(i)  # the end year of "in the decade to 2014"
            continue
        sent = sentence_of(cand.start)
        # A year scopes the figures of its own clause group: in "has published its report
        # since 2001, and the 2015 edition covered 188 countries" it dates an event instead.
        others = [
            c for c in cands[bisect.bisect_left(cand_starts, sent.start) : bisect.bisect_left(cand_starts, sent.end)]
            if c.kind != "year"
            and not _COORDINATION.search(text, min(c.end, cand.end), max(c.start, cand.start))
        ]  # fmt: skip
        before = text[max(sent.start, cand.start - 25) : cand.start]
        if _REPORT_AFTER.match(text, cand.end):
            # "the 2017 TIP report": the edition, a weak scope of the sentence, not a figure
            scopes.add(i)
            mark(cand.start, Period(str(cand.value), str(cand.value)), True)
            continue
        if _SCOPE_BEFORE.search(before) and others and not _EVENT_BEFORE.search(before):
            scopes.add(i)
            if _SINCE.search(before):
                by = _BY_YEAR.search(text, sent.start, sent.end)
                end = by["y"] if by and by["y"] != cand.value else (published[:4] if published else None)
                mark(cand.start, Period(str(cand.value), end, True) if end else None)
            elif _BY_BEFORE.search(before):
                if not _SINCE_IN.search(text, sent.start, cand.start):
                    mark(cand.start, None)  # "by 2017, the totals ..." ends a window we cannot see
            else:
                # "the report for 2014 counted ... over the preceding decade": a report's year
                # is the figures' period only when nothing closer says otherwise
                is_weak = bool(_REPORT_BEFORE.search(before))
                mark(cand.start, Period(str(cand.value), str(cand.value)), is_weak)

    def scope_of(pos: int, sent: Sentence) -> tuple[bool, Period | None]:
        found = sorted(marks.get(sent.start) or weak.get(sent.start, []), key=lambda m: m[0])
        if not found:
            return False, None
        before = [p for at, p in found if at <= pos]
        return True, (before[-1] if before else found[0][1])

    paragraph_scope: dict[int, Period] = {}
    result: list[Figure] = []
    for i, cand in enumerate(cands):
        sent = sentence_of(cand.start)
        marked, scope = scope_of(cand.start, sent)
        if marked and document_period:
            last = sorted(marks.get(sent.start) or weak[sent.start], key=lambda m: m[0])[-1][1]
            if last is not None:
                paragraph_scope[sent.paragraph] = last
        if i in scopes:
            continue
        start, qualifier = _hedge(text, cand)
        period = None
        if cand.kind not in ("date", "year") and not (cand.kind == "range" and cand.unit == "years"):
            if marked:
                period = scope
            else:
                period = paragraph_scope.get(sent.paragraph) or (
                    Period(doc_year, doc_year) if doc_year else None
                )
        ref = None
        if cand.kind == "date":
            refs = list(_REF.finditer(text, max(sent.start, cand.start - 120), cand.start))
            after = _REF.search(text, cand.end, min(sent.end, cand.end + 40))
            # "Decree No. 667 ... dated July 24, 2014", or a timeline's "17 October 2014 - Law No. 1066"
            ref = refs[-1]["ref"] if refs else (after["ref"] if after else None)
        result.append(
            Figure(
                start=start,
                end=cand.end,
                quote=text[start : cand.end],
                kind=cand.kind,
                value=cand.value,
                unit=_unit(text, cand),
                qualifier=qualifier,
                metric=_metric(text, cand),
                period=period,
                ref=ref,
            )
        )
    return _link_parts(text, result, [sentence_of(f.start).paragraph for f in result])


def _document_year(text: str, cands: list[Candidate]) -> str | None:
    """The year a report is about: reports open with it ("... in 2014 in the field of")."""
    for c in cands:
        if c.kind == "year" and re.search(r"(?i)\b(?:in|during)\s+$", text[max(0, c.start - 10) : c.start]):
            return str(c.value)
    return None


def _link_parts(text: str, found: list[Figure], paragraphs: list[int]) -> list[Figure]:
    """Link breakdowns: '(51 women, 3 men)' after a count, 'N of them', 'N (of the M)'.

    A whole is looked for in its part's paragraph only: "of them" never reaches back over
    a paragraph break to whatever count ended the one before.
    """
    out = list(found)
    subsets: set[int] = set()
    for i, fig in enumerate(found):
        if fig.kind != "count":
            continue
        after = text[fig.end : fig.end + 40]
        of = OF_THEM.match(after)
        if of:
            # `out`, not `found`: "6 of them ..., 15 of them ...": siblings already linked
            # are parts, not the whole the next one is of
            subsets.add(i)
            whole = _find_whole(out, i, of["whole"], paragraphs, subsets)
            out[i] = replace(fig, part_of=whole, subset=True)
            continue
        paren = re.match(r"[^()\n.;:]{0,40}?\(", after)
        # "26 people prosecuted: 18 women and 9 men"; "13,216 requests, of which 28 ..."
        listing = _LISTING.match(text, fig.end, min(len(text), fig.end + 60))
        if paren:
            # "35 women and three men (of the 54 victims)": only what the bracket holds is a
            # part; the figures before it are the count's siblings, not its parts
            opened = fig.end + paren.end()
            close = text.find(")", opened)
        elif listing:
            end = regexes.compile(r"[.;!?](?:\s|$)|\n").search(text, listing.end())
            close = end.start() if end else len(text)
        else:
            continue
        if close < 0:
            continue
        first = opened if paren else fig.end
        for j in range(i + 1, len(found)):
            part = found[j]
            if part.start >= close:
                break
            named_whole = _OF_THE_BEFORE.search(text, max(0, part.start - 10), part.start)
            if part.start >= first and part.kind == "count" and out[j].part_of is None and not named_whole:
                out[j] = replace(part, part_of=i)
    return out


_OF_THE_BEFORE = regexes.compile(r"(?i)\bof\s+the\s+$")  # "(of the 54 victims)" names the whole
_LISTING = regexes.compile(r"[^()\n.;:]{0,50}?(?::|,?\s+(?:of\s+(?:which|whom)|including)\b)")


def _find_whole(
    found: list[Figure], i: int, whole_text: str | None, paragraphs: list[int], subsets: set[int]
) -> int | None:
    earlier = [j for j in range(i - 1, -1, -1) if paragraphs[j] == paragraphs[i]]
    if whole_text:
        wanted = nums.parse_digits(whole_text)
        # "38 of the 54 victims", "36 (of the 54)": the whole written right after its part
        # is that whole, whatever an earlier sentence counted
        if i + 1 < len(found) and found[i + 1].value == wanted and found[i + 1].start - found[i].end <= 16:
            return i + 1
        return next((j for j in earlier if found[j].value == wanted), None)
    # "Six of them ..., 15 of them ...": an earlier subset is a sibling, not the whole
    return next(
        (j for j in earlier if found[j].kind == "count" and found[j].part_of is None and j not in subsets),
        None,
    )
