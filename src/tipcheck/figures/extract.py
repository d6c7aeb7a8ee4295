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

from tipcheck.figures import entities, periods, undated
from tipcheck.figures import numbers as nums
from tipcheck.figures.spans import Candidate, candidates
from tipcheck.model import Figure, Period
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary
from tipcheck.text import brackets
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


_OWN_CLAUSE = ("clause", "parenthesis", "comparison")
_REPORT_WORD = regexes.compile(r"(?i)\breport\b")
_CONSECUTIVE = regexes.compile(r"(?i)\s+consecutive\s+years?\b")


def _dated_sentence(scopes: periods.Scopes, sent: Sentence) -> bool:
    """Whether a sentence writes a date or year ("in the report it issued on 20 June 2014")."""
    return any(c.kind in ("date", "year") for c in scopes.in_sentence(sent))


def _report_own(text: str, cand: Candidate) -> bool:
    """A tier, the count of years a country has held it, or the countries a report
    covers ("the report analyzed the efforts of 188 countries"): properties of the report."""
    if cand.kind == "tier" or (cand.kind == "ordinal" and bool(_CONSECUTIVE.match(text, cand.end))):
        return True
    return (
        cand.kind == "count"
        and entities.kind_of_words(text[cand.end : cand.end + 40], 2) == "countries"
        and bool(_REPORT_WORD.search(text, max(0, cand.start - 120), cand.start))
    )


def _metric(text: str, cand: Candidate) -> str | None:
    if cand.kind in ("date", "year", "range"):
        words = _words_before(text, cand.start, 8)
    else:
        words = _words_after(text, cand.end, 10)
    content = [w.lower() for w in words if w.lower() not in _STOP and not w.isdigit()]
    return " ".join(content[:6]) or None


def figures(
    text: str, published: str | None = None, document_period: bool = True, title: str | None = None
) -> list[Figure]:
    """Every figure and date the text asserts, in text order.

    With `document_period`, a figure with no period in its sentence or paragraph takes
    the year the document reports on (right for an annual report, wrong for a draft
    that moves between years, so `verify` turns it off).
    """
    cands = candidates(text)
    if document_period:
        # a source's zeros ("no child victims") are claims too; a draft's are left alone
        from tipcheck.figures import zeros

        cands = sorted([*cands, *zeros.candidates(text, cands)], key=lambda c: c.start)
    sents = sentences(text)
    doc_year = _document_year(text, cands) if document_period else None
    sent_starts = [s.start for s in sents]

    def sentence_of(pos: int) -> Sentence:
        # the first sentence that holds pos (its end included), found by bisection
        at = max(0, bisect.bisect_right(sent_starts, pos) - 1)
        while at > 0 and sents[at - 1].end >= pos:
            at -= 1
        return sents[at]

    scopes = periods.Scopes(text, cands, sentence_of, published, title)
    result: list[Figure] = []
    dated_end = 0  # where the last date or year before this candidate ends
    for i, cand in enumerate(cands):
        if i and cands[i - 1].kind in ("date", "year"):
            dated_end = cands[i - 1].end
        sent = sentence_of(cand.start)
        period, basis = scopes.resolve(i, cand)
        if i in scopes.only_scopes:
            continue
        start, qualifier = _hedge(text, cand)
        if cand.kind in ("date", "year") or (cand.kind == "range" and cand.unit == "years"):
            period, basis = None, "own value"  # a date is its own time
        elif document_period and published and _report_own(text, cand) and basis not in _OWN_CLAUSE:
            # a source's tier ("remained on Tier 2", "for the second consecutive year") is the
            # report's own year, not the year its figures are about
            period, basis = Period(published[:4], published[:4]), "report convention"
        elif period is None and basis == "unknown" and brackets.square_bracket(text, cand.start) is None:
            if doc_year:
                period, basis = Period(doc_year, doc_year), "document date"
            else:
                period, basis = scopes.report_period(cand.kind)
            if period is None and published and _report_own(text, cand) and not _dated_sentence(scopes, sent):
                # "remains on Tier 2 for the third consecutive year" in copy dated 2024: that
                # year's report, the one the copy is news about
                period, basis = Period(published[:4], published[:4]), "document date"
        ref = None
        if cand.kind in ("date", "year"):
            # an act's number names the date after it, up to the next date ("Decree No. 372
            # of 21 November 2013, and ... ratified the convention in 2010": 2010 is not its)
            lo = max(sent.start, cand.start - 120, dated_end)
            refs = list(_REF.finditer(text, min(lo, cand.start), cand.start))
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
                basis=basis,
            )
        )
    result = undated.document_year(result, text, sentence_of)
    result = undated.document_date(result, published, text, sentence_of)
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
        if _of_the_whole_before(text, found, paragraphs, i):
            # "Of the 54 victims identified in 2014, 38 stayed there": a subset of that whole
            subsets.add(i)
            out[i] = replace(fig, part_of=i - 1, subset=True)
            continue
        after = text[fig.end : fig.end + 40]
        of = OF_THEM.match(after)
        if of:
            # `out`, not `found`: "6 of them ..., 15 of them ...": siblings already linked
            # are parts, not the whole the next one is of
            subsets.add(i)
            whole = _find_whole(text, out, i, of["whole"], paragraphs, subsets)
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
            # "87 facts: 40 cases (9 criminal cases), 25 ...": a bracket inside a listing
            # holds a sub-count of the part before it, not another part
            nested = not paren and text.count("(", first, part.start) > text.count(")", first, part.start)
            # "63 victims: 56 female ... [54: 51 women and three men]": an aside is no part
            nested = nested or text.count("[", first, part.start) > text.count("]", first, part.start)
            if (
                part.start >= first
                and part.kind == "count"
                and out[j].part_of is None
                and not named_whole
                and not nested
                and _same_time(fig, part)
            ):
                out[j] = replace(part, part_of=i)
    return out


def _same_time(whole: Figure, part: Figure) -> bool:
    """'91 victims (98 in 2018)': a bracket with a year of its own compares; it breaks
    nothing down."""
    if part.basis in ("parenthesis", "comparison"):
        return False
    return whole.period is None or part.period is None or whole.period == part.period


_OF_THE_WHOLE = regexes.compile(r"(?i)(?:^|[.;:]\s+|\n\s*)of\s+(?:the|these|those|all)\s+$")
_LEAD_COMMA = regexes.compile(r"[^,;.()\n]{0,60},\s*$")
_PREPOSITION_BEFORE = regexes.compile(r"(?i)\b(?:on|in|from|with|to|into|under|across|for)\s+$")
_OF_THE_BEFORE = regexes.compile(r"(?i)\bof\s+the\s+$")  # "(of the 54 victims)" names the whole
_LISTING = regexes.compile(r"[^()\n.;:]{0,50}?(?::|,?\s+(?:of\s+(?:which|whom)|including)\b)")


def _of_the_whole_before(text: str, found: list[Figure], paragraphs: list[int], i: int) -> bool:
    if i == 0 or found[i - 1].kind != "count" or paragraphs[i - 1] != paragraphs[i]:
        return False
    whole = found[i - 1]
    if found[i].unit is not None:
        return False  # "of the 23 criminal cases, 97 crimes ...": a count of its own
    return bool(
        _OF_THE_WHOLE.search(text, max(0, whole.start - 12), whole.start)
        and _LEAD_COMMA.match(text, whole.end, found[i].start)
    )


def _find_whole(
    text: str, found: list[Figure], i: int, whole_text: str | None, paragraphs: list[int], subsets: set[int]
) -> int | None:
    earlier = [j for j in range(i - 1, -1, -1) if paragraphs[j] == paragraphs[i]]
    if whole_text:
        wanted = nums.parse_digits(whole_text)
        # "38 of the 54 victims", "36 (of the 54)": the whole written right after its part
        # is that whole, whatever an earlier sentence counted
        if i + 1 < len(found) and found[i + 1].value == wanted and found[i + 1].start - found[i].end <= 16:
            return i + 1
        return next((j for j in earlier if found[j].value == wanted), None)
    # "Six of them ..., 15 of them ...": an earlier subset is a sibling, not the whole;
    # in "105 criminal facts on 23 criminal cases ..., 97 of them" the object of "on" is not
    candidates = [
        j for j in earlier if found[j].kind == "count" and found[j].part_of is None and j not in subsets
    ]
    subjects = [
        j
        for j in candidates
        if not _PREPOSITION_BEFORE.search(text, max(0, found[j].start - 8), found[j].start)
    ]
    return next(iter(subjects or candidates), None)
