"""Words to concepts: what a figure counts, reduced to comparable tokens.

Editors restate the sources in other words ("brought to justice", "prosecuted", "held
criminally liable"); this table folds such phrasings into one concept, so that a draft's
wording and a claim's metric can be compared. It is deliberately a plain table: a
missing synonym shows up as an unsourced figure in the evaluation, never as a silent
guess. Phrases are matched before single words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tipcheck.support import regex_cache as regexes

# Multi-word phrases first: they would otherwise be split into misleading single words.
PHRASES: dict[str, str] = {
    "brought to justice": "prosecute", "brought to criminal responsibility": "prosecute",
    "brought to responsibility": "prosecute", "criminally liable": "prosecute",
    "criminal responsibility": "prosecute", "held liable": "prosecute",
    "accusatory sentences": "sentence", "once only payments": "allowance",
    "one-time": "allowance", "one time": "allowance", "lump sum": "allowance",
    "hot line": "hotline", "help line": "hotline", "helpline": "hotline",
    "non-governmental": "ngo", "non governmental": "ngo", "civil society": "ngo",
    "national action plan": "plan", "action plan": "plan", "state department": "tip",
    "trafficking in persons report": "tip", "tip report": "tip", "minimum standards": "tip",
    "watch list": "watchlist", "sent to court": "court", "forwarded to the court": "court",
    "referred to court": "court", "to the court": "court", "to court": "court",
    "forced labour": "labour", "forced labor": "labour", "sexual exploitation": "sexual",
    "sex trafficking": "sexual", "united arab emirates": "uae", "russian federation": "russia",
    "world day": "worldday", "policy or pattern": "pattern", "victim assistance center": "aidcenter",
    "aid center": "aidcenter", "assistance center": "aidcenter", "support center": "supportcenter",
    "support fund": "supportfund", "employment service": "employmentservice",
    "state bodies": "statebody", "state agencies": "statebody", "government agencies": "statebody",
    "criminal groups": "group", "criminal group": "group", "organized criminal": "organised",
    "organised criminal": "organised", "minor children": "minor", "birth certificate": "birthcertificate",
    "financial aid": "financial", "financial support": "financial", "financial assistance": "financial",
    "study abroad": "study", "marriage with a foreigner": "marriage", "jobs abroad": "jobabroad",
    "job in the overseas": "jobabroad", "work abroad": "jobabroad", "jobs overseas": "jobabroad",
    "awareness raising": "awareness", "awareness-raising": "awareness", "round table": "seminar",
    "milli mejlis": "parliament", "board meeting": "boardmeeting", "secondary education": "secondary",
    "incomplete secondary": "incomplete", "higher education": "higher", "no education": "uneducated",
    "without education": "uneducated", "land parcel": "land", "legal assistance": "legal",
    "medical assistance": "medical", "psychological assistance": "psychological",
    "date back": "history", "dates back": "history", "dating back": "history", "trace back": "history",
    "traces back": "history", "working abroad": "jobabroad", "job abroad": "jobabroad",
    "studying abroad": "study", "marrying a foreigner": "marriage", "marriage to a foreigner": "marriage",
}  # fmt: skip

WORDS: dict[str, str] = {
    "victim": "victim", "survivor": "victim", "trafficking": "trafficking",
    "trafficked": "trafficking", "thb": "trafficking", "person": "person", "people": "person",
    "individual": "person", "woman": "woman", "women": "woman", "female": "woman",
    "man": "man", "men": "man", "male": "man", "girl": "girl", "boy": "boy", "child": "child",
    "children": "child", "minor": "minor", "foreign": "foreign", "foreigner": "foreign",
    "citizen": "foreign", "trafficker": "trafficker", "perpetrator": "trafficker",
    "identify": "identify", "identified": "identify", "identification": "identify",
    "recognise": "identify", "recognize": "identify", "recognised": "identify",
    "recognized": "identify", "reveal": "identify", "revealed": "identify", "determined": "identify",
    "detected": "identify",
    "prosecute": "prosecute", "prosecuted": "prosecute", "prosecution": "prosecute",
    "charge": "prosecute", "charged": "prosecute", "accuse": "prosecute", "accused": "prosecute",
    "convict": "sentence", "convicted": "sentence", "conviction": "sentence",
    "sentence": "sentence", "sentenced": "sentence", "jailed": "sentence",
    "crime": "crime", "case": "crime", "offence": "crime", "offense": "crime", "fact": "crime",
    "criminal": "crime", "court": "court", "trial": "court", "investigate": "investigate",
    "investigated": "investigate", "investigation": "investigate", "register": "register",
    "registered": "register", "recorded": "register", "track": "track", "tracked": "track",
    "shelter": "shelter", "sheltered": "shelter", "host": "shelter", "hosted": "shelter",
    "accommodate": "shelter", "accommodation": "shelter", "capacity": "capacity", "bed": "capacity",
    "house": "shelter", "housed": "shelter", "housing": "shelter", "accommodates": "shelter",
    "allowance": "allowance", "payment": "allowance", "paid": "allowance",
    "pay": "allowance", "grant": "allowance", "job": "job", "employment": "job", "employ": "job",
    "employed": "job", "vocational": "vocational", "training": "vocational", "course": "vocational",
    "ngo": "ngo", "ngos": "ngo", "hotline": "hotline", "request": "request", "call": "request",
    "inquiry": "request", "enquiry": "request", "country": "country", "nation": "country",
    "tier": "tier", "category": "tier",
    "class": "tier", "plan": "plan", "nap": "plan", "approve": "approve", "approved": "approve",
    "endorse": "approve", "endorsed": "approve", "adopt": "approve", "adopted": "approve",
    "sign": "approve", "signed": "approve", "decree": "decree", "decision": "decision",
    "law": "law", "amend": "amend", "amended": "amend", "amendment": "amend", "change": "amend",
    "fund": "fund", "funding": "fund", "allocate": "fund", "allocated": "fund", "budget": "fund",
    "spend": "fund", "spent": "fund", "exploit": "exploit",
    "exploited": "exploit", "exploitation": "exploit", "labour": "labour", "labor": "labour",
    "sexual": "sexual", "sex": "sexual", "turkey": "turkey", "russia": "russia", "uae": "uae",
    "emirates": "uae", "dubai": "uae", "russian": "russia", "chinese": "china", "china": "china",
    "education": "education", "educated": "education", "secondary": "secondary",
    "incomplete": "incomplete", "higher": "higher", "university": "university",
    "universities": "university", "uneducated": "uneducated", "college": "college",
    "police": "police", "district": "district", "city": "district", "seminar": "seminar",
    "conference": "seminar", "meeting": "meeting", "event": "activity", "activity": "activity",
    "marry": "marriage", "marrying": "marriage", "marriage": "marriage", "study": "study",
    "studying": "study", "abroad": "abroad", "overseas": "abroad", "average": "average",
    "median": "average", "rate": "rate", "increase": "increase", "rise": "increase",
    "rose": "increase", "grew": "increase", "growth": "increase", "staff": "staff",
    "operator": "staff", "employee": "staff", "officer": "staff", "day": "day",
    "awareness": "awareness", "wanted": "wanted", "arrest": "arrest", "arrested": "arrest",
    "interpol": "wanted", "refer": "refer", "referred": "refer", "sent": "refer",
    "directed": "refer", "family": "family", "families": "family", "reunite": "family",
    "raid": "raid", "raids": "raid", "anniversary": "anniversary",
    "recommendation": "recommendation", "greta": "greta", "decrease": "decrease",
    "decline": "decrease", "fall": "decrease", "fell": "decrease", "drop": "decrease",
    "reduce": "decrease", "reduced": "decrease", "cut": "decrease", "cutting": "decrease", "share": "share",
    "proportion": "share", "history": "history", "start": "history",
    "began": "history", "begin": "history", "consecutive": "consecutive", "age": "age",
    "aged": "age", "old": "age", "legal": "legal", "medical": "medical",
    "psychological": "psychological", "clothes": "clothes", "food": "clothes",
    "kindergarten": "kindergarten", "iom": "iom", "parliament": "parliament", "repatriation": "repatriation", "rehabilitation": "rehabilitation",
    "reintegration": "rehabilitation", "stakeholder": "statebody", "agency": "statebody",
    "body": "statebody", "potential": "potential", "group": "group", "organised": "organised",
    "organized": "organised", "other": "other", "open": "establish", "opened": "establish",
    "launch": "establish", "launched": "establish", "establish": "establish", "established": "establish",
    "founded": "establish", "designate": "designate", "designated": "designate", "project": "project",
    "embassy": "embassy", "donor": "donor", "new": "new", "prison": "sentence",
    "jail": "sentence", "imprisonment": "sentence", "penalty": "sentence", "penalties": "sentence",
    "protocol": "protocol", "convention": "convention", "estimate": "estimate", "estimated": "estimate", "first": "first", "second": "second", "third": "third",
    "worldwide": "worldwide", "global": "worldwide",
    "world": "worldwide", "database": "database",
}  # fmt: skip

# Concepts that change what is measured: a claim that lacks one cannot back a figure
# that has it ("average age" is not "aged 18-25"; Georgia's victims are not Azerbaijan's).
# Other countries: a figure about Georgia is not one about Azerbaijan.
COUNTRIES: dict[str, str] = {
    "georgia": "georgia", "georgian": "georgia", "armenia": "armenia", "armenian": "armenia",
    "iran": "iran", "iranian": "iran", "kazakhstan": "kazakhstan", "ukraine": "ukraine",
    "moldova": "moldova", "belarus": "belarus", "uzbekistan": "uzbekistan", "tajikistan": "tajikistan",
    "kyrgyzstan": "kyrgyzstan", "turkmenistan": "turkmenistan", "estonia": "estonia", "latvia": "latvia",
    "lithuania": "lithuania", "india": "india", "sudan": "sudan", "cuba": "cuba", "serbia": "serbia",
    "bulgaria": "bulgaria", "europe": "europe", "european": "europe", "eu": "europe",
}  # fmt: skip
WORDS.update(COUNTRIES)

MODIFIERS = frozenset(
    {"average", "rate", "increase", "new", "project", "embassy", "donor", "estimate", "turkey", "russia",
     "uae", "china", *COUNTRIES.values()}
)  # fmt: skip
# Concepts that do not name what an event is (for `head`).
_NOT_HEADS = frozenset({"approve", "first", "second", "third", "amend", "trafficking", "person"})

# Frequent words that are no concept and must not be fuzzily taken for one
# ("trafficking" is two letters from "trafficker").
NOT_CONCEPTS = frozenset({
    "azerbaijan", "azerbaijani", "human", "beings",
    "government", "ministry", "report", "reported", "reports", "national", "republic",
    "department", "according", "combating", "combat", "efforts", "provided", "received",
    "between", "during", "including", "total", "another", "country's", "which", "their",
})  # fmt: skip

_TOKEN = regexes.compile(r"[a-z]+(?:-[a-z]+)*")
_PHRASE = regexes.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b"
)


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A crude English stem, enough to fold plurals and past tenses onto the table's keys."""
    if word in WORDS:
        return word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            if base in WORDS:
                return base
            if suffix == "ed" and base + "e" in WORDS:
                return base + "e"
    return word


@lru_cache(maxsize=4096)
def concepts(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, concept) pairs for the known phrases and words of text, in text order.
    Cached: a sentence is read once for each figure in it and each figure after it."""
    low = text.lower().replace("\u2019", "'").replace("\u00a0", " ")
    out: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _PHRASE.finditer(low):
        out.append((m.start(), PHRASES[m.group(0)]))
        taken.append(m.span())
    for m in _TOKEN.finditer(low):
        if any(s <= m.start() < e for s, e in taken):
            continue
        for part in m.group(0).split("-"):
            concept = WORDS.get(stem(part))
            if concept:
                out.append((m.start(), concept))
    out.sort()
    return tuple(out)


def head(text: str) -> str | None:
    """The first concept that names the thing itself: 'decree' in 'presidential decree on ...'."""
    return next((c for _, c in concepts(text) if c not in _NOT_HEADS), None)


def concept_set(text: str) -> frozenset[str]:
    """The concepts of a metric or phrase, without positions."""
    return frozenset(c for _, c in concepts(text))
