"""Score the extractor on the peer-written cases in ../shared/peer-cases with their scorer.

    python scripts/peer_score.py [--cases DIR] [-- extra score.py arguments]

Writes predictions as JSON lines (one per case, kinds mapped to the peer format) to a
temporary file and runs the cases' own score.py on them. It measures; it tunes nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from tipcheck.figures import extract
from tipcheck.model import Figure

ROOT = Path(__file__).resolve().parents[1]
KIND = {"count": "number", "money": "money", "percent": "percent", "ratio": "number",
        "date": "date", "year": "year", "range": "range", "duration": "duration",
        "ordinal": "ordinal"}  # fmt: skip


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def prediction(fig: Figure) -> dict[str, object] | None:
    kind = KIND.get(fig.kind)
    if kind is None:
        return None
    value = _plain(fig.value)
    unit = fig.unit
    if fig.kind == "year":
        value = int(str(fig.value))
    elif fig.kind == "duration":
        unit = (fig.unit or "").rstrip("s")
    elif fig.kind == "percent":
        unit = "%"
    elif fig.kind == "range" and isinstance(value, list) and all(isinstance(v, int) for v in value):
        unit = None
    return {"start": fig.start, "end": fig.end, "kind": kind, "value": value, "unit": unit}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT.parent / "shared" / "peer-cases")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    files = sorted(args.cases.glob("*.jsonl"))
    if not files:
        print(f"no *.jsonl cases in {args.cases}", file=sys.stderr)
        return 2
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for file in files:
            for line in file.read_text(encoding="utf-8").splitlines():
                case = json.loads(line)
                ref = case.get("ref_time")
                figs = extract.figures(case["text"], published=ref[:10] if ref else None)
                preds = [p for p in map(prediction, figs) if p is not None]
                out.write(json.dumps({"id": case["id"], "expect": preds}) + "\n")
    rest = [a for a in args.rest if a != "--"]
    cmd = [sys.executable, str(args.cases / "score.py"), "--pred", out.name, *rest]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
