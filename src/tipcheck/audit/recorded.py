"""recorded: conflicts the registry's curator has recorded with `conflicts_with`.

Some contradictions are in the words, not the numbers: 003 sends 51 victims to
Turkey, Russia and the UAE, then says the 51 were exploited "within the country". No
arithmetic finds that, so the registry records it and the audit reports it, with both
sides' quotes, as a warning.
"""

from __future__ import annotations

from tipcheck.audit.base import AuditCheck, Issue, where
from tipcheck.model import Registry


def run(registry: Registry) -> list[Issue]:
    issues = []
    for claim in registry.claims:
        others = [o for o in (registry.get(i) for i in claim.conflicts_with) if o is not None]
        if not others:
            continue
        sides = "; ".join(f"'{o.quote}' ({o.metric}, {where(o)})" for o in others)
        why = f" {claim.note}" if claim.note else ""
        issues.append(Issue("recorded", "warning", f"'{claim.quote}' ({claim.metric}) conflicts with {sides}.{why}",
                            (claim, *others)))  # fmt: skip
    return issues


CHECK = AuditCheck(
    "recorded", "conflicts in the words, recorded by the registry's curator", run, __doc__ or ""
)
