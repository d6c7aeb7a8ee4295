"""Every check has should-fail and should-pass rows, run against the bundled registry.

Two tables of a different kind:

- `SHOULD_FAIL` and `SHOULD_PASS`, rows (check id, draft text, figure text), are run
  through THAT check's own `run` on the `Subject` the engine builds for the row's
  figure (`Verifier.subjects`), whatever the direct-match step or the checks before it
  would have said. A should-fail row must give a contradiction with the check's id; a
  should-pass row None or a finding that is not a contradiction.
- `ENGINE_ROWS`, rows (draft text, figure text, final status, check id or None), are
  run through the whole engine: direct match, then every check in `checks.ALL` order.

The meta-tests assert that every check in `checks.ALL` has rows of both kinds and a
docstring, that the tables hold every example quoted in the docstrings ("Fails: ..."
and "Passes: ..."), and that the row tests can fail: a check replaced by one that
flags everything fails one of its should-pass rows, and one that flags nothing fails
one of its should-fail rows (proselint's examples table, yamllint's rule docs).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tipcheck.model import Finding
from tipcheck.registry import load as registry
from tipcheck.text import document
from tipcheck.verify import checks, engine
from tipcheck.verify.checks.base import contradiction

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "---\ndate: 2017-07-01\n---\n"

SHOULD_FAIL = [
    ("value", "In 2014, 22 victims found jobs.", "22"),
    ("value", "22 victims found jobs in 2014.", "22"),
    ("value", "The hotline received 12,216 requests in 2014.", "12,216"),
    ("value", "In 2024, around 30 million people were exploited worldwide.", "30 million"),
    ("value", "In 2024 around 30 million people were exploited worldwide.", "30 million"),
    ("value", "Over the past 12 years, officials put the totals at 716 victims identified.", "716"),
    ("date", "The 2009-2013 plan was approved on 9 February 2009.", "9 February 2009"),
    ("date", "The 2009-2013 plan, approved on 9 February 2009, was the second.", "9 February 2009"),
    ("date", "The first national plan was endorsed in 2005.", "2005"),
    ("date", "The first national plan, endorsed in 2005, set up a police unit.", "2005"),
    ("date", "The 2014-2018 plan was approved by Decree No. 667 on July 25, 2014.", "July 25, 2014"),
    ("percent", "Out of 26,916 crimes in 2015, 128, or 0.9 percent, were trafficking.", "0.9 percent"),
    ("date", "The State Department released its trafficking report on 20 July 2014.", "20 July 2014"),
    ("cumulative", "There were 1,078 trafficking cases in the decade to 2014.", "1,078"),
    ("cumulative", "583 victims identified in 2014.", "583"),
    ("cumulative", "By 2016 the victims identified since 2004 numbered 550.", "550"),
    ("parts", "In 2014, 26 people were prosecuted: 18 women and 9 men.", "9"),
    ("parts", "26 people prosecuted: 18 women and 9 men.", "9"),
    ("parts", "In 2019, 40 victims were identified: 30 women and 12 men.", "12"),
    ("parts", "In 2019, 40 victims were identified, and 45 of them were sheltered.", "45"),
    ("parts", "In 2014, 13,216 hotline requests, of which 28 were about trafficking and 13,200 on other issues.",
     "13,200"),
    ("parts", "In 2014 the hotline received 13,216 requests, of which 28 were about trafficking and 13,200 on "
     "other issues.", "13,200"),
    ("percent", "Of the 54 victims identified in 2014, 20 percent were men.", "20 percent"),
    ("percent", "Of the 54 victims, 20 percent were men.", "20 percent"),
    ("percent", "21 traffickers were sentenced out of 26 prosecuted, a rate of about 90 percent.", "90 percent"),
    ("percent", "21 of 26 prosecuted, a conviction rate of about 90 percent.", "90 percent"),
    ("percent", "Women: 51 (90%) of the victims identified in 2014.", "90%"),
    # a total over years that include 2015 is no 2015 figure of the registry's
    ("period", "In 2015, according to the Interior Ministry, 54 victims were identified.", "54"),
    ("period", "In 2016, the 53 victims were paid a one-time allowance.", "53"),
    ("period", "The 53 victims paid an allowance in 2016.", "53"),
    ("period", "In 2016, 24 victims found jobs.", "24"),
]  # fmt: skip

SHOULD_PASS = [
    # the value agrees with a strongly aligned claim of the same period
    ("value", "In 2014, 24 victims found jobs.", "24"),
    # the year is not pinned: which period it means is unknown, so it is not contradicted
    ("value", "Around 30 million people are exploited worldwide.", "30 million"),
    ("value", "By 2017 officials put the totals at 716 victims identified.", "716"),
    ("value", "Nearly 500 traffickers were brought to justice over the past 12 years.", "Nearly 500"),
    ("value", "Nearly 500 traffickers over the past 12 years.", "Nearly 500"),
    ("value", "The government allocated about $300,000 to victims in 2014.", "about $300,000"),
    ("value", "About 27 million people are exploited worldwide.", "27 million"),
    # no period of its own, and the registry counts victims for several: which is meant is unknown
    ("value", "By 2014 a total of 583 victims had been identified.", "583"),
    ("date", "In the summer of 2014 the president approved the 2014-2018 plan.", "the summer of 2014"),
    ("date", "The 2009-2013 plan was approved in February 2009.", "February 2009"),
    ("date", "The first national plan was endorsed on 6 May 2004.", "6 May 2004"),
    # the best-aligned event (the 2015 report) disagrees, another (the 2014 report's release) agrees
    ("date", "The State Department released its trafficking report on 20 June 2014.", "20 June 2014"),
    ("date", "The State Department has published its report since 2001.", "2001"),  # the edge of a span
    ("date", "The 2016 edition was released on 30 June 2016.", "30 June 2016"),  # another edition
    # an act the registry has no date for: not compared with another act's date
    ("date", "The plan was approved by Decree No. 668 on July 24, 2014.", "July 24, 2014"),
    ("cumulative", "Over the past 12 years, 761 victims were identified.", "761"),
    ("cumulative", "761 victims over the past 12 years.", "761"),
    ("cumulative", "In the ten years to 2014, 583 victims were identified.", "583"),
    ("cumulative", "There were 1,078 trafficking cases in the twelve years to 2016.", "1,078"),
    # the same window up to a year's doubt about its start
    ("cumulative", "By 2016 the victims identified since 2004 numbered about 770.", "about 770"),
    # the ten-year total in a sentence that speaks of a span (the engine still says `value`: see 761/54)
    ("cumulative", "In 2014, 583 victims were identified in total.", "583"),
    # a part of another kind than its whole is not summed with the parts
    ("parts", "In 2023 the courts heard 11 cases, including 3 carried over from earlier years, and 14 defendants.",
     "14"),
    ("parts", "In 2014, 54 victims were identified (51 women and 3 men).", "3"),
    ("parts", "In 2014, 54 victims were identified (51 women and 3 men).", "51"),
    ("parts", "54 victims (51 women and 3 men).", "3"),
    ("parts", "In 2014, 26 people were prosecuted: 18 women and 8 men.", "8"),
    # the parts do not add up, but the finding goes to the unbacked part, 9, not to 18
    ("parts", "26 people prosecuted: 18 women and 9 men.", "18"),
    # subsets ("N of them") may overlap: only a subset larger than its whole is wrong
    ("parts", "In 2019, 40 victims were identified, and 30 of them were sheltered and 25 of them received "
     "legal aid.", "25"),
    ("parts", "54 victims: 30 of them sheltered, 20 of them given legal aid and 12 of them housed.", "12"),
    ("parts", "54 victims, 24 of whom found jobs.", "24"),  # parts may fall short of their whole
    ("percent", "Women: 51 (94%) of the victims identified in 2014.", "94%"),
    ("percent", "Women: 51 (94%)", "94%"),
    ("percent", "Turkey alone accounted for about 69% of all victims identified in 2014.", "69%"),
    ("percent", "Turkey alone accounted for about 69% of all victims.", "69%"),
    ("percent", "Of the 18 sentenced, 3 went to prison and 15 were suspended; a year earlier, only 21 percent went to prison.", "21 percent"),
    ("percent", "21 traffickers were sentenced out of 26 prosecuted, a rate of about 81 percent.", "81 percent"),
    ("percent", "Of the 54 victims identified in 2014, 3 were men, about 5.6 percent.", "5.6 percent"),
    ("percent", "Of the 54 victims identified in 2014, about 6 percent were men.", "6 percent"),
    ("percent", "The plan decreased the number of victims of trafficking by 28.2 percent.", "28.2 percent"),
    ("period", "In 2019, 40 victims were paid an allowance.", "40"),
    ("period", "In 2014, the 53 victims were paid a one-time allowance.", "53"),
    ("period", "In 2016, 3 men were identified.", "3"),  # 3 men in 2014; small counts are left alone
    ("period", "For 2016 the one-time allowance was 400 manats.", "400 manats"),  # a rate per victim recurs
]  # fmt: skip

# Rows that copy a docstring example the check does not bear out. They are expected to
# fail (strictly: one that starts to hold fails the suite), and the module's docstring
# is what is wrong; the check is left as it is.
# Rows quoted in a docstring that the check does not bear out, with the reason: each runs as a
# strict xfail until the docstring or the check is put right. None today.
DOCSTRING_WRONG: dict[tuple[str, str, str], str] = {}

ENGINE_ROWS = [
    ("In 2014, 22 victims found jobs.", "22", "contradiction", "value"),
    ("The hotline received 12,216 requests in 2014.", "12,216", "contradiction", "value"),
    ("In 2024, around 30 million people were exploited worldwide.", "30 million", "contradiction", "value"),
    ("Around 30 million people are exploited worldwide.", "30 million", "unsourced", None),
    ("Over the past 12 years, officials put the totals at 716 victims identified.", "716", "contradiction",
     "cumulative"),
    ("By 2017 officials put the totals at 716 victims identified.", "716", "unsourced", None),
    ("The 2009-2013 plan was approved on 9 February 2009.", "9 February 2009", "contradiction", "date"),
    ("The first national plan was endorsed in 2005.", "2005", "contradiction", "date"),
    ("There were 1,078 trafficking cases in the decade to 2014.", "1,078", "contradiction", "cumulative"),
    ("By 2016 the victims identified since 2004 numbered 550.", "550", "contradiction", "cumulative"),
    ("In 2014, 26 people were prosecuted: 18 women and 9 men.", "9", "contradiction", "parts"),
    ("In 2019, 40 victims were identified: 30 women and 12 men.", "12", "contradiction", "parts"),
    ("In 2019, 40 victims were identified, and 45 of them were sheltered.", "45", "contradiction", "parts"),
    ("Of the 54 victims identified in 2014, 20 percent were men.", "20 percent", "contradiction", "percent"),
    ("21 traffickers were sentenced out of 26 prosecuted, a rate of about 90 percent.", "90 percent",
     "contradiction", "percent"),
    ("In 2016, the 53 victims were paid a one-time allowance.", "53", "contradiction", "period"),
    ("In 2014, 24 victims found jobs.", "24", "match", None),
    ("Nearly 500 traffickers were brought to justice over the past 12 years.", "Nearly 500", "match", None),
    ("The government allocated about $300,000 to victims in 2014.", "about $300,000", "match", None),
    ("In the summer of 2014 the president approved the 2014-2018 plan.", "the summer of 2014", "match", None),
    ("The State Department has published its report since 2001.", "2001", "unsourced", None),
    ("Over the past 12 years, 761 victims were identified.", "761", "match", None),
    ("In 2014, 54 victims were identified (51 women and 3 men).", "3", "match", None),
    ("In 2019, 40 victims were identified, and 30 of them were sheltered and 25 of them received legal aid.",
     "25", "unsourced", None),
    ("Women: 51 (94%) of the victims identified in 2014.", "94%", "match", None),
    ("Turkey alone accounted for about 69% of all victims identified in 2014.", "69%", "match", None),
    ("In 2019, 40 victims were paid an allowance.", "40", "unsourced", None),
]  # fmt: skip

Run = Callable[[checks.Subject], Finding | None]


@pytest.fixture(scope="module")
def verifier() -> engine.Verifier:
    return engine.Verifier(registry.load(ROOT))


@pytest.fixture(scope="module")
def subject_of(verifier) -> Callable[[str, str], checks.Subject]:
    """The Subject the engine builds for a row's figure (cached: the mutation tests reuse them)."""
    cache: dict[tuple[str, str], checks.Subject] = {}

    def get(text: str, figure: str) -> checks.Subject:
        if (text, figure) not in cache:
            draft = document.from_text("example.md", PUBLISHED + text)
            at, end = _locate(draft.text, figure)
            hits = [s for s in verifier.subjects(draft) if s.figure.start < end and at < s.figure.end]
            assert len(hits) == 1, f"{figure!r} in {text!r}: {[s.figure.quote for s in hits]}"
            cache[text, figure] = hits[0]
        return cache[text, figure]

    return get


def _locate(text: str, figure: str) -> tuple[int, int]:
    """The figure's first occurrence as a whole number or phrase ('8' is not the 8 of '18')."""
    m = re.search(r"(?<![\w.,])" + re.escape(figure) + r"(?!\w)", text)
    assert m, f"{figure!r} is not in {text!r}"
    return m.start(), m.end()


def _run(verifier: engine.Verifier, run: Run, subject: checks.Subject) -> Finding | None:
    assert subject.approximately == verifier.approximately  # the engine hands its tolerance to the checks
    return run(subject)


def holds(kind: str, check_id: str, found: Finding | None) -> bool:
    """Whether a check's finding on a row is what the row expects."""
    if kind == "fail":
        return found is not None and found.status == "contradiction" and found.check == check_id
    return found is None or found.status != "contradiction"


def _params(rows: list[tuple[str, str, str]]) -> list:
    def marks(row: tuple[str, str, str]) -> list:
        return [pytest.mark.xfail(strict=True, reason=DOCSTRING_WRONG[row])] if row in DOCSTRING_WRONG else []

    return [pytest.param(*row, id=f"{row[0]}:{row[2]}:{row[1][:40]}", marks=marks(row)) for row in rows]


@pytest.mark.parametrize(("check_id", "text", "figure"), _params(SHOULD_FAIL))
def test_should_fail(verifier, subject_of, check_id: str, text: str, figure: str) -> None:
    check = checks.get(check_id)
    assert check is not None, check_id
    found = _run(verifier, check.run, subject_of(text, figure))
    assert holds("fail", check_id, found), found


@pytest.mark.parametrize(("check_id", "text", "figure"), _params(SHOULD_PASS))
def test_should_pass(verifier, subject_of, check_id: str, text: str, figure: str) -> None:
    check = checks.get(check_id)
    assert check is not None, check_id
    found = _run(verifier, check.run, subject_of(text, figure))
    assert holds("pass", check_id, found), found


def verdict(verifier: engine.Verifier, text: str, figure: str) -> tuple[str, str | None]:
    draft = document.from_text("example.md", PUBLISHED + text)
    report = verifier.verify(draft)
    at, end = _locate(draft.text, figure)
    hits = [f for f in report.findings if f.start < end and at < f.end]
    assert hits, f"no finding for {figure!r} in {text!r}: {[f.figure.quote for f in report.findings]}"
    return hits[0].status, hits[0].check


@pytest.mark.parametrize(("text", "figure", "status", "check_id"), ENGINE_ROWS)
def test_engine(verifier, text: str, figure: str, status: str, check_id: str | None) -> None:
    assert verdict(verifier, text, figure) == (status, check_id)


def test_subjects_are_one_per_figure_and_what_the_engine_uses(verifier) -> None:
    text = "In 2014, 54 victims were identified (51 women and 9 men)."
    draft = document.from_text("example.md", PUBLISHED + text)
    subjects = verifier.subjects(draft)
    report = verifier.verify(draft)
    assert [s.figure for s in subjects] == [f.figure for f in report.findings]
    assert [s.index for s in subjects] == list(range(len(subjects)))
    # "54" and "51" are matched directly, yet their Subjects are there for the checks to run on
    assert [c is not None for c in subjects[0].matched] == [True, True, False]
    assert checks.get("parts").run(subjects[2]).status == "contradiction"  # type: ignore[union-attr]


# --- the tables themselves ----------------------------------------------------------------------


def _rows(check_id: str, kind: str) -> list[tuple[str, str, str]]:
    rows = SHOULD_FAIL if kind == "fail" else SHOULD_PASS
    return [r for r in rows if r[0] == check_id and r not in DOCSTRING_WRONG]


def test_every_check_has_rows_and_docs() -> None:
    assert {r[0] for r in SHOULD_FAIL + SHOULD_PASS} <= {c.id for c in checks.ALL}
    assert set(DOCSTRING_WRONG) <= set(SHOULD_FAIL + SHOULD_PASS)
    for check in checks.ALL:
        assert _rows(check.id, "fail"), f"{check.id} has no should-fail row"
        assert len(_rows(check.id, "pass")) >= 2, f"{check.id} has fewer than two should-pass rows"
        assert check.doc.strip() and "Fails:" in check.doc and "Passes:" in check.doc, check.id


def _always(check_id: str) -> Run:
    return lambda s: contradiction(s, check_id, "flagged by the mutant")


def _never(s: checks.Subject) -> Finding | None:
    return None


@pytest.mark.parametrize("check", checks.ALL, ids=lambda c: c.id)
def test_the_rows_catch_a_check_that_always_or_never_flags(verifier, subject_of, check: checks.Check) -> None:
    def broken_rows(run: Run, kind: str) -> list[tuple[str, str, str]]:
        mutant = replace(check, run=run)
        found = {r: _run(verifier, mutant.run, subject_of(r[1], r[2])) for r in _rows(check.id, kind)}
        return [r for r, f in found.items() if not holds(kind, check.id, f)]

    assert broken_rows(check.run, "pass") == [] and broken_rows(check.run, "fail") == []
    assert broken_rows(_always(check.id), "pass"), f"no should-pass row of {check.id} fails when it flags all"
    assert broken_rows(_never, "fail"), f"no should-fail row of {check.id} fails when it flags nothing"


# --- the examples quoted in the docstrings ------------------------------------------------------


def doc_examples(doc: str) -> tuple[list[str], list[str]]:
    """The quoted examples after "Fails:" (up to "Passes:") and after "Passes:"."""
    text = " ".join(doc.split())
    fails, passes = text.find("Fails:"), text.find("Passes:")
    assert 0 <= fails < passes, "a check's docstring gives Fails: and then Passes: examples"
    quoted = re.compile(r'"([^"]+)"')
    return quoted.findall(text[fails:passes]), quoted.findall(text[passes:])


def quoted_in(quote: str, text: str) -> bool:
    """Whether a row's draft says what the docstring quotes ("..." stands for any words)."""
    pattern = r".+?".join(re.escape(part.strip()) for part in quote.split("..."))
    return re.search(pattern, " ".join(text.split()), re.IGNORECASE) is not None


def test_docstring_quotes_are_parsed() -> None:
    fails, passes = doc_examples(checks.get("parts").doc)  # type: ignore[union-attr]
    assert fails == ["26 people prosecuted: 18 women and 9 men",
                     "13,216 hotline requests, of which 28 ... and 13,200 on other issues"]  # fmt: skip
    assert passes[0] == "54 victims (51 women and 3 men)" and "54 victims, 24 of whom found jobs" in passes
    assert quoted_in(
        fails[1], "In 2014, 13,216 hotline requests, of which 28 were calls and 13,200 on other issues."
    )
    assert not quoted_in(fails[1], "13,216 requests and 13,200 on other issues")


@pytest.mark.parametrize("check", checks.ALL, ids=lambda c: c.id)
def test_every_docstring_example_is_a_row(check: checks.Check) -> None:
    """Each example quoted under "Fails:" is in a should-fail row of the check, each under
    "Passes:" in a should-pass row; those rows are run by the tests above."""
    fails, passes = doc_examples(check.doc)
    assert fails and passes, check.id
    fail_rows = [r[1] for r in SHOULD_FAIL if r[0] == check.id]
    pass_rows = [r[1] for r in SHOULD_PASS if r[0] == check.id]
    assert [q for q in fails if not any(quoted_in(q, t) for t in fail_rows)] == []
    assert [q for q in passes if not any(quoted_in(q, t) for t in pass_rows)] == []


# --- whole drafts -------------------------------------------------------------------------------


def test_identifiers_and_markdown_structure_produce_nothing(verifier) -> None:
    text = (
        "# 2. Decree No. 667 and Article 7.5\n\n"
        "1. Law No. 1066-IVQD, Articles 171, 243 and 244, p. 12, at 09:30, call +994 12 555 01 52.\n"
        "See [the report](https://example.org/2014/54) and `54 victims`.\n\n"
        "```\n13216 requests\n```\n"
        "<!-- 583 victims -->\n"
    )
    report = verifier.verify(document.from_text("ids.md", text))
    assert [f.figure.quote for f in report.findings] == []


def test_a_scoping_year_is_no_figure(verifier) -> None:
    report = verifier.verify(document.from_text("scope.md", "In 2014, 54 victims were identified."))
    assert [(f.figure.quote, f.status) for f in report.findings] == [("54", "match")]


def test_a_share_the_sentence_gives_the_numbers_of_is_recomputed_over_a_registered_bound(verifier) -> None:
    text = "Out of 26,916 criminal cases in 2015, 128, or 0.9 percent, were related to trafficking.\n"
    report = verifier.verify(document.from_text("d.md", text))
    share = next(f for f in report.findings if "percent" in text[f.start : f.end])
    assert (share.status, share.check) == ("contradiction", "percent")  # the registry: less than 1 percent
    right = verifier.verify(document.from_text("d.md", text.replace("0.9", "0.5")))
    assert next(f for f in right.findings if "percent" in text[f.start : f.end]).status == "match"
