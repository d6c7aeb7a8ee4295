"""The builders of `figures.spans`' patterns: each turns a match into (kind, value, unit),
or None for a match that is no figure after all ("Tier 4", "2015-2013").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tipcheck.figures import dates
from tipcheck.figures import numbers as nums
from tipcheck.figures.money import currency
from tipcheck.model import Value


def _number(text: str) -> nums.Number | None:
    text = text.strip()
    if text[:1].isdigit() or text[:1] == ".":
        if sum(c.isdigit() for c in text) > nums.MAX_DIGITS:
            return None  # a run of digits no figure is written with
        return nums.parse_digits(text)
    return nums.parse_words(text)


def _scaled(m: re.Match[str]) -> nums.Number | None:
    value = _number(m.group("num"))
    if value is None:
        return None
    return nums.times(value, nums.scale(m.group("scale") or ""))


Build = Callable[[re.Match[str]], "tuple[str, Value, str | None] | None"]


def _year(text: str) -> int:
    """A year as written; two digits mean 19xx from 50 up, else 20xx."""
    year = int(text)
    if len(text) == 2:
        return year + (1900 if year >= 50 else 2000)
    return year


def _date_mdy(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    day = nums.parse_ordinal(m["d"]) if m["d"][:1].isalpha() else dates.day_number(m["d"])
    if day is None:
        return None
    value = dates.iso(_year(m["y"]), dates.month_number(m["m"]), day)
    return ("date", value, None) if value else None


def _date_numeric(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    if len(m["y"]) == 2 and m["sep"] == ".":
        return None  # "1.2.15" is a version or a section, not a date
    value = dates.numeric(int(m["a"]), int(m["b"]), _year(m["y"]), m["sep"])
    return ("date", value, None) if value else None


def _date_iso(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = dates.iso(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("date", value, None) if value else None


def _month_year(m: re.Match[str]) -> tuple[str, Value, str | None]:
    return "date", dates.iso(int(m["y"]), dates.month_number(m["m"])), None


def _month_day(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    month, day = dates.month_number(m["m"]), dates.day_number(m["d"])
    if dates.iso(2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    return "date", f"--{month:02d}-{day:02d}", None


def _season(m: re.Match[str]) -> tuple[str, Value, str | None]:
    return "range", dates.season(m["s"], int(m["y"])), None


def _year_range(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    lo = int(m["a"])
    hi = dates.two_digit_end(lo, m["b"])
    return ("range", (lo, hi), "years") if lo < hi else None


def _money(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = _scaled(m)
    if value is None:
        return None
    return "money", value, currency(m["cur"])


def _percent(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = _number(m["num"])
    unit = "percentage points" if "point" in m.group(0).lower() else "percent"
    return ("percent", value, unit) if value is not None else None


def _ratio(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = _number(m["num"])
    return ("ratio", value, "times") if value is not None else None


def _tier(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    raw = (m["t"] or m["o"] or "").lower()
    level = {"one": 1, "two": 2, "three": 3}.get(raw) or nums.parse_ordinal(raw)
    if level is None and raw.isdigit():
        level = int(raw)
    if level is None:
        return None
    watch = " Watch List" if m["w"] else ""
    return "tier", f"Tier {level}{watch}", "tier"


def _ordinal(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = nums.parse_ordinal(m["o"])
    return ("ordinal", value, None) if value is not None else None


def _duration(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value: nums.Number | None = (
        nums.SPECIAL.get(m["num"].lower()) if m["num"].lower().startswith("a") else None
    )
    value = value if value is not None else _number(m["num"])
    if value is None:
        return None
    unit = m["u"].lower().rstrip("s")
    if unit == "decade":
        return "duration", nums.times(value, 10), "years"
    return "duration", value, unit + "s"


def _age_range(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    lo, hi = _number(m["a"]), _number(m["b"])
    if lo is None or hi is None or lo >= hi:
        return None
    return "range", (lo, hi), "years old"


def _term_range(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    lo, hi = _number(m["a"]), _number(m["b"])
    if lo is None or hi is None or lo >= hi:
        return None
    unit = m["u"].lower()
    return "range", (lo, hi), f"{unit if unit.endswith('s') else unit + 's'} (term)"


def _number_range(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    if " and " in m.group(0) and not m.group(0).lower().startswith("between"):
        return None  # "in 2016 and 2017", "approved in 2009 and 2014": two figures, not a range
    lo, hi = _number(m["a"]), _number(m["b"])
    if lo is None or hi is None or lo >= hi:
        return None
    return "range", (lo, hi), None


def _count(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = _scaled(m)
    return ("count", value, None) if value is not None else None


def _special_count(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    return "count", nums.SPECIAL[re.sub(r"\s+", " ", m["sp"].lower())], None


def _year_figure(m: re.Match[str]) -> tuple[str, Value, str | None]:
    return "year", m["y"], None


def _month_year_numeric(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    value = dates.iso(int(m["y"] or m["y2"]), int(m["m"] or m["m2"]))
    return ("date", value, None) if value else None


def _year_range_alt(m: re.Match[str]) -> tuple[str, Value, str | None] | None:
    lo = int(m["a"] or m["a2"])
    hi = int(m["b"] or m["b2"])
    return ("range", (lo, hi), "years") if lo < hi else None
