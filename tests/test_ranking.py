"""The lazy ranking and the direct match read a group's bucket at a time: both must give
exactly what the plain way gives (every claim scored, sorted, and tested one by one).

The registries are the bundled one and a generated one of several places (many claims per
metric, dozens of periods each: where the grouped path differs most from the plain one).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from tipcheck.match import align
from tipcheck.match.ranking import Ranking, claim_key
from tipcheck.registry import load as registries
from tipcheck.text import document
from tipcheck.verify import engine

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted(ROOT.glob("eval/*/drafts/*.md"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_registry.py"), str(out), "--claims", "3000",
                    "--countries", "3"], check=True, capture_output=True)  # fmt: skip
    return out


def _drafts(generated: Path) -> list[document.Draft]:
    """The eval drafts, and generated sources' sentences with some values changed."""
    out = [document.from_text(str(p), p.read_text(encoding="utf-8")) for p in DRAFTS]
    for seed in sorted((generated / "seeds").glob("*.txt"))[::7]:
        text = seed.read_text(encoding="utf-8")
        changed = text.replace("1", "7", 3)  # some agree, some do not
        out.append(document.from_text(seed.name + ".md", changed))
    return out


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rankings as fully built tuples: the direct match then tests claim by claim."""
    lazy = align.Index.rank
    monkeypatch.setattr(align.Index, "rank", lambda self, fig, ctx: tuple(lazy(self, fig, ctx)))


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_grouped_direct_match_is_the_plain_one(which: str, generated: Path, monkeypatch) -> None:
    if which == "bundled":
        registry = registries.load_all([], True)
    else:
        registry = registries.load_all([generated], False)
    drafts = _drafts(generated)
    grouped = [engine.Verifier(registry).verify(d) for d in drafts]
    _plain(monkeypatch)
    plain = [engine.Verifier(registry).verify(d) for d in drafts]
    assert sum(len(r.findings) for r in grouped) > 100
    statuses = {f.status for r in grouped for f in r.findings}
    assert {"match", "contradiction", "unsourced"} <= statuses  # every way is at stake
    assert grouped == plain


def _rankings(registry, drafts) -> list[Ranking]:
    out: list[Ranking] = []
    original = align.Index.rank

    def keep(self, fig, ctx):
        found = original(self, fig, ctx)
        out.append(found)
        return found

    align.Index.rank = keep  # type: ignore[method-assign]
    try:
        for d in drafts:
            engine.Verifier(registry).verify(d)
    finally:
        align.Index.rank = original  # type: ignore[method-assign]
    return out


def test_a_ranking_is_best_first_and_by_position_among_equals(generated: Path) -> None:
    registry = registries.load_all([generated], False)
    index = align.Index(registry.claims)
    rankings = [r for r in _rankings(registry, _drafts(generated)) if len(r) > 1]
    assert len(rankings) > 20
    ties = 0
    for ranking in rankings:
        items = list(ranking)
        for a, b in itertools.pairwise(items):
            assert a.score >= b.score
            if a.score == b.score:
                ties += 1
                assert index.position[a.claim.id] < index.position[b.claim.id]
        assert len({s.claim.id for s in items}) == len(items)  # no claim twice
    assert ties > 100  # groups of equal score were merged


def test_a_ranking_read_in_part_agrees_with_the_whole(generated: Path) -> None:
    registry = registries.load_all([generated], False)
    fresh = _rankings(registry, _drafts(generated)[-3:])
    assert any(r.tiers for r in fresh)
    for ranking in fresh:
        # a ranking that was only partly read (the checks read its head) gives the rest on demand
        head = [s for _, s in zip(range(3), ranking, strict=False)]
        whole = list(ranking)
        assert whole[: len(head)] == head
        assert len(ranking) == len(whole) and bool(ranking) == bool(whole)
        if whole:
            assert ranking[0] == whole[0] and ranking[-1] == whole[-1]
            assert list(ranking[1:]) == whole[1:]


def test_a_bucket_holds_claims_alike_to_the_decision_rule(generated: Path) -> None:
    registry = registries.load_all([generated], False)
    seen = 0
    for ranking in _rankings(registry, _drafts(generated)[-3:]):
        for tier in ranking.tiers or ():
            for group in tier:
                buckets = ranking.buckets(group)
                assert sorted(c.id for b in buckets for c in b) == sorted(c.id for c in group[2])
                for bucket in buckets:
                    assert len({claim_key(c) for c in bucket}) == 1
                    positions = [ranking.position[c.id] for c in bucket]
                    assert positions == sorted(positions)
                    seen += len(bucket) > 1
    assert seen > 10
