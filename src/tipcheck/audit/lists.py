"""lists: "N countries (A, B, C ...)" where the list has another length.

Warns when the list is shorter than N (it may be a selection, though it does not say
so); an error when it is longer (N cannot be right). Passes: "3 victims (all are
foreigners, 2 men of Russian origin and 1 man of Chinese origin)": a parenthesis that
describes rather than lists, recognised by its numbers. The list is read from the
source text right after the claim's quote.
"""

from __future__ import annotations

import re

from tipcheck.audit.base import AuditCheck, Issue, number, show
from tipcheck.model import Registry

_LIST = re.compile(r"\s*\((?P<items>[^()]{3,600})\)")
_SELECTION = re.compile(r"(?i)\b(?:including|e\.g\.|such as|among them|for example|etc)\b|\.\.\.|…")


def items(text: str) -> list[str] | None:
    """The names in a parenthesised list, or None when the parenthesis is not a list."""
    if re.search(r"\d", text) or _SELECTION.search(text):
        return None
    parts = [p.strip() for p in re.split(r",|;|\band\b(?=[^,]*$)", text) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 6 for p in parts):
        return None
    # "Bosnia and Herzegovina": an "and" inside a comma-separated item joins one name
    return parts


def run(registry: Registry) -> list[Issue]:
    issues = []
    for claim in registry.claims:
        n = number(claim)
        text = registry.texts.get(claim.file)
        if n is None or claim.kind != "count" or text is None or not claim.unit:
            continue
        m = _LIST.match(text, claim.end)
        if m is None:
            continue
        names = items(m["items"])
        if names is None or len(names) == n:
            continue
        shown = ", ".join(names)
        if len(names) > n:
            issues.append(Issue("lists", "error", f"{show(n)} {claim.unit}, but the list names {len(names)}: "
                                f"{shown}", (claim,)))  # fmt: skip
        else:
            issues.append(Issue("lists", "warning", f"{show(n)} {claim.unit}, but the list that follows names "
                                f"only {len(names)}: {shown}", (claim,)))  # fmt: skip
    return issues


CHECK = AuditCheck("lists", "a count followed by a list of another length", run, __doc__ or "")
