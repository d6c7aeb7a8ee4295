"""A claim's `place` is part of what it is about: in a draft about Georgia, a claim with
place: Georgia aligns as well as one whose metric says "in Georgia"."""

from __future__ import annotations

from tipcheck.figures.extract import figures
from tipcheck.match import align
from tipcheck.match.context import context
from tipcheck.model import Claim, Period
from tipcheck.text.sentences import around

DRAFT = "In Georgia, 50 victims were identified in 2014."


def _claim(cid: str, metric: str, place: str | None) -> Claim:
    return Claim(id=cid, kind="count", value=50, unit="victims", qualifier="exact", metric=metric,
                 period=Period("2014", "2014"), file="seeds/a.txt", start=0, end=10, line=1,
                 quote="50 victims", place=place)  # fmt: skip


def _scores(*claims: Claim) -> dict[str, float]:
    fig = next(f for f in figures(DRAFT) if f.value == 50)
    sentence = around(DRAFT, fig.start)
    words = context(DRAFT, fig, (sentence.start, sentence.end), None)
    return {s.claim.id: s.score for s in align.Index(claims).rank(fig, words)}


def test_a_place_counts_like_naming_the_country_in_the_metric() -> None:
    placed = _claim("placed", "victims identified", "Georgia")
    said = _claim("said", "victims identified in Georgia", None)
    scores = _scores(placed, said)
    assert scores["placed"] == scores["said"]


def test_a_claim_for_another_country_is_not_helped() -> None:
    here = _claim("here", "victims identified", "Georgia")
    there = _claim("there", "victims identified", "Moldova")
    scores = _scores(here, there)
    assert scores["here"] > scores.get("there", 0.0)


def test_every_country_is_a_concept_but_the_home_one() -> None:
    from tipcheck.match import lexicon
    from tipcheck.text import places

    for name in places.COUNTRIES:
        concept = lexicon.country_concept(name)
        assert (concept is None) == (name == lexicon.HOME), name
        assert concept is None or concept in lexicon.MODIFIERS


def test_country_words_come_from_the_country_list() -> None:
    from tipcheck.match import lexicon

    assert lexicon.concept_set("Georgian victims in the UAE and Dubai") == {
        "georgia", "victim", "united arab emirates",
    }  # fmt: skip
    assert lexicon.concept_set("victims in Azerbaijan") == {"victim"}
    assert lexicon.concept_set("victims in Germany") == {"victim", "germany"}  # not in the old table


def test_the_country_a_source_is_about() -> None:
    from tipcheck.text.places import main_country

    assert (
        main_country("MOLDOVA: Tier 2\n\nThe Government of Moldova ... victims from Ukraine and Russia.")
        == "Moldova"
    )
    assert main_country("Georgia identified 5 victims; Georgia's courts ... one from Turkey.\n") == "Georgia"
    assert main_country("Officials from Moldova met colleagues from the United States.\n") is None


def test_extract_proposes_the_sources_country_as_its_place(tmp_path) -> None:
    from tipcheck.cli import run

    doc = tmp_path / "moldova.txt"
    doc.write_text("MOLDOVA: Tier 2\n\nIn 2020, Moldova identified 138 victims.\n", encoding="utf-8")
    out = tmp_path / "claims" / "moldova.yaml"
    out.parent.mkdir()
    assert run(["extract", str(doc), "--output", str(out)]) == 0
    assert "  place: Moldova\n" in out.read_text(encoding="utf-8")
