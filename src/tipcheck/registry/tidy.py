"""Safe last steps for a proposed metric (registry/metrics.py): whatever the rules read,
the phrase a reviewer sees says what happened and reads as written English.

- no word twice in a row ("sex trafficking trafficking cases" -> "sex trafficking cases"),
  and no phrase of two or more words said again ("to victims allocated to victims");
- no function word at either end ("MDL allocated by NAP and" -> "MDL allocated by NAP");
- no "TODO" where the words after the figure name a thing: those words.

A bare noun is left bare: the nearest verb of its clause was as often another figure's.
"""

from __future__ import annotations

import re

from tipcheck.model import Figure
from tipcheck.registry import phrases as ph
from tipcheck.text import sentences

# kept as they are: each already says what it measures
_WHOLE = ("share of", "period of", "decrease in", "increase in", "deadline to", "prison penalty")
_BREAK = {",", ";", ":", "(", ")", "[", "]", "—", "–", "\n", ".", "?", "!"}


# "-ly" adverbs ("slightly", "proactively", "already" is its own): never what a metric ends on
_ADVERB = re.compile(
    r"^(?:[a-z]{2,}(?:al|ive|ous|ent|ant|ate|ful|less|ight|ar|ick|ow|ad|ong|ect|ib|ab|ear|ady|ep)ly|already|again|also|still)$"
)


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
    while out and (out[-1].lower() in edge or _ADVERB.match(out[-1])):
        out.pop()  # "... identified by the government slightly": an adverb of the clause
    while out and out[0].lower() in edge and not out[0][:1].isupper():
        out.pop(0)
    return " ".join(out)


def finish(metric: str, text: str, fig: Figure) -> str:
    """The metric made safe: cleaned, never a bare noun where the clause has a verb, and a
    noun and that verb in place of "TODO" where the words after the figure name one."""
    if metric.lower().startswith(_WHOLE) or "'s tier in" in metric or metric.startswith("consecutive"):
        return metric
    sentence = sentences.around(text, fig.start)
    toks = ph.tokens(text, sentence.start, sentence.end)
    if not toks:
        return metric
    _, _, b = ph.figure_tokens(text, sentence.start, sentence.end, fig.start, fig.end)
    if metric == "TODO":
        np, _ = ph.noun_phrase(toks, b + 1, fig.unit)
        if not np or not ph.has_noun(np, fig.unit) or fig.kind in ("date", "year"):
            return metric
        metric = " ".join(ph.plural(np))
    # (a bare noun is left bare: the nearest verb of its clause was as often another
    # figure's, "60 people renovated", and a wrong metric misleads more than a short one)
    return clean(metric) or "TODO"
