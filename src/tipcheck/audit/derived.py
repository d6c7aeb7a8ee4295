"""derived: shares recomputed from their numbers, and currency conversions checked for
one exchange rate per document.

A percentage or ratio with `derived_from: [part, whole]` is recomputed: info when it
follows ("128 of 26,916 is 0.48 percent, less than one percent"), an error when it
cannot (70 percent of 54 written as 85 percent). Money restated in another currency
(`same_as` between money claims of different units) implies a rate; within a document
the rates must agree within what the written precision allows ("approximately $380"
is $375-385): info with the rates when they do, a warning when they do not (two
conversions may have used rates of different days).
"""

from __future__ import annotations

from decimal import Decimal

from tipcheck.audit.base import AuditCheck, Issue, exact, number, show, where
from tipcheck.match.agreement import claim_interval
from tipcheck.model import Claim, Registry


def _rounding(value: Decimal) -> Decimal:
    """Half the place of the last significant digit: 380 -> 5, 298,500 -> 50, 0.95 -> 0.005."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


def _shares(registry: Registry) -> list[Issue]:
    issues = []
    for claim in registry.claims:
        if len(claim.derived_from) != 2:
            continue
        part, whole = (registry.get(i) for i in claim.derived_from)
        if part is None or whole is None:
            continue
        part_value, whole_value = exact(part), exact(whole)
        if not part_value or not whole_value:
            continue
        ratio = Decimal(part_value) / Decimal(whole_value)
        computed = ratio * 100 if claim.kind == "percent" else ratio
        interval = claim_interval(claim)
        shown = f"{computed:.2f}".rstrip("0").rstrip(".")
        said = f"{show(part.value)} of {show(whole.value)} is {shown}{' percent' if claim.kind == 'percent' else ''}"
        if interval is not None and interval.contains(computed):
            issues.append(Issue("derived", "info", f"{said}: consistent with '{claim.quote}'", (claim, part, whole),
                                (("computed", shown),)))  # fmt: skip
        else:
            issues.append(Issue("derived", "error", f"{said}, not '{claim.quote}'", (claim, part, whole),
                                (("computed", shown),)))  # fmt: skip
    return issues


def _rates(registry: Registry) -> list[Issue]:
    per_file: dict[str, list[tuple[Claim, Claim, Decimal, Decimal]]] = {}
    for claim in registry.claims:
        base = registry.get(claim.same_as) if claim.same_as else None
        if base is None or claim.kind != "money" or base.kind != "money" or claim.unit == base.unit:
            continue
        a, b = number(claim), exact(base)
        if a is None or not b:
            continue
        tolerance = _rounding(Decimal(a))
        low, high = (Decimal(a) - tolerance) / Decimal(b), (Decimal(a) + tolerance) / Decimal(b)
        per_file.setdefault(claim.file, []).append((claim, base, low, high))
    issues = []
    for rates in per_file.values():
        if not rates:
            continue
        unit = f"{rates[0][0].unit} per {rates[0][1].unit}"
        listed = "; ".join(f"{show(c.value)} for {show(b.value)} {b.unit} ({where(c)}) implies "
                           f"{(lo + hi) / 2:.4f}" for c, b, lo, hi in rates)  # fmt: skip
        claims = tuple(x for c, b, _, _ in rates for x in (c, b))
        derived = tuple((f"{c.id} rate", f"{(lo + hi) / 2:.4f}") for c, _, lo, hi in rates)
        if max(lo for _, _, lo, _ in rates) <= min(hi for _, _, _, hi in rates):
            issues.append(Issue("derived", "info", f"one exchange rate fits every conversion ({unit}): {listed}",
                                claims, derived))  # fmt: skip
        else:
            issues.append(Issue("derived", "warning", f"the conversions imply different exchange rates ({unit}): "
                                f"{listed}", claims, derived))  # fmt: skip
    return issues


def run(registry: Registry) -> list[Issue]:
    return _shares(registry) + _rates(registry)


CHECK = AuditCheck("derived", "percentages and conversions recomputed from their numbers", run, __doc__ or "")
