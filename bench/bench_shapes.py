"""Time per megabyte of `tipcheck verify` (or `extract`) on drafts of different shapes, as ratios to prose.

    python bench/bench_shapes.py [--kb 20] [--runs 10] [--command extract]

Each shape is a generated draft of about KB kilobytes: prose (the seeds' own paragraphs),
a Markdown table, a nested list, and the shapes that once made verify quadratic (every
figure in one sentence: "1, 1, 1, ...", "1 1 1 ...", "2014-2014-..."). Each row is the
median of RUNS whole-process runs with the same warm cache, less the median of
`python -c pass` measured in the same loop, and its ratio to prose. A ratio that grows
when KB doubles is work that is not linear in the draft's length.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shapes(size: int) -> dict[str, str]:
    prose = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    row = "| 2014 | 54 victims | 26 persons | 400 manats |\n"
    item = "- In 2014, 54 victims were identified\n  - of whom 51 were women\n"

    def fill(unit: str, head: str = "") -> str:
        return head + unit * (size // len(unit) + 1)

    return {
        "prose": fill(prose + "\n\n")[:size],
        "table": fill(row, "| year | victims | persons | allowance |\n|---|---|---|---|\n")[:size],
        "nested list": fill(item)[:size],
        "1, 1, 1": "In 2014 " + fill("1, ")[:size] + ".\n",
        "1 1 1": fill("1 ")[:size] + "\n",
        "2014-2014": fill("2014-")[:size] + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tipcheck", default=str(Path(sys.executable).with_name("tipcheck")))
    parser.add_argument("--command", choices=("verify", "extract"), default="verify")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    env = {**os.environ, "TIPCHECK_CACHE_DIR": str(folder / "cache")}
    drafts = {}
    for n, (name, text) in enumerate(shapes(args.kb * 1024).items()):
        drafts[name] = folder / f"{n}.md"
        drafts[name].write_text(text, encoding="utf-8")
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    commands.update({name: [args.tipcheck, args.command, str(path)] for name, path in drafts.items()})
    for command in commands.values():  # warm the cache
        subprocess.run(command, env=env, capture_output=True, check=False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times.pop("python -c pass"))
    work = {name: max(statistics.median(t) - base, 1e-6) for name, t in times.items()}
    print(
        f"{args.command}, {args.kb} KB drafts, median of {args.runs} runs, python -c pass {base * 1000:.0f} ms"
    )
    print(f"{'shape':14} {'ms':>8} {'s/MB':>8} {'x prose':>8}")
    for name, seconds in work.items():
        per_mb = seconds / (drafts[name].stat().st_size / 1e6)
        print(f"{name:14} {seconds * 1000:8.0f} {per_mb:8.1f} {seconds / work['prose']:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
