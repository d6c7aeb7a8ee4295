"""Claims packed into the index's rows and read back: values and periods as plain tuples
that marshal stores, and `new_claim`, the one place that makes a Claim without
`Claim.__init__` (once the first claim of a process shows that gives the same claim).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tipcheck.model import Claim, Period, SourceDoc

# What the matcher derives from a claim (its concepts, say), stored beside the claim so that
# a run need not derive it again. The registry only keeps it: `derive` is given by the caller.
Feature = Any


# --- packing claims into rows: marshal is ~30x faster to read than YAML ---------------------


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return ("D", str(value))
    if isinstance(value, tuple):
        return ("T", tuple(_value(v) for v in value))
    return value


def _unvalue(value: Any) -> Any:
    if isinstance(value, tuple):
        return Decimal(value[1]) if value[0] == "D" else tuple(_unvalue(v) for v in value[1])
    return value


_FIELDS = tuple(Claim.__dataclass_fields__)


def _pack(claim: Claim, feature: Feature) -> tuple:
    fields = [getattr(claim, f) for f in _FIELDS]
    fields[_FIELDS.index("value")] = _value(claim.value)
    period = claim.period
    fields[_FIELDS.index("period")] = (period.start, period.end, period.cumulative) if period else None
    return (tuple(fields), feature)


_VALUE, _PERIOD = _FIELDS.index("value"), _FIELDS.index("period")


def _unpack(packed: tuple, periods: dict[tuple, Period] | None = None) -> tuple[Claim, Feature]:
    """A claim and its feature; `periods` (kept by the caller across a load) lets claims
    of the same period share one Period, as most of a file's claims do."""
    fields, feature = packed
    decoded = {}
    value = fields[_VALUE]
    if isinstance(value, tuple):
        decoded["value"] = _unvalue(value)
    period = fields[_PERIOD]
    if period is not None:
        if periods is None:
            decoded["period"] = Period(*period)
        else:
            found = periods.get(period)
            if found is None:
                found = periods[period] = Period(*period)
            decoded["period"] = found
    return new_claim(fields, decoded), feature


def shared(rows: list) -> list:
    """Packed rows with equal strings, tuples and sets of strings made one object each.

    marshal writes an object met again as a reference, so a claims file whose claims
    repeat metrics, units, periods and features (most do) is stored in about half the
    bytes and read in a quarter of the time; and the claims read back share them. Two
    tuples are made one only when their items are the same objects, so values that are
    equal but of other types (1 and True) stay apart."""
    memo: dict = {}
    plain = (int, float, bool, type(None))

    def one(obj: Any) -> Any:
        kind = type(obj)
        if kind is str:
            return memo.setdefault(obj, obj)
        if kind is tuple:
            items = tuple([x if type(x) in plain else one(x) for x in obj])
            return memo.setdefault(("tuple", *map(id, items)), items)
        if kind is frozenset:
            found = memo.get(("frozenset", obj))
            if found is not None:
                return found
            if all(type(x) is str for x in obj):
                return memo.setdefault(("frozenset", obj), obj)
        return obj

    def row(packed: Any) -> Any:
        # a row (fields, feature) is unique (its id), so only what is inside it is shared
        if type(packed) is not tuple or len(packed) != 2 or type(packed[0]) is not tuple:
            return one(packed)
        fields, feature = packed
        return (tuple([x if type(x) in plain else one(x) for x in fields]), one(feature))

    return [row(packed) for packed in rows]


# --- making claims without Claim.__init__: the one place that does -------------------------

_fast_claims: bool | None = None  # None: not yet known in this process


def new_claim(fields: tuple, decoded: dict[str, Any]) -> Claim:
    """`Claim(**values)`, where values are `fields` (one per Claim field, in order) with
    `decoded` put over them; by `_claim_by_dict` once that is known to give the same claim.

    The first claim of a process is made both ways and compared; if `Claim` is no longer
    a plain dataclass `_claim_by_dict` can stand in for (see `_by_dict_possible`), or the
    two claims differ, every claim is made by `Claim(**values)` from then on."""
    global _fast_claims
    if _fast_claims:
        return _claim_by_dict(fields, decoded)
    plain = Claim(**{**dict(zip(_FIELDS, fields, strict=True)), **decoded})
    if _fast_claims is None:
        try:
            _fast_claims = _by_dict_possible() and _same_claim(_claim_by_dict(fields, decoded), plain)
        except Exception:
            _fast_claims = False
    return plain


def _claim_by_dict(fields: tuple, decoded: dict[str, Any]) -> Claim:
    """A Claim with its __dict__ filled directly: a frozen dataclass's __init__ sets its 27
    fields one object.__setattr__ at a time, which is most of the cost of loading a claim.
    The values were a valid Claim's when packed, so there is nothing to check. (Updating
    the instance's own __dict__ keeps it a key-sharing dict, a third of the size of a
    dict built first and assigned.)"""
    claim = object.__new__(Claim)
    claim.__dict__.update(zip(_FIELDS, fields, strict=True))
    if decoded:
        claim.__dict__.update(decoded)
    return claim


def _by_dict_possible() -> bool:
    """Whether Claim's __init__ does no more than store its fields."""
    import dataclasses

    fields = dataclasses.fields(Claim)
    return (
        dataclasses.is_dataclass(Claim)
        and "__slots__" not in vars(Claim)
        and not hasattr(Claim, "__post_init__")
        and all(f.init for f in fields)
        and tuple(f.name for f in fields) == _FIELDS
    )


def _same_claim(ours: Claim, plain: Claim) -> bool:
    return type(ours) is type(plain) and vars(ours) == vars(plain) and ours == plain


def _doc_tuple(doc: SourceDoc | None) -> tuple | None:
    return None if doc is None else tuple(getattr(doc, f) for f in SourceDoc.__dataclass_fields__)
