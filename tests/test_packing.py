"""Packed rows made to share their repeated objects read back as the same claims."""

from __future__ import annotations

import marshal

from tipcheck.registry import load as registries
from tipcheck.registry.packing import _pack, _unpack, shared


def test_shared_rows_are_equal_and_smaller_and_read_back_the_same_claims() -> None:
    claims = registries.load_all([], True).claims
    rows = [_pack(c, (frozenset({"victims", c.metric}), frozenset({"victims"}), None)) for c in claims]
    together = shared(rows)
    assert together == rows
    assert len(marshal.dumps(together)) < len(marshal.dumps(rows))  # repeats written as references
    periods: dict = {}
    back = [_unpack(r, periods)[0] for r in marshal.loads(marshal.dumps(together))]
    assert back == list(claims)
    assert len(periods) < len(claims) / 2  # claims of one period share one Period


def test_values_equal_but_of_other_types_stay_apart() -> None:
    rows = [(("a", 1), "x"), (("a", True), "x"), (("a", 1.0), "x"), ((1, ("b",)), ("b",))]
    out = shared(rows)
    assert out == rows
    assert [type(r[0][1]) for r in out[:3]] == [int, bool, float]
    assert out[3][0][1] is out[3][1]  # the same strings, so one tuple
    assert out[0][1] is out[1][1]
