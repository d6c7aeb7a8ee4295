"""`tipcheck reanchor`: stale claims move only where their new place is certain."""

from __future__ import annotations

from pathlib import Path

from tipcheck.registry import load as registry
from tipcheck.registry import reanchor

SOURCE = "In 2014, 26 persons were charged; 7 groups were broken up in 2017.\nThe plan was approved on July 24, 2014.\n"
HEADER = """\
# curated by hand: keep this comment
source:
  file: seeds/doc.txt
  title: Test
  publisher: null
  published: "2015"
  published_basis: inferred
claims:
"""


def claim(cid: str, quote: str, text: str = SOURCE, kind: str = "count", value: str = "1") -> str:
    start = reanchor.occurrences(text, quote)[0]
    line = text.count("\n", 0, start) + 1
    return (
        f"  - id: {cid}\n    kind: {kind}\n    value: {value}\n    unit: null\n    qualifier: exact\n"
        f"    metric: {cid}\n    period: null\n    start: {start}\n    end: {start + len(quote)}\n"
        f'    line: {line}  # checked\n    quote: "{quote}"\n'
    )


def make(tmp_path: Path, body: str, source: str) -> Path:
    (tmp_path / "seeds").mkdir(parents=True)
    (tmp_path / "claims").mkdir()
    (tmp_path / "seeds" / "doc.txt").write_text(source, encoding="utf-8")
    (tmp_path / "claims" / "doc.yaml").write_text(body, encoding="utf-8")
    return tmp_path


BODY = (
    HEADER
    + claim("charged", "26 persons", value="26")
    + claim("groups", "7", value="7")
    + claim("plan", "July 24, 2014", kind="date", value='"2014-07-24"')
)


def test_a_quote_is_found_only_as_whole_words() -> None:
    assert reanchor.occurrences("in 2017, 7 groups and 17 more", "7") == [9]
    assert reanchor.occurrences("13,216 requests and 216 more", "216") == [20]


def test_an_edit_before_the_claims_moves_them_and_keeps_the_file_as_it_was(tmp_path: Path) -> None:
    root = make(tmp_path, BODY, SOURCE.replace("In 2014, 26", "In the year 2014, 26"))
    plan = reanchor.plan(registry.load(root))
    assert [m.claim.id for m in plan.moves] == ["charged", "groups", "plan"] and plan.stale == ()
    name = "claims/doc.yaml"
    new = reanchor.apply(plan, {name: (root / name).read_text(encoding="utf-8")})[name]
    (root / name).write_text(new, encoding="utf-8")
    assert registry.check(registry.load(root)) == []
    assert new.startswith("# curated by hand: keep this comment\n") and new.count("# checked") == 3


def test_a_changed_number_or_an_unclear_place_stays_stale(tmp_path: Path) -> None:
    # 26 became 27 (and "people"), and the 7 now occurs twice with nothing certain beside it
    body = HEADER + claim("charged", "26 persons", value="26") + claim("groups", "7", value="7")
    edited = SOURCE.replace("26 persons were charged;", "27 people were charged, 7 of them women;")
    plan = reanchor.plan(registry.load(make(tmp_path, body, edited)))
    why = {s.claim.id: s.why for s in plan.stale}
    assert "no longer in the source" in why["charged"]
    assert "occurs 2 times" in why["groups"]
    assert plan.moves == ()


def test_an_ambiguous_quote_moves_with_the_claims_beside_it(tmp_path: Path) -> None:
    text = "Intro. 26 persons were charged; 7 groups; 7 more later. The plan was approved on July 24, 2014.\n"
    body = HEADER + claim("charged", "26 persons", text, value="26") + claim("groups", "7", text, value="7")
    body += claim("plan", "July 24, 2014", text, kind="date", value='"2014-07-24"')
    plan = reanchor.plan(registry.load(make(tmp_path, body, "A longer intro. " + text[len("Intro. ") :])))
    moved = {m.claim.id: m.start for m in plan.moves}
    assert moved["groups"] == text.index("7 groups") + len("A longer intro. ") - len("Intro. ")
    assert plan.stale == ()
