"""`tipcheck audit`: the inconsistencies inside the five sources, and each check's examples.

THE LIST, written from reading the sources before the checks were written (my reading in
the registry's notes; an independent reading by a helper who saw only the
sources, kept in eval/audit/independent-review.md). What the audit must report:

warnings (an inconsistency that may have an explanation)
  1. 003 l.45: "17 countries", then a list of 10.                              lists
  2. 003 l.63: "— of them were provided with medical assistance": blank.      gaps
  3. 003 l.65: 37 + 8 + 6 = 51 victims sent abroad, and "51 victims (all are
     female) to sexual exploitation within the country".                      recorded
  4. 001 l.23/27 vs 003 l.53: 54 = 50 women + one girl + 3 men vs 51 women +
     3 men; reconcilable if the girl is among the 51 women.                   breakdowns
  5. ... but 003 l.66 puts all 54 in age brackets from 18 up: no minors,
     while 001 counts a girl (found by the independent reading).              brackets
  6. 003 l.66: brackets 18-25 and 25-35 overlap at 25.                        brackets
info (derived, for an editor to judge)
  7. 10-year (003) and 12-year (002) totals imply for 2015-2016: 394 crimes
     (266 in 2016 given 128 in 2015), 78 traffickers, 178 victims.             series x3
  8. 001: 400 manats = approximately $380 and 314,330 manats = approximately
     $298,500 imply one rate (0.950 and 0.9496 USD per manat).                derived
  9. 002: 128 of 26,916 crimes = 0.48 percent, "less than one percent".       derived
 10. 003 l.72: 333 requests about jobs abroad and 333 about study abroad.     repeats
 11. 003 l.61/63: "allocation of land parcel for 1 victim" twice.             repeats

What it must not report (checked and consistent, or different measures):
 - 105 criminal facts tracked vs 176 registered in 2014 (003): different measures
   ("tracked by operational activities" and "registered"); the independent reading
   called it a warning, this list does not, and the note says so;
 - 23 criminal cases tracked and 23 sent to court (003);
 - 001's 2014 figures against 003's (54, 38, 53, 24, 35, 36, 51): all equal;
 - every exhaustive breakdown (sex, age, education, exploitation, hotline, facts,
   wanted persons, prosecuted persons) adds up;
 - "started back in 1996" and the 10th anniversary in 2014: 001 itself names both
   the 1996 start and the 2004 plan, so the two are reconciled in the text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tipcheck import audit
from tipcheck.model import Claim, Period, Registry
from tipcheck.registry import load as registry

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = {
    ("lists", "warning", ("mia2014-events-countries",)),
    ("gaps", "warning", ("mia2014-potential-medical",)),
    ("recorded", "warning", ("mia2014-sexual-exploitation-victims", "mia2014-destination-turkey")),
    ("breakdowns", "warning", ("tip2015-victims-identified", "mia2014-victims-identified")),
    ("brackets", "warning", ("tip2015-victims-girls", "mia2014-victims-identified")),
    ("brackets", "warning", ("mia2014-age-18-25", "mia2014-age-25-35")),
    ("series", "info", ("tip2017-cases-12y", "mia2014-crimes-10y")),
    ("series", "info", ("tip2017-traffickers-12y", "mia2014-traffickers-10y")),
    ("series", "info", ("tip2017-victims-12y", "mia2014-victims-10y")),
    ("derived", "info", ("tip2015-allowance-usd", "tip2015-allowance-azn")),
    ("derived", "info", ("tip2017-trafficking-share-of-crime", "tip2017-trafficking-crimes-2015")),
    ("repeats", "info", ("mia2014-hotline-jobs-abroad", "mia2014-hotline-study-abroad")),
    ("repeats", "info", ("mia2014-aid-land", "mia2014-potential-land-victim")),
}


@pytest.fixture(scope="module")
def bundled() -> list[audit.Issue]:
    return audit.run(registry.load(ROOT))


def test_the_audit_reports_exactly_the_list(bundled) -> None:
    found = {(i.check, i.severity, tuple(c.id for c in i.claims[:2])) for i in bundled}
    assert found == EXPECTED


def test_no_errors_in_the_bundled_sources(bundled) -> None:
    # Nothing in the five documents is impossible; everything listed may have an explanation.
    assert [i for i in bundled if i.severity == "error"] == []


def test_the_implied_figures(bundled) -> None:
    derived = {c.id: dict(i.derived) for i in bundled if i.check == "series" for c in i.claims[:1]}
    assert derived["tip2017-cases-12y"] == {"implied for 2015-2016": "394", "implied for 2016": "266"}
    assert derived["tip2017-traffickers-12y"] == {"implied for 2015-2016": "78"}
    assert derived["tip2017-victims-12y"] == {"implied for 2015-2016": "178"}


def test_the_reconciliation_is_spelled_out(bundled) -> None:
    (issue,) = [i for i in bundled if i.check == "breakdowns"]
    assert (
        "reconcilable if 'one girl' of 001 line 23 is counted among the '51 women' of 003 line 53"
        in issue.message
    )


def test_every_check_has_documentation_and_a_unique_id() -> None:
    ids = [c.id for c in audit.ALL]
    assert len(ids) == len(set(ids))
    for check in audit.ALL:
        assert check.summary and len(check.doc.split()) > 40, check.id  # what it reports, with examples


# --- should-fail and should-pass rows, on small registries built here ---------------------------
#
# A should-fail row is a registry on which the check reports (for `series`, `derived` and
# `repeats` that may be info, what they exist to report), with what it must report; a
# should-pass row is one on which it reports nothing.

TEXT = "x" * 400


def claim(cid: str, value, *, file: str = "seeds/a.txt", unit: str = "victims", kind: str = "count",
          period: tuple[str, str, bool] | None = ("2014", "2014", False), quote: str | None = None,
          start: int = 0, **kw) -> Claim:  # fmt: skip
    quote = quote if quote is not None else f"{value} {unit}"
    return Claim(id=cid, kind=kind, value=value, unit=unit, qualifier=kw.pop("qualifier", "exact"),
                 metric=kw.pop("metric", cid), period=Period(*period) if period else None, file=file,
                 start=start, end=start + len(quote), line=1, quote=quote, **kw)  # fmt: skip


def make(*claims: Claim, texts: dict[str, str] | None = None) -> Registry:
    return Registry(root=".", docs=(), claims=claims, texts=texts or {})


def run(check: str, reg: Registry) -> list[audit.Issue]:
    return audit.run(reg, only=(check,))


Expect = Callable[[list[audit.Issue]], bool]
FailRow = tuple[str, Registry, Expect]  # (what it shows, registry, what the issues must be)
PassRow = tuple[str, Registry]


def one(expect: Callable[[audit.Issue], bool]) -> Expect:
    """Exactly one issue, and it is as expected."""
    return lambda issues: len(issues) == 1 and expect(issues[0])


def first(expect: Callable[[audit.Issue], bool]) -> Expect:
    """The first issue (the most severe) is as expected."""
    return lambda issues: expect(issues[0])


def breakdowns_rows() -> tuple[list[FailRow], list[PassRow]]:
    women = claim("f", 18, unit="women", part_of="w", dimension="sex")
    men = claim("m", 8, unit="men", part_of="w", dimension="sex")
    fail = [
        ("exhaustive, one short", make(claim("w", 27, exhaustive=("sex",)), women, men),
         first(lambda i: i.severity == "error")),
        ("more than the whole", make(claim("w", 25), women, men),
         first(lambda i: i.message.startswith("parts by sex add up to 26"))),
    ]  # fmt: skip
    passes = [
        ("adds up", make(claim("w", 26, exhaustive=("sex",)), women, men)),
        ("not exhaustive: may fall short", make(claim("w", 30), women, men)),
    ]
    a = claim("a", 54, file="seeds/1.txt", exhaustive=("sex",), same_as="b")
    b = claim("b", 54, file="seeds/2.txt", exhaustive=("sex",))

    def sexes(whole: str, file: str, **values: int) -> list[Claim]:
        return [claim(f"{whole}-{unit[0]}", n, unit=unit, part_of=whole, dimension="sex", file=file)
                for unit, n in values.items()]  # fmt: skip

    a_parts = sexes("a", "seeds/1.txt", women=50, girls=1, men=3)
    fail += [
        ("across documents, reconcilable", make(a, b, *a_parts, *sexes("b", "seeds/2.txt", women=51, men=3)),
         one(lambda i: i.severity == "warning" and "reconcilable" in i.message)),
        ("across documents, irreconcilable",
         make(a, b, *a_parts, *sexes("b", "seeds/2.txt", women=49, men=5)),
         one(lambda i: i.severity == "error" and "no merging" in i.message)),
    ]  # fmt: skip
    passes.append(
        ("across documents, the same split",
         make(a, b, *a_parts, *sexes("b", "seeds/2.txt", women=50, girls=1, men=3)))
    )  # fmt: skip
    return fail, passes


def series_rows() -> tuple[list[FailRow], list[PassRow]]:
    ten = claim("ten", 583, period=("2005", "2014", True), series="v")
    twelve = claim("twelve", 761, period=("2005", "2016", True), series="v")
    y2015 = claim("y2015", 100, period=("2015", "2015", False), series="v")
    fail = [
        ("what two windows imply", make(ten, twelve, y2015),
         one(lambda i: i.severity == "info" and dict(i.derived) == {"implied for 2015-2016": "178",
                                                                    "implied for 2016": "78"})),
        ("the longer window counts fewer",
         make(ten, claim("twelve", 500, period=("2005", "2016", True), series="v")),
         first(lambda i: i.severity == "error")),
        ("the years between count more", make(ten, twelve, claim("y2015", 200, period=("2015", "2015", False),
                                                                 series="v")),
         first(lambda i: "fewer than the 200 registered" in i.message)),
        ("a year larger than its window",
         make(ten, claim("y2014", 600, period=("2014", "2014", False), series="v")),
         first(lambda i: i.severity == "error")),
    ]  # fmt: skip
    other = claim("twelve", 100, period=("2005", "2016", True), series="w")  # another measure
    return fail, [("another measure", make(ten, other))]


def restated_rows() -> tuple[list[FailRow], list[PassRow]]:
    b = claim("b", 54, file="seeds/2.txt")
    s1 = claim("s1", 486, series="t", period=("2005", "2016", True))
    fail = [
        ("a restatement with another value", make(claim("a", 55, file="seeds/1.txt", same_as="b"), b),
         one(lambda i: i.severity == "error" and "54" in i.message and "55" in i.message)),
        ("one series, one window, two values",
         make(s1, claim("s2", 468, series="t", period=("2005", "2016", True), file="seeds/2.txt")),
         first(lambda i: i.severity == "error")),
        ("a revision", make(s1, claim("s2", 468, series="t", period=("2005", "2016", True), supersedes="s1")),
         first(lambda i: i.severity == "info")),
    ]  # fmt: skip
    approx = claim("a", 55, file="seeds/1.txt", same_as="b", qualifier="approximately", quote="about 55")
    passes = [
        ("the same value", make(claim("a", 54, file="seeds/1.txt", same_as="b"), b)),
        ('"about 55" is 54, given its hedge', make(approx, b)),
    ]
    return fail, passes


def brackets_rows() -> tuple[list[FailRow], list[PassRow]]:
    whole = claim("w", 54, exhaustive=("age",))
    young = claim("y", 15, part_of="w", dimension="age", metric="victims aged 18-24")
    mid = claim("m", 30, part_of="w", dimension="age", metric="victims aged 25-35")
    old = claim("o", 9, part_of="w", dimension="age", metric="victims aged over 35")
    overlapping = claim("y", 15, part_of="w", dimension="age", metric="victims aged 18-25")
    other = claim("x", 54, file="seeds/2.txt", same_as="w", exhaustive=("sex",))
    girl = claim("g", 1, unit="girls", part_of="x", dimension="sex", file="seeds/2.txt", quote="one girl")
    boy_free = claim("g", 1, unit="women", part_of="x", dimension="sex", file="seeds/2.txt")
    fail = [
        ("brackets overlap", make(whole, overlapping, mid, old), one(lambda i: "overlap at 25" in i.message)),
        ("a girl where the ages leave no minors", make(whole, young, mid, old, other, girl),
         one(lambda i: "leaving no minors" in i.message)),
    ]  # fmt: skip
    passes = [
        ("brackets that meet", make(whole, young, mid, old)),
        ("no minor elsewhere", make(whole, young, mid, old, other, boy_free)),
    ]
    return fail, passes


def lists_rows() -> tuple[list[FailRow], list[PassRow]]:
    text = (
        "held in 3 countries (US, Austria and France) and 2 victims (all are foreigners, 1 man and 1 woman)"
    )

    def countries(n: int) -> Claim:
        return claim("c", n, unit="countries", quote="3 countries", start=text.index("3 countries"))

    two = claim("v", 2, quote="2 victims", start=text.index("2 victims"))
    selection = text.replace("(US,", "(including US,")
    fail = [
        ("a list shorter than its count", make(countries(4), texts={"seeds/a.txt": text}),
         one(lambda i: i.severity == "warning" and "names only 3" in i.message)),
        ("a list longer than its count", make(countries(2), texts={"seeds/a.txt": text}),
         first(lambda i: i.severity == "error")),
    ]  # fmt: skip
    passes = [
        ("a list of its count, and a parenthesis that describes",
         make(countries(3), two, texts={"seeds/a.txt": text})),
        ("a selection says so", make(countries(4), texts={"seeds/a.txt": selection})),
    ]  # fmt: skip
    return fail, passes


def derived_rows() -> tuple[list[FailRow], list[PassRow]]:
    part, whole = claim("p", 128), claim("w", 26916)
    share = claim("s", 1, kind="percent", unit="percent", qualifier="less than", derived_from=("p", "w"))
    wrong = claim(
        "s", Decimal("4.8"), kind="percent", unit="percent", quote="4.8 percent", derived_from=("p", "w")
    )
    azn = [claim("a1", 400, kind="money", unit="AZN"), claim("a2", 314330, kind="money", unit="AZN")]
    u2 = claim("u2", 298500, kind="money", unit="USD", same_as="a2", qualifier="approximately")

    def u1(value: int) -> Claim:
        return claim("u1", value, kind="money", unit="USD", same_as="a1", qualifier="approximately")

    fail = [
        ("a share that follows", make(part, whole, share),
         one(lambda i: i.severity == "info" and dict(i.derived) == {"computed": "0.48"})),
        ("a share that does not follow", make(part, whole, wrong), first(lambda i: i.severity == "error")),
        ("one exchange rate", make(*azn, u1(380), u2), first(lambda i: i.severity == "info")),
        ("two exchange rates", make(*azn, u1(480), u2),
         one(lambda i: i.severity == "warning" and "different exchange rates" in i.message)),
    ]  # fmt: skip
    rough = claim("p", 128, qualifier="approximately", quote="about 128")
    same_currency = claim("u1", 400, kind="money", unit="AZN", same_as="a1")
    passes = [
        ("a share of a hedged figure is not recomputed", make(rough, whole, share)),
        ("a restatement in the same currency is no conversion", make(azn[0], same_currency)),
    ]
    return fail, passes


def gaps_rows() -> tuple[list[FailRow], list[PassRow]]:
    ok = claim("o", 5, quote="5 victims")
    blank, later = claim("b", None, quote="—"), claim("o", 5, quote="5 victims", start=6)
    fail = [
        ("a blank figure", make(blank, later, texts={"seeds/a.txt": "— and 5 victims"}),
         lambda issues: [i.severity for i in issues] == ["warning"]),
        ("a stale quote", make(ok, texts={"seeds/a.txt": "6 victims"}),
         one(lambda i: i.severity == "error" and "stale" in i.message)),
    ]  # fmt: skip
    passes = [
        ("the quote is where the registry says", make(ok, texts={"seeds/a.txt": "5 victims"})),
        ("a later quote at its place", make(later, texts={"seeds/a.txt": "— and 5 victims"})),
    ]
    return fail, passes


def repeats_rows() -> tuple[list[FailRow], list[PassRow]]:
    said = "there was applied to the corresponding executive power body for allocation of land parcel for 1 victim"
    text = f"First paragraph: {said}. Second paragraph, about others: {said}."
    a = claim("a", 1, quote="1 victim", start=text.index("1 victim"), period=None)
    b = claim("b", 1, quote="1 victim", start=text.rindex("1 victim"), period=None)
    whole = claim("w", 1000)
    twins = [claim(f"p{i}", 333, part_of="w", dimension="subject") for i in range(2)]
    small = [claim(f"p{i}", 3, part_of="w", dimension="subject") for i in range(2)]
    fail = [
        ("the same words twice", make(a, b, texts={"seeds/a.txt": text}), lambda issues: len(issues) == 1),
        ("two parts of one value", make(whole, *twins), first(lambda i: i.severity == "info")),
    ]
    passes = [
        ("said once", make(a, texts={"seeds/a.txt": text})),
        ("small equal parts", make(whole, *small)),
    ]
    return fail, passes


def recorded_rows() -> tuple[list[FailRow], list[PassRow]]:
    a = claim("a", 51, conflicts_with=("b",), note="abroad, yet within the country")
    b = claim("b", 37)
    fail = [
        ("a recorded conflict", make(a, b),
         one(lambda i: i.severity == "warning" and "within the country" in i.message)),
    ]  # fmt: skip
    return fail, [("nothing recorded", make(claim("a", 51), b))]


ROWS = {
    "breakdowns": breakdowns_rows(),
    "series": series_rows(),
    "restated": restated_rows(),
    "brackets": brackets_rows(),
    "lists": lists_rows(),
    "derived": derived_rows(),
    "gaps": gaps_rows(),
    "repeats": repeats_rows(),
    "recorded": recorded_rows(),
}
SHOULD_FAIL = [(check, *row) for check, (fail, _) in ROWS.items() for row in fail]
SHOULD_PASS = [(check, *row) for check, (_, passes) in ROWS.items() for row in passes]


def fails_as_expected(issues: list[audit.Issue], expect: Expect) -> bool:
    return bool(issues) and expect(issues)


@pytest.mark.parametrize(
    ("check", "name", "reg", "expect"), SHOULD_FAIL, ids=[f"{r[0]}:{r[1]}" for r in SHOULD_FAIL]
)
def test_should_fail(check: str, name: str, reg: Registry, expect: Expect) -> None:
    issues = run(check, reg)
    assert fails_as_expected(issues, expect), issues


@pytest.mark.parametrize(("check", "name", "reg"), SHOULD_PASS, ids=[f"{r[0]}:{r[1]}" for r in SHOULD_PASS])
def test_should_pass(check: str, name: str, reg: Registry) -> None:
    assert run(check, reg) == []


def test_every_check_has_rows_and_docs() -> None:
    assert set(ROWS) <= {c.id for c in audit.ALL}
    for check in audit.ALL:
        fail, passes = ROWS.get(check.id, ([], []))
        assert fail, f"{check.id} has no should-fail row"
        assert passes, f"{check.id} has no should-pass row"
        assert check.doc.strip(), check.id


@pytest.mark.parametrize("check", audit.ALL, ids=lambda c: c.id)
def test_the_rows_catch_a_check_that_always_or_never_reports(check: audit.AuditCheck, monkeypatch) -> None:
    def broken(fake: Callable[[Registry], list[audit.Issue]]) -> tuple[list[str], list[str]]:
        """The should-fail and should-pass rows of this check that fail with `fake` for its run."""
        with monkeypatch.context() as m:
            m.setattr(audit, "ALL", tuple(replace(c, run=fake) if c is check else c for c in audit.ALL))
            fail, passes = ROWS[check.id]
            return ([name for name, reg, expect in fail if not fails_as_expected(run(check.id, reg), expect)],
                    [name for name, reg in passes if run(check.id, reg) != []])  # fmt: skip

    assert broken(check.run) == ([], [])
    always = broken(lambda reg: [audit.Issue(check.id, "error", "reported by the mutant", ())])
    assert always[1], f"no should-pass row of {check.id} fails when it always reports"
    never = broken(lambda reg: [])
    assert never[0], f"no should-fail row of {check.id} fails when it never reports"


# --- the command -------------------------------------------------------------------------------


def test_audit_command_text_and_exit_status(run_cli) -> None:
    result = run_cli("audit")
    assert result.exit_code == 0, result.output  # warnings and info do not fail
    assert "seeds/003_cae862d44b7c6639.txt:45:" in result.output and "warning lists" in result.output
    assert result.output.rstrip().splitlines()[-1] == "13 issues: 0 error, 6 warning, 7 info"
    assert run_cli("audit", "--strict").exit_code == 1  # warnings fail too


def test_audit_json_and_sarif(run_cli) -> None:
    data = json.loads(run_cli("audit", "-f", "json").stdout)
    assert data["summary"] == {"error": 0, "warning": 6, "info": 7}
    first = data["issues"][0]
    assert {"check", "severity", "message", "claims", "derived", "fingerprint"} <= set(first)
    assert {"id", "file", "line", "column", "quote", "value"} <= set(first["claims"][0])
    log = json.loads(run_cli("audit", "-f", "sarif").stdout)
    results = log["runs"][0]["results"]
    assert len(results) == 13 and {r["level"] for r in results} == {"warning", "note"}
    rule_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)


def test_audit_finds_an_error_in_a_broken_registry(run_cli, tmp_path: Path) -> None:
    from test_registry import CLAIM_8, CLAIM_18, CLAIM_26, HEADER
    from test_registry import make as make_registry

    root = make_registry(tmp_path, HEADER + CLAIM_26.replace("value: 26", "value: 25") + CLAIM_18 + CLAIM_8)
    result = run_cli("audit", "--registry", str(root), "-f", "plain")
    assert result.exit_code == 1
    assert "claims" not in result.stdout.split(":")[0]  # located in the source, not the claims file
    assert result.stdout.startswith("seeds/doc.txt:1:10: error breakdowns '26 persons': parts by sex add up to "
                                    "26 (18 + 8), more than the whole, 25")  # fmt: skip
