"""Frozen value types shared by every layer: figures, periods, claims, problems.

No I/O here and nothing that imports beyond the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Union

KINDS = (
    "count",
    "money",
    "percent",
    "ratio",
    "date",
    "year",
    "range",
    "duration",
    "ordinal",
    "tier",
)
# What a draft's directives and the configuration may name: the checks, and "unsourced".
CHECK_IDS = ("parts", "percent", "cumulative", "date", "period", "value", "unsourced")
QUALIFIERS = ("exact", "approximately", "more than", "at least", "less than", "up to", "only")

Number = Union[int, Decimal]
# A figure's value: a number, an ISO date string, a tier name, a [lo, hi] pair, or None for
# a gap the source leaves blank ("— of them were provided with medical assistance").
Value = Union[int, Decimal, str, tuple, None]


def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange without importing calendar (and locale): ~10 ms at start-up."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


# A registry's claims share a few hundred period ends, and matching asks for them per claim
@lru_cache(maxsize=8192)
def iso_bounds(iso: str) -> tuple[date, date]:
    """First and last day covered by an ISO date written to year, month or day precision."""
    parts = iso.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(parts[1])
    if len(parts) == 2:
        return date(year, month, 1), date(year, month, days_in_month(year, month))
    day = date(year, month, int(parts[2]))
    return day, day


@dataclass(frozen=True)
class Period:
    """The time a figure refers to; ends are ISO strings at the precision written."""

    start: str
    end: str
    cumulative: bool = False

    def bounds(self) -> tuple[date, date]:
        return iso_bounds(self.start)[0], iso_bounds(self.end)[1]

    def overlaps(self, first: date, last: date) -> bool:
        lo, hi = self.bounds()
        return lo <= last and first <= hi

    def contains(self, other: Period) -> bool:
        lo, hi = self.bounds()
        olo, ohi = other.bounds()
        return lo <= olo and ohi <= hi

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "cumulative": self.cumulative}

    def label(self) -> str:
        text = self.start if self.start == self.end else f"{self.start}..{self.end}"
        return f"{text} (cumulative)" if self.cumulative else text


@dataclass(frozen=True)
class Figure:
    """A figure or date that a text asserts, found by the extractor.

    `start`/`end` are character offsets into the text the figure came from; `part_of` is
    the index of the figure's whole in the same extraction result.
    """

    start: int
    end: int
    quote: str
    kind: str
    value: Value
    unit: str | None = None
    qualifier: str = "exact"
    metric: str | None = None
    period: Period | None = None
    part_of: int | None = None
    ref: str | None = None
    # "24 of them": a part that counts a subset of its whole, so its siblings may overlap
    subset: bool = False
    # How the text pins `period` (figures.periods.BASES; "own value" for a date), and what
    # the figure counts (match.entities), None where the text does not say.
    basis: str = "unknown"
    entity: str | None = None


@dataclass(frozen=True)
class SourceDoc:
    """The header of one claims file: which document, who published it and when."""

    file: str
    title: str | None
    publisher: str | None
    published: str | None
    published_basis: str | None
    published_note: str | None = None
    url: str | None = None
    place: str | None = None  # the default place of the file's claims


@dataclass(frozen=True)
class Claim:
    """One registered assertion of a source document, with its exact span there."""

    id: str
    kind: str
    value: Value
    unit: str | None
    qualifier: str
    metric: str
    period: Period | None
    file: str  # source document, relative to the registry root
    start: int
    end: int
    line: int
    quote: str
    part_of: str | None = None
    dimension: str | None = None
    exhaustive: tuple[str, ...] = ()
    same_as: str | None = None
    ref: str | None = None
    note: str | None = None
    # How claims relate, for `tipcheck audit`: a measure counted across windows and years,
    # a share computed from [part, whole], a curator-recorded conflict, a revision.
    series: str | None = None
    derived_from: tuple[str, ...] = ()
    conflicts_with: tuple[str, ...] = ()
    supersedes: str | None = None
    place: str | None = None  # the country it is about; None applies to every draft
    # "todo": proposed by `tipcheck extract` and not yet reviewed; such a claim never backs
    # or contradicts a figure, and check-registry lists it (removing the marker is the review)
    review: str | None = None
    defined_in: str = ""  # claims file that holds this claim
    defined_line: int = 0  # its line there, for error messages

    def when(self) -> tuple[date, date] | None:
        """The days this claim is about: its period, or its own value for dates and years."""
        if self.period is not None:
            return self.period.bounds()
        if self.kind in ("date", "year") and isinstance(self.value, str):
            if self.value.startswith("--"):  # a recurring day ("July 30 marks ...")
                return None
            return iso_bounds(self.value)
        if self.kind == "range" and isinstance(self.value, tuple) and _is_year_pair(self.value):
            return date(int(self.value[0]), 1, 1), date(int(self.value[1]), 12, 31)
        return None


def _is_year_pair(value: tuple) -> bool:
    return all(isinstance(v, int) and 1800 <= v <= 2100 for v in value)


@dataclass(frozen=True)
class Problem:
    """Something wrong in the registry, located in a claims or source file."""

    file: str
    line: int
    message: str
    claim_id: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Registry:
    """All claims of a registry, with their source documents' text."""

    root: str
    docs: tuple[SourceDoc, ...]
    claims: tuple[Claim, ...]
    texts: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # how many claims are proposals nobody has reviewed (`review: todo`), counted when the
    # registry is read, so that a registry with none costs `verify` no pass over its claims
    unreviewed: int = 0

    def get(self, claim_id: str) -> Claim | None:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        return None

    def doc(self, file: str) -> SourceDoc | None:
        return next((d for d in self.docs if d.file == file), None)

    def parts_of(self, claim_id: str) -> list[Claim]:
        return [c for c in self.claims if c.part_of == claim_id]


@dataclass(frozen=True)
class Evidence:
    """A registered claim shown in support of a verdict."""

    claim: Claim
    note: str | None = None  # e.g. "implies 5.6 percent"


@dataclass(frozen=True)
class Finding:
    """The verdict on one figure of a draft: match, contradiction or unsourced.

    `start`/`end` are character offsets into the draft's text; `check` names the check
    that found a contradiction (None for match and unsourced).
    """

    status: str  # match | contradiction | unsourced | cited
    check: str | None
    figure: Figure
    message: str
    evidence: tuple[Evidence, ...] = ()
    # Set by `review` from the configuration, the draft's directives and a baseline:
    severity: str = ""  # error | warning | info
    fingerprint: str = ""
    baselined: bool = False
    citation: str | None = None  # the outside source a "cited" figure names

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def end(self) -> int:
        return self.figure.end


@dataclass(frozen=True)
class FileReport:
    """All findings for one draft, in text order."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    suppressed: int = 0  # findings switched off by configuration or directives
    unreviewed: int = 0  # proposed claims (`review: todo`) the draft was not checked against


def plain_value(value: Value) -> Any:
    """A value as JSON/YAML can hold it: Decimals as floats, pairs as lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, tuple):
        return [plain_value(v) for v in value]
    return value


def show_value(value: Value) -> str:
    """A value for people: 13,216; 28.2; 2014-07-24; 2014..2018; '—' for a gap."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, tuple):
        return "..".join(show_value(v) for v in value)
    return str(value)
