"""What every audit check shares: the `Issue` it reports and small helpers on claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tipcheck.model import Claim, Registry, Value

SEVERITIES = ("error", "warning", "info")  # impossible; may have an explanation; derived


@dataclass(frozen=True)
class Issue:
    """One finding about the registry's sources, located at its first claim."""

    check: str
    severity: str
    message: str
    claims: tuple[Claim, ...]
    derived: tuple[tuple[str, str], ...] = ()  # figures the audit computed: (what, value)


@dataclass(frozen=True)
class AuditCheck:
    """One audit of the registry: its id, one-line summary, function and long help."""

    id: str
    summary: str
    run: Callable[[Registry], list[Issue]]
    doc: str


def number(claim: Claim) -> int | Decimal | None:
    """A claim's value when it is a plain number the audit may add up."""
    value = claim.value
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    return value


def exact(claim: Claim) -> int | Decimal | None:
    return number(claim) if claim.qualifier in ("exact", "only") else None


def where(claim: Claim) -> str:
    """'003 line 77': a short place for messages; the output gives full locations."""
    return f"{claim.file.rsplit('/', 1)[-1].split('_', 1)[0]} line {claim.line}"


def show(value: Value) -> str:
    from tipcheck.model import show_value

    return show_value(value)


def canonical(registry: Registry) -> dict[str, str]:
    """Each claim id to the id it restates (following `same_as` to its end), or itself."""
    out: dict[str, str] = {}
    for claim in registry.claims:
        seen = {claim.id}
        target = claim
        while target.same_as and target.same_as not in seen:
            nxt = registry.get(target.same_as)
            if nxt is None:
                break
            seen.add(nxt.id)
            target = nxt
        out[claim.id] = target.id
    return out
