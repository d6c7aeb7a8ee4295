"""Every threshold and tolerance that decides a verdict, in one place, each with what it
decides. Standard library only: any layer may import it.

Alignment scores are `match.align`'s, from 0 to 1; context weights are the weights
`align.context` gives a figure's words (its clause 1.0, a table header 0.8, its sentence
0.6, the sentence before 0.3). Changing any of these changes verdicts: run the eval sets.
"""

from __future__ import annotations

from decimal import Decimal

# --- how well a claim must align with a figure (match/align.py scores) -----------------------

FLOOR = 0.25  # claims aligned below this are left out of the ranking: they never decide a verdict
RESTATED = (
    FLOOR  # a restated figure (same exact value and counted noun, engine._restated) is backed from here
)
MATCH = 0.45  # a claim backs a figure from this score up
STRONG = 0.6  # a claim contradicts a figure only from this score up: a false contradiction costs trust
STRONG_RECALL = 0.6  # ... and only if the draft's words cover this much of the claim's metric (recall)
EVENT_RECALL = 0.5  # ... or this much, for a dated event whose kind the draft names ("the plan, approved on")
CLOSE = 0.1  # a claim scoring within this of the best that agrees backs the figure, over the best contradicting it
CLAUSE = 0.8  # the context weight from which a concept is the figure's own (its clause, a table header)
SENTENCE = (
    0.6  # the context weight from which a concept is in the figure's sentence (modifiers, a date's head noun)
)
SPELLING = 90  # the rapidfuzz ratio (0-100) from which an unknown word is a spelling variant of a known one

# --- how far values may differ (match/intervals.py, match/agreement.py) ----------------------

# "approximately" tolerates 5 percent: "nearly 500" is backed by 486 and "about $300,000"
# by $298,500, while "around 30 million" is not backed by 27 million.
APPROXIMATE = Decimal(
    "0.05"
)  # the default tolerance of "approximately", "about", "nearly" (a fraction of the value)
APPROXIMATE_MAX = Decimal("0.5")  # the largest `tolerances: approximately` a configuration may set
WINDOW_START_YEARS = (
    1  # two cumulative windows that end the same year are the same if their starts differ by this much
)
RESTATED_FROM = 10  # the smallest exact count a restatement (RESTATED) can back: small ones recur by chance
MISDATED_FROM = (
    10  # the smallest count or amount the period check calls misdated: the same 3 or 5 recurs by chance
)
ORDINAL_WORDS = 4  # how many words of an ordinal's metric may hold the noun it counts ("the first ... plan")

# --- what an undated figure is about (figures/undated.py) ------------------------------------

DOCUMENT_YEAR_SHARE = (
    0.6  # of the figures with a stated year, how many must share it to make it the document's year
)
DOCUMENT_YEAR_FIGURES = 2  # ... and at least this many of them
RECENT_YEARS = 3  # an undated figure in a text dated Y is about one of the years Y-3 to Y
