"""Proposed metrics and ids: what each extracted figure measures, in the words a reviewer
would write ("trafficking victims identified by authorities"), read from its clause.

A metric is built from three parts of the clause around the number: the counted noun with
its modifiers ("female sex trafficking victims"), the verb group that says what happened
to it ("officially identified", "referred to law enforcement") and its agent ("by the
government"). A figure with no noun or verb of its own borrows them: a part of a
breakdown from its whole ("(35 for sex trafficking ...)" -> "sex trafficking
investigations"), a compared figure ("compared with 153 in 2019") from the one it is
compared with. Dates name their event, spans of years the period of their plan, terms
("up to three years' imprisonment", "within 24 hours") the penalty or deadline.
No tagger: the word classes are in vocabulary/metrics.txt, and every rule reads words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePath

from tipcheck.figures import entities
from tipcheck.model import Figure
from tipcheck.registry import phrases as ph
from tipcheck.registry import tidy
from tipcheck.text import places, sentences

_cls = ph.word_class
_PEOPLE = {"victims", "offenders", "persons", "officials"}
_TIME = {"hours", "days", "weeks", "months", "years", "minutes"}
_ARTICLE = re.compile(r"\bArticles?\s+\d+(?:[.-]\d+)*(?:(?:,\s*|\s+and\s+)\d+(?:[.-]\d+)*)*")
_WHEN = {"a", "year", "years", "earlier", "before", "previous", "prior", "later", "ago", "month", "months"}


@dataclass(frozen=True)
class Parts:
    """A metric in its parts, so that a breakdown or a comparison can reuse its whole's."""

    noun: str
    verb: str = ""
    agent: str = ""

    def text(self) -> str:
        return " ".join(p for p in (self.noun, self.verb, f"by {self.agent}" if self.agent else "") if p)


def _country(text: str, start: int, end: int) -> str | None:
    """The first country named between start and end, in the text's order."""
    found = [(text.find(n, start, end), n) for n in places.named_in(text[start:end])]
    return min((at, n) for at, n in found if at >= 0)[1] if found else None


def file_country(source_file: str) -> str | None:
    """The country a source's file name names ('moldova-tip-2021.txt'), if one."""
    stem = re.sub(r"[^a-z]+", " ", PurePath(source_file).stem.lower())
    named = [n for n in places.COUNTRIES if f" {n.lower()} " in f" {stem} "]
    return max(named, key=len) if named else None


def document_country(text: str, source_file: str) -> str | None:
    """The country a source is about: one its file name names, else the first it names."""
    return file_country(source_file) or _country(text, 0, len(text))


def describe(figures: list[Figure], text: str, source_file: str) -> list[str]:
    """A metric for each figure, in order; where no rule reads the clause, the words the
    extractor kept (`Figure.metric`), else "TODO"; each made safe by `tidy.finish`."""
    reader = _Reader(text, figures, document_country(text, source_file))
    return [tidy.finish(reader.metric(i), text, fig) for i, fig in enumerate(figures)]


class _Reader:
    def __init__(self, text: str, figures: list[Figure], country: str | None) -> None:
        self.text, self.figures, self.country = text, figures, country
        self.parts: list[Parts | None] = []
        self.acronyms = ph.acronyms(text)

    def metric(self, i: int) -> str:
        fig = self.figures[i]
        sentence = sentences.around(self.text, fig.start)
        toks, a, b = ph.figure_tokens(self.text, sentence.start, sentence.end, fig.start, fig.end)
        found: Parts | str | None = None
        if fig.kind == "tier":
            found = (
                f"{self._place(sentence.start, sentence.end)}'s tier in the US Trafficking in Persons Report"
            )
        elif fig.kind == "ordinal" and [t[0].lower() for t in toks[b + 1 : b + 3]] == ["consecutive", "year"]:
            tier = next(
                (
                    f.quote
                    for f in reversed(self.figures[:i])
                    if f.kind == "tier" and f.start >= sentence.start
                ),
                "its tier",
            )
            found = f"consecutive years {self._place(sentence.start, sentence.end)} has been on {tier}"
        elif fig.kind in ("date", "year") or (fig.kind == "range" and _is_years(fig)):
            found = self._event(i, toks, a, b)
        elif fig.kind in ("duration", "range") or entities.kind_of_words(fig.unit or "", 1) == "time":
            found = self._term(i, toks, a, b)
        elif fig.kind == "percent":
            found = self._share(toks, a, b)
        if found is None and fig.kind not in ("tier", "date", "year"):
            found = self._count(i, toks, a, b, sentence.start)
        self.parts.append(found if isinstance(found, Parts) else None)
        if isinstance(found, Parts):
            return found.text()
        return found or fig.metric or "TODO"

    def _place(self, start: int, end: int) -> str:
        return _country(self.text, start, end) or self.country or "the country"

    def _words(self, words: list[str]) -> str:
        """Words as a metric writes them: acronyms the text defines spelled out."""
        return " ".join(self.acronyms.get(w, w) for w in words)

    def _count(self, i: int, toks: list[ph.Tok], a: int, b: int, sentence_start: int) -> Parts | None:
        fig, nxt = self.figures[i], [t[0].lower() for t in toks[b + 1 : b + 3]]
        quote = [t[0] for t in toks[a : b + 1] if t[0][0].isalpha()]
        low = [w.lower() for w in quote]
        verb, agent, copula, desc, prep = "", "", False, "", "for"
        if "single" in low:
            # "did not report investigating or prosecuting a single complicit official"
            np, j = quote[low.index("single") + 1 :], b + 1
            verb = " or ".join(ph.participle(w) for w in quote[: low.index("single")] if w.endswith("ing"))
        elif low[:1] == ["no"]:
            np, j = quote[1:], b + 1  # "no child victims"
        else:
            np, j = ph.noun_phrase(toks, b + 1, fig.unit)
        if not np and nxt[:1] and nxt[0] in _cls("copula"):
            np, j = ph.noun_phrase(toks, b + 2, fig.unit)  # "85 were female sex trafficking victims"
            copula = True
        elif not np and nxt[:1] == ["of"] and len(nxt) > 1 and nxt[1] in ("these", "those", "the"):
            np, j = ph.noun_phrase(toks, b + 3, fig.unit)  # "three of these calls"
        elif not np and nxt == ["of", "them"]:
            np, j = ph.noun_phrase(toks, b + 3, fig.unit)  # "156 citizens, 48 of them women"
            if not np and b + 4 < len(toks) and toks[b + 3][0] == "in":
                desc, prep = (
                    " ".join(ph.noun_phrase(toks, b + 4, None)[0]),
                    "in",
                )  # "193 of them in forced labour"
        elif not np and nxt[:1] == ["for"]:
            desc = " ".join(ph.noun_phrase(toks, b + 2, None)[0])  # "(35 for sex trafficking"
        if np and {w.lower() for w in np} <= _WHEN:
            np = []  # "up from 71 a year earlier": when, not what
        if np and not ph.has_noun(np, fig.unit):
            desc, np = " ".join(np), []  # "(60 sex trafficking, 36 labour trafficking)"
        p = a - 1
        while p >= 0 and toks[p][0].lower() in _cls("filler") | {"all"}:
            p -= 1
        group, g = ph.verb_group(toks, p, 0) if p >= 0 else ([], 0)
        if any(
            ph.is_verb(w) or w.endswith("ing") or toks[g][0] != w
            for w in group
            if w not in ("and", "or", *ph.PARTICLES)
        ):
            verb = verb or ph.render_verbs(group)
            agent = ph.agent(self.text, toks, g)
            more, _ = ph.complement(toks, j, _cls("complement"))
            verb = " ".join(w for w in (verb, *more) if w)
        elif not verb:
            verb, agent = self._verb_after(toks, j)
        noun = self._words(ph.plural(np)) if np else ""
        if fig.kind == "money" and not noun:
            noun = (
                self._words(ph.noun_phrase(toks, ph.phrase_start(toks, a - 1), None)[0])
                if a and toks[a - 1][0] == "of"
                else "funds"
            )
            more, _ = ph.complement(toks, b + 1, frozenset({"per", "for", "to"}))
            noun = " ".join([noun, *more])
        if a and toks[a - 1][0] == "to":
            noun = self._changed(toks, a) or noun  # "the number of identified victims fell ... to 139 people"
        whole = self.parts[fig.part_of] if fig.part_of is not None and fig.part_of < i else None
        if not verb and whole is None and noun:
            prev = self._conjunct(toks, a, i)
            if prev is not None:  # "assisted eight victims and 10 witnesses": one verb for both
                return Parts(noun, prev.verb, agent or prev.agent)
        bracketed = self.text.rfind("(", sentence_start, fig.start) > self.text.rfind(
            ")", sentence_start, fig.start
        )
        base = whole or self._antecedent(
            i, sentence_start, copula, copula or not noun or (not verb and bracketed)
        )
        if base is None:
            return Parts(noun or desc, verb, agent) if noun or desc else None
        if not noun and desc:
            people = entities.kind_of_words(base.noun, 6) in _PEOPLE
            noun, verb = (
                (base.noun, f"{verb or base.verb} {prep} {desc}".strip())
                if people
                else (f"{desc} {base.noun}", verb)
            )
            agent = agent or base.agent
        if not verb:
            verb, agent = base.verb, agent or self._gapped(toks, a, i) or base.agent
        if whole is not None and noun and whole.noun and _among(noun, whole.noun):
            # "of whom 225 were women": women among the victims identified, not any women
            noun = f"{noun} among {whole.noun}"
        return Parts(noun or base.noun, verb, agent)

    def _verb_after(self, toks: list[ph.Tok], j: int) -> tuple[str, str]:
        """A verb after the counted noun: 'victims identified in 2018 were recognised by law
        enforcement' (a passive in the clause), 'calls led to prosecutions' (active)."""
        # the clause's end, looked for only as far as the words read below
        stop = next((n for n in range(j, min(len(toks), j + 16)) if not toks[n][0][0].isalnum()), len(toks))
        for c in range(j, min(stop, j + 8) - 1):
            if toks[c][0].lower() in _cls("copula") and ph.is_verb(toks[c + 1][0]):
                more, _ = ph.complement(toks, c + 2, _cls("complement") | {"by"})
                agent = " ".join(more[1:]) if more[:1] == ["by"] else ""
                return " ".join([ph.participle(toks[c + 1][0]), *([] if agent else more)]), agent
        at = j + 1 if j < stop and toks[j][0].lower() in ("who", "that", "which") else j
        if at < stop and ph.is_verb(toks[at][0]):
            reduced = at == j and toks[at][0].lower() not in _cls("active-after")
            # a reduced passive says where: "victims exploited in Georgia", "in sex trafficking"
            where = _cls("complement") | ({"in"} if reduced else set())
            more, _ = ph.complement(toks, at + 1, frozenset(where))
            if not more:
                obj, _ = ph.noun_phrase(toks, at + 1, None)  # "people who picked cotton"
                more = obj if 0 < len(obj) <= 3 and not any(w[0].isdigit() for w in obj) else []
            relative = (
                "who"
                if entities.kind_of_words(" ".join(t[0] for t in toks[max(0, j - 2) : j]), 2) in _PEOPLE
                else "that"
            )
            if reduced:
                return " ".join([toks[at][0].lower(), *more]), ""  # "one victim exploited in Georgia"
            return " ".join([relative, toks[at][0].lower(), *more]), ""
        return "", ""

    def _conjunct(self, toks: list[ph.Tok], a: int, i: int) -> Parts | None:
        """The metric of the figure this one is joined to by 'and' or 'or' in one clause,
        when that one has a verb: the verb is theirs together."""
        if not i or a < 2 or toks[a - 1][0] not in ("and", "or"):
            return None
        prev, parts = self.figures[i - 1], self.parts[i - 1]
        between = [t[0] for t in toks if prev.end <= t[1] < toks[a - 1][1]]
        if parts is None or not parts.verb or prev.start < toks[0][1] or len(between) > 6:
            return None
        if any(not w[0].isalnum() or ph.is_verb(w) for w in between):
            return None
        return parts

    def _antecedent(self, i: int, sentence_start: int, copula: bool, wanted: bool) -> Parts | None:
        """The figure a comparison or an ellipsis takes its metric from: the nearest earlier
        figure of the sentence that is no part ('compared with 153 in 2019'); for 'N were
        X', the sentence before too."""
        if not wanted:
            return None
        back = copula and sentence_start > 1
        floor = sentences.around(self.text, sentence_start - 2).start if back else sentence_start
        for j in range(i - 1, max(-1, i - 65), -1):  # the nearest 64: a long list stays linear
            other, parts = self.figures[j], self.parts[j]
            if other.start < floor:
                break
            if parts and other.kind == self.figures[i].kind and other.part_of is None:
                return parts if other.start >= sentence_start or not parts.noun else replace(parts, noun="")
        return None

    def _gapped(self, toks: list[ph.Tok], a: int, i: int) -> str:
        """'law enforcement had recognised eight and the Permanent Group four': the words
        between 'and' and the number are the second agent of the same verb."""
        words: list[str] = []
        p = a - 1
        while p >= 0 and toks[p][0][0].isalpha() and toks[p][0].lower() not in ("and", "or"):
            words.insert(0, toks[p][0])
            p -= 1
        ok = (
            p > 0 and toks[p][0] in ("and", "or") and toks[p - 1][2] == self.figures[i - 1].end
            if i
            else False
        )
        return " ".join(words) if ok and words and not any(ph.is_verb(w) for w in words) else ""

    def _changed(self, toks: list[ph.Tok], a: int) -> str:
        """'the number of X fell by 50 per cent to 139': the count is of X."""
        said = [t[0] for t in toks[:a]]
        for n in range(len(said) - 2):
            if said[n].lower() == "number" and said[n + 1] == "of":
                np, k = ph.noun_phrase(toks, n + 2, None)
                if k < a and said[k].lower() in _cls("decrease") | _cls("increase"):
                    return self._words(ph.plural(np))
        return ""

    def _share(self, toks: list[ph.Tok], a: int, b: int) -> Parts | str | None:
        """'the number of identified victims fell by 50 per cent' -> 'decrease in the number
        of identified victims'; '40 per cent of victims' -> 'share of victims'."""
        if a > 1 and toks[a - 1][0] == "by":
            word = toks[a - 2][0].lower()
            change = (
                "decrease" if word in _cls("decrease") else "increase" if word in _cls("increase") else ""
            )
            subject = [t[0] for t in toks[ph.clause_start(toks, a - 2) : a - 2]]
            if change and subject:
                return f"{change} in {' '.join([subject[0].lower(), *subject[1:]])}"
        if b + 1 < len(toks) and toks[b + 1][0] == "of":
            np, _ = ph.noun_phrase(toks, b + 2, None)
            return f"share of {self._words(np)}" if np else None
        return None

    def _term(self, i: int, toks: list[ph.Tok], a: int, b: int) -> Parts | None:
        """A penalty ('up to three years' imprisonment'), a deadline ('within 24 hours') or
        a term changed 'from one year to five years'."""
        fig, said = self.figures[i], [t[0] for t in toks]
        after = [w.lower() for w in said[b + 1 : b + 6]]
        before = (
            ["up", "to"]
            if fig.quote.lower().startswith("up to")
            else [w.lower() for w in said[max(0, a - 2) : a]]
        )
        # "where the victim was an adult": the case a penalty is for, up to the next one
        where = re.split(r"[,;.)]|\s+and\s+\d", self.text[toks[b][2] : toks[-1][2]])[0]
        case = next((w for w in (" where ", " when ") if w in where), None)
        where = where[where.find(case) :].strip() if case else ""
        if "imprisonment" in after[:3] or "prison" in after[:3]:
            clause = self.text[toks[0][1] : fig.start].split(";")[-1]
            crime = re.search(
                r"\b(?:criminali[sz](?:ed|es)|punishe[sd]|makes?|made)\s+([^,;.()]+?)(?:\s+punishable\b|[,;.()]|$)",
                clause,
            )
            article = _ARTICLE.search(clause)
            if crime is None:
                group, g = ph.verb_group(toks, a - 1, 0)  # "the basic trafficking offence carried ..."
                offence = re.sub(r"^(?:the|a|an) ", "", ph.agent(self.text, toks, g)) if group else ""
            head = "maximum prison penalty" if before == ["up", "to"] else "prison penalty"
            found = crime.group(1).strip() if crime else offence
            head = f"{head} for {found}" if found else head
            # "Article 128 ... makes trafficking in adults punishable by four to seven years"
            return Parts(f"{head} under {article.group(0)}" if article else head, where)
        prev = self.parts[i - 1] if i and self.figures[i - 1].kind in ("range", "duration") else None
        if a and said[a - 1] == "and" and prev:
            return Parts(prev.noun, where)  # "... and 10 to 12 years where the victim was a child"
        if prev and "prison penalty" in prev.noun and self.figures[i - 1].start >= toks[0][1]:
            # "..., rising to nine to 12 years when ...", "and Article 135 sets five to nine
            # years for trafficking in minors": another penalty of the same sentence
            clause = self.text[self.figures[i - 1].end : fig.start]
            article = _ARTICLE.search(clause)
            crime = re.match(r"\s+for\s+([^,;.()]+)", self.text[fig.end : toks[-1][2]])
            if article or crime:
                head = f"prison penalty for {crime.group(1).strip()}" if crime else prev.noun
                if article:
                    head = re.sub(r"\s+under Articles?\s+[\d.,\s-]+(?:and\s+[\d.-]+)?$", "", head)
                    head = f"{head} under {article.group(0)}"
                return Parts(head, where)
            if said[a - 1] == "to":
                return Parts(prev.noun, where)
        if before[-1:] == ["within"]:
            for n in range(a - 2, 0, -1):
                if said[n - 1].lower() == "to" and said[n].islower() and said[n] not in _cls("determiner"):
                    return Parts("deadline to " + self.text[toks[n][1] : toks[a - 2][2]])
        frm = a - 1 if before[-1:] == ["from"] else None
        if frm is None and before[-1:] == ["to"]:
            frm = next((n for n in range(a - 2, max(0, a - 8), -1) if said[n].lower() == "from"), None)
        for v in range(frm - 1 if frm else -1, -1, -1):
            # "lengthened the mandates of judges specialised in trafficking cases from one year"
            thing = ph.noun_phrase(toks, v + 1, None)[0] if ph.is_verb(said[v]) else []
            if thing:
                group, g = ph.verb_group(toks, v, 0)
                measure = "length" if (fig.unit or "").split(" ")[0] in _TIME else "number"
                new = before[-1:] != ["from"]
                described = f"{'new' if new else 'previous'} {measure} of the {self._words(thing)}"
                return Parts(described, "set" if new else "", ph.agent(self.text, toks, g) if new else "")
        return None

    def _event(self, i: int, toks: list[ph.Tok], a: int, b: int) -> Parts | str | None:
        """What a date or a span of years dates: the thing it is written before ('the
        2018-2020 national action plan'), else the verb before it with its object or its
        subject ('the government shut the courts in March 2020' -> 'courts shut by the
        government'); a span with neither is the period of the plan its sentence names."""
        fig, said = self.figures[i], [t[0] for t in toks]
        span = fig.unit == "years"  # "2018-2020", not "2009 and 2014"
        np, j = ph.noun_phrase(toks, b + 1, None)
        if np and (entities.events_in(" ".join(np)) or any(w in self.acronyms for w in np)):
            more, _ = ph.complement(toks, j, frozenset({"on", "of"}))
            p = a - 1
            while p >= 0 and said[p].lower() in _cls("determiner"):
                p -= 1
            group, g = ph.verb_group(toks, p, 0) if p >= 0 else ([], 0)
            agent = ph.agent(self.text, toks, g) if group else ""
            thing = self._words([*np, *more])
            noun = f"period of the {thing} {fig.quote}" if span else f"{thing} of {fig.quote}"
            return Parts(noun, ph.render_verbs(group) if group else "", agent)
        if a > 1 and said[a - 1] in ("and", "or", ",") and i and self.figures[i - 1].end == toks[a - 2][2]:
            return self.parts[i - 1] or None  # "approved in 2009 and 2014"
        p = (
            a - 1
            if a and said[a - 1].lower() in ("in", "on", "by", "until", "since", "during", "from", "for")
            else a
        )
        v = next(
            (n for n in range(p - 1, ph.clause_start(toks, max(p - 1, 0)) - 1, -1) if ph.is_verb(said[n])),
            None,
        )
        if v is None:
            if span:
                plan = next(
                    (
                        n
                        for n in range(a - 1, -1, -1)
                        if said[n].lower().rstrip("s") in ("plan", "programme", "strategy")
                    ),
                    None,
                )
                if plan is not None:
                    start = ph.phrase_start(toks, plan)
                    return f"period of the {self._words([*said[start:plan], said[plan].rstrip('s')])} {fig.quote}"
            return None
        if v + 1 < p and said[v + 1] in ph.PARTICLES:
            v += 1  # "was set up on 1 August 2016"
        group, g = ph.verb_group(toks, v, 0)
        obj = [w for w in said[v + 1 : p] if w[0].isalpha()]
        while obj and obj[0].lower() in _cls("determiner"):
            obj = obj[1:]
        verb = ph.render_verbs(group)
        if (
            obj
            and obj[0].lower() not in _cls("ends") | _cls("pronoun")
            and all(w[0].isalpha() for w in said[v + 1 : p])
        ):
            return Parts(self._words(obj), verb, ph.agent(self.text, toks, g))
        subject = self._subject(toks, g)
        if subject.lower() in _cls("pronoun") | {"them", "it"}:
            # "shut the courts in March 2020 and kept them closed until June 2020"
            earlier = next(
                (
                    p
                    for f, p in zip(self.figures[:i][::-1], self.parts[::-1], strict=True)
                    if p and f.start >= toks[0][1]
                ),
                None,
            )
            subject = earlier.noun if earlier else ""
        if not subject:
            return None
        tail = " ".join(obj) if obj and obj[0].lower() in _cls("complement") else ""
        until = said[p] if p < a and said[p].lower() in ("until", "since") else ""
        return Parts(subject, " ".join(w for w in (verb, tail, until) if w))

    def _subject(self, toks: list[ph.Tok], g: int) -> str:
        """The subject before the verb group at g, as written: back to the clause start, over
        a relative clause ('The strategy that governed identification had expired') or an
        aside ('The Main Department ..., known as the ATD, was created'); only the noun
        phrase right before the verb where that span holds another verb."""
        said = [t[0] for t in toks]
        q, end = ph.clause_start(toks, g), g
        if g > 2 and said[g - 1] == "," and ph.is_verb(said[g]) and said[g - 2][0].isalpha():
            # "the latest UN global report, published in 2019,": a reduced relative
            end = g - 1
            q = ph.phrase_start(toks, end - 1)
        elif g > 3 and said[g - 1].lower() in ("which", "that") and said[g - 2] == ",":
            # "the Main Department on Combating Trafficking in Human Beings, which was set up"
            end = g - 2
            q = ph.phrase_start(toks, end - 1)
        elif q > 1 and said[q - 1].lower() in ("that", "which", "who"):
            q, end = ph.clause_start(toks, q - 1), q - 1
        elif q == g and g and said[g - 1] in (",", ")"):
            q = ph.clause_start(toks, 0)
            end = next((n for n in range(q, g) if said[n] in (",", "(")), g)
        if any(ph.is_verb(w) for w in said[q:end]):
            q = ph.phrase_start(toks, end - 1)
        while q < end and (said[q].lower() in _cls("determiner") or not said[q][0].isalpha()):
            q += 1
        if q >= end:
            return ""
        words = self.text[toks[q][1] : toks[end - 1][2]].split()
        return self._words([ph.case(self.text, words[0]), *words[1:]])


def _among(part: str, whole: str) -> bool:
    """Whether a part's noun needs its whole's to say what it counts: 'girls' of 'victims'
    (but not 'sex trafficking victims' of 'victims', which says it already)."""
    head = whole.split(" of ")[0].split()[-1].lower()
    return head not in part.lower().split() and entities.kind_of_words(part, 6) in _PEOPLE | {"other"}


def _is_years(fig: Figure) -> bool:
    """'2018-2020' is a span of years; 'six to 12 years' is a term."""
    value = fig.value
    return isinstance(value, tuple | list) and all(isinstance(v, int) and v > 1800 for v in value)
