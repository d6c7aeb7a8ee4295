"""Safe last steps for a proposed metric (registry/metrics.py): whatever the rules read,
the phrase a reviewer sees says what happened and reads as written English.

- no word twice in a row ("sex trafficking trafficking cases" -> "sex trafficking cases"),
  and no phrase of two or more words said again ("to victims allocated to victims");
- no function word at either end ("MDL allocated by NAP and" -> "MDL allocated by NAP");
- no bare noun where the clause has a verb: the nearest verb of the clause, before the
  figure or after it, as a participle ("cities" -> "cities covered");
- no "TODO" where the words after the figure name a thing: those words and that verb.
"""

from __future__ import annotations

from tipcheck.model import Figure
from tipcheck.registry import phrases as ph
from tipcheck.text import sentences

# kept as they are: each already says what it measures
_WHOLE = ("share of", "period of", "decrease in", "increase in", "deadline to", "prison penalty")
_BREAK = {",", ";", ":", "(", ")", "[", "]", "—", "–", "\n", ".", "?", "!"}


def _edge_words() -> frozenset[str]:
    cls = ph.word_class
    return (cls("ends") | cls("determiner") | cls("copula") | cls("auxiliary") | {"whose", "worth", "s"}) - {
        "out",
        "up",
        "abroad",
    }


def clean(metric: str) -> str:
    """The metric without doubled words or phrases and without a function word at either end."""
    words = metric.split()
    out: list[str] = []
    for word in words:
        if out and out[-1].lower() == word.lower():
            continue  # "trafficking trafficking"
        out.append(word)
    n = 0
    while n < len(out):
        # a phrase of two or more words said again later: drop the repeat
        for size in range(min(4, (len(out) - n) // 2), 1, -1):
            phrase = out[n : n + size]
            content = any(w.lower() not in _edge_words() for w in phrase)
            later = next(
                (k for k in range(n + size, len(out) - size + 1) if out[k : k + size] == phrase), None
            )
            if later is not None and content:
                del out[later : later + size]
                break
        n += 1
    # "identified for identified": a word again after one function word
    n = 2
    while n < len(out):
        if out[n].lower() == out[n - 2].lower() and out[n - 1].lower() in _edge_words():
            del out[n - 1 : n + 1]
        else:
            n += 1
    edge = _edge_words()
    while out and out[-1].lower() in edge:
        out.pop()
    while out and out[0].lower() in edge and not out[0][:1].isupper():
        out.pop(0)
    return " ".join(out)


def _has_verb(metric: str) -> bool:
    return any(ph.is_verb(w) for w in metric.split())


def _present(word: str) -> str:
    """'covers' -> 'cover', 'assesses' -> 'assess', 'carries' -> 'carry'."""
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _nearest_verb(toks: list[ph.Tok], a: int, b: int) -> str:
    """The verb of the clause nearest the figure (tokens a..b), before or after it; for a
    figure in brackets, the verb before the bracket; as a participle, "not" kept. A
    present tense counts right after "which", "that" or "who" ("which covers 188 countries")."""
    lo = ph.clause_start(toks, a)
    hi = next((n for n in range(b + 1, len(toks)) if toks[n][0] in _BREAK), len(toks))
    before = [n for n in range(a - 1, lo - 1, -1) if ph.is_verb(toks[n][0])]
    after = [n for n in range(b + 1, hi) if ph.is_verb(toks[n][0])]
    word = toks[lo][0] if lo < a else ""
    relative = bool(not before and lo and toks[lo - 1][0].lower() in ("which", "that", "who"))
    present = word.islower() and word.endswith("s") and not word.endswith("ss")
    if relative and present and not ph.nounlike(_present(word), None):
        return ph.participle(_present(word))
    near = min([*before[:1], *after[:1]], key=lambda n: (abs(n - a) if n < a else n - b, n > a), default=None)
    if near is None and lo and toks[lo - 1][0] == "(":
        near = next(
            (n for n in range(lo - 2, ph.clause_start(toks, lo - 2) - 1, -1) if ph.is_verb(toks[n][0])), None
        )
    if near is None:
        return ""
    verb = ph.participle(toks[near][0])
    return f"not {verb}" if near and toks[near - 1][0].lower() in ("not", "never") else verb


def finish(metric: str, text: str, fig: Figure) -> str:
    """The metric made safe: cleaned, never a bare noun where the clause has a verb, and a
    noun and that verb in place of "TODO" where the words after the figure name one."""
    if metric.lower().startswith(_WHOLE) or "'s tier in" in metric or metric.startswith("consecutive"):
        return metric
    sentence = sentences.around(text, fig.start)
    toks = ph.tokens(text, sentence.start, sentence.end)
    if not toks:
        return metric
    a = next((n for n, t in enumerate(toks) if t[1] >= fig.start), len(toks) - 1)
    b = max([a, *(n for n, t in enumerate(toks) if t[2] <= fig.end)])
    if metric == "TODO":
        np, _ = ph.noun_phrase(toks, b + 1, fig.unit)
        if not np or not ph.has_noun(np, fig.unit) or fig.kind in ("date", "year"):
            return metric
        metric = " ".join(ph.plural(np))
    metric = clean(metric)
    if metric and not _has_verb(metric) and len(metric.split()) <= 4:
        verb = _nearest_verb(toks, a, b)
        if verb and verb not in metric.lower().split():
            metric = f"{metric} {verb}"
    return metric or "TODO"
