"""Extraction by table: one row per phrasing the sources and drafts use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tipcheck.figures import extract
from tipcheck.model import Period

# (text, quote expected, kind, value, unit, qualifier)
PHRASINGS = [
    ("It has been received 13216 requests", "13216", "count", 13216, "requests", "exact"),
    ("Out of 26,916 criminal cases in 2015", "26,916", "count", 26916, "cases", "exact"),
    ("a total of 13\u00a0216 calls", "13\u00a0216", "count", 13216, "calls", "exact"),
    ("Six of them were provided with legal assistance", "Six", "count", 6, None, "exact"),
    ("twenty-four victims found jobs", "twenty-four", "count", 24, "victims", "exact"),
    ("50 women and one girl were victims", "one", "count", 1, "girls", "exact"),
    ("35 women and three men", "three", "count", 3, "men", "exact"),
    ("one hundred and five criminal facts", "one hundred and five", "count", 105, "facts", "exact"),
    (
        "approximately 27 million individuals",
        "approximately 27 million",
        "count",
        27_000_000,
        "persons",
        "approximately",
    ),
    ("As many as 486 traffickers", "486", "count", 486, "traffickers", "exact"),
    ("nearly 500 traffickers", "nearly 500", "count", 500, "traffickers", "approximately"),
    ("more than 50 victims", "more than 50", "count", 50, "victims", "more than"),
    ("at least 20 cases", "at least 20", "count", 20, "cases", "at least"),
    ("a one-time allowance of 400 manats (approximately $380)", "400 manats", "money", 400, "AZN", "exact"),
    (
        "a one-time allowance of 400 manats (approximately $380)",
        "approximately $380",
        "money",
        380,
        "USD",
        "approximately",
    ),
    (
        "allocated 314,330 manats (approximately $298,500)",
        "approximately $298,500",
        "money",
        298500,
        "USD",
        "approximately",
    ),
    ("allocated 314,330 manats", "314,330 manats", "money", 314330, "AZN", "exact"),
    ("a budget of AZN 1.2 million", "AZN 1.2 million", "money", 1_200_000, "AZN", "exact"),
    ("decrease of victims for 28.2 percent", "28.2 percent", "percent", Decimal("28.2"), "percent", "exact"),
    ("fell by 28.2%", "28.2%", "percent", Decimal("28.2"), "percent", "exact"),
    ("less than one percent of crimes", "less than one percent", "percent", 1, "percent", "less than"),
    ("decrease of crimes for 3.9 times", "3.9 times", "ratio", Decimal("3.9"), "times", "exact"),
    ("a 3.9-fold fall", "3.9-fold", "ratio", Decimal("3.9"), "times", "exact"),
    ("On May 28, 2009, the ministry", "May 28, 2009", "date", "2009-05-28", None, "exact"),
    ("raids of 28 May 2009 in Baku", "28 May 2009", "date", "2009-05-28", None, "exact"),
    (
        "Decree No 1938 of 27 December, 2011, ensuring",
        "27 December, 2011",
        "date",
        "2011-12-27",
        None,
        "exact",
    ),
    ("Decision No. 37 dated by 06.02.2014;", "06.02.2014", "date", "2014-02-06", None, "exact"),
    ("the law dated to 17.10.2014;", "17.10.2014", "date", "2014-10-17", None, "exact"),
    ("approved on 2009-02-06 by decree", "2009-02-06", "date", "2009-02-06", None, "exact"),
    ("Feb. 6, 2009 was the date", "Feb. 6, 2009", "date", "2009-02-06", None, "exact"),
    ("activities were implemented on May 2014 by the ministry", "May 2014", "date", "2014-05", None, "exact"),
    ("the raids of late May 2009 were", "late May 2009", "date", "2009-05", None, "exact"),
    ("July 30 marks the annual World Day", "July 30", "date", "--07-30", None, "exact"),
    ("the plan for 2009 - 2013 approved", "2009 - 2013", "range", (2009, 2013), "years", "exact"),
    ("the plan for 2014 \u2013 2018 approved", "2014 \u2013 2018", "range", (2014, 2018), "years", "exact"),
    ("the 2014-18 plan", "2014-18", "range", (2014, 2018), "years", "exact"),
    ("15 victims are 18-25 years old", "18-25 years old", "range", (18, 25), "years old", "exact"),
    ("work between 2004 and 2014 was", "between 2004 and 2014", "range", (2004, 2014), "years", "exact"),
    (
        "in the summer of 2014 the decree",
        "the summer of 2014",
        "range",
        ("2014-06", "2014-08"),
        None,
        "exact",
    ),
    ("remains on Tier 2 for the third consecutive year", "third", "ordinal", 3, "consecutive", "exact"),
    ("remains on Tier 2 for the third consecutive year", "Tier 2", "tier", "Tier 2", "tier", "exact"),
    (
        "was placed on the Tier 2 Watch List",
        "Tier 2 Watch List",
        "tier",
        "Tier 2 Watch List",
        "tier",
        "exact",
    ),
    ("included in the second category of states", "second category", "tier", "Tier 2", "tier", "exact"),
    ("The previous year was the 10th year anniversary", "10th", "ordinal", 10, "year", "exact"),
    ("included to the 2nd class of countries", "2nd", "ordinal", 2, "class", "exact"),
    ("within 6 months of 2014", "6 months", "duration", 6, "months", "exact"),
    (
        "The work has gone on for more than 12 years.",
        "more than 12 years",
        "duration",
        12,
        "years",
        "more than",
    ),
    ("over a dozen years", "over a dozen years", "duration", 12, "years", "more than"),
    ("it took a dozen years", "a dozen years", "duration", 12, "years", "exact"),
    ("the history started back in 1996.", "1996", "year", "1996", None, "exact"),
]


@pytest.mark.parametrize(("text", "quote", "kind", "value", "unit", "qualifier"), PHRASINGS)
def test_phrasing(text: str, quote: str, kind: str, value: object, unit: str | None, qualifier: str) -> None:
    found = {f.quote: f for f in extract.figures(text)}
    assert quote in found, f"{quote!r} not found in {sorted(found)}"
    fig = found[quote]
    assert text[fig.start : fig.end] == quote
    assert (fig.kind, fig.value, fig.qualifier) == (kind, value, qualifier)
    assert fig.unit == unit


NOT_FIGURES = [
    "approved with the Decree No. 667 of the President",
    "with the Decision No. 37 of the Cabinet of Ministers",
    "based on the Law No. 1066-IVQD",
    "According to the Article 7.5 of the Law",
    "in accordance with the Articles 171, 243 and 244, were wanted",
    "approved with the Decree N 133 of the President",
    "1. The Program on social rehabilitation",
    "## 3. What the plan says",
    "The briefing starts at 10:30 a.m. sharp",
    "Call the hotline on +994 12 590 88 44 today",
    "see page 12 of the report",
    "read https://example.org/report-2014/table-3 online",
    "Human trafficking is one of the most immoral crimes",
    "no one nation can solve alone",
    "a one-time allowance",
    "performed first time at the theatre",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    assert [f.quote for f in extract.figures(text)] == []


def test_scoping_year_becomes_period_not_figure() -> None:
    figs = extract.figures("In 2014, 54 persons were revealed as victims.")
    assert [f.quote for f in figs] == ["54"]
    assert figs[0].period == Period("2014", "2014")


def test_since_is_a_cumulative_window() -> None:
    figs = extract.figures("3 men have been recognized as forced into labor since 2014.", published="2015")
    assert figs[0].period == Period("2014", "2015", cumulative=True)


def test_past_years_window_resolves_against_publication() -> None:
    text = "As many as 486 traffickers were brought to justice over the past 12 years."
    fig = next(f for f in extract.figures(text, published="2017") if f.value == 486)
    assert fig.period == Period("2005", "2016", cumulative=True)


def test_these_years_after_anniversary() -> None:
    text = (
        "The previous year was the 10th year anniversary of combating trafficking.\n"
        "During these years 684 crimes were registered."
    )
    fig = next(f for f in extract.figures(text, published="2015") if f.value == 684)
    assert fig.period == Period("2005", "2014", cumulative=True)


def test_breakdown_in_parentheses_links_parts() -> None:
    text = "26 persons (18 women and 8 men) were brought to criminal responsibility."
    figs = extract.figures(text)
    whole = next(i for i, f in enumerate(figs) if f.value == 26)
    assert [f.value for f in figs if f.part_of == whole] == [18, 8]


def test_of_the_whole_links_part() -> None:
    figs = extract.figures("54 victims were identified. Of those, 36 (of the 54) were sent to NGOs.")
    part = next(f for f in figs if f.value == 36)
    assert part.part_of is not None and figs[part.part_of].value == 54


def test_decree_number_kept_as_ref_of_its_date() -> None:
    figs = extract.figures("approved with the Decree No. 667 of the President dated to July 24, 2014.")
    assert [(f.quote, f.ref) for f in figs] == [("July 24, 2014", "Decree No. 667")]


def test_seeds_yield_figures_whose_quotes_match(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        figs = extract.figures(text)
        assert figs, name
        for fig in figs:
            assert text[fig.start : fig.end] == fig.quote


def test_a_window_beside_a_count_is_its_period_and_a_figure() -> None:
    text = "For more than 12 years 1,078 criminal cases were investigated."
    figs = extract.figures(text, published="2017-06")
    assert [(f.quote, f.kind) for f in figs] == [("more than 12 years", "duration"), ("1,078", "count")]
    assert figs[1].period == Period("2005", "2016", True)


def test_window_to_a_year_and_range_scopes() -> None:
    figs = extract.figures("There were 684 crimes in the decade to 2014.", document_period=False)
    assert [(f.quote, f.period) for f in figs] == [("684", Period("2005", "2014", True))]
    figs = extract.figures("Between 2004 and 2014, 583 victims were identified.", document_period=False)
    assert [(f.quote, f.period) for f in figs] == [("583", Period("2004", "2014", True))]
    figs = extract.figures("By 2016 the victims identified since 2004 numbered 550.", document_period=False)
    assert [(f.quote, f.period) for f in figs] == [("550", Period("2004", "2016", True))]


def test_an_event_year_is_a_figure_not_a_scope() -> None:
    figs = extract.figures(
        "The first plan was endorsed in 2005 and 29 bodies joined it.", document_period=False
    )
    assert ("2005", "year") in [(f.quote, f.kind) for f in figs]


def test_colon_and_of_which_breakdowns_link_parts() -> None:
    figs = extract.figures("26 people prosecuted: 18 women and 9 men.")
    assert [f.part_of for f in figs] == [None, 0, 0]
    figs = extract.figures("13,216 requests, of which 28 on trafficking and 13,188 on other issues.")
    assert [f.part_of for f in figs] == [None, 0, 0]


def test_a_term_of_years_or_hours_is_one_range() -> None:
    from tipcheck.figures import extract as extractor

    text = "penalties of six to 12 years' imprisonment, or 20 to 40 hours of work; victims aged 18 to 25 years old"
    found = [(f.quote, f.kind, f.value, f.unit) for f in extractor.figures(text, None)]
    assert found == [
        ("six to 12 years", "range", (6, 12), "years (term)"),
        ("20 to 40 hours", "range", (20, 40), "hours (term)"),
        ("18 to 25 years old", "range", (18, 25), "years old"),
    ]


def test_two_years_joined_by_and_are_two_figures_unless_between() -> None:
    from tipcheck.figures import extract as extractor

    found = [
        (f.quote, f.kind)
        for f in extractor.figures("plans approved in 2009 and 2014; between 10 and 20 victims", None)
    ]
    assert found == [("2009", "year"), ("2014", "year"), ("between 10 and 20", "range")]


def test_an_email_address_is_no_figure_and_its_pattern_is_bounded() -> None:
    from tipcheck.figures import blockers

    text = "Write to info2014@iom.int or x.y-2015@mia.gov.az today."
    assert [text[a:b] for a, b in blockers.blocked_spans(text)] == ["info2014@iom.int", "x.y-2015@mia.gov.az"]
    assert blockers.blocked_spans("-".join(["2014"] * 50)) == []  # no address: nothing blocked
