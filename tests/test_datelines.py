"""A source dated by its own dateline when `extract` is given no --published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipcheck.text.datelines import dateline


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Baku, 3 March 2017 / Trend /\n\nPolice identified 14 victims.", "2017-03-03"),
        ("Tbilisi, March 3, 2022 - The ministry said", "2022-03-03"),
        ("Chisinau / 06.04.2021 / The committee met", "2021-04-06"),
        ("Baku city, 12 June 2016. The shelter", "2016-06-12"),
        ("PRESS RELEASE\n\n3 March 2022\n\nThe agency", "2022-03-03"),
        ("**Yerevan, 2019-07-30** The council", "2019-07-30"),
    ],
)
def test_a_dateline_with_its_year_dates_the_source(text: str, date: str) -> None:
    assert dateline(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "Baku, May 5 / Trend /\n\nno year in it",
        "On 3 March 2022, the police detained two suspects.",
        "ARMENIA: Tier 2 Watch List\n\nIn 2019 the government identified eight victims.",
        "Baku, 31.13.2021 / a month that is none",
        "\n".join(["A line."] * 5 + ["Baku, 3 March 2017 / Trend /"]),  # too far down to be one
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline(text) is None


def test_extract_dates_a_release_by_its_dateline_and_proposes_no_claim_for_it(
    tmp_path: Path, run_cli
) -> None:
    doc = tmp_path / "release.txt"
    doc.write_text("Tbilisi, 3 March 2022. The agency identified 14 victims last year.\n", encoding="utf-8")
    result = run_cli("extract", str(doc), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["published"] == "2022-03-03"
    assert "dated 2022-03-03 by its own text" in result.stderr
    assert [(c["value"], c["period"]) for c in data["claims"]] == [
        (14, {"start": "2021", "end": "2021", "cumulative": False})
    ]
    given = json.loads(run_cli("extract", str(doc), "--format", "json", "--published", "2023-01-10").stdout)
    assert given["source"]["published"] == "2023-01-10"
    assert given["claims"][0]["period"]["start"] == "2022"
