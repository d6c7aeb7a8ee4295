"""Every threshold and tolerance that decides a verdict, in one place, each with what it
decides. Standard library only: any layer may import it.

Alignment scores are `match.align`'s, from 0 to 1; context weights are the weights
`match.context` gives a figure's words (its clause 1.0, a table header 0.8, its sentence
0.6, the sentence before 0.3). Changing any of these changes verdicts: run the eval sets.
"""

from __future__ import annotations

from decimal import Decimal

# --- how well a claim must align with a figure (match/align.py scores) -----------------------

FLOOR = 0.25  # claims aligned below this are left out of the ranking: they decide nothing
RESTATED = FLOOR  # a restated figure (same exact value and noun, engine._restated) is backed from here
MATCH = 0.45  # a claim backs a figure from this score up
STRONG = 0.6  # a claim contradicts a figure only from this score up: false contradictions cost trust
STRONG_RECALL = 0.6  # ... and only if the draft's words cover this much of the claim's metric
EVENT_RECALL = 0.5  # ... or this much, for a dated event whose kind the draft names
CLOSE = 0.1  # an agreeing claim this close to the best score backs the figure over the best one
CLAUSE = 0.8  # the context weight from which a concept is the figure's own (clause, table header)
SENTENCE = 0.6  # the context weight from which a concept is in the figure's sentence
SPELLING = 90  # the rapidfuzz ratio (0-100) from which an unknown word is a known one misspelt

# --- how far values may differ (match/intervals.py, match/agreement.py, verify/) -------------

# "approximately" tolerates 5 percent: "nearly 500" is backed by 486 and "about $300,000"
# by $298,500, while "around 30 million" is not backed by 27 million.
APPROXIMATE = Decimal("0.05")  # the default tolerance of "approximately" (a fraction of the value)
APPROXIMATE_MAX = Decimal("0.5")  # the largest `tolerances: approximately` a configuration may set
WINDOW_START_YEARS = 1  # windows ending the same year are the same if their starts differ by this
RESTATED_FROM = 10  # the smallest exact count a restatement (RESTATED) backs: small ones recur
MISDATED_FROM = 10  # the smallest count the period check calls misdated: 3 or 5 recur by chance
ORDINAL_WORDS = 4  # the words of an ordinal's metric that may hold the noun it counts

# --- what an undated figure is about (figures/undated.py) ------------------------------------

DOCUMENT_YEAR_SHARE = 0.6  # of the figures with a stated year, how many must share it
DOCUMENT_YEAR_FIGURES = 2  # ... and at least this many, for it to be the document's year
RECENT_YEARS = 3  # an undated figure in a text dated Y is about one of the years Y-3 to Y
