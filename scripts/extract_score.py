"""Score `tipcheck extract` proposals on the hand-listed claims of eval/extract/.

    python scripts/extract_score.py [--corpus DIR | --seeds] [--json] [--errors] [--metrics FILE]

For each source it runs the same proposal step as `tipcheck extract SOURCE --published
DATE` and pairs each expected claim with the proposal whose span overlaps its quote
(the first such, in text order). A proposal is *right* when its value and its period are
the expected ones (a period of `null` must be proposed as null). It reports, per source
and overall:

- found: expected claims with an overlapping proposal (span recall);
- precision: right proposals / all proposals (a proposal nobody listed is wrong);
- recall: right proposals / expected claims.

`--metrics FILE` writes, for a blind judge, each found claim's sentence and figure with
one metric, the tool's or the hand-written one, shuffled together (the key in FILE.key),
to judge whether each metric is acceptable as written. The script measures; it never edits a label.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from tipcheck.figures import extract
from tipcheck.registry import propose

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "extract"


def _norm(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_norm(v) for v in value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    text = str(value)
    try:
        return Decimal(text).normalize() if text.replace(".", "", 1).isdigit() and len(text) != 4 else text
    except ArithmeticError:
        return text


def _period(value: Any) -> tuple | None:
    if not value:
        return None
    return (str(value["start"]), str(value["end"]), bool(value.get("cumulative", False)))


def score_source(path: Path, corpus: Path = CORPUS) -> dict:
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = (corpus / "sources" / expected["source"]).read_text(encoding="utf-8")
    published = str(expected["published"]) if expected.get("published") else None
    figures = extract.figures(text, published)
    proposals = propose.claims(figures, text, expected["source"], published)
    rows, used = [], set()
    for want in expected["claims"]:
        at = text.index(want["context"]) + want["context"].index(want["quote"])
        span = (at, at + len(want["quote"]))
        hit = next(
            (
                i
                for i, p in enumerate(proposals)
                if p["start"] < span[1] and span[0] < p["end"] and i not in used
            ),
            None,
        )
        got = proposals[hit] if hit is not None else None
        if hit is not None:
            used.add(hit)
        value_ok = got is not None and _norm(got["value"]) == _norm(want["value"])
        period_ok = got is not None and _period(got.get("period")) == _period(want.get("period"))
        rows.append({"want": want, "got": got, "value": value_ok, "period": period_ok})
    right = sum(1 for r in rows if r["value"] and r["period"])
    return {
        "source": expected["source"],
        "expected": len(rows),
        "proposed": len(proposals),
        "found": sum(1 for r in rows if r["got"] is not None),
        "right": right,
        "rows": rows,
        "extra": [p for i, p in enumerate(proposals) if i not in used],
    }


def score_registry() -> list[dict]:
    """The bundled registry as the expected claims of its own seeds: the curators' claims
    are what a proposal for those documents should have been."""
    from tipcheck.model import plain_value
    from tipcheck.registry import load as registry

    reg = registry.load(ROOT)
    out = []
    for doc in reg.docs:
        text = reg.texts[doc.file]
        proposals = propose.claims(extract.figures(text, doc.published), text, doc.file, doc.published)
        rows, used = [], set()
        for claim in sorted((c for c in reg.claims if c.file == doc.file), key=lambda c: c.start):
            hit = next(
                (
                    i
                    for i, p in enumerate(proposals)
                    if p["start"] < claim.end and claim.start < p["end"] and i not in used
                ),
                None,
            )
            got = proposals[hit] if hit is not None else None
            if hit is not None:
                used.add(hit)
            want = {"quote": claim.quote, "value": plain_value(claim.value),
                    "period": claim.period.as_dict() if claim.period else None}  # fmt: skip
            value_ok = got is not None and _norm(got["value"]) == _norm(want["value"])
            period_ok = got is not None and _period(got.get("period")) == _period(want["period"])
            rows.append({"want": want, "got": got, "value": value_ok, "period": period_ok})
        out.append({
            "source": doc.file, "expected": len(rows), "proposed": len(proposals),
            "found": sum(1 for r in rows if r["got"] is not None),
            "right": sum(1 for r in rows if r["value"] and r["period"]), "rows": rows,
            "extra": [p for i, p in enumerate(proposals) if i not in used],
        })  # fmt: skip
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--metrics", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="eval/extract or eval/extract-heldout")
    parser.add_argument("--seeds", action="store_true", help="score against the bundled registry's own seeds")
    args = parser.parse_args()
    if args.seeds and args.metrics:
        parser.error("--metrics reads a corpus's sources; it does not go with --seeds")
    if args.seeds:
        results = score_registry()
    else:
        results = [score_source(p, args.corpus) for p in sorted((args.corpus / "expected").glob("*.yaml"))]
    total = {k: sum(r[k] for r in results) for k in ("expected", "proposed", "found", "right")}
    summary = []
    for r in [*results, {"source": "overall", **total}]:
        summary.append(
            {
                "source": r["source"],
                "expected": r["expected"],
                "proposed": r["proposed"],
                "found": round(r["found"] / r["expected"], 3) if r["expected"] else 0.0,
                "precision": round(r["right"] / r["proposed"], 3) if r["proposed"] else 0.0,
                "recall": round(r["right"] / r["expected"], 3) if r["expected"] else 0.0,
            }
        )
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{'source':34} {'claims':>6} {'proposed':>8} {'found':>6} {'precision':>9} {'recall':>6}")
        for s in summary:
            print(
                f"{s['source']:34} {s['expected']:>6} {s['proposed']:>8} {s['found']:>6.3f} "
                f"{s['precision']:>9.3f} {s['recall']:>6.3f}"
            )
    if args.errors:
        for r in results:
            for row in r["rows"]:
                if row["value"] and row["period"]:
                    continue
                want, got = row["want"], row["got"]
                what = "missed" if got is None else f"got {got['value']!r} {got.get('period')}"
                print(
                    f"  {r['source']}: {want['quote']!r} want {want['value']!r} {want.get('period')}: {what}"
                )
            for p in r["extra"]:
                print(f"  {r['source']}: extra {p['quote']!r} {p['kind']} {p['value']!r}")
    if args.metrics:
        write_judging(results, args.metrics, args.corpus)
    return 0


def write_judging(results: list[dict], path: Path, corpus: Path = CORPUS) -> None:
    """Items for a blind judge: each a sentence, the figure, and one metric, either the
    tool's or the hand-written one, shuffled together so the judge cannot tell which; the
    key goes to PATH.key."""
    from tipcheck.text.sentences import around

    items, key = [], []
    for r in results:
        text = (corpus / "sources" / r["source"]).read_text(encoding="utf-8")
        for row in r["rows"]:
            if row["got"] is None:
                continue
            sentence = around(text, row["got"]["start"])
            said = " ".join(text[sentence.start : sentence.end].split())
            for origin, metric in (("tool", row["got"]["metric"]), ("hand", row["want"]["metric"])):
                items.append({"sentence": said, "figure": row["want"]["quote"], "metric": metric})
                key.append({"origin": origin, "source": r["source"]})
    order = list(range(len(items)))
    random.Random(0).shuffle(order)
    shuffled = [{"item": n + 1, **items[i]} for n, i in enumerate(order)]
    path.write_text(
        yaml.safe_dump(shuffled, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
    keyed = [{"item": n + 1, **key[i]} for n, i in enumerate(order)]
    Path(f"{path}.key").write_text(yaml.safe_dump(keyed, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
