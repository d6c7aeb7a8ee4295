"""Registry loading and validation on small registries written by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcheck.errors import RegistryError
from tipcheck.registry import load as registry

SOURCE = "In 2014, 26 persons (18 women and 8 men) were charged.\nThe plan was approved on July 24, 2014.\n"

HEADER = """\
source:
  file: seeds/doc.txt
  title: Test
  publisher: null
  published: "2015"
  published_basis: inferred
claims:
"""

CLAIM_26 = """\
  - id: t-charged
    kind: count
    value: 26
    unit: persons
    qualifier: exact
    metric: persons charged
    period: {start: "2014", end: "2014"}
    start: 9
    end: 19
    line: 1
    quote: "26 persons"
    exhaustive: [sex]
"""
CLAIM_18 = """\
  - id: t-women
    kind: count
    value: 18
    unit: women
    qualifier: exact
    metric: women charged
    period: {start: "2014", end: "2014"}
    start: 21
    end: 29
    line: 1
    quote: "18 women"
    part_of: t-charged
    dimension: sex
"""
CLAIM_8 = CLAIM_18.replace("t-women", "t-men").replace("18", "8").replace("women", "men")
CLAIM_8 = CLAIM_8.replace("start: 21", "start: 34").replace("end: 29", "end: 39")
CLAIM_DATE = """\
  - id: t-plan
    kind: date
    value: "2014-07-24"
    unit: null
    qualifier: exact
    metric: plan approved
    period: null
    start: 80
    end: 93
    line: 2
    quote: "July 24, 2014"
"""


def make(tmp_path: Path, body: str, source: str = SOURCE, name: str = "doc.yaml") -> Path:
    (tmp_path / "seeds").mkdir(parents=True, exist_ok=True)
    (tmp_path / "claims").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "doc.txt").write_text(source, encoding="utf-8")
    (tmp_path / "claims" / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_valid_registry_loads_and_checks_clean(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_26 + CLAIM_18 + CLAIM_8 + CLAIM_DATE)
    reg = registry.load(root)
    assert [c.id for c in reg.claims] == ["t-charged", "t-women", "t-men", "t-plan"]
    assert registry.check(reg) == []
    assert [c.id for c in reg.parts_of("t-charged")] == ["t-women", "t-men"]


def test_claims_dir_and_single_file_resolve_the_same_root(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_26)
    for path in (root, root / "claims", root / "claims" / "doc.yaml"):
        reg = registry.load(path)
        assert Path(reg.root) == root
        assert registry.check(reg) == []


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_26 + "  - id: [unclosed\n")
    with pytest.raises(RegistryError, match=r"claims/doc.yaml:\d+"):
        registry.load(root)


def test_list_where_mapping_expected(tmp_path: Path) -> None:
    root = make(tmp_path, "- just\n- a list\n")
    with pytest.raises(RegistryError, match=r"claims/doc.yaml:1: a claims file must be a mapping"):
        registry.load(root)


def test_duplicate_key_is_refused_with_line(tmp_path: Path) -> None:
    root = make(
        tmp_path, HEADER + CLAIM_26.replace("    unit: persons\n", "    unit: persons\n    unit: cases\n")
    )
    with pytest.raises(RegistryError, match=r"doc.yaml:\d+: duplicate key 'unit'"):
        registry.load(root)


def test_duplicate_ids_across_files_name_both(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_26)
    (root / "claims" / "other.yaml").write_text(HEADER + CLAIM_26, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        registry.load(root)
    assert "duplicate id 't-charged'" in str(info.value)
    assert "doc.yaml:8" in str(info.value) and "other.yaml:8" in str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: count", "kind: amount"), "kind 'amount' is not one of"),
        (("qualifier: exact", "qualifier: roughly"), "qualifier 'roughly'"),
        (("value: 26", "value: twenty-six"), "a count value must be a number"),
        (("start: 9", "start: nine"), "start must be a non-negative integer"),
        (("    metric: persons charged\n", ""), "missing metric"),
        (("    quote:", "    colour: red\n    quote:"), "unknown key(s): colour"),
        (
            ('period: {start: "2014", end: "2014"}', 'period: {start: "2015", end: "2014"}'),
            "period ends before",
        ),
    ],
)
def test_schema_errors_name_file_line_and_claim(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    root = make(tmp_path, HEADER + CLAIM_26.replace(*change))
    with pytest.raises(RegistryError) as info:
        registry.load(root)
    assert str(info.value).startswith("claims/doc.yaml:8: claim 't-charged': ")
    assert message in str(info.value)


def test_stale_quote_is_reported_never_reanchored(tmp_path: Path) -> None:
    root = make(
        tmp_path, HEADER + CLAIM_26, source="In 2014, twenty-six (18 women, 8 men) were charged. 26 persons\n"
    )
    before = (root / "claims" / "doc.yaml").read_bytes()
    problems = registry.check(registry.load(root))
    assert len(problems) == 1
    assert "stale: quote '26 persons'" in problems[0].message
    assert "now appears at offset" in problems[0].message and "tipcheck reanchor" in problems[0].message
    assert (root / "claims" / "doc.yaml").read_bytes() == before


def test_wrong_line_is_reported(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_DATE.replace("line: 2", "line: 3"))
    problems = registry.check(registry.load(root))
    assert [p.message for p in problems] == ["claim 't-plan': line is 3 but the quote starts on line 2"]


def test_an_exhaustive_breakdown_that_does_not_add_up_is_a_problem(tmp_path: Path) -> None:
    # the source itself says 18 women and 9 men of 26: record it without `exhaustive`
    source = SOURCE.replace("8 men", "9 men")
    men = CLAIM_8.replace("value: 8", "value: 9").replace('"8 men"', '"9 men"')
    root = make(tmp_path, HEADER + CLAIM_26 + CLAIM_18 + men, source=source)
    assert [p.message for p in registry.check(registry.load(root))] == [
        "claim 't-charged': exhaustive by sex, but its parts add up to 27 (18 + 9), not 26"
    ]
    loose = make(
        tmp_path / "loose", HEADER + CLAIM_26.replace("    exhaustive: [sex]\n", "") + CLAIM_18 + men, source
    )
    assert registry.check(registry.load(loose)) == []


def test_a_value_that_is_not_its_quotes_number_is_a_problem_and_a_proposal_is_listed(tmp_path: Path) -> None:
    root = make(
        tmp_path, HEADER + CLAIM_26.replace("    exhaustive: [sex]\n", "").replace("value: 26", "value: 62")
    )
    assert any("value 62 is not the number" in p.message for p in registry.check(registry.load(root)))
    todo = make(
        tmp_path / "todo", HEADER + CLAIM_26.replace("    exhaustive: [sex]\n", "") + "    review: todo\n"
    )
    problems = registry.check(registry.load(todo))
    assert [p.claim_id for p in problems if "not reviewed yet" in p.message] == ["t-charged"]


def test_non_exhaustive_parts_may_fall_short(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_26.replace("    exhaustive: [sex]\n", "") + CLAIM_18)
    assert registry.check(registry.load(root)) == []


def test_dangling_link(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER + CLAIM_18)
    problems = registry.check(registry.load(root))
    assert [p.message for p in problems] == ["claim 't-women': links to unknown claim 't-charged'"]


def test_missing_source_file(tmp_path: Path) -> None:
    root = make(tmp_path, HEADER.replace("seeds/doc.txt", "seeds/gone.txt") + CLAIM_26)
    problems = registry.check(registry.load(root))
    assert problems and "source file seeds/gone.txt is missing" in problems[0].message


def test_source_path_escaping_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text(SOURCE, encoding="utf-8")
    root = make(tmp_path / "reg", HEADER.replace("seeds/doc.txt", "../outside.txt") + CLAIM_26)
    reg = registry.load(root)
    assert reg.texts == {}
    assert any("outside the registry" in p.message for p in registry.check(reg))


def test_missing_registry(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="no such registry"):
        registry.load(tmp_path / "nope")
    with pytest.raises(RegistryError, match="no claims files"):
        registry.load(tmp_path)


def test_python_object_tags_are_refused(tmp_path: Path) -> None:
    root = make(
        tmp_path, HEADER + CLAIM_26.replace("value: 26", "value: !!python/object/apply:os.system ['true']")
    )
    with pytest.raises(
        RegistryError, match=r"doc\.yaml:\d+: the tag \S*python/object/apply:os\.system is not allowed"
    ):
        registry.load(root)


def test_anchors_and_aliases_are_refused_so_alias_bombs_cannot_grow(tmp_path: Path) -> None:
    import time

    from tipcheck.registry import yamlio

    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    start = time.perf_counter()
    with pytest.raises(RegistryError, match=r"bomb\.yaml:1: anchors and aliases"):
        yamlio.load(lol, "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    root = make(tmp_path, HEADER + CLAIM_26.replace("value: 26", "value: &n 26"))
    with pytest.raises(RegistryError, match="anchors and aliases"):
        registry.load(root)


def test_an_unreviewed_claim_never_backs_or_contradicts_a_figure(tmp_path: Path) -> None:
    from tipcheck.text import document
    from tipcheck.verify import engine

    claim = CLAIM_26.replace("    exhaustive: [sex]\n", "")
    draft = document.from_text(
        "d.md", "In 2014, 26 persons were charged. In 2014, 29 persons were charged.\n"
    )
    reviewed = engine.Verifier(registry.load(make(tmp_path / "a", HEADER + claim)))
    assert [f.status for f in reviewed.verify(draft).findings] == ["match", "contradiction"]
    todo = engine.Verifier(registry.load(make(tmp_path / "b", HEADER + claim + "    review: todo\n")))
    assert todo.unreviewed == 1
    assert [f.status for f in todo.verify(draft).findings] == ["unsourced", "unsourced"]


def test_proposals_date_a_tier_by_the_report_and_give_terms_no_period() -> None:
    from tipcheck.figures import extract
    from tipcheck.registry import propose

    text = (
        "MOLDOVA: Tier 2\n\nIn 2020, authorities convicted 32 traffickers. Moldova remained on Tier 2 "
        "for the second consecutive year. Penalties ran to 48 hours of detention.\n"
    )
    found = propose.claims(extract.figures(text, "2021-07-01"), text, "s.txt", "2021-07-01")
    periods = {c["quote"]: c["period"] for c in found}
    assert periods["Tier 2"] == {"start": "2021", "end": "2021", "cumulative": False}
    assert periods["32"] == {"start": "2020", "end": "2020", "cumulative": False}
    assert periods["48"] is None
    assert all(c["review"] == "todo" for c in found)


def test_a_sources_zeros_are_proposed_but_a_drafts_are_not() -> None:
    from tipcheck.figures import extract

    text = (
        "In 2019 the government identified 91 victims. Two were foreign nationals (none in 2018) and "
        "there were no child victims. It did not report prosecuting a single complicit official."
    )
    zeros = [(f.quote, f.unit) for f in extract.figures(text, "2020-06-25") if f.value == 0]
    assert zeros == [
        ("none", None),
        ("no child victims", "victims"),
        ("did not report prosecuting a single complicit official", "officials"),
    ]
    assert [f for f in extract.figures(text, "2020-06-25", document_period=False) if f.value == 0] == []


def test_proposals_name_what_a_breakdown_is_by() -> None:
    from tipcheck.figures import extract
    from tipcheck.registry import propose

    text = (
        "In 2014, 26 persons (18 women and 8 men) were charged. In 2020, authorities conducted "
        "65 investigations (35 for sex trafficking and 30 for labour trafficking)."
    )
    found = {c["quote"]: c for c in propose.claims(extract.figures(text, "2015-03-01"), text, "s.txt", None)}
    assert (found["18"]["dimension"], found["26"].get("exhaustive")) == ("sex", ["sex"])
    assert found["35"]["dimension"] == "form of exploitation" and "exhaustive" not in found["65"]


def test_proposals_date_the_countries_a_report_covers_by_the_report() -> None:
    from tipcheck.figures import extract
    from tipcheck.registry import propose

    text = "In 2014, 54 victims were identified. The report analyzed the efforts of 188 countries.\n"
    found = {c["quote"]: c for c in propose.claims(extract.figures(text, "2015-07-01"), text, "s.txt", None)}
    assert found["188"]["period"] == {"start": "2015", "end": "2015", "cumulative": False}
    assert found["54"]["period"] == {"start": "2014", "end": "2014", "cumulative": False}


@pytest.mark.parametrize("start", ["\u0660\u0660\u0660\u0660", "0000", "\u0662014"])
def test_a_period_in_other_digits_or_of_year_0_is_a_problem_not_a_crash(tmp_path: Path, start: str) -> None:
    # found by scripts/fuzz.py: 'start: "٠0٠٠"' passed as ISO and met year 0 in the calendar
    body = CLAIM_26.replace(
        'period: {start: "2014", end: "2014"}', f'period: {{start: "{start}", end: "2014"}}'
    )
    root = make(tmp_path, HEADER + body)
    with pytest.raises(RegistryError, match="period ends must be ISO dates"):
        registry.load(root)
