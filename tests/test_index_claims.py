"""Claims read back from the index's rows: the fast path (filling a frozen dataclass's
__dict__) and the plain `Claim(**values)` give equal claims, and the plain one takes over
when the fast one is not possible or disagrees."""

from __future__ import annotations

import dataclasses
import marshal
from pathlib import Path

import pytest

from tipcheck.match import align
from tipcheck.model import Claim
from tipcheck.registry import index, packing
from tipcheck.registry import load as registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rows() -> list[tuple[Claim, tuple]]:
    """Every bundled claim, with its row as the index stores it (through marshal)."""
    claims = registry.load(ROOT).claims
    assert len(claims) > 100
    return [(c, marshal.loads(marshal.dumps(packing._pack(c, align.features_of(c))))) for c in claims]


def same(a: Claim, b: Claim) -> bool:
    return type(a) is type(b) is Claim and vars(a) == vars(b) and a == b and hash(a) == hash(b)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_rows_give_back_the_bundled_claims(rows, monkeypatch, fast: bool) -> None:
    monkeypatch.setattr(packing, "_fast_claims", fast)
    for claim, row in rows:
        unpacked, feature = packing._unpack(row)
        assert same(unpacked, claim), claim.id
        assert feature == align.features_of(claim)


def test_fast_and_plain_constructors_agree(rows) -> None:
    for _, row in rows:
        fields = row[0]
        decoded = {"value": packing._unvalue(fields[packing._VALUE])}
        if fields[packing._PERIOD] is not None:
            decoded["period"] = packing.Period(*fields[packing._PERIOD])
        values = {**dict(zip(packing._FIELDS, fields, strict=True)), **decoded}
        assert same(packing._claim_by_dict(fields, decoded), Claim(**values))


def test_the_fast_path_is_chosen_for_todays_claim(rows, monkeypatch) -> None:
    monkeypatch.setattr(packing, "_fast_claims", None)
    first = packing._unpack(rows[0][1])[0]
    assert packing._fast_claims is True
    assert same(first, rows[0][0])


def test_a_fast_path_that_disagrees_is_dropped(rows, monkeypatch) -> None:
    monkeypatch.setattr(packing, "_fast_claims", None)
    by_dict = packing._claim_by_dict
    monkeypatch.setattr(
        packing, "_claim_by_dict", lambda fields, decoded: by_dict(fields, {**decoded, "quote": "?"})
    )
    for claim, row in rows[:3]:
        assert same(packing._unpack(row)[0], claim)
    assert packing._fast_claims is False


def test_a_claim_whose_init_does_more_is_always_built_plainly(rows, monkeypatch) -> None:
    @dataclasses.dataclass(frozen=True)
    class Stripped(Claim):
        def __post_init__(self) -> None:
            object.__setattr__(self, "quote", self.quote.strip() + "!")

    monkeypatch.setattr(packing, "Claim", Stripped)
    monkeypatch.setattr(packing, "_fast_claims", None)
    for claim, row in rows[:3]:
        unpacked = packing._unpack(row)[0]
        assert type(unpacked) is Stripped and unpacked.quote == claim.quote.strip() + "!"
    assert packing._fast_claims is False


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_the_index_gives_the_claims_the_yaml_does(monkeypatch, tmp_path: Path, fast: bool) -> None:
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TIPCHECK_NO_CACHE", raising=False)
    plain = registry.load_all([], bundled=True).claims
    index.Claims([], bundled=True).scope(None)  # builds the index
    monkeypatch.setattr(packing, "_fast_claims", fast)
    indexed = index.Claims([], bundled=True).scope(None)[0].claims  # reads it
    assert list(tmp_path.glob("registry-*/manifest.marshal"))
    assert len(indexed) == len(plain) and all(same(a, b) for a, b in zip(indexed, plain, strict=True))
