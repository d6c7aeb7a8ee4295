"""A source's own date, where it states one: a dateline in its first lines.

News copy opens with one ("Baku, 3 March 2017 / Trend /", "Tbilisi, March 3, 2022 -",
"Chisinau / 06.04.2021 /"); press releases often open with the date alone on its line.
`extract` dates a source by it when no `--published` is given, so that "last year" and
"over the past five years" have a year to count back from. Only a date with its year
counts: "Baku, May 5" says nothing of the year.
"""

from __future__ import annotations

from tipcheck.support import regex_cache as regexes

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_MONTH = "|".join(m.capitalize() for m in _MONTHS)
_DATE = (
    rf"(?P<d1>\d{{1,2}})[ \t]+(?P<m1>{_MONTH}),?[ \t]+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH})[ \t]+(?P<d2>\d{{1,2}}),?[ \t]+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:19|20)\d\d)"
    r"|(?P<y4>(?:19|20)\d\d)-(?P<m4>\d{2})-(?P<d4>\d{2})"
)
# a place of one to three capitalised words, then a comma, a slash or a full stop
_PLACE = r"[A-Z][A-Za-z'-]+(?:[ \t]+(?:[A-Z][A-Za-z'-]+|city)){0,2}[ \t]*[,/.][ \t]*"
DATELINE = regexes.compile(rf"^[ \t]*(?:\*\*)?(?:{_PLACE})?(?:{_DATE})(?![\d.]*\d)")
LOOK = 5  # the first lines that may hold one


def dateline(text: str) -> str | None:
    """The ISO date of the source's dateline in its first non-blank lines, or None."""
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:40] if line.strip()][:LOOK]
    for line in lines:
        m = DATELINE.match(line)
        if m is None:
            continue
        n = next(k for k in "1234" if m[f"y{k}"])
        month = m[f"m{n}"]
        number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
        day = int(m[f"d{n}"])
        if 1 <= number <= 12 and 1 <= day <= 31:
            return f"{m[f'y{n}']}-{number:02d}-{day:02d}"
    return None
