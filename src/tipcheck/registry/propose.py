"""Proposed claims for a new source document: the extractor's figures in the claims-file
shape, each marked `review: todo` until a person has checked it against the source.

In: the figures of a source (`figures.extract`), its text and its path. Out: plain
mappings in claims-file order, for `render.output.proposal` to write as YAML or JSON.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath
from typing import Any

from tipcheck.figures import entities
from tipcheck.model import Figure, plain_value
from tipcheck.registry import metrics
from tipcheck.registry.parse import REVIEW_TODO
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary

_TIMELESS = ("duration", "date", "year", "range")


def _timeless(fig: Figure) -> bool:
    """A term, a date or a span of years: '48 hours' is a count of hours, and no period's
    (victims 'aged 18-25 years old' are a breakdown of a year's victims, which keeps its
    period). A period only bounded by the document's date ('recent years') is no period."""
    if fig.basis == "recent years":
        return True
    if fig.kind == "range" and fig.unit == "years old":
        return False
    return fig.kind in _TIMELESS or entities.kind_of_words(fig.unit or "", 1) == "time"


_ID_STOP = {"of", "the", "a", "an", "in", "by", "for", "to", "on", "and", "or", "with", "that", "s", "us"}


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")


def proposed_ids(described: list[str], text: str, source_file: str, published: str | None) -> list[str]:
    """'moldova2021-victims-identified': the source's country (else its file name) and
    year, then the first three content words of the metric; -2, -3 on a clash."""
    country = metrics.document_country(text, source_file)
    prefix = _slug(country) if country else _slug(PurePath(source_file).stem) or "source"
    year = (published or "")[:4]
    if year.isdigit() and year not in prefix:
        prefix += year
    skip = _ID_STOP | set(_slug(country or "").split("-"))
    seen: dict[str, int] = {}
    out = []
    for metric in described:
        # "Moldova's tier in ..." -> "tier-trafficking-persons": the prefix already names Moldova
        words = [w for w in _slug(metric.replace("'s ", " ")).split("-") if w not in skip]
        base = f"{prefix}-{'-'.join(words[:3]) or 'figure'}"
        seen[base] = seen.get(base, 0) + 1
        name = base if seen[base] == 1 else f"{base}-{seen[base]}"
        while name in out:  # "x-2" written by a metric of its own
            seen[base] += 1
            name = f"{base}-{seen[base]}"
        out.append(name)
    return out


def claims(figures: list[Figure], text: str, source_file: str, published: str | None) -> list[dict[str, Any]]:
    """Extracted figures in the claims-file shape, with a metric and an id for a reviewer to check."""
    described = metrics.describe(figures, text, source_file)
    ids = proposed_ids(described, text, source_file, published)
    newlines = [m.start() for m in re.finditer("\n", text)]
    out = []
    for i, fig in enumerate(figures):
        entry: dict[str, Any] = {
            "id": ids[i],
            "kind": fig.kind,
            "value": plain_value(fig.value),
            "unit": fig.unit,
            "qualifier": fig.qualifier,
            "metric": described[i],
            # a term ("six to 12 years", "48 hours"), a date or a span of years carries no period
            "period": fig.period.as_dict() if fig.period and not _timeless(fig) else None,
            "start": fig.start,
            "end": fig.end,
            "line": bisect.bisect_left(newlines, fig.start) + 1,  # as check-registry counts: \n only
            "quote": fig.quote,
            "review": REVIEW_TODO,  # removed by the reviewer; until then verify ignores the claim
        }
        if fig.part_of is not None:
            entry["part_of"] = ids[fig.part_of]
            entry["dimension"] = _dimension(figures, i, text)
        if fig.ref:
            entry["ref"] = fig.ref
        out.append(entry)
    children: dict[int, list[int]] = {}
    for j, f in enumerate(figures):
        if f.part_of is not None:
            children.setdefault(f.part_of, []).append(j)
    for i, entry in enumerate(out):
        # "26 persons (18 women and 8 men)": a split by sex that adds up covers its whole
        parts = [j for j in children.get(i, ()) if out[j].get("dimension") == "sex"]
        values = [figures[j].value for j in parts]
        if len(parts) > 1 and all(isinstance(v, int) for v in values) and sum(values) == figures[i].value:  # type: ignore[arg-type]
            entry["exhaustive"] = ["sex"]
    return out


_SEXES = frozenset(unit for unit, tags, _, _ in vocabulary.counted() if "sex" in tags)
_FORM = regexes.compile(
    r"(?i)[\s(]*(?:\w+\s+){0,2}?(?:for\s+|of\s+)?(?:sex(?:ual)?\s+(?:trafficking|exploitation)|"
    r"labou?r\s+(?:trafficking|exploitation)|forced\s+(?:labou?r|begging|criminality))\b"
)


def _dimension(figures: list[Figure], i: int, text: str) -> str:
    """What a breakdown is by, where its parts say so: sex ("18 women and 8 men"), or the
    form of exploitation ("35 for sex trafficking and 30 for labour trafficking")."""
    whole = figures[i].part_of
    siblings = [f for f in figures if f.part_of == whole]
    if all((f.unit or "") in _SEXES for f in siblings):
        return "sex"
    if all(_FORM.match(text, f.end, f.end + 60) for f in siblings):
        return "form of exploitation"
    return "TODO"
