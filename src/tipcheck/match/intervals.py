"""What a written figure allows: the interval implied by its hedge and its written precision.

statcheck's lesson: "28.2" covers 28.15-28.25, "27 million" covers 26.5-27.5 million, and
the comparator is part of the claim ("more than 50" is any number above 50). Two figures
agree when their intervals meet. Dates work the same way at the precision written:
"2009" covers every day of 2009, "February 6, 2009" only that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tipcheck.model import Value, iso_bounds
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary
from tipcheck.thresholds import APPROXIMATE

# The scales that follow digits (vocabulary/scales.txt: from a thousand up, and abbreviations).
_SCALES = {w: n for word, n, abbrevs in vocabulary.scales() for w in (word, *abbrevs) if n >= 1000}
_SCALE = regexes.compile(r"(?i)\b(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b")
_DIGITS = regexes.compile(r"\d[\d,\u00a0\u202f ]*(?:\.(\d+))?")
INF = Decimal("Infinity")


@dataclass(frozen=True)
class Interval:
    """A closed or half-open interval of numbers; `lo_open`/`hi_open` exclude the ends.

    `center` is set for a figure written as one value with a tolerance (exact or
    approximate), so that two hedged figures can be compared by their centres.
    """

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False
    center: Decimal | None = None

    def agrees(self, other: Interval) -> bool:
        """Two tolerances do not add up: "some 25 million" is not "approximately 27 million"."""
        if self.center is not None and other.center is not None:
            tolerance = max(self.hi - self.center, other.hi - other.center)
            return abs(self.center - other.center) <= tolerance
        return self.meets(other)

    def meets(self, other: Interval) -> bool:
        if self.hi < other.lo or other.hi < self.lo:
            return False
        if self.hi == other.lo and (self.hi_open or other.lo_open):
            return False
        return not (other.hi == self.lo and (other.hi_open or self.lo_open))

    def contains(self, x: Decimal) -> bool:
        return self.meets(Interval(x, x))


def half_unit(quote: str, kind: str) -> Decimal:
    """Half the last written unit: what rounding could hide ('28.2' -> 0.05, '27 million' -> 500,000)."""
    digits = _DIGITS.search(quote)
    decimals = len(digits.group(1)) if digits and digits.group(1) else 0
    scale = _SCALE.search(quote)
    multiplier = _SCALES[scale.group(1).lower()] if scale else 1
    if decimals == 0 and multiplier == 1 and kind in ("count", "money", "ordinal"):
        return Decimal(0)  # "54 victims" means exactly 54
    return Decimal(5) / Decimal(10) ** (decimals + 1) * multiplier


def interval(
    value: Value, qualifier: str, quote: str, kind: str, approximately: Decimal = APPROXIMATE
) -> Interval | None:
    """The numbers a figure allows, or None for a value that is not a number. "approximately"
    tolerates the fraction `approximately` of the value (a configuration's `tolerances:
    approximately`, passed down by the verifier; the audit keeps the default)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    v = Decimal(value)
    half = half_unit(quote, kind)
    if qualifier == "approximately":
        half = max(half, abs(v) * approximately)
    if qualifier == "more than":
        return Interval(v, INF, lo_open=True)
    if qualifier == "at least":
        return Interval(v, INF)
    if qualifier == "less than":
        return Interval(Decimal(0), v, hi_open=True)
    if qualifier == "up to":
        return Interval(Decimal(0), v)
    return Interval(v - half, v + half, center=v)


def date_span(value: Value) -> tuple[date, date] | None:
    """The days a date, year, or range of dates or years covers."""
    if isinstance(value, str) and not value.startswith("--"):
        return iso_bounds(value)
    if isinstance(value, int) and 1000 <= value <= 2999:
        return iso_bounds(str(value))
    if isinstance(value, tuple) and len(value) == 2:
        ends = [date_span(v) for v in value]
        if ends[0] and ends[1]:
            return ends[0][0], ends[1][1]
    return None


def dates_meet(a: Value, b: Value) -> bool | None:
    """Whether two dated values can be the same time; None when either is not a date."""
    sa, sb = date_span(a), date_span(b)
    if sa is None or sb is None:
        if isinstance(a, str) and isinstance(b, str) and a.startswith("--") and b.startswith("--"):
            return a == b  # recurring days ("July 30")
        return None
    return sa[0] <= sb[1] and sb[0] <= sa[1]
