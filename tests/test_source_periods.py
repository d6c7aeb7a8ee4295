"""Periods that sources state in passing: a dated event's year, a list of years, the year
before the sentence's. Each row is a sentence of the kind TIP narratives and news copy
write, with the period its figure must get (None for a figure that must not be one)."""

from __future__ import annotations

import pytest

from tipcheck.figures import extract
from tipcheck.model import Period

Y = Period


@pytest.mark.parametrize(
    ("text", "published", "quote", "period"),
    [
        # a dated event's year is the year of what its clause counts
        (
            "The opening flight, on 30 May 2019, brought back 156 citizens.",
            "2021-06",
            "156",
            Y("2019", "2019"),
        ),
        ("A fifth flight, on 30 April 2021, flew home 24 women.", "2021-06", "24", Y("2021", "2021")),
        (
            "By the end of September 2020 the ministry employed 15 coordinators.",
            "2022-07",
            "15",
            Y("2020", "2020"),
        ),
        # ... but not the figures of another clause
        (
            "Police rescued 12 victims in 2020; the law was signed on 3 May 2019.",
            "2021",
            "12",
            Y("2020", "2020"),
        ),
        # a list of years is one span, over which its clause counts
        (
            "None was foreign, and the authorities did not identify any child victims in 2016, 2017 or 2018.",
            "2019",
            "did not identify any child victims",
            Y("2016", "2018", True),
        ),
        ("In 2016 and 2017, courts convicted 40 traffickers.", None, "40", Y("2016", "2017", True)),
        # ... unless each figure has its own
        (
            "Courts convicted 40 and 52 traffickers in 2016 and 2017 respectively.",
            None,
            "40",
            Y("2016", "2016"),
        ),
        (
            "Courts convicted 40 and 52 traffickers in 2016 and 2017 respectively.",
            None,
            "52",
            Y("2017", "2017"),
        ),
        # a window up to the middle of a year began in the middle of one
        (
            "In the 12 years up to mid-2017 Azerbaijan investigated 1,078 cases.",
            "2019",
            "1,078",
            Y("2005", "2017", True),
        ),
        (
            "In the 12 years up to 2017 Azerbaijan investigated 1,078 cases.",
            "2019",
            "1,078",
            Y("2006", "2017", True),
        ),
        # the figure's own year, past a colon, beats the date of the telling
        (
            "Statistics presented in January 2021 count crimes: they show 74 such crimes in 2020.",
            "2021-06",
            "74",
            Y("2020", "2020"),
        ),
        # the year before the sentence's
        ("Police identified 98 victims in 2018, up from 71 a year earlier.", "2019", "71", Y("2017", "2017")),
        (
            "Police identified 98 victims in 2018, up from 71 the year before.",
            "2019",
            "71",
            Y("2017", "2017"),
        ),
    ],
)
def test_a_stated_period(text: str, published: str | None, quote: str, period: Period | None) -> None:
    figs = {f.quote: f for f in extract.figures(text, published)}
    assert quote in figs, sorted(figs)
    assert figs[quote].period == period


@pytest.mark.parametrize(
    ("text", "not_a_claim"),
    [
        ("By the end of September 2020 the ministry employed 15 coordinators.", "September 2020"),
        ("The authorities did not identify any child victims in 2016, 2017 or 2018.", "2017"),
        ("In the 12 years up to mid-2017 Azerbaijan investigated 1,078 cases.", "2017"),
        ("Anyone can call the ministry's hotline or the unified emergency number 112.", "112"),
        ("Where the offence is committed against two or more people, the law provides more.", "two"),
        ("The government did not report how many victims it referred in 2021.", "2021"),
        ("By spring 2021 four such operations had returned 438 women and children.", "2021"),
    ],
)
def test_a_time_that_only_scopes_is_no_figure(text: str, not_a_claim: str) -> None:
    assert not_a_claim not in [f.quote for f in extract.figures(text, "2019")]


def test_an_event_date_stays_a_figure_while_it_scopes() -> None:
    quotes = [
        f.quote for f in extract.figures("The opening flight, on 30 May 2019, brought back 156 citizens.")
    ]
    assert "30 May 2019" in quotes


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("None of the victims identified in 2018 was a foreign national.", "None of the victims"),
        (
            "In 2019 it had not identified a single foreign victim.",
            "had not identified a single foreign victim",
        ),
        ("The government has not prosecuted any officials.", "has not prosecuted any officials"),
    ],
)
def test_a_zero_said_in_words(text: str, quote: str) -> None:
    from tipcheck.figures import zeros

    found = [(text[c.start : c.end], c.value) for c in zeros.candidates(text, [])]
    assert (quote, 0) in found


def test_only_one_of_them_is_a_count() -> None:
    figs = extract.figures("Only one of the victims was trafficked inside the country.")
    assert [(f.quote, f.value) for f in figs] == [("Only one", 1)]  # "only" is its hedge
    assert extract.figures("One of the main routes runs through Georgia.") == []
