"""Claim identity: a figure is compared only with claims about the same thing, for the same
time. One test per way it went wrong on real reporting, each with a made-up example of
the same shape, run through the whole verifier against the bundled registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcheck.figures import entities, extract
from tipcheck.registry import load as registry
from tipcheck.text import document
from tipcheck.verify import engine
from tipcheck.verify.identity import Identity, pinned

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def verifier() -> engine.Verifier:
    return engine.Verifier(registry.load(ROOT))


def findings(verifier: engine.Verifier, text: str, date: str = "2017-07-01", title: str = "A draft"):
    draft = document.from_text("draft.md", f"---\ntitle: {title}\ndate: {date}\n---\n{text}\n")
    report = verifier.verify(draft)
    return {report.text[f.start : f.end]: f for f in report.findings}


def figure(text: str, quote: str, published: str | None = None, title: str | None = None):
    found = [
        f for f in extract.figures(text, published, document_period=False, title=title) if f.quote == quote
    ]
    assert found, [f.quote for f in extract.figures(text, published, document_period=False)]
    return found[0]


# 1. A year stated once scopes the sentences after it.
def test_a_year_scopes_the_rest_of_its_paragraph(verifier) -> None:
    text = "In 2016, 31 trafficking crimes were recorded. Five groups of 12 people were broken up, and 58 victims identified."
    found = findings(verifier, text)
    assert {f.status for f in found.values()} == {"unsourced"}
    assert found["58"].figure.period is not None and found["58"].figure.period.start == "2016"
    assert found["58"].figure.basis == "paragraph scope"
    assert found["Five"].figure.entity == "groups"


# 2. Periods written after the figure belong to their own figure.
@pytest.mark.parametrize(
    ("text", "quote", "year", "basis"),
    [
        ("The government identified 47 victims (52 in 2012) in 2013.", "52", "2012", "parenthesis"),
        ("The government identified 47 victims (52 in 2012) in 2013.", "47", "2013", "sentence scope"),
        ("In 2014 it identified 61 victims, compared with 39 in 2013.", "39", "2013", "comparison"),
        ("In 2014 it identified 61 victims, compared with 39 in 2013.", "61", "2014", "clause"),
        ("In 2012 it identified 50 victims, up from 44 in 2011.", "44", "2011", "comparison"),
    ],
)
def test_a_bracketed_or_compared_year_is_its_figures_alone(
    text: str, quote: str, year: str, basis: str
) -> None:
    fig = figure(text, quote)
    assert fig.period is not None and (fig.period.start, fig.period.end) == (year, year)
    assert fig.basis == basis


def test_part_of_a_year_and_a_window_of_years() -> None:
    half = figure("In the first half of 2015, 20 victims were identified.", "20")
    assert half.period is not None and (half.period.start, half.period.end) == ("2015-01", "2015-06")
    window = figure("For 2013-2015, 120 victims were identified.", "120")
    assert window.period is not None and (
        window.period.start,
        window.period.end,
        window.period.cumulative,
    ) == (
        "2013",
        "2015",
        True,
    )


# 3. A report's year is not its data's year; an undated figure is never any year.
def test_a_tip_reports_figures_are_for_the_year_before_it() -> None:
    fig = figure(
        "The government identified 71 victims.", "71", "2017-06-27", "The 2017 Trafficking in Persons Report"
    )
    assert fig.period is not None and fig.period.start == "2016" and fig.basis == "report convention"


def test_an_undated_figure_in_old_copy_is_not_backed_by_a_later_year(verifier) -> None:
    found = findings(verifier, "The government identified 54 victims.", date="2011-05-05")
    assert found["54"].status == "unsourced"
    assert "does not say which year" in found["54"].message


def test_an_undated_figure_is_never_contradicted(verifier) -> None:
    found = findings(verifier, "Around 30 million people are exploited worldwide.", date="2023-07-01")
    assert found["Around 30 million"].status == "unsourced"


# 4. The counted entity must be the same.
def test_hours_are_not_victims_and_potential_victims_referred_by_ngos_are_not_victims_sent_to_them(
    verifier,
) -> None:
    found = findings(verifier, "In 2014, first responders had to refer potential victims within 24 hours.")
    assert found["24"].status == "unsourced" and found["24"].figure.entity == "time"
    found = findings(verifier, "In 2017, NGOs referred 310 potential victims to the police.")
    assert found["310"].status == "unsourced"


def test_entities_agree_only_on_the_same_kind() -> None:
    assert entities.agree("victims", "persons") is True
    assert entities.agree("victims", "offenders") is False
    assert entities.agree("cases", "facts") is False
    assert entities.agree("groups", None) is None


# 5. The same value for another measure or window is not a match.
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("In the decade to 2014, 1,078 trafficking cases were investigated.", "1,078"),
        ("In 2014 the shelter took in 24 victims.", "24"),
        ("In 2015, 53 victims received the one-time allowance.", "53"),
    ],
)
def test_the_same_value_of_another_measure_or_window_is_not_a_match(verifier, text: str, quote: str) -> None:
    assert findings(verifier, text)[quote].status != "match"


# 6. Document furniture asserts nothing.
@pytest.mark.parametrize(
    "text",
    [
        "3.1 The National Coordinator chairs the commission.",
        "The referral rules set out the stages (Geo 5), with the forms (Int 2, p. 7).",
        "The law prohibits traf-23 ficking in persons.",
        "The offence falls under article 152-2 and item 14 of article 98 of the Code.",
        "Order No 512 set up the unit.",
        "Baku / 11.03.16 / Agency: the ministry reported on its work.",
        "3 March (Agency) The ministry reported on its work.",
        "The order takes effect today.\n\nBaku city, 3 March 2016",
        "The codes are set out in GRETA(2018)17 and [IOM Needs Assessment, Gen 1].",
    ],
)
def test_furniture_gets_no_finding(verifier, text: str) -> None:
    assert findings(verifier, text, date="2016-03-04") == {}


# 7. A bracket inside a breakdown is a sub-count of its part.
def test_a_nested_count_is_not_another_part(verifier) -> None:
    text = "In 2016, 87 facts were recorded: 40 trafficking cases (9 criminal cases), 25 cases of forced labour and 22 of document fraud."
    found = findings(verifier, text)
    assert all(f.status != "contradiction" for f in found.values()), {q: f.message for q, f in found.items()}
    figs = extract.figures(text, None, document_period=False)
    forty = next(i for i, f in enumerate(figs) if f.quote == "40")
    assert next(f for f in figs if f.quote == "9").part_of == forty  # a sub-count of the 40 cases
    assert [f.quote for f in figs if f.part_of is not None and figs[f.part_of].quote == "87"] == [
        "40",
        "25",
        "22",
    ]


# 8. Dated events of different kinds are not compared.
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The Criminal Code was amended in April 2012.", "April 2012"),
        ("A UN General Assembly resolution of 18 December 2013 set the World Day.", "18 December 2013"),
    ],
)
def test_events_of_different_kinds_are_not_compared(verifier, text: str, quote: str) -> None:
    assert findings(verifier, text)[quote].status != "contradiction"


def test_the_rule_needs_every_condition_pinned_to_contradict() -> None:
    assert Identity(entity=True, period=True).may_contradict
    assert not Identity(entity=None, period=True).may_contradict
    assert not Identity(entity=True, period=None).may_contradict
    assert not Identity(entity=False, period=True).may_match
    assert Identity(entity=True, period=None, timeless=True).may_match
    assert not Identity(entity=True, period=None).may_match


def test_a_date_after_its_weekday_is_no_dateline() -> None:
    assert [f.quote for f in extract.figures("Sunday, December 7, 2014", None)] == ["December 7, 2014"]


def test_a_tables_corner_year_and_row_label_pin_its_figures(verifier) -> None:
    text = "The ministry's results:\n\n| 2014 | count |\n|---|---|\n| One-off payments to victims | 53 |\n"
    found = findings(verifier, text, date="2015-03-11")
    assert "2014" not in found  # the corner names the period, it is no figure
    assert found["53"].figure.period is not None and found["53"].figure.period.start == "2014"
    assert found["53"].figure.entity == "victims"
    assert found["53"].status == "match"


def test_a_lists_items_take_its_leads_year_but_not_each_others() -> None:
    led = "In 2014 the ministry reported:\n- 54 victims were identified\n- 38 were housed in the shelter\n"
    assert [
        (f.quote, f.period.start if f.period else None, f.basis) for f in extract.figures(led, None, False)
    ] == [
        ("54", "2014", "paragraph scope"),
        ("38", "2014", "paragraph scope"),
    ]
    items = "Milestones:\n- In 2016, 40 victims were identified\n- 30 victims were housed\n"
    thirty = figure(items, "30")
    assert thirty.period is None and thirty.basis == "unknown"


def test_a_total_since_a_year_is_the_registrys_window_up_to_a_years_doubt(verifier) -> None:
    text = "In 2014, 54 people were identified as victims. They bring the total identified since 2004 to 637."
    found = findings(verifier, text, date="2015-04-10")
    assert found["637"].figure.entity == "victims"  # "identified", with no noun
    assert (found["637"].status, found["637"].check) == ("contradiction", "cumulative")  # 583 to 2014


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Only one Azerbaijani victim was identified.", "one"),
        ("It identified three child victims, up from one.", "one"),
        ("It identified 70 victims in 2020 (one in 2019).", "one"),
        ("Two were foreign nationals and one was a child.", "one"),
        ("It found one Azerbaijani victim in 2019 and one in 2018.", "one"),
    ],
)
def test_one_counted_in_real_copy_is_a_figure(text: str, quote: str) -> None:
    assert quote in [f.quote.split()[-1] for f in extract.figures(text, None, False)]


def test_one_as_a_pronoun_is_no_figure() -> None:
    assert extract.figures("One of the men left, and one of them came back.", None, False) == []


def test_the_years_a_table_states_count_towards_the_drafts_year(verifier) -> None:
    text = (
        "The ministry's results:\n\n| 2014 | count |\n|---|---|\n| Victims identified | 54 |\n"
        "| Victims housed in the shelter | 38 |\n\nMost had been taken to Turkey: 37 victims.\n"
    )
    found = findings(verifier, text, date="2015-03-11")
    assert found["37"].figure.basis == "document year" and found["37"].figure.period.start == "2014"
    assert found["37"].status == "match"


def test_a_windows_length_is_read_with_the_totals_beside_it(verifier) -> None:
    found = findings(
        verifier,
        "The 2017 report credited Azerbaijan with bringing 486 traffickers to justice over 12 years.",
        date="2017-07-05",
    )
    assert found["over 12 years"].figure.entity == "time"
    assert found["over 12 years"].status == "match", found["over 12 years"].message


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Decree No. 272 was amended in 2013, and Azerbaijan ratified the convention in 2010.", "2010"),
        ("Russia remains on Tier 3, said the ambassador, a post she has held since 2022.", "2022"),
    ],
)
def test_a_year_that_scopes_no_total_is_a_figure(text: str, year: str) -> None:
    assert year in [f.quote for f in extract.figures(text, "2023-07-01", False)]


@pytest.mark.parametrize(
    ("quote", "period"),
    [("188", ("2017", "2017", False)), ("486", ("2005", "2016", True))],
)
def test_a_window_after_a_relative_clause_is_not_the_clauses_figures(quote: str, period: tuple) -> None:
    text = (
        "The 2017 TIP report, which also covered 188 countries, credited Azerbaijan with "
        "bringing 486 traffickers to justice over 12 years."
    )
    fig = figure(text, quote, "2017-07-05")
    assert fig.period is not None
    assert (fig.period.start, fig.period.end, fig.period.cumulative) == period


def test_the_instrument_that_was_amended_is_not_the_amendment(verifier) -> None:
    text = (
        "Decree No. 272 of 4 August 2005 on applying the anti-trafficking law was amended "
        "by Decree No. 372 of 21 November 2014."
    )
    found = findings(verifier, text)
    assert "amendment" not in (found["4 August 2005"].figure.entity or "")
    assert found["4 August 2005"].status == "match", found["4 August 2005"].message


def test_a_lines_label_names_what_the_instrument_after_it_dates(verifier) -> None:
    text = (
        "1. Programme on the reintegration of child victims — Cabinet of Ministers "
        "Decision No. 37 of 06.02.2014.\n"
    )
    found = findings(verifier, text)
    assert found["06.02.2014"].figure.entity == "decision,plan"
    assert found["06.02.2014"].status == "match", found["06.02.2014"].message


def test_an_acts_number_names_the_year_after_it_but_not_a_later_one(verifier) -> None:
    text = "Cabinet of Ministers Decision No. 21, adopted in 2008, sets the referral rules."
    assert figure(text, "2008").ref == "Decision No. 21"
    found = findings(verifier, text)
    assert found["2008"].status != "contradiction", found["2008"].message
    later = "It was amended by Decree No. 372 of 21 November 2013, and the convention was ratified in 2010."
    assert figure(later, "2010").ref is None


def test_the_cabinets_decisions_are_decisions(verifier) -> None:
    text = "- the programme on child victims, Cabinet Decision No. 37 of 06.02.2014;\n"
    found = findings(verifier, text)
    assert found["06.02.2014"].status == "match", found["06.02.2014"].message


def test_a_count_of_a_thing_no_kind_names_is_of_no_known_kind() -> None:
    assert entities.kind_of_words(" stages of inquiry, from initial help") == "other:stages"
    assert entities.kind_of_words(" stages of inquiry") != entities.kind_of_words(" requests of victims")
    assert entities.agree("other:stages", "requests") is False
    assert entities.kind_of_words(" female victims were identified") == "victims"


def test_a_bracketed_count_after_a_place_counts_what_the_sentence_before_counted() -> None:
    text = (
        "Of the 54 victims, 51 were women and 3 were men. Most had been taken to Turkey (37), "
        "the rest to Russia (8)."
    )
    found = extract.figures(text, "2015-03-11", document_period=False)
    kinds = entities.of_figures(text, found)
    assert dict(zip([f.quote for f in found], kinds, strict=True))["8"] == "victims"


def test_a_weak_alignment_backs_only_a_figure_of_the_claims_kind(verifier) -> None:
    text = "The assessment is one of three South Caucasus studies funded by the IOM in 2014."
    assert findings(verifier, text, date="2016-05-01")["three"].status == "unsourced"


def test_a_weakly_aligned_month_is_not_backed_by_an_event_that_falls_in_it(verifier) -> None:
    text = "The assessment found that changes to the grants law in November 2014 cut NGOs off from donors."
    assert findings(verifier, text, date="2016-05-01")["November 2014"].status == "unsourced"


def test_regions_are_not_cities_and_districts(verifier) -> None:
    assert (
        entities.agree(entities.kind_of_words(" regions reached"), entities.kind_of_words(" cities")) is False
    )


def test_a_plans_span_is_a_figure_not_the_scope_of_the_counts_beside_it(verifier) -> None:
    text = "The plan for 2014–2018, approved by Decree No. 667 on 24 July 2014, names 29 state bodies."
    found = findings(verifier, text)
    assert found["2014–2018"].status == "match", found["2014–2018"].message
    assert found["29"].status == "match", found["29"].message


def test_a_bracketed_figure_with_its_own_year_is_no_part_of_the_count_before_it(verifier) -> None:
    text = "In 2019 officials identified 91 victims (98 in 2018). Most were women."
    fig = figure(text, "98")
    assert fig.part_of is None and fig.basis == "parenthesis"
    assert findings(verifier, text, date="2020-06-25")["98"].status == "unsourced"


def test_a_date_of_another_named_law_is_not_the_trafficking_laws(verifier) -> None:
    text = (
        "But amendments made in November 2014 to the Law on Grants and related laws have cut NGOs "
        "off from foreign grants, and the budget for trafficking victims does not reach NGO shelters."
    )
    assert findings(verifier, text, date="2016-05-01")["November 2014"].status == "unsourced"


def test_room_for_n_victims_is_a_capacity(verifier) -> None:
    text = "The Interior Ministry's shelter has room for 54 victims, the assessment says."
    found = findings(verifier, text, date="2016-05-01")
    assert found["54"].figure.entity == "capacity"
    assert found["54"].status == "contradiction", found["54"].message


@pytest.mark.parametrize(
    "text",
    [
        "First responders are meant to refer potential victims to the police.",
        "The national coordinator, First Deputy Interior Minister Vilayat Eyvazov, spoke.",
        "Staff are trained in first aid.",
    ],
)
def test_a_title_or_a_job_is_no_ordinal(text: str) -> None:
    assert [f for f in extract.figures(text, "2018-06-28", False) if f.kind == "ordinal"] == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            'The Law "On Combating Trafficking in Human Beings" (No. 958-IIQ) followed on 28 June 2005, '
            "and a presidential decree of 4 August 2005 (No. 272) set out how it would be applied.",
            "28 June 2005",
        ),
        ("- **28.06.2005** — The Law on Combating Trafficking in Human Beings is adopted.\n", "28.06.2005"),
    ],
)
def test_a_law_is_not_the_decree_applying_it_nor_the_law_amending_it(verifier, text: str, quote: str) -> None:
    found = findings(verifier, text)
    assert found[quote].status == "unsourced", found[quote].message


def test_a_square_bracketed_aside_keeps_no_time_but_its_own_and_is_no_part(verifier) -> None:
    text = (
        "For 2015 the Department counted 63 victims: 56 female, six male and one child "
        "[54: 51 women and three men]. Funding fell [in 2014, 53 victims received 400 manats each]."
    )
    found = findings(verifier, text, date="2016-07-01", title="The 2016 Trafficking in Persons Report")
    # not pinned: at most "recent years", which may back a figure but never contradicts one
    assert pinned(found["54"].figure) is None and found["54"].figure.basis in ("unknown", "recent years")
    figures = extract.figures(text, "2016-07-01", document_period=False)
    three = next(f for f in figures if f.quote == "three")
    assert three.part_of is not None and figures[three.part_of].value == 54  # the aside's whole, not 63
    assert found["53"].figure.period is not None and found["53"].figure.period.start == "2014"
    assert all(f.status != "contradiction" for f in found.values())


def test_an_aside_in_square_brackets_is_read_but_a_citation_key_is_not() -> None:
    text = (
        "Work went on. [The hotline took 13,216 requests in 2014, 28 of them on trafficking.] "
        "Shelters were full [IOM Needs Assessment, Gen 1] and 5 closed."
    )
    assert [f.quote for f in extract.figures(text, None, False)] == ["13,216", "28", "5"]


def test_past_n_years_counts_back_from_the_day_the_words_were_said() -> None:
    text = (
        "At a conference in Baku on 12 June 2017, the department head gave the totals for the "
        "past 12 years as 1,078 criminal cases investigated and 761 victims identified."
    )
    fig = figure(text, "1,078", "2022-10-10")
    assert fig.period is not None and (fig.period.start, fig.period.end) == ("2005", "2016")


@pytest.mark.parametrize(
    "text",
    [
        "The plan was approved on 24 July 2014. It arrived in the 10th anniversary year of the work. "
        "Over that decade, the ministry said, 684 trafficking crimes had been recorded.",
        "The first plan dates from 6 May 2004.\n\nBy its 10th anniversary, marked with events in May "
        "2014, the country had a legal framework. Over that decade, 684 trafficking crimes were recorded.",
        "The first plan was endorsed in May 2004.\n\nA decade later, the ministry took stock. Over that "
        "decade, it says, 684 trafficking crimes were recorded.",
    ],
)
def test_that_decade_is_the_one_a_sentence_before_names(text: str) -> None:
    fig = figure(text, "684", "2015-05-20")
    assert fig.period is not None and (fig.period.start, fig.period.end, fig.period.cumulative) == (
        "2005",
        "2014",
        True,
    )


@pytest.mark.parametrize(
    ("quote", "year"),
    [("65", "2020"), ("153", "2019"), ("223", "2018"), ("96", "2020"), ("90", "2019"), ("83", "2018")],
)
def test_each_compared_figure_keeps_its_own_year(quote: str, year: str) -> None:
    text = (
        "In 2020, authorities conducted 65 investigations, compared with 153 in 2019 and 223 in 2018. "
        "Prosecutors initiated 96 prosecutions, a modest rise from 90 in 2019 and 83 in 2018."
    )
    fig = figure(text, quote, "2021-07-01")
    assert fig.period is not None and fig.period.start == year


@pytest.mark.parametrize(
    ("quote", "year"), [("five", "2018"), ("three", "2018"), ("10", "2017"), ("395", "2018")]
)
def test_a_year_inside_brackets_dates_only_what_they_hold(quote: str, year: str) -> None:
    text = (
        "It identified five victims in 2018 (12 in 2017): three were sex trafficking victims "
        "(10 sex trafficking victims and two forced labour victims in 2017). "
        "Mobile groups checked 395 people for trafficking indicators."
    )
    fig = figure(text, quote, "2019-06-20")
    assert fig.period is not None and fig.period.start == year


def test_article_numbers_with_a_slash_are_furniture() -> None:
    text = "Articles 143/1 and 143/2 of the criminal code criminalised trafficking; 5 cases followed."
    assert [f.quote for f in extract.figures(text, None)] == ["5"]


def test_an_undated_tier_run_is_never_contradicted_but_news_takes_its_dates_year(verifier) -> None:
    text = "Azerbaijan remained on Tier 2 Watch List for the second consecutive year."
    draft = document.from_text("source.txt", text + "\n")  # no date: any year's report
    found = {f.figure.quote: f for f in verifier.verify(draft).findings}
    assert found["second"].status == "unsourced", found["second"].message
    news = findings(
        verifier, "Azerbaijan remains on Tier 2 for the fourth consecutive year.", date="2024-06-25"
    )
    assert (news["fourth"].status, news["fourth"].check) == ("contradiction", "value")


def test_a_share_whose_clause_names_its_year_is_not_a_share_of_another_window(verifier) -> None:
    text = "The number of identified victims fell by 50 per cent in 2020, to 139 people."
    assert findings(verifier, text, date="2021-04-06")["50 per cent"].status == "unsourced"
    plan = "The 2009-2013 plan decreased the number of victims of trafficking by 38.2 percent."
    assert findings(verifier, plan, date="2015-03-01")["38.2 percent"].status == "contradiction"


def test_a_time_named_in_a_later_coordinated_clause_is_that_clauses() -> None:
    text = (
        "In 2014, 54 victims were identified. The government found that 50 women were victims, "
        "while 3 men had been forced into labour since 2012."
    )
    women = figure(text, "50", "2015-07-01")
    assert women.period is not None and (women.period.start, women.period.cumulative) == ("2014", False)
    girls = figure(text.replace("50 women were", "50 women and one girl were"), "one", "2015-07-01")
    assert girls.period is not None and not girls.period.cumulative  # the second figure too
    men = figure(text, "3", "2015-07-01")
    assert men.period is not None and men.period.cumulative


def test_a_window_that_cannot_be_placed_keeps_its_totals_from_the_paragraphs_year(verifier) -> None:
    text = (
        "Out of 26,916 criminal cases in 2015, only 128 crimes were related to human trafficking. "
        "For more than 12 years 1,078 criminal cases on human trafficking were investigated."
    )
    draft = document.from_text("source.txt", text + "\n")  # no date to count the 12 years back from
    found = {f.figure.quote: f for f in verifier.verify(draft).findings}
    assert found["1,078"].status != "contradiction", found["1,078"].message


def test_an_age_bracket_is_no_count() -> None:
    assert [
        f.quote for f in extract.figures("15 victims are 18-25 years old and 9 victims are over 35.", None)
    ] == [
        "15",
        "18-25 years old",
        "9",
    ]
