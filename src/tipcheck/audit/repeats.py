"""repeats: the same figure in the same words twice in one document, and two parts of
one breakdown with the same value.

Info, for an editor to judge: "allocation of land parcel for 1 victim" in two
paragraphs may be one person counted twice; 333 requests about jobs abroad and 333
about study abroad may be a copying slip, though the parts still add up. Figures
below 10 in a breakdown are not reported (small equal counts are common); restatements
the registry links with `same_as` are not repeats.
"""

from __future__ import annotations

import re

from tipcheck.audit.base import AuditCheck, Issue, exact, show, where
from tipcheck.model import Claim, Registry, Value

_SPACE = re.compile(r"\s+")


def _before(text: str, claim: Claim, width: int = 60) -> str:
    return _SPACE.sub(" ", text[max(0, claim.start - width) : claim.start]).strip().lower()


def run(registry: Registry) -> list[Issue]:
    issues = []
    seen: dict[tuple, Claim] = {}
    for claim in registry.claims:
        text = registry.texts.get(claim.file)
        if text is None or exact(claim) is None or claim.same_as:
            continue
        key = (claim.file, claim.value, claim.quote, _before(text, claim))
        first = seen.get(key)
        if first is None:
            seen[key] = claim
        elif first.same_as != claim.id:
            issues.append(Issue("repeats", "info", f"the same words and figure twice ({where(first)} and "
                                f"line {claim.line}): '… {_before(text, claim)[-40:]} {claim.quote}': one case "
                                "counted twice, or two?", (first, claim)))  # fmt: skip
    for whole in registry.claims:
        parts = registry.parts_of(whole.id)
        by_dim: dict[str, list[Claim]] = {}
        for part in parts:
            by_dim.setdefault(part.dimension or "", []).append(part)
        for dim, members in by_dim.items():
            values: dict[Value, list[Claim]] = {}
            for part in members:
                if (exact(part) or 0) >= 10:
                    values.setdefault(part.value, []).append(part)
            for value, same in values.items():
                if len(same) > 1:
                    names = " and ".join(p.metric for p in same)
                    issues.append(Issue("repeats", "info", f"{show(value)} twice in the breakdown by {dim} of "
                                        f"{show(whole.value)} {whole.unit or ''}: {names}; check the source for "
                                        "a copying slip", tuple(same)))  # fmt: skip
    return issues


CHECK = AuditCheck("repeats", "the same figure repeated where it may be counted twice", run, __doc__ or "")
