"""Write a large synthetic registry in tipcheck's real format, for the scale benchmarks.

    python bench/generate_registry.py OUT [--claims 1000000] [--seed 1]

OUT gets `seeds/` (one source text per country and year: a TIP-report-style narrative
followed by a digest of the newsroom's archive) and `claims/` (one claims file per source,
every claim with its exact span, line and quote in that text). Countries are the 188 of
places.py that the TIP report ranks, years run 2005-2024, so a million claims is about 266
per country-year. Values, hedges, periods (some cumulative) and breakdowns vary with a
fixed seed: the same arguments write the same bytes. `tipcheck check-registry -r OUT
--no-bundled` accepts the result.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tipcheck.text.places import COUNTRIES

YEARS = range(2005, 2025)
# (metric, unit, kind, low, high, phrase): the phrase puts the figure in a sentence.
MEASURES = [
    (
        "victims of trafficking identified",
        "victims",
        "count",
        5,
        900,
        "identified {v} victims of trafficking",
    ),
    (
        "victims of sex trafficking identified",
        "victims",
        "count",
        1,
        500,
        "identified {v} victims of sex trafficking",
    ),
    (
        "victims of forced labor identified",
        "victims",
        "count",
        1,
        500,
        "identified {v} victims of forced labor",
    ),
    ("child victims identified", "children", "count", 0, 200, "identified {v} children among the victims"),
    ("foreign victims identified", "victims", "count", 0, 150, "identified {v} foreign victims"),
    ("victims referred to shelters", "victims", "count", 0, 400, "referred {v} victims to shelters"),
    ("victims assisted by NGOs", "victims", "count", 0, 600, "NGOs assisted {v} victims"),
    ("victims repatriated", "victims", "count", 0, 120, "repatriated {v} victims"),
    ("victims provided with jobs", "victims", "count", 0, 90, "found jobs for {v} victims"),
    (
        "victims paid a one-time allowance",
        "victims",
        "count",
        0,
        300,
        "paid a one-time allowance to {v} victims",
    ),
    (
        "trafficking investigations opened",
        "investigations",
        "count",
        0,
        700,
        "opened {v} trafficking investigations",
    ),
    ("trafficking cases sent to court", "cases", "count", 0, 300, "sent {v} trafficking cases to court"),
    ("suspected traffickers prosecuted", "persons", "count", 0, 500, "prosecuted {v} suspected traffickers"),
    ("traffickers convicted", "traffickers", "count", 0, 400, "convicted {v} traffickers"),
    (
        "traffickers sentenced to prison",
        "traffickers",
        "count",
        0,
        350,
        "sentenced {v} traffickers to prison",
    ),
    (
        "officials convicted for complicity in trafficking",
        "officials",
        "count",
        0,
        20,
        "convicted {v} officials for complicity in trafficking",
    ),
    ("labor inspections conducted", "inspections", "count", 10, 9000, "conducted {v} labor inspections"),
    ("shelter places for victims", "places", "count", 5, 400, "maintained {v} shelter places for victims"),
    (
        "calls to the trafficking hotline",
        "calls",
        "count",
        50,
        20000,
        "received {v} calls on the trafficking hotline",
    ),
    (
        "law enforcement officers trained on trafficking",
        "officers",
        "count",
        10,
        5000,
        "trained {v} law enforcement officers on trafficking",
    ),
    (
        "migrant workers given pre-departure training",
        "workers",
        "count",
        100,
        40000,
        "gave pre-departure training to {v} migrant workers",
    ),
    ("recruitment agencies licensed", "agencies", "count", 1, 900, "licensed {v} recruitment agencies"),
    (
        "recruitment agencies closed for fraud",
        "agencies",
        "count",
        0,
        80,
        "closed {v} recruitment agencies for fraud",
    ),
    (
        "border guards deployed to screen for trafficking",
        "guards",
        "count",
        10,
        3000,
        "deployed {v} border guards to screen for trafficking",
    ),
]
MONEY = [
    ("government funding for victim assistance", "USD", 10_000, 9_000_000, "spent ${v} on victim assistance"),
    ("compensation paid to trafficking victims", "USD", 0, 500_000, "paid ${v} in compensation to victims"),
]
HEDGES = [("exact", "", 0.8), ("more than", "more than ", 0.1), ("approximately", "approximately ", 0.1)]


def _hedge(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    for name, words, share in HEDGES:
        if roll < share:
            return name, words
        roll -= share
    return "exact", ""


def _number(value: int) -> str:
    return f"{value:,}"


def document(rng: random.Random, country: str, year: int, count: int, code: str) -> tuple[str, list[dict]]:
    """A source text and its claims: each sentence states one figure."""
    lines = [f"{country}: trafficking in persons, {year}", ""]
    claims: list[dict] = []
    offset = sum(len(line) + 1 for line in lines)

    def add(sentence: str, figure: str, claim: dict) -> None:
        nonlocal offset
        start = offset + sentence.index(figure)
        claim |= {"start": start, "end": start + len(figure), "line": len(lines) + 1, "quote": figure}
        claims.append(claim)
        lines.append(sentence)
        offset += len(sentence) + 1

    tier = rng.choice(["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"])
    add(f"The {year + 1} report places {country} on {tier}.", tier,
        {"id": f"{code}-{year}-tier", "kind": "tier", "value": tier, "unit": None, "qualifier": "exact",
         "metric": f"{country}'s tier in the Trafficking in Persons Report",
         "period": {"start": str(year), "end": str(year), "cumulative": False}})  # fmt: skip
    n = 0
    while len(claims) < count:
        n += 1
        roll = rng.random()
        if roll < 0.08:
            metric, unit, low, high, phrase = rng.choice(MONEY)
            value = rng.randint(low, high)
            figure = _number(value)
            sentence = f"In {year}, the government {phrase.format(v=figure)}."
            add(sentence, f"${figure}" if "$" in phrase else figure,
                {"id": f"{code}-{year}-{n:04d}", "kind": "money", "value": value, "unit": unit,
                 "qualifier": "exact", "metric": metric,
                 "period": {"start": str(year), "end": str(year), "cumulative": False}})  # fmt: skip
            continue
        metric, unit, kind, low, high, phrase = rng.choice(MEASURES)
        value = rng.randint(low, high)
        qualifier, words = _hedge(rng)
        figure = f"{words}{_number(value)}"
        if roll < 0.18 and year > 2006:  # a cumulative total over a window ending this year
            first = rng.randint(2004, year - 1)
            value *= year - first + 1
            figure = f"{words}{_number(value)}"
            sentence = f"From {first} to {year}, authorities {phrase.format(v=figure)} in all."
            period = {"start": str(first), "end": str(year), "cumulative": True}
        else:
            month = rng.choice(["", "In the first half of ", "Over the year "])
            sentence = f"{month or 'In '}{year}, authorities {phrase.format(v=figure)}."
            # a half year's figure is for January to June, not the whole year
            half = month.startswith("In the first half")
            start, end = (f"{year}-01", f"{year}-06") if half else (str(year), str(year))
            period = {"start": start, "end": end, "cumulative": False}
        add(sentence, figure, {"id": f"{code}-{year}-{n:04d}", "kind": kind, "value": value, "unit": unit,
                               "qualifier": qualifier, "metric": metric, "period": period})  # fmt: skip
    return "\n".join(lines) + "\n", claims


def claims_yaml(source: str, country: str, year: int, claims: list[dict]) -> str:
    """The claims file, written like the curated ones (block style, flow periods)."""
    out = [
        "source:",
        f"  file: {json.dumps(source)}",
        f"  title: {json.dumps(f'{country}: trafficking in persons, {year}')}",
        '  publisher: "Synthetic benchmark data"',
        f'  published: "{year + 1}-06"',
        "  published_basis: stated",
        f"  place: {json.dumps(country)}",
        "claims:",
    ]
    for c in claims:
        period = c["period"]
        value = json.dumps(c["value"]) if isinstance(c["value"], str) else c["value"]
        out += [
            f"  - id: {c['id']}",
            f"    kind: {c['kind']}",
            f"    value: {value}",
            f"    unit: {json.dumps(c['unit']) if c['unit'] else 'null'}",
            f"    qualifier: {c['qualifier']}",
            f"    metric: {json.dumps(c['metric'])}",
            f'    period: {{start: "{period["start"]}", end: "{period["end"]}", '
            f"cumulative: {str(period['cumulative']).lower()}}}",
            f"    start: {c['start']}",
            f"    end: {c['end']}",
            f"    line: {c['line']}",
            f"    quote: {json.dumps(c['quote'], ensure_ascii=False)}",
        ]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--countries", type=int, default=188, help="How many countries (the first N).")
    args = parser.parse_args()
    countries = [c for c in COUNTRIES if c not in ("Hong Kong", "Macau", "Aruba", "Curacao", "Sint Maarten",
                                                    "Taiwan", "Kosovo", "Palau", "Nauru", "Kiribati",
                                                    "Vanuatu")][: args.countries]  # fmt: skip
    per_doc, extra = divmod(args.claims, len(countries) * len(YEARS))
    (args.out / "claims").mkdir(parents=True, exist_ok=True)
    (args.out / "seeds").mkdir(parents=True, exist_ok=True)
    total = 0
    for i, country in enumerate(countries):
        code = "".join(ch for ch in country.lower() if ch.isalnum())[:12]
        for j, year in enumerate(YEARS):
            rng = random.Random(f"{args.seed}-{country}-{year}")
            count = per_doc + (1 if i * len(YEARS) + j < extra else 0)
            text, claims = document(rng, country, year, count, code)
            source = f"seeds/{code}-{year}.txt"
            (args.out / source).write_text(text, encoding="utf-8")
            (args.out / "claims" / f"{code}-{year}.yaml").write_text(
                claims_yaml(source, country, year, claims), encoding="utf-8"
            )
            total += len(claims)
    print(f"wrote {total} claims for {len(countries)} countries x {len(YEARS)} years to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
