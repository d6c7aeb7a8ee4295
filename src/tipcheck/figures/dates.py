"""Reading dates as written: month names, day.month.year, ISO, and year windows.

Values are ISO strings at the precision written ("2009", "2009-05", "2009-05-28"), so a
date written to the month is never mistaken for the first of that month.
"""

from __future__ import annotations

from datetime import date

from tipcheck.model import days_in_month

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|"
    r"Nov\.?|Dec\.?)"
)
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DASH = r"\s*[-\u2010\u2011\u2012\u2013\u2014]\s*"


def month_number(name: str) -> int:
    """'Feb.' -> 2; 'September' -> 9."""
    return MONTHS[name.lower().rstrip(".")]


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """An ISO string at the given precision, or None when the day does not exist."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= days_in_month(year, month):
        return None
    return date(year, month, day).isoformat()


def day_number(text: str) -> int:
    """'28th' -> 28."""
    return int(text.rstrip("stndrh"))


def numeric(first: int, second: int, year: int, sep: str) -> str | None:
    """A numeric date. Dots are day.month.year, as Azerbaijani official documents write it;
    slashes are month/day/year unless the first number cannot be a month."""
    if sep == "." or first > 12:
        return iso(year, second, first)
    return iso(year, first, second)


def season(name: str, year: int) -> tuple[str, str]:
    """'summer', 2014 -> ('2014-06', '2014-08')."""
    lo, hi = SEASONS[name.lower()]
    return f"{year:04d}-{lo:02d}", f"{year:04d}-{hi:02d}"


def two_digit_end(start_year: int, end: str) -> int:
    """'2014-18' -> 2018: a two-digit end year takes the start's century."""
    if len(end) == 2:
        return start_year // 100 * 100 + int(end)
    return int(end)
