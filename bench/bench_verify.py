"""Whole-process wall time of tipcheck commands, median of N runs after a warm-up.

    python bench/bench_verify.py [--runs 10]

Prints a table with the ratio to `python -c pass` measured in the same run. It measures;
it asserts nothing (timings belong in notes and RESULTS, not in unit tests).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wall(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True)  # warm-up: file cache, bytecode
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    exe = shutil.which("tipcheck") or str(Path(sys.executable).with_name("tipcheck"))
    drafts = sorted((ROOT / "eval" / "tune" / "drafts").glob("*.md"))
    draft = max(drafts, key=lambda p: p.stat().st_size)
    every = [str(p) for p in drafts]
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("tipcheck --help", [exe, "--help"]),
        (f"tipcheck verify ({draft.stat().st_size / 1024:.1f} KB draft)", [exe, "verify", str(draft)]),
        (f"tipcheck verify ({len(every)} drafts)", [exe, "verify", *every]),
        ("tipcheck list --year 2014 --format json", [exe, "list", "--year", "2014", "--format", "json"]),
        ("tipcheck check-registry", [exe, "check-registry"]),
    ]
    base = None
    print(f"{'command':52} {'median ms':>10} {'x python':>9}")
    for name, cmd in rows:
        ms = wall(cmd, args.runs)
        base = base or ms
        print(f"{name:52} {ms:10.1f} {ms / base:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
