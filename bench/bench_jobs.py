"""Throughput over many drafts: `tipcheck verify FOLDER --jobs N`, drafts per second.

    python bench/bench_jobs.py [--drafts 2000]

Writes --drafts drafts (the eval drafts, each repeated under a new name) to a temporary
folder, then times verify over the folder with --jobs 1 and --jobs 0 (one per core), and
checks that both print the same bytes. One timed run each (a run is minutes long).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import environment, machine, tipcheck

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=2000)
    args = parser.parse_args()
    sources = sorted((ROOT / "eval").glob("*/drafts/*.md"))
    folder = Path(tempfile.mkdtemp(prefix="tipcheck-drafts-"))
    for n in range(args.drafts):
        source = sources[n % len(sources)]
        (folder / f"{n:05d}-{source.name}").write_bytes(source.read_bytes())
    env = environment(Path(tempfile.mkdtemp(prefix="tipcheck-jobs-cache-")))
    subprocess.run([tipcheck(), "verify", str(sources[0])], capture_output=True, env=env)  # warm the caches
    print(machine())
    outputs = {}
    for jobs in ("1", "0"):
        cmd = [tipcheck(), "verify", "--quiet", "-f", "json", "--jobs", jobs, str(folder)]
        start = time.perf_counter()
        outputs[jobs] = subprocess.run(cmd, capture_output=True, env=env).stdout
        ms = (time.perf_counter() - start) * 1000
        label = f"--jobs {jobs}" + (f" ({os.cpu_count()} processes)" if jobs == "0" else "")
        print(
            f"verify {args.drafts} drafts {label:22}: {ms / 1000:6.2f} s, {args.drafts / (ms / 1000):6.1f} drafts/s"
        )
    print("same output with --jobs 1 and --jobs 0:", outputs["1"] == outputs["0"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
