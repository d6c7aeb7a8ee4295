"""What a figure counts, and what a claim counts: the kind of thing behind the number.

Victims, offenders, criminal cases, groups, NGOs, cities, hours and manats are different
measures, whatever the value. The kind comes from the noun the number counts
("58 victims", "9 criminal groups"), else from the whole a part belongs to, "of the
victims" before it, or the figure before it in an elliptical list ("24 victims found
jobs and 35 were sent to courses"). People the text does not call victims or offenders
are "persons", which may stand for either; the words around them can say which
("26 persons brought to criminal responsibility"). None: the text does not say.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tipcheck.model import Claim, Figure
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary
from tipcheck.text import sentences

NEUTRAL = "persons"
_STOP = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "were", "was",
    "is", "are", "be", "been", "have", "has", "had", "from", "into", "under", "over", "than", "as",
    "who", "which", "that", "whom", "came", "went", "got", "received", "found", "took", "per",
}  # fmt: skip
_DATED = ("date", "year")
# kinds that may be the same thing counted: neutral people, and crimes written as cases or facts
_COMPATIBLE = {
    frozenset({"persons", "victims"}),
    frozenset({"persons", "offenders"}),
    frozenset({"crimes", "cases"}),
    frozenset({"crimes", "facts"}),
}
_COUNTED = ("count", "duration")
_OFFENDER = regexes.compile(
    r"(?i)\b(?:prosecut\w*|convict\w*|sentenc\w*|charged|accused|indicted|arrested|detained|wanted|"
    r"brought\s+to\s+(?:justice|criminal\s+responsibility|court)|criminal(?:ly)?\s+(?:liable|liability|"
    r"responsibility)|sent\s+to\s+court|tried|punished|jailed|imprisoned|held\s+(?:criminally\s+)?liable)\b"
)
_VICTIM = regexes.compile(r"(?i)\bvictims?\b|\bexploited\b|\btrafficked\b")
_CLAUSE_END = regexes.compile(r"[.;:!?()\[\]\n,]")
_SENTENCE_STOP = regexes.compile(r"[.;!?\n]")
_GENERIC_LAW = regexes.compile(r"\b(?:international|domestic|national|the\s+rule\s+of)\s+law\b")
_PASSIVE_AMEND = regexes.compile(
    r"(?i)\b(?:was|were|is|are|been|being)\s+(?:later\s+|subsequently\s+)?amended\b"
)
_UNKNOWN_PLURAL = regexes.compile(r"[a-z]{3,}[^s'’]s$")
# what may follow a plural noun that is the counted thing: "of", a clause break, the end
_WORD_AFTER_NOUN = regexes.compile(r"\s*(?:$|[.,;:()]|of\b|were\b|was\b|in\b|for\b|from\b)")
_APPLYING = regexes.compile(
    r"(?i)\b(?:on\s+(?:the\s+)?application\s+of|applying|implementing|on\s+applying)\b"
)
_NAMED_VICTIM = regexes.compile(r"(?i)\bvictims?\b|\bidentified\b")
# "can house 60 people", "capacity of 50 places": how many a shelter holds, not who it held
_CAPACITY = regexes.compile(
    r"(?i)\bcapacity\b|\broom\s+for\b|\baccommodat\w+|\bcan\s+(?:house|take|hold|host)\b|\bbeds?\b"
)
_ROOM_FOR = regexes.compile(
    r"(?i)\b(?:(?:room|places?|space|beds?|capacity)\s+(?:for|of)|can\s+(?:house|take|hold|host|accommodate))"
    r"\s+(?:up\s+to\s+|about\s+|some\s+)?$"
)
_WORD = regexes.compile(r"[A-Za-z][A-Za-z'’-]*")
_OF_THE = regexes.compile(
    r"(?i)\b(?:of|among)\s+(?:the|these|those|all)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[A-Za-z]+)\s*,?\s*$"
)
# an elliptical figure: a number followed by its verb ("35 were sent", "21 found jobs")
_VERB_AFTER = regexes.compile(
    r"(?i)^\s+(?:were|was|are|is|had|have|received|got|found|went|returned|obtained|took|"
    r"underwent|joined|attended|benefited)\b"
)


@lru_cache(maxsize=1)
def nouns() -> dict[str, str]:
    """Noun -> kind, from the vocabulary file."""
    return _table("entities.txt")


@lru_cache(maxsize=1)
def _event_words() -> tuple[tuple[str, str], ...]:
    """(word start, event kind), longest first."""
    table = _table("events.txt")
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _event_kinds() -> frozenset[str]:
    return frozenset(kind for _, kind in _event_words())


def events_in(words: str) -> list[str]:
    """The kinds of dated event the words name, in the order they first appear."""
    found: list[tuple[int, str]] = []
    # "in line with international law" names no instrument
    lower = _GENERIC_LAW.sub(lambda m: " " * len(m.group(0)), words.lower())
    first: dict[str, int] = {}
    for m in _event_pattern().finditer(lower):
        first.setdefault(m.group(0), m.start())
    for word, kind in _event_words():
        at = first.get(word)
        if at is not None and kind not in (k for _, k in found):
            found.append((at, kind))
    return [k for _, k in sorted(found)]


@lru_cache(maxsize=1)
def _event_pattern() -> re.Pattern[str]:
    return regexes.compile(r"\b(?:" + "|".join(re.escape(w) for w, _ in _event_words()) + ")")


def _table(name: str) -> dict[str, str]:
    """Word -> kind, from a vocabulary file of `kind: word, word, ...` lines."""
    return {word.lower(): kind for _, kind, _, words, _ in vocabulary.lines(name) for word in words}


def agree(a: str | None, b: str | None) -> bool | None:
    """True: the same kind counted; False: different kinds; None: one is not known.
    A dated figure's kind lists the events its clause names ("plan,decree")."""
    if a is None or b is None:
        return None
    if a in _event_kinds() or b in _event_kinds() or "," in a or "," in b:
        return _same_event(a.split(","), b.split(","))
    return a == b or frozenset({a, b}) in _COMPATIBLE


def _same_event(figure: list[str], claim: list[str]) -> bool | None:
    """The draft's sentence names an event of the claim's kind, and an amendment the draft
    dates is not the instrument it amends."""
    if "amendment" in figure and "amendment" not in claim:
        return False
    if "amendment" in claim and "amendment" not in figure:
        # "the Law on Combating Trafficking is adopted" against the law amending it: a terse
        # draft may mean the amendment, but never contradicts it
        return None if set(figure) & set(claim) else False
    # "amended the criminal code" and "the law amending the law": both amendments, of
    # different instruments
    mine, theirs = set(figure) - {"amendment"}, set(claim) - {"amendment"}
    return bool(mine & theirs) if mine and theirs else bool(set(figure) & set(claim))


def kind_of_words(words: str, limit: int = 4) -> str | None:
    """The kind of the first counted noun among the first `limit` words, read up to the
    first preposition or verb: in "35 on vocational training" the number counts no noun."""
    table = nouns()
    for n, word in enumerate(_WORD.findall(words)[:limit]):
        lower = word.lower()
        found = table.get(lower)
        if found is not None:
            return found
        if lower in ("and", "or"):
            continue  # "48 potential and recognised victims"
        if lower in _STOP or (n == 0 and lower.endswith("ed") and len(lower) > 4):
            return None  # "28 came from people", "four concerned people": a verb, not a noun
        if (
            n == 0
            and _UNKNOWN_PLURAL.match(word)
            and _WORD_AFTER_NOUN.match(words, words.find(word) + len(word))
        ):
            # "four stages of inquiry": a thing the table does not know is counted, which is
            # none of the kinds it knows
            return f"other:{lower}"
    return None


def kind_of_label(label: str) -> str | None:
    """A list or table label names what its number counts: 'Victims identified: 54',
    'One-off payments to victims': its first counted noun, wherever it stands."""
    table = nouns()
    return next((table[w.lower()] for w in _WORD.findall(label) if w.lower() in table), None)


def _refine(kind: str | None, words: str, lead: str = "") -> str | None:
    """People the noun leaves open, or a number with no noun: the words around may say."""
    if kind in ("victims", NEUTRAL) and _ROOM_FOR.search(lead):
        return "capacity"  # "room for 54 victims": how many it holds, not who it held
    if kind not in (NEUTRAL, None):
        return kind
    if _CAPACITY.search(lead):
        return "capacity"
    if _OFFENDER.search(words):
        return "offenders"
    if (_VICTIM if kind == NEUTRAL else _NAMED_VICTIM).search(words):
        return "victims"
    return kind


def of_claim(claim: Claim) -> str | None:
    """What a registered claim counts; None for kinds that count nothing (dates, shares)."""
    return _of_claim(claim.kind, claim.unit, claim.metric)


@lru_cache(maxsize=4096)
def _of_claim(kind: str, unit: str | None, metric: str) -> str | None:
    if kind == "money":
        return unit
    if kind in _DATED:
        # the event itself comes first: "National Action Plan ... approved by decree"; an
        # act named after "on application of" is the one applied, dated apart
        own = _APPLYING.split(metric, maxsplit=1)[0]
        return ",".join(events_in(own)) or None
    if kind == "duration":
        return "time"
    if kind not in _COUNTED:
        return None
    counted = kind_of_words(unit or "", 3) or kind_of_words(metric, 3)
    return _refine(counted, metric, metric)


def _clause(text: str, start: int, end: int) -> str:
    """The words around a figure: its sentence, cut at semicolons and 120 characters away."""
    lo, hi = _clause_bounds(text, start, end)
    return text[lo:hi]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    sentence = sentences.around(text, start)
    lo = max(text.rfind(";", sentence.start, start), sentence.start, start - 120)
    stop = text.find(";", end, sentence.end)
    return lo, min(stop if stop >= 0 else sentence.end, end + 120)


def _event_of(text: str, fig: Figure) -> str | None:
    """The kinds of event a date's sentence names, the instrument named with it first
    ("Decree No. 272 of 4 August 2005"); "amendment" only where the date's own clause says
    so ("amended by Decree No. 372 of 21 November 2013"), not where the amended one is dated."""
    named = events_in(fig.ref) if fig.ref else []
    lo, hi = _segment(text, fig.start, fig.end)
    if not events_in(text[lo:hi]) and not named:
        # "In April 2013, the government amended the criminal code": the clause after the
        # date names the event; "The first plan, endorsed in 2005, ...": its sentence does
        following = _segment(text, hi + 1, hi + 1)[1]
        if text[lo:hi].lstrip().lower().startswith(("in ", "on ", "by ")) and events_in(text[hi:following]):
            hi = following
        else:
            lo, hi = _clause_bounds(text, fig.start, fig.end)
    named += [k for k in events_in(text[lo:hi]) if k not in named]
    # "1. Programme on child victims — Cabinet of Ministers Decision No. 37 of 06.02.2014":
    # a line's label names what the instrument after it dates
    line_start = text.rfind("\n", 0, lo) + 1
    if text[line_start:lo].rstrip().endswith(("—", "–", ":")):
        named += [k for k in events_in(text[line_start:lo]) if k not in named]
    at = text.rfind(fig.ref, lo, fig.start) if fig.ref else -1
    # "Decree No. 272 of 4 August 2005 ... was amended by Decree No. 372": the date's
    # instrument is the one amended, so the amendment is the later one's
    passive = _PASSIVE_AMEND.search(text, fig.end, hi)
    own = text[at + len(fig.ref) if fig.ref and at >= 0 else lo : passive.start() if passive else hi]
    named = [k for k in named if k != "amendment"]
    if "amendment" in events_in(own):
        named.append("amendment")
    return ",".join(named) or None


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """A date's own clause: from the punctuation before it to the punctuation after it
    (a dash inside "2009–2013" is no clause break)."""
    sentence = sentences.around(text, start)
    breaks = (",", ";", ":", "(", " — ", " – ")
    lo = max([sentence.start, *(text.rfind(p, sentence.start, start) + len(p) for p in breaks)])
    if text[lo - 1 : lo] == "(" and ")" in text[lo:start]:
        # 'The Law (No. 958-IIQ) followed on 28 June 2005': a bracket closed before the
        # date is an aside inside its clause, not the start of it
        lo = max([sentence.start, *(text.rfind(p, sentence.start, lo - 1) + len(p) for p in breaks)])
    ends = [p for p in (text.find(c, end, sentence.end) for c in (",", ";", ")", " — ", " – ")) if p >= 0]
    return lo, min([sentence.end, *ends])


def _label(text: str, start: int) -> str | None:
    """The label of a list item or line that ends in this number: 'Victims identified: **54**'."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].rstrip(" *_")
    return lead[:-1] if lead.endswith(":") else None


def of_figures(text: str, figures: tuple[Figure, ...] | list[Figure]) -> list[str | None]:
    """The kind each figure counts, in order (None where the text does not say)."""
    out: list[str | None] = []
    for i, fig in enumerate(figures):
        if fig.kind == "money":
            out.append(fig.unit)
            continue
        if fig.kind in _DATED:
            # "Decree No. 272 of 4 August 2005": the instrument named with the date is the
            # event; else what its own clause names
            out.append(_event_of(text, fig))
            continue
        if fig.kind == "duration":
            out.append("time")
            continue
        if fig.kind not in _COUNTED:
            out.append(None)
            continue
        after = _CLAUSE_END.split(text[fig.end : fig.end + 60], maxsplit=1)[0]
        kind = kind_of_words(after, 4)
        label = _label(text, fig.start) if kind is None else None
        if label is not None:
            kind = kind_of_words(label, 6)
        if kind is None:
            kind = _borrowed(text, figures, out, i)
        whole = out[fig.part_of] if fig.part_of is not None and fig.part_of < i else None
        if whole is not None and (kind is None or (kind == NEUTRAL and agree(kind, whole))):
            kind = whole  # "54 victims: 51 women and 3 men" count victims
        lead = text[max(0, fig.start - 40) : fig.start]
        out.append(_refine(kind, _clause(text, fig.start, fig.end), lead))
    for i, fig in enumerate(figures):
        # "8 of the 14 recommendations": a whole written after its part
        if out[i] is None and fig.part_of is not None and fig.part_of > i:
            out[i] = out[fig.part_of]
    return out


def _borrowed(
    text: str, figures: tuple[Figure, ...] | list[Figure], found: list[str | None], i: int
) -> str | None:
    """A figure with no noun of its own: 'Of the victims, 27 were ...', '... and 35 were sent'."""
    fig = figures[i]
    lead = text[max(0, fig.start - 60) : fig.start]
    lead = _SENTENCE_STOP.split(lead)[-1]
    of = _OF_THE.search(lead)
    if of:
        kind = nouns().get(of["noun"].lower())
        if kind is not None:
            return kind
    # "... found jobs for 22 and sent 35 on courses": the count before it in the sentence;
    # "Of the 54 victims, 51 were women. Most went to Turkey (37)": a bracketed count after
    # a place may take it from the sentence before, in the same paragraph
    bracketed = text[fig.start - 1 : fig.start] == "(" and text[fig.end : fig.end + 1] == ")"
    own = sentences.around(text, fig.start).start
    for j in range(i - 1, -1, -1):
        if figures[j].kind != "count":
            continue
        between = text[figures[j].end : fig.start]
        theirs = sentences.around(text, figures[j].start).start
        if theirs != own and not (
            bracketed and "\n\n" not in between and _one_sentence_back(text, theirs, own)
        ):
            return None
        if ";" in between or ":" in between or len(between) > (240 if bracketed else 160):
            return None
        if found[j] is not None:
            return found[j]
    return None


def _one_sentence_back(text: str, theirs: int, own: int) -> bool:
    """Whether the sentence starting at `theirs` is the one right before the one at `own`."""
    last = len(text[:own].rstrip()) - 1  # the last character of the sentence before
    return last >= 0 and sentences.around(text, last).start == theirs
