"""The vocabulary files: their format, and that each word has one meaning."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from tipcheck.support import vocabulary


def _one_meaning(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """The words given more than one meaning among (word, meaning) pairs."""
    meanings: dict[str, set[str]] = {}
    for word, meaning in pairs:
        meanings.setdefault(word, set()).add(meaning)
    return {w: m for w, m in meanings.items() if len(m) > 1}


@pytest.mark.parametrize(
    "line, why",
    [
        (": alias", "no head"),
        ("Georgia: a,, b", "empty item"),
        ("Georgia: a, b,", "empty item"),
        ("Georgia: a | b | c", "more than one '|'"),
        ("Geor[gia: a", "'[' or ']'"),
        ("Georgia [x,]: a", "empty tag"),
        ("Georgia | a", "'|' before the ':'"),
    ],
)
def test_a_malformed_line_names_file_and_line(line: str, why: str) -> None:
    text = "# a comment\n\nGood: one, two\n" + line + "\n"
    with pytest.raises(vocabulary.VocabularyError) as caught:
        vocabulary.parse(text, "some/file.txt")
    assert str(caught.value).startswith("some/file.txt:4: ")
    assert why in str(caught.value)


def test_an_error_in_a_shipped_file_names_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "countries.txt").write_text("# countries\nGeorgia\nMoldova: ,\n", encoding="utf-8")
    monkeypatch.setattr(vocabulary, "FOLDER", str(tmp_path))
    vocabulary.lines.cache_clear()
    vocabulary.countries.cache_clear()
    try:
        with pytest.raises(vocabulary.VocabularyError, match=r"countries\.txt:3: an empty item"):
            vocabulary.countries()
    finally:
        vocabulary.lines.cache_clear()
        vocabulary.countries.cache_clear()


def test_the_grammar() -> None:
    found = vocabulary.parse("# c\nhead [t1, t2]: a, b c | d\nplain\nbare:\n", "f")
    assert found == (
        (2, "head", ("t1", "t2"), ("a", "b c"), ("d",)),
        (3, "plain", (), (), ()),
        (4, "bare", (), (), ()),
    )


@pytest.mark.parametrize("name", vocabulary.FILES)
def test_every_file_explains_itself_and_is_not_empty(name: str) -> None:
    text = (Path(vocabulary.FOLDER) / name).read_text(encoding="utf-8")
    assert text.startswith("# "), f"{name} must start with a comment explaining its format"
    assert vocabulary.lines(name)


def test_countries() -> None:
    found = vocabulary.countries()
    assert len(found) > 150
    pairs = [(n, name) for name, aliases, _ in found for n in (name, *aliases)]
    assert _one_meaning(pairs) == {}
    assert len(pairs) == len({n for n, _ in pairs}), "a name or alias listed twice"
    words = [(w.lower(), name) for name, aliases, others in found for w in (name, *aliases, *others)]
    assert _one_meaning(words) == {}, "two countries share a word in any case"


def test_scales() -> None:
    found = vocabulary.scales()
    assert [n for _, n, _ in found] == sorted(n for _, n, _ in found), "smallest first"
    words = [(w, str(n)) for word, n, abbrevs in found for w in (word, *abbrevs)]
    assert _one_meaning(words) == {}
    assert len(words) == len({w for w, _ in words})


def test_intervals_know_every_scale_that_extraction_reads() -> None:
    from decimal import Decimal

    from tipcheck.match.intervals import half_unit

    assert half_unit("27 million", "count") == Decimal(500_000)
    assert half_unit("2 trillion", "count") == Decimal(500_000_000_000)  # was 0: "trillion" was missing


def test_currencies() -> None:
    found = vocabulary.currencies()
    forms = [
        (f.lower().removesuffix("(s)"), unit) for unit, before, after in found for f in (*before, *after)
    ]
    assert _one_meaning(forms) == {}
    assert all(before or after for _, before, after in found)


@pytest.mark.parametrize(
    "text, quote, unit",
    [
        ("paid 400 manats each", "400 manats", "AZN"),
        ("$298,500 in 2014", "$298,500", "USD"),
        ("USD 5 million", "USD 5 million", "USD"),
        ("Rs. 500", "Rs. 500", "INR"),
        ("10 pounds  sterling", "10 pounds  sterling", "GBP"),
        ("5 Hong Kong dollars", "5 Hong Kong dollars", "HKD"),
        ("3 roubles", "3 roubles", "RUB"),
        ("20 pence", "20 pence", "pence"),
    ],
)
def test_money_is_read_from_the_currencies_file(text: str, quote: str, unit: str) -> None:
    from tipcheck.figures.spans import candidates

    money = [c for c in candidates(text) if c.kind == "money"]
    assert [(text[c.start : c.end], c.unit) for c in money] == [(quote, unit)]


def test_a_code_before_a_number_word_is_no_sum() -> None:
    from tipcheck.figures.spans import candidates

    assert [c.kind for c in candidates("USD five")] == ["count"]
    assert [(c.kind, c.unit) for c in candidates("$ five")] == [("money", "USD")]


KNOWN_TAGS = {"unit", "one", "year", "sex", "minor"}


def test_counted_nouns() -> None:
    found = vocabulary.counted()
    assert all(tags <= KNOWN_TAGS for _, tags, _, _ in found)
    assert all(singulars for _, _, singulars, _ in found), "every noun names its singular"
    forms = [(f, unit) for unit, _, singulars, plurals in found for f in (unit, *singulars, *plurals)]
    assert _one_meaning(forms) == {}
    for tag in KNOWN_TAGS:
        assert any(tag in tags for _, tags, _, _ in found), f"no noun tagged {tag}"


def test_concepts() -> None:
    found = vocabulary.concepts()
    assert all(tags <= {"modifier", "instrument"} for _, tags, _ in found)
    synonyms = [(s.strip('"'), concept) for concept, _, syns in found for s in syns]
    assert all(s == s.lower() for s, _ in synonyms), "synonyms are written in lower case"
    assert _one_meaning(synonyms) == {}
    assert len(synonyms) == len({s for s, _ in synonyms}), "a synonym listed twice"
    assert all(syns for _, _, syns in found)


def _concept_rows() -> list[tuple[int, str, str]]:
    path = Path(__file__).parent / "data" / "concept_rows.txt"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            concept, _, phrase = line.partition("|")
            rows.append((number, concept.strip(), phrase.strip()))
    return rows


def test_every_concept_has_a_row_and_every_row_reads_as_its_concept() -> None:
    """tests/data/concept_rows.txt holds a phrase of real reporting for each concept, written
    from concepts.txt alone: a synonym lost or moved to another concept fails its row."""
    from tipcheck.match import lexicon

    rows = _concept_rows()
    names = {concept for concept, _, _ in vocabulary.concepts()}
    assert names - {c for _, c, _ in rows} == set(), "concepts without a test row"
    assert {c for _, c, _ in rows} - names == set(), "rows naming no concept"
    wrong = [(n, c, p) for n, c, p in rows if c not in lexicon.concept_set(p)]
    assert wrong == []
