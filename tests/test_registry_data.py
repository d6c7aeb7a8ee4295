"""The repository's own registry, tested like code: schema, spans, links, coverage of the seeds."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from tipcheck.figures import extract
from tipcheck.model import Registry
from tipcheck.registry import load as registry

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry.load(ROOT)


def test_bundled_registry_checks_clean(reg: Registry) -> None:
    assert registry.check(reg) == []


def test_every_quote_is_its_span(reg: Registry) -> None:
    for claim in reg.claims:
        text = reg.texts[claim.file]
        assert text[claim.start : claim.end] == claim.quote, claim.id
        assert text.count("\n", 0, claim.start) + 1 == claim.line, claim.id


def test_one_claims_file_per_seed_and_counts(reg: Registry) -> None:
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(Path(d.file).name for d in reg.docs) == seeds
    per_source = Counter(Path(c.file).name for c in reg.claims)
    assert set(per_source) == set(seeds)
    assert sum(per_source.values()) >= 170


def test_links_point_within_the_registry_and_parts_have_dimensions(reg: Registry) -> None:
    ids = {c.id for c in reg.claims}
    for claim in reg.claims:
        assert claim.part_of is None or claim.part_of in ids
        assert claim.same_as is None or claim.same_as in ids
        if claim.part_of:
            assert claim.dimension
        assert claim.same_as != claim.id and claim.part_of != claim.id


def test_same_as_restates_the_same_value_or_a_conversion(reg: Registry) -> None:
    for claim in reg.claims:
        if claim.same_as is None:
            continue
        target = reg.get(claim.same_as)
        assert target is not None
        if claim.unit == target.unit or claim.kind in ("date", "year", "range", "tier"):
            assert claim.value == target.value or claim.kind == "year", claim.id


def test_cumulative_periods_are_marked_and_span_years(reg: Registry) -> None:
    for claim in reg.claims:
        if claim.period is not None and claim.period.cumulative:
            assert claim.period.start < claim.period.end, claim.id


def test_every_extracted_seed_figure_is_registered_or_known_not_a_claim(reg: Registry) -> None:
    """Coverage: what the extractor finds in a seed is in the registry, unless listed here."""
    not_claims = {
        # scoping years and windows that are the period of other claims
        ("003", "2014"), ("003", "2013"), ("003", "6 months"),
        # a zero the curated registry does not hold yet (no new TIP recommendations in 2014):
        # registering it makes "new" a known concept, which moves other alignments
        ("003", "no any new recommendations"),
    }  # fmt: skip
    for doc in reg.docs:
        text = reg.texts[doc.file]
        spans = [(c.start, c.end) for c in reg.claims if c.file == doc.file]
        for fig in extract.figures(text, doc.published):
            covered = any(s < fig.end and fig.start < e for s, e in spans)
            key = (Path(doc.file).name[:3], fig.quote.strip())
            assert covered or key in not_claims, f"{doc.file}:{fig.quote!r} is not registered"


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no ../shared/seeds beside this checkout")
def test_seeds_are_byte_for_byte_the_shared_ones() -> None:
    for theirs in sorted(SHARED_SEEDS.glob("*")):
        ours = ROOT / "seeds" / theirs.name
        assert hashlib.sha256(ours.read_bytes()).digest() == hashlib.sha256(theirs.read_bytes()).digest()
