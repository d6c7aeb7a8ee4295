"""Proposed claims for a new source document: the extractor's figures in the claims-file
shape, each marked `review: todo` until a person has checked it against the source.

In: the figures of a source (`figures.extract`), its text and its path. Out: plain
mappings in claims-file order, for `render.output.proposal` to write as YAML or JSON.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from tipcheck.figures import entities
from tipcheck.model import Figure, plain_value
from tipcheck.registry import metrics
from tipcheck.registry.parse import REVIEW_TODO

_TIMELESS = ("duration", "date", "year", "range")


def _timeless(fig: Figure) -> bool:
    """A term, a date or a span of years: '48 hours' is a count of hours, and no period's."""
    return fig.kind in _TIMELESS or entities.kind_of_words(fig.unit or "", 1) == "time"


def claims(figures: list[Figure], text: str, source_file: str, published: str | None) -> list[dict[str, Any]]:
    """Extracted figures in the claims-file shape, with ids for a reviewer to rename."""
    del published  # kept in the signature: ids will use it
    described = metrics.describe(figures, text, source_file)
    ids = [f"new-{i + 1:03d}" for i in range(len(figures))]
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
            entry["dimension"] = "TODO"
        if fig.ref:
            entry["ref"] = fig.ref
        out.append(entry)
    return out
