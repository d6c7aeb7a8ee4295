"""One claims file's YAML data to its `SourceDoc` and `Claim`s, strictly: every field is
checked (kind, qualifier, spans, ISO dates that exist, links' shapes), and each fault is a
`Problem` naming the file and line. `registry.load` reads the files and calls `parse_file`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from tipcheck.model import (
    KINDS,
    QUALIFIERS,
    Claim,
    Period,
    Problem,
    SourceDoc,
    Value,
    days_in_month,
)

# ASCII digits, and a year from 1 ("\d" would take '٠٠٠٠', year 0, which no calendar has)
_ISO = re.compile(r"^(?:(?!0000)[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?|--[0-9]{2}-[0-9]{2})$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CLAIM_KEYS = {
    "id", "kind", "value", "unit", "qualifier", "metric", "period", "start", "end", "line",
    "quote", "part_of", "dimension", "exhaustive", "same_as", "ref", "note",
    "series", "derived_from", "conflicts_with", "supersedes", "place", "review",
}  # fmt: skip
_REQUIRED = ("id", "kind", "value", "qualifier", "metric", "start", "end", "line", "quote")
_SOURCE_KEYS = {
    "file",
    "title",
    "publisher",
    "published",
    "published_basis",
    "published_note",
    "url",
    "place",
}
REVIEW_TODO = "todo"  # the marker of a proposed claim nobody has reviewed yet
_NUMERIC_KINDS = ("count", "money", "percent", "ratio", "duration", "ordinal")


def parse_file(data: Any, name: str) -> tuple[SourceDoc | None, list[Claim], list[Problem]]:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [], [Problem(name, 1, "a claims file must be a mapping with 'source' and 'claims'")]
    top: int = getattr(data, "line", 0)  # yamlio's mappings are LineDicts, which know their line
    unknown = set(data) - {"source", "claims"}
    if unknown:
        problems.append(Problem(name, top, f"unknown top-level key(s): {_keys(unknown)}"))
    src = data.get("source")
    if not isinstance(src, dict) or not isinstance(src.get("file"), str):
        problems.append(Problem(name, getattr(src, "line", top), "'source' must be a mapping with a 'file'"))
        return None, [], problems
    at: int = getattr(src, "line", 0)
    extra = set(src) - _SOURCE_KEYS
    if extra:
        problems.append(Problem(name, at, f"unknown source key(s): {_keys(extra)}"))
    doc = SourceDoc(
        file=src["file"],
        title=_opt_str(src.get("title")),
        publisher=_opt_str(src.get("publisher")),
        published=_opt_str(src.get("published")),
        published_basis=_opt_str(src.get("published_basis")),
        published_note=_opt_str(src.get("published_note")),
        url=_opt_str(src.get("url")),
        place=_place(src.get("place")),
    )
    if src.get("place") is not None and doc.place is None:
        problems.append(Problem(name, at, f"place {src['place']!r} is not a country tipcheck knows"))
    if doc.published is not None and not _ISO.match(doc.published):
        problems.append(Problem(name, at, f"published {doc.published!r} is not an ISO date"))
    raw_claims = data.get("claims")
    if not isinstance(raw_claims, list):
        problems.append(Problem(name, top, "'claims' must be a list"))
        return doc, [], problems
    claims = []
    for raw in raw_claims:
        try:
            claims.append(_parse_claim(raw, doc, name))
        except _Bad as bad:
            problems.append(Problem(name, bad.line, bad.message, bad.claim_id))
    return doc, claims, problems


class _Bad(Exception):
    def __init__(self, line: int, message: str, claim_id: str | None = None) -> None:
        super().__init__(message)
        self.line, self.message, self.claim_id = line, message, claim_id


def _keys(keys: set) -> str:
    """Unknown keys for a message; YAML keys may be numbers or null, not only text."""
    return ", ".join(sorted(repr(k) if not isinstance(k, str) else k for k in keys))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _text(raw: dict, key: str, line: int, where: str, cid: str) -> str | None:
    """An optional text field: null or a string, never a list or mapping turned into text."""
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    shape = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else repr(value)
    raise _Bad(line, f"{where}{key} must be text, not {shape}", cid)


def _place(value: Any) -> str | None:
    from tipcheck.text.places import canonical

    return canonical(value) if isinstance(value, str) else None


def _parse_claim(raw: Any, doc: SourceDoc, name: str) -> Claim:
    line = getattr(raw, "line", 0)
    if not isinstance(raw, dict):
        raise _Bad(line, "each claim must be a mapping")
    cid = raw.get("id")
    where = f"claim {cid!r}: " if cid else "claim: "
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise _Bad(line, f"{where}missing {', '.join(missing)}", cid)
    unknown = set(raw) - _CLAIM_KEYS
    if unknown:
        raise _Bad(line, f"{where}unknown key(s): {_keys(unknown)}", cid)
    if not isinstance(cid, str) or not _ID.match(cid):
        raise _Bad(line, f"{where}id must be lowercase letters, digits, '.', '_' or '-'", None)
    if raw["kind"] not in KINDS:
        raise _Bad(line, f"{where}kind {raw['kind']!r} is not one of {', '.join(KINDS)}", cid)
    if raw["qualifier"] not in QUALIFIERS:
        raise _Bad(line, f"{where}qualifier {raw['qualifier']!r} is not one of {', '.join(QUALIFIERS)}", cid)
    for key in ("start", "end", "line"):
        if not isinstance(raw[key], int) or isinstance(raw[key], bool) or raw[key] < 0:
            raise _Bad(line, f"{where}{key} must be a non-negative integer", cid)
    if raw["end"] <= raw["start"]:
        raise _Bad(line, f"{where}end must be after start", cid)
    if not isinstance(raw["quote"], str) or not isinstance(raw["metric"], str) or not raw["metric"].strip():
        raise _Bad(line, f"{where}quote and metric must be non-empty text", cid)
    exhaustive = raw.get("exhaustive") or []
    if not isinstance(exhaustive, list) or not all(isinstance(d, str) for d in exhaustive):
        raise _Bad(line, f"{where}exhaustive must be a list of dimension names", cid)
    if raw.get("part_of") is not None and not raw.get("dimension"):
        raise _Bad(line, f"{where}part_of needs a dimension (what the breakdown is by)", cid)
    derived = raw.get("derived_from") or []
    if derived and (
        not isinstance(derived, list) or len(derived) != 2 or not all(isinstance(d, str) for d in derived)
    ):
        raise _Bad(line, f"{where}derived_from must be [part id, whole id]", cid)
    conflicts = raw.get("conflicts_with") or []
    conflicts = [conflicts] if isinstance(conflicts, str) else conflicts
    if not isinstance(conflicts, list) or not all(isinstance(d, str) for d in conflicts):
        raise _Bad(line, f"{where}conflicts_with must be a claim id or a list of them", cid)
    if raw.get("series") is not None and (not isinstance(raw["series"], str) or not _ID.match(raw["series"])):
        raise _Bad(line, f"{where}series must be a name in lowercase letters, digits, '.', '_' or '-'", cid)
    review = raw.get("review")
    if review is not None and review != REVIEW_TODO:
        raise _Bad(line, f"{where}review must be {REVIEW_TODO!r} (or absent, once reviewed)", cid)
    place = doc.place
    if raw.get("place") is not None:
        place = _place(raw["place"])
        if place is None:
            raise _Bad(
                line, f"{where}place {raw['place']!r} is not a country tipcheck knows (countries.txt)", cid
            )
    return Claim(
        id=cid,
        kind=raw["kind"],
        value=_value(raw["kind"], raw["value"], line, where, cid),
        unit=_text(raw, "unit", line, where, cid),
        qualifier=raw["qualifier"],
        metric=raw["metric"].strip(),
        period=_period(raw.get("period"), line, where, cid),
        file=doc.file,
        start=raw["start"],
        end=raw["end"],
        line=raw["line"],
        quote=raw["quote"],
        part_of=_text(raw, "part_of", line, where, cid),
        dimension=_text(raw, "dimension", line, where, cid),
        exhaustive=tuple(exhaustive),
        series=_text(raw, "series", line, where, cid),
        derived_from=tuple(derived),
        conflicts_with=tuple(conflicts),
        supersedes=_text(raw, "supersedes", line, where, cid),
        place=place,
        review=review,
        same_as=_text(raw, "same_as", line, where, cid),
        ref=_text(raw, "ref", line, where, cid),
        note=_text(raw, "note", line, where, cid),
        defined_in=name,
        defined_line=line,
    )


def _number(value: Any) -> int | Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None  # .inf and .nan are no figures
    return None


def _value(kind: str, value: Any, line: int, where: str, cid: str) -> Value:
    if value is None:
        return None  # a gap the source leaves blank
    if kind in _NUMERIC_KINDS:
        number = _number(value)
        if number is None:
            raise _Bad(line, f"{where}a {kind} value must be a number, not {value!r}", cid)
        return number
    if kind in ("date", "year"):
        text = str(value)
        if not _real_date(text):
            raise _Bad(line, f"{where}a {kind} value must be ISO (YYYY, YYYY-MM or YYYY-MM-DD)", cid)
        return text
    if kind == "range":
        if not isinstance(value, list) or len(value) != 2:
            raise _Bad(line, f"{where}a range value must be a list of two ends", cid)
        ends = tuple(_number(v) if not isinstance(v, str) else v for v in value)
        if any(e is None for e in ends):
            raise _Bad(line, f"{where}range ends must be numbers or ISO dates", cid)
        return ends
    return str(value)  # tier


def _real_date(text: str) -> bool:
    """ISO at year, month or day precision (or a recurring --MM-DD), and a day that exists:
    '2014-02-30' would otherwise stop every later run with an error from the calendar."""
    if not _ISO.match(text):
        return False
    parts = text.lstrip("-").split("-") if text.startswith("--") else text.split("-")
    if text.startswith("--"):
        month, day = int(parts[0]), int(parts[1])
        return 1 <= month <= 12 and 1 <= day <= days_in_month(2000, month)
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        return False
    return len(parts) < 3 or 1 <= int(parts[2]) <= days_in_month(int(parts[0]), int(parts[1]))


def _period(value: Any, line: int, where: str, cid: str) -> Period | None:
    if value is None:
        return None
    if isinstance(value, (str, int)):
        value = {"start": value, "end": value}
    if not isinstance(value, dict) or "start" not in value or "end" not in value:
        raise _Bad(line, f"{where}period must be null or {{start, end[, cumulative]}}", cid)
    start, end = str(value["start"]), str(value["end"])
    if not (_real_date(start) and _real_date(end)) or start.startswith("--"):
        raise _Bad(
            line, f"{where}period ends must be ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) that exist", cid
        )
    cumulative = value.get("cumulative", False)
    if not isinstance(cumulative, bool):
        raise _Bad(line, f"{where}cumulative must be true or false, not {cumulative!r}", cid)
    unknown = set(value) - {"start", "end", "cumulative"}
    if unknown:
        raise _Bad(line, f"{where}unknown period key(s): {_keys(unknown)}", cid)
    period = Period(start, end, cumulative)
    if period.bounds()[0] > period.bounds()[1]:
        raise _Bad(line, f"{where}period ends before it starts", cid)
    return period
