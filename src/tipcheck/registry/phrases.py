"""Reading a clause without a tagger: tokens, noun phrases, verb groups and subjects, for
the metrics `tipcheck extract` proposes (registry/metrics.py).

Word classes (copulas, fillers, the words that end a noun phrase, irregular verbs) are in
vocabulary/metrics.txt; a word is a verb when it is lower case and ends in -ed or is listed
irregular, or follows "to", "not" or "never". Every rule reads words and their order.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

from tipcheck.figures import entities
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary
from tipcheck.text import places, sentences

_TOKEN = regexes.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*['’]?|\d[\d,.]*\d|\d|\S|\n")
_PUNCT_BREAK = {";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”", "\n"}
Tok = tuple[str, int, int]


@cache
def word_class(name: str) -> frozenset[str]:
    return frozenset(
        w for _, head, tags, items, _ in vocabulary.lines("metrics.txt") if head == name for w in items
    )


@cache
def _verbs() -> tuple[dict[str, str], dict[str, str]]:
    """(base -> participle, past or participle -> participle) of the irregular verbs."""
    rows = [(head, items) for _, head, tags, items, _ in vocabulary.lines("metrics.txt") if "verb" in tags]
    return {h: i[1] for h, i in rows}, {form: i[1] for _, i in rows for form in i}


@cache
def _plurals() -> dict[str, str]:
    """Singular -> plural of the counted nouns: "one was a child" counts children."""
    out = {form: unit for unit, _, singulars, _ in vocabulary.counted() for form in singulars}
    table = entities.nouns()
    out.update({w: w + "s" for w in table if w + "s" in table and w not in out})
    return out


def is_verb(word: str) -> bool:
    """A past tense or participle: lower case (a capitalised -ed word is a name), ending in
    -ed or listed as irregular."""
    low = word.lower()
    if not word[:1].islower() or low in word_class("not-verbs"):
        return False
    return low in _verbs()[1] or (low.endswith("ed") and len(low) > 4)


def participle(word: str) -> str:
    """'identified' -> itself, 'took' -> 'taken', 'adopt' -> 'adopted', 'drafting' -> 'drafted'."""
    low = word.lower()
    bases, forms = _verbs()
    if low in forms:
        return forms[low]
    if low.endswith("ed"):
        return low
    if low.endswith("ing"):
        stem = low[:-3]
        if stem.endswith("y") and stem[-2:-1] not in "aeiou":
            return stem[:-1] + "ied"  # "identifying" -> "identified"
        return bases.get(stem) or bases.get(stem + "e") or stem + "ed"
    if low in bases:
        return bases[low]
    if low.endswith("e"):
        return low + "d"
    return low[:-1] + "ied" if low.endswith("y") and low[-2:-1] not in "aeiou" else low + "ed"


def nounlike(word: str, unit: str | None) -> bool:
    low = word.lower()
    known = low in entities.nouns() or low in _plurals() or low == unit
    return known or (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "ous", "us")))


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The words and marks of text[start:end]; the same list for the same span (a sentence
    is read once for each of its figures): read it, never change it."""
    return _tokens(text, start, end)[0]


@lru_cache(maxsize=64)
def _tokens(text: str, start: int, end: int) -> tuple[list[Tok], list[int], list[int]]:
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    return toks, [t[1] for t in toks], [t[2] for t in toks]


def figure_tokens(
    text: str, start: int, end: int, fig_start: int, fig_end: int
) -> tuple[list[Tok], int, int]:
    """The tokens of a sentence and where a figure's span lies in them: (tokens, index of
    its first token, index of its last), found by bisection."""
    toks, starts, ends = _tokens(text, start, end)
    a = min(bisect.bisect_left(starts, fig_start), len(toks) - 1)
    b = max(a, bisect.bisect_right(ends, fig_end) - 1)
    return toks, a, b


def noun_phrase(toks: list[Tok], j: int, unit: str | None, keep_the: bool = False) -> tuple[list[str], int]:
    """The noun phrase starting at token j, and the index after it. An -ed or -ing word is
    a modifier before the noun ("convicted traffickers") and ends the phrase after it
    ("people considered high-risk"); one "of" phrase belongs to it ("mandates of judges")."""
    words: list[str] = []
    nouny = False
    while j < len(toks) and len(words) < 7:
        word, low = toks[j][0], toks[j][0].lower()
        if not word[0].isalpha() or low in word_class("copula") or low in word_class("auxiliary"):
            break
        if not words and low in word_class("determiner") and not keep_the:
            j += 1
            continue
        # an -ed word leads a phrase ("convicted traffickers") and ends it after that
        if (low in word_class("ends") and not (keep_the and not words and low == "the")) or (
            (words and is_verb(word)) or (nouny and low.endswith("ing"))
        ):
            break
        words.append(word)
        nouny = nouny or nounlike(word, unit)
        j += 1
    follows = toks[j + 1][0] if nouny and j + 1 < len(toks) and toks[j][0] == "of" else "1"
    if follows[0].isalpha() and follows.lower() not in word_class("pronoun") | {"whom", "all"}:
        more, k = noun_phrase(toks, j + 1, None, keep_the=True)
        if more:
            words, j = [*words, "of", *more], k
    return words, j


def has_noun(words: list[str], unit: str | None) -> bool:
    return any(nounlike(w, unit) for w in words)


def plural(words: list[str]) -> list[str]:
    """The head (the last word before any "of" phrase) made plural: a metric counts."""
    head = words.index("of") - 1 if "of" in words else len(words) - 1
    if head >= 0 and words[head].lower() in _plurals():
        words = [*words[:head], _plurals()[words[head].lower()], *words[head + 1 :]]
    return words


# "brought back 156 citizens", "flew home 24 women", "carried out 12 raids"
PARTICLES = ("out", "up", "back", "home", "down", "off")


def verb_group(toks: list[Tok], p: int, lo: int) -> tuple[list[str], int]:
    """The verb group ending at token p (scanning left), and where it starts: 'did not
    adopt', 'continued to carry out', 'funded and operated', 'officially identified'."""
    group: list[str] = []
    if (
        p > lo
        and toks[p][0] in PARTICLES
        and (is_verb(toks[p - 1][0]) or (toks[p][0] in ("out", "up") and toks[p - 1][0][0].isalpha()))
    ):
        group, p = [toks[p][0]], p - 1
    while p >= lo:
        word, low = toks[p][0], toks[p][0].lower()
        before = toks[p - 1][0].lower() if p > lo else ""
        verbs = [w for w in group if w not in PARTICLES]
        if is_verb(word) or (
            word.islower()
            and (
                before in ("to", "not", "never") or (low.endswith("ing") and before in word_class("leading"))
            )
        ):
            if verbs and verbs[0] not in ("and", "or") and not verbs[0].endswith("ing") and before != "to":
                break  # two verbs in a row with nothing between: the first is another clause's
            group.insert(0, word)
        elif (
            group
            and (
                low in word_class("negation") | word_class("auxiliary") | word_class("copula") | {"to"}
                or low.endswith("ly")
            )
        ) or (group and low in ("and", "or") and p > lo and is_verb(toks[p - 1][0])):
            group.insert(0, low)
        else:
            break
        p -= 1
    return group, p + 1


def render_verbs(group: list[str]) -> str:
    """A verb group as a participle phrase: 'did not adopt' -> 'not adopted', 'began
    drafting' -> 'being drafted', 'continued to carry out' -> 'carried out'."""
    out: list[str] = []
    for n, word in enumerate(group):
        low = word.lower()
        following = group[n + 1] if n + 1 < len(group) else ""
        if low in word_class("auxiliary") | word_class("copula") | {"to"}:
            continue
        if low in word_class("leading") and following:
            if low.startswith(("began", "begin", "start")) and following.endswith("ing"):
                out.append("being")
            continue
        keep = low in ("and", "or") or low in PARTICLES or low in word_class("negation") or low.endswith("ly")
        out.append(low if keep else participle(word))
    return " ".join(out)


def clause_start(toks: list[Tok], p: int) -> int:
    """Where the clause holding token p starts: after a semicolon, a bracket, a word such
    as "that" or "which", or a comma before a lower-case word ("In 2020, authorities")."""
    q = p
    while q > 0:
        word = toks[q - 1][0]
        nxt = toks[q][0]
        if word in _PUNCT_BREAK or word.lower() in word_class("breaks") or word[0].isdigit():
            break
        if word == ",":
            after = toks[q + 1][0] if nxt in ("and", "but", "or") and q + 1 < len(toks) else nxt
            if after[:1].islower():
                break
        q -= 1
    while q < p and toks[q][0] in ("and", "but", "or", ","):
        q += 1
    return q


def agent(text: str, toks: list[Tok], start: int, depth: int = 0) -> str:
    """Who did what the verb group starting at `start` says: the subject before it; for a
    second verb ('..., and interviewed') the sentence's subject; for 'It' the subject of
    the sentence before."""
    q = clause_start(toks, start)
    words = [t[0] for t in toks[q:start] if t[0][0].isalpha()]
    cut = next((n for n, w in enumerate(words) if n > 1 and w.endswith("ing") and w.islower()), None)
    if (cut is not None and nounlike(words[cut - 1], None)) or (cut is not None and words[cut - 1].isupper()):
        words = words[:cut]  # "an NGO working in the field reported ...": the NGO
    if not words and q > 0 and toks[q - 1][0].lower() == "and":
        first = next((n for n, t in enumerate(toks) if is_verb(t[0])), 0)
        return agent(text, toks, first, depth) if 0 < first < q else ""
    if len(words) == 1 and words[0].lower() in word_class("pronoun") and depth == 0 and toks:
        sentence = sentences.around(text, toks[0][1])
        if sentence.start < 2:
            return ""
        before = tokens(text, sentences.around(text, sentence.start - 2).start, sentence.start)
        first = next((n for n, t in enumerate(before) if is_verb(t[0])), 0)
        return agent(text, before, first, 1) if first else ""
    if (
        not words
        or len(words) > 8
        or any(w.lower() in word_class("pronoun") | word_class("ends") - {"of", "and"} for w in words)
    ):
        return ""
    while len(words) > 1 and words[-1].endswith("ly") and words[-1].islower():
        words = words[:-1]  # "The government slightly increased ...": the adverb is the verb's
    head = case(text, words[0])
    if head == words[0] and _sentence_case(q, words):
        head = head.lower()  # "Courts convicted 41 traffickers": the sentence's capital
    return " ".join([head, *words[1:]])


def _sentence_case(q: int, words: list[str]) -> bool:
    """The agent opens its sentence with a capital that is no name's: not an acronym, a
    place, or the first word of a name ('State Migration Service')."""
    word = words[0]
    if q != 0 or not word[:1].isupper() or word.isupper() or places.named_in(word):
        return False
    return len(words) == 1 or words[1][:1].islower()


def case(text: str, word: str) -> str:
    """A capital only where the text always writes one: 'Authorities' -> 'authorities',
    but 'Azerbaijan' stays; 'The' and 'A' are capitals of the sentence only."""
    low = word.lower()
    if low in word_class("determiner"):
        return low
    return low if word != low and re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) else word


def complement(toks: list[Tok], j: int, first: frozenset[str]) -> tuple[list[str], int]:
    """Phrases after a noun that say where it went: 'to law enforcement for investigation'."""
    words: list[str] = []
    while j + 1 < len(toks) and toks[j][0].lower() in first and toks[j + 1][0][0].isalpha():
        phrase, k = noun_phrase(toks, j + 1, None, keep_the=True)
        if not phrase or (k < len(toks) and toks[k][0][0].isdigit()):
            break
        words, j = [*words, toks[j][0].lower(), *phrase], k
    return words, j


def acronyms(text: str) -> dict[str, str]:
    """'national action plan (NAP)': what each acronym the text defines stands for."""
    out: dict[str, str] = {}
    for m in re.finditer(r"((?:[A-Za-z][\w-]*,?\s+){1,8})\(([A-Z]{2,6})\)", text):
        words = m.group(1).split()
        for n in range(len(words) - 1, -1, -1):
            initials = "".join(
                p[0]
                for w in words[n:]
                for p in w.split("-")
                if p.lower() not in ("of", "and", "on", "in", "the", "for")
            )
            if initials.upper() == m.group(2):
                out.setdefault(m.group(2), " ".join(words[n:]).rstrip(","))
                break
    return out


def phrase_start(toks: list[Tok], p: int) -> int:
    """Where the noun phrase ending at token p starts: back over words that are no verbs
    and do not end a phrase ('welcomed a project' -> 'project')."""
    q = p
    while q > 0 and toks[q - 1][0][0].isalpha():
        word = toks[q - 1][0]
        inside_name = (
            word in _NAME_JOINS and q > 1 and toks[q][0][:1].isupper() and toks[q - 2][0][:1].isupper()
        )  # "the Main Department on Combating Trafficking in Human Beings"
        if not inside_name and (
            word.lower() in word_class("ends") | word_class("determiner") or is_verb(word)
        ):
            break
        q -= 1
    return q


_NAME_JOINS = ("of", "on", "in", "for", "against", "and")
