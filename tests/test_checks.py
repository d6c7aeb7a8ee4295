"""Every check has should-fail and should-pass examples, run against the bundled registry.

A row is (check id, draft text, figure text, expected status, expected check id or None).
The meta-test asserts that every check in `checks.ALL` has both kinds of rows and a
docstring (proselint's examples table, yamllint's rule docs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcheck.registry import load as registry
from tipcheck.text import document
from tipcheck.verify import checks, engine

ROOT = Path(__file__).resolve().parents[1]

FAIL = [
    ("value", "In 2014, 22 victims found jobs.", "22", "contradiction", "value"),
    ("value", "The hotline received 12,216 requests in 2014.", "12,216", "contradiction", "value"),
    ("value", "Around 30 million people are exploited worldwide.", "30 million", "contradiction", "value"),
    ("value", "By 2017 officials put the totals at 716 victims identified.", "716", "contradiction", "value"),
    ("date", "The 2009-2013 plan was approved on 9 February 2009.", "9 February 2009", "contradiction", "date"),
    ("date", "The first national plan was endorsed in 2005.", "2005", "contradiction", "date"),
    ("cumulative", "There were 1,078 trafficking cases in the decade to 2014.", "1,078", "contradiction",
     "cumulative"),
    ("cumulative", "By 2016 the victims identified since 2004 numbered 550.", "550", "contradiction", "cumulative"),
    ("parts", "In 2014, 26 people were prosecuted: 18 women and 9 men.", "9", "contradiction", "parts"),
    ("parts", "In 2019, 40 victims were identified: 30 women and 12 men.", "12", "contradiction", "parts"),
    ("parts", "In 2019, 40 victims were identified, and 45 of them were sheltered.", "45", "contradiction",
     "parts"),
    ("percent", "Of the 54 victims identified in 2014, 20 percent were men.", "20 percent", "contradiction",
     "percent"),
    ("percent", "21 traffickers were sentenced out of 26 prosecuted, a rate of about 90 percent.", "90 percent",
     "contradiction", "percent"),
    ("period", "In 2016, the 53 victims were paid a one-time allowance.", "53", "contradiction", "period"),
]  # fmt: skip

PASS = [
    ("value", "In 2014, 24 victims found jobs.", "24", "match", None),
    ("value", "Nearly 500 traffickers were brought to justice over the past 12 years.", "Nearly 500", "match",
     None),
    ("value", "The government allocated about $300,000 to victims in 2014.", "about $300,000", "match", None),
    ("date", "In the summer of 2014 the president approved the 2014-2018 plan.", "the summer of 2014", "match",
     None),
    ("date", "The State Department has published its report since 2001.", "2001", "unsourced", None),
    ("cumulative", "Over the past 12 years, 761 victims were identified.", "761", "match", None),
    ("parts", "In 2014, 54 victims were identified (51 women and 3 men).", "3", "match", None),
    # subsets ("N of them") may overlap: only a subset larger than its whole is wrong
    ("parts", "In 2019, 40 victims were identified, and 30 of them were sheltered and 25 of them received "
     "legal aid.", "25", "unsourced", None),
    ("percent", "Women: 51 (94%) of the victims identified in 2014.", "94%", "match", None),
    ("percent", "Turkey alone accounted for about 69% of all victims identified in 2014.", "69%", "match", None),
    ("period", "In 2019, 40 victims were paid an allowance.", "40", "unsourced", None),
]  # fmt: skip

PUBLISHED = "---\ndate: 2017-07-01\n---\n"


@pytest.fixture(scope="module")
def verifier() -> engine.Verifier:
    return engine.Verifier(registry.load(ROOT))


def verdict(verifier: engine.Verifier, text: str, figure: str) -> tuple[str, str | None]:
    draft = document.from_text("example.md", PUBLISHED + text)
    report = verifier.verify(draft)
    at = draft.text.index(figure)
    hits = [f for f in report.findings if f.start < at + len(figure) and at < f.end]
    assert hits, f"no finding for {figure!r} in {text!r}: {[f.figure.quote for f in report.findings]}"
    return hits[0].status, hits[0].check


@pytest.mark.parametrize(("check", "text", "figure", "status", "check_id"), FAIL + PASS)
def test_examples(verifier, check: str, text: str, figure: str, status: str, check_id: str | None) -> None:
    assert verdict(verifier, text, figure) == (status, check_id)


def test_every_check_has_examples_and_docs() -> None:
    for check in checks.ALL:
        assert any(row[0] == check.id for row in FAIL), f"{check.id} has no should-fail example"
        assert any(row[0] == check.id for row in PASS), f"{check.id} has no should-pass example"
        assert check.doc.strip() and "Fails:" in check.doc and "Passes:" in check.doc


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
