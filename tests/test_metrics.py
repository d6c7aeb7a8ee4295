"""Proposed metrics and ids: each read from a figure's clause by rules over its words."""

from __future__ import annotations

import pytest

from tipcheck.figures import extract
from tipcheck.registry import propose, tidy

PUBLISHED = "2021-07-01"


def _metrics(text: str, source: str = "moldova-tip-2021.txt") -> dict[str, str]:
    found = propose.claims(extract.figures(text, PUBLISHED), text, source, PUBLISHED)
    return {c["quote"]: c["metric"] for c in found}


def test_a_count_names_its_noun_its_verb_and_its_agent() -> None:
    text = "In 2020, authorities identified 138 trafficking victims, down from 341 in 2019."
    assert _metrics(text) == {
        "138": "trafficking victims identified by authorities",
        "341": "trafficking victims identified by authorities",  # compared: the metric it is compared with
    }


def test_a_breakdowns_parts_name_the_part_and_the_measure_of_the_whole() -> None:
    text = (
        "In 2020, authorities conducted 65 investigations (35 for sex trafficking and 30 for labour "
        "trafficking). Courts convicted 32 traffickers (22 for sex trafficking, 10 for labour trafficking)."
    )
    got = _metrics(text)
    assert got["35"] == "sex trafficking investigations conducted by authorities"
    assert got["30"] == "labour trafficking investigations conducted by authorities"
    # people are not "sex trafficking traffickers": the part says what they were convicted for
    assert got["22"] == "traffickers convicted for sex trafficking by courts"


def test_it_is_the_subject_of_the_sentence_before_and_were_says_what_a_part_was() -> None:
    text = (
        "The government maintained protection efforts. It identified five victims in 2018 (12 in 2017): "
        "three were sex trafficking victims and two were victims of forced begging."
    )
    got = _metrics(text)
    assert got["five"] == got["12"] == "victims identified by the government"
    assert got["three"] == "sex trafficking victims identified by the government"
    assert got["two"] == "victims of forced begging identified by the government"


def test_a_passive_after_the_noun_and_a_gapped_agent() -> None:
    text = (
        "All five victims identified in 2018 were recognised by law enforcement (in 2017, law "
        "enforcement had recognised eight and the Permanent Group four)."
    )
    got = _metrics(text)
    assert got["five"] == got["eight"] == "victims recognised by law enforcement"
    assert got["four"] == "victims recognised by the Permanent Group"


def test_a_complement_and_a_second_verb_of_the_same_subject() -> None:
    text = (
        "During the year, the government ran several campaigns. It funded and operated two hotlines, "
        "and referred 18 calls to law enforcement for investigation; three of these calls led to prosecutions."
    )
    got = _metrics(text)
    assert got["two"] == "hotlines funded and operated by the government"
    assert got["18"] == "calls referred to law enforcement for investigation by the government"
    assert got["three"] == "calls that led to prosecutions"


def test_a_tier_and_its_consecutive_years_name_the_country() -> None:
    text = "Azerbaijan therefore remained on Tier 2 Watch List for the second consecutive year."
    got = _metrics(text, "azerbaijan-tip-2020.txt")
    assert got["Tier 2 Watch List"] == "Azerbaijan's tier in the US Trafficking in Persons Report"
    assert got["second"] == "consecutive years Azerbaijan has been on Tier 2 Watch List"


def test_a_span_of_years_is_the_period_of_its_plan_with_an_acronym_spelled_out() -> None:
    text = (
        "It continued to carry out the 2018-2020 national action plan (NAP). The Permanent "
        "Secretariat began drafting a 2021-2023 NAP."
    )
    got = _metrics(text)
    assert got["2018-2020"] == "period of the national action plan 2018-2020 carried out"
    assert (
        got["2021-2023"]
        == "period of the national action plan 2021-2023 being drafted by the Permanent Secretariat"
    )


@pytest.mark.parametrize(
    ("text", "quote", "metric"),
    [
        (
            "Azerbaijan ratified the Lanzarote Convention in 2019.",
            "2019",
            "Lanzarote Convention ratified by Azerbaijan",
        ),
        ("The referral strategy that governed identification had expired in 2016.", "2016", "referral strategy expired"),
        ("The government did not adopt its 2019-2023 national action plan.", "2019-2023",
         "period of the national action plan 2019-2023 not adopted by the government"),
    ],
)  # fmt: skip
def test_a_date_names_its_event(text: str, quote: str, metric: str) -> None:
    assert _metrics(text)[quote] == metric


def test_terms_are_penalties_and_deadlines() -> None:
    text = (
        "Article 168 separately criminalised forced labour, punishable by up to three years' imprisonment. "
        "Procedures obliged first responders to send potential victims to the ATD within 24 hours."
    )
    got = _metrics(text)
    assert got["up to three years"] == "maximum prison penalty for forced labour under Article 168"
    assert got["24"] == "deadline to send potential victims to the ATD"


def test_a_zero_and_a_fall_in_per_cent() -> None:
    text = (
        "The government did not report investigating or prosecuting a single complicit official. "
        "Committee members noted that the number of identified victims fell by 50 per cent in 2020, to 139 people."
    )
    got = _metrics(text)
    assert got["did not report investigating or prosecuting a single complicit official"] == (
        "complicit officials investigated or prosecuted"
    )
    assert got["50 per cent"] == "decrease in the number of identified victims"
    assert got["139"] == "identified victims"


def test_ids_are_country_and_year_then_the_metric_unique_within_the_file() -> None:
    text = "MOLDOVA: Tier 2\n\nIn 2020, authorities identified 138 victims, down from 341 in 2019."
    found = propose.claims(extract.figures(text, PUBLISHED), text, "01-moldova-tip-2021.txt", PUBLISHED)
    assert [c["id"] for c in found] == [
        "moldova2021-tier-trafficking-persons",
        "moldova2021-victims-identified-authorities",
        "moldova2021-victims-identified-authorities-2",
    ]
    # no country in the file name: the first the text names; no date: no year
    text = "Georgia remained on Tier 1."
    found = propose.claims(extract.figures(text, None), text, "report.txt", None)
    assert [c["id"] for c in found] == ["georgia-tier-trafficking-persons"]


@pytest.mark.parametrize(
    ("metric", "clean"),
    [
        ("labour exploitation exploitation cases", "labour exploitation cases"),  # a word twice in a row
        (
            "grants to shelters awarded to shelters by the ministry",
            "grants to shelters awarded by the ministry",
        ),
        ("raids carried out by police and", "raids carried out by police"),  # no function word at the end
        ("of the inspections", "inspections"),  # nor at the start
        ("boats inspected for inspected", "boats inspected"),
        ("members of the board of the fund", "members of the board of the fund"),  # "of the" may recur
    ],
)
def test_a_metric_never_doubles_words_nor_ends_on_a_function_word(metric: str, clean: str) -> None:
    assert tidy.clean(metric) == clean


def test_a_bare_noun_is_left_bare_rather_than_given_another_figures_verb() -> None:
    text = "The shelter, renovated in 2015, can house 60 people; 24 victims found jobs."
    assert _metrics(text)["60"].split()[-1] not in ("renovated", "found")


@pytest.mark.parametrize(
    ("text", "quote", "metric"),
    [
        # a reduced passive after the noun says where; an active past keeps its "that"
        ("One victim exploited in Georgia was a man.", "One", "victims exploited in Georgia"),
        (
            "In 2020 the hotline received 40 calls; three calls led to prosecutions.",
            "three",
            "calls that led to prosecutions",
        ),
        # a relative clause's object
        (
            "The 1.8 million people who picked cotton in 2020 worked freely.",
            "1.8 million",
            "people who picked cotton",
        ),
        # "48 of them women": the part is the women
        (
            "The flight brought back 156 citizens, 48 of them women.",
            "48",
            "women among citizens brought back by the flight",
        ),
        # one verb for two joined figures
        (
            "In 2021 coordinators assisted eight victims and 10 witnesses.",
            "10",
            "witnesses assisted by coordinators",
        ),
        # a verb with its particle
        ("In April 2021 the flight flew home 24 women.", "24", "women flown home by the flight"),
        # a clause's adverb is no part of what is counted
        (
            "The government slightly increased protection efforts. It identified four victims in 2021.",
            "four",
            "victims identified by the government",
        ),
        # "a year earlier" says when, not what: the metric is the one it is compared with
        (
            "In 2018 authorities identified 98 victims, up from 71 a year earlier.",
            "71",
            "victims identified by authorities",
        ),
    ],
)
def test_a_clause_read_as_a_reviewer_would(text: str, quote: str, metric: str) -> None:
    assert _metrics(text)[quote] == metric


def test_penalties_of_one_sentence_name_their_offence_and_article() -> None:
    text = (
        "Article 128 makes trafficking in adults punishable by four to seven years' imprisonment, "
        "rising to nine to 12 years when a victim is moved abroad, and Article 135 sets five to nine "
        "years for trafficking in minors."
    )
    got = _metrics(text)
    assert got["four to seven years"] == "prison penalty for trafficking in adults under Article 128"
    assert got["nine to 12 years"] == (
        "prison penalty for trafficking in adults under Article 128 when a victim is moved abroad"
    )
    assert got["five to nine years"] == "prison penalty for trafficking in minors under Article 135"


@pytest.mark.parametrize(
    ("text", "quote", "metric"),
    [
        # a reduced relative after a comma dates the noun phrase before it
        (
            "He cited the latest UN global report, published in 2019, on victims.",
            "2019",
            "latest UN global report published",
        ),
        # "which was set up": the whole name before the comma, and the verb with its particle
        (
            "Victims go to the Main Department on Combating Trafficking in Human Beings, which was set up on 1 August 2016.",
            "1 August 2016",
            "Main Department on Combating Trafficking in Human Beings set up",
        ),
    ],
)
def test_what_a_date_dates(text: str, quote: str, metric: str) -> None:
    assert _metrics(text)[quote] == metric


def test_an_ngo_reporting_what_it_identified_and_its_parts() -> None:
    text = "An NGO working in the field reported identifying 200 victims, 193 of them in forced labour."
    got = _metrics(text)
    assert got["200"] == "victims identified by an NGO"
    assert got["193"] == "victims identified in forced labour by an NGO"
