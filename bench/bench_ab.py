"""Interleaved A/B of whole-process `tipcheck verify` time: two installs, the same draft.

    python bench/bench_ab.py OLD_TIPCHECK NEW_TIPCHECK [--runs 15] [--draft bench/draft-5k.md]

Each install gets its own warm cache folder; the runs alternate (python -c pass, old, new,
then `--help` of each) so that all see the same machine, and each row is a median with its
ratio to `python -c pass`. Swap the two to check that
the order does not favour one. Use installs made with `pip install .` (not -e).
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--draft", default=str(ROOT / "bench" / "draft-5k.md"))
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "old": [args.old, "verify", args.draft],
        "new": [args.new, "verify", args.draft],
        "old --help": [args.old, "--help"],
        "new --help": [args.new, "--help"],
    }
    caches = {"old": tempfile.mkdtemp(), "new": tempfile.mkdtemp(), "python -c pass": tempfile.mkdtemp()}
    envs = {name: {**os.environ, "TIPCHECK_CACHE_DIR": caches[name.split(" --")[0]]} for name in commands}
    for name in ("old", "new"):  # builds each install's index and regex cache
        subprocess.run(commands[name], env=envs[name], capture_output=True, check=False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, env=envs[name], capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["python -c pass"]
    for name, value in medians.items():
        print(f"{name:16} {value * 1000:7.1f} ms  {value / base:5.2f}x python  (median of {args.runs})")
    print(f"new / old        {medians['new'] / medians['old']:.2f} (verify), "
          f"{medians['new --help'] / medians['old --help']:.2f} (--help)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
