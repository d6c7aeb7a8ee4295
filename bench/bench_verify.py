"""Start-up and peers: whole-process wall time of tipcheck and its peers on the same drafts.

    python bench/bench_verify.py [--runs 10] [--long-runs 5] [--timeout 120]

Run it with the Python of an environment where tipcheck is installed *non-editable*
(`pip install .`, so that its bytecode is compiled at install time) and, for the peers,
proselint and quantulum3 (`pip install proselint quantulum3`). Three inputs, the same for
every command: the 5 KB draft `bench/draft-5k.md`, a 1 MB draft and a folder of 100 drafts,
both written to a temporary folder from that draft and the eval drafts. The peers:

- `proselint check FILE...` (the files of the folder are named one by one);
- quantulum3's `parser.parse` on each file's whole text, in one `python -c` process per row,
  timed whole-process like the rest (so interpreter start and imports are in);
- Vale is skipped: see `peers.vale_note`.

The first run of each command is untimed: it warms the caches (tipcheck's registry index
and regex cache) and its output is checked. Every run after it is checked too, and one
that is not a real result (a usage message, exit 2 from tipcheck, no quantities) stops
the script. The timed runs go round-robin, so that noise from other work on the machine
falls on every command alike. Each figure is a median, with its ratio to the median of
`python -c pass` from the same round-robin. A command still running after `--timeout`
seconds is stopped and reported as not finished, without a time.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import Command, NotAResult, commands, draft_folder, help_check, large_draft, vale_note
from timing import environment, machine, tipcheck

ROOT = Path(__file__).resolve().parents[1]


def run(command: Command, env: dict[str, str], timeout: float) -> float | None:
    """Wall seconds of one checked run, or None if it was stopped at the timeout."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command.argv, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    seconds = time.perf_counter() - start
    try:
        command.check(done)
    except NotAResult as error:
        sys.exit(
            f"{command.name}: not a real result, so no time is reported: {error}\n  {' '.join(command.argv)[:300]}"
        )
    return seconds


def round_robin(
    rows: list[Command], runs: int, env: dict[str, str], timeout: float
) -> dict[str, float | None]:
    """Median ms of each command over `runs` rounds, each round running every command once."""
    times: dict[str, list[float]] = {}
    for command in rows:
        warm = run(command, env, timeout)
        if warm is None:
            print(f"  {command.name}: did not finish in {timeout:.0f} s, not timed", file=sys.stderr)
        else:
            times[command.name] = []
    for _ in range(runs):
        for command in rows:
            if command.name not in times:
                continue
            seconds = run(command, env, timeout)
            if seconds is None:
                print(f"  {command.name}: a timed run did not finish in {timeout:.0f} s", file=sys.stderr)
                del times[command.name]
            else:
                times[command.name].append(seconds)
    return {c.name: statistics.median(times[c.name]) * 1000 if c.name in times else None for c in rows}


def table(title: str, runs: int, medians: dict[str, float | None], timeout: float) -> None:
    base = medians["python -c pass"]
    assert base is not None
    print(f"\n{title}, median of {runs} runs")
    print(f"{'command':34} {'median ms':>10} {'x python':>9}")
    for name, ms in medians.items():
        if ms is None:
            print(f"{name:34} {'> ' + format(timeout * 1000, '.0f'):>10} {'-':>9}  (stopped, no result)")
        else:
            print(f"{name:34} {ms:10.1f} {ms / base:9.1f}")
    ours = medians["tipcheck verify"]
    for name, ms in medians.items():
        if ours is not None and ms is not None and not name.startswith(("python", "tipcheck")):
            print(f"  tipcheck verify / {name}: {ours / ms:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs on the 5 KB draft")
    parser.add_argument(
        "--long-runs", type=int, default=5, help="timed runs on the 1 MB draft and the folder"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is stopped")
    parser.add_argument("--only", choices=("5k", "1mb", "folder"), action="append", help="inputs to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tipcheck-bench-peers-") as name:
        return measure(args, Path(name))


def measure(args: argparse.Namespace, temp: Path) -> int:
    """Write the inputs into `temp` and print one table for each input asked for."""
    exe = tipcheck()
    env = environment(temp / "cache")
    draft, big, many = ROOT / "bench" / "draft-5k.md", large_draft(temp), draft_folder(temp)
    print(machine())
    print(datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    print(vale_note())
    inputs = {
        "5k": (f"5 KB draft ({draft.stat().st_size / 1024:.1f} KB)", [draft], None, args.runs),
        "1mb": (f"1 MB draft ({big.stat().st_size / 1024:.0f} KB)", [big], None, args.long_runs),
        "folder": (
            f"folder of {len(many)} drafts ({sum(p.stat().st_size for p in many) / 1024:.0f} KB)",
            many,
            many[0].parent,
            args.long_runs,
        ),
    }
    for key, (title, paths, folder, runs) in inputs.items():
        if args.only and key not in args.only:
            continue
        rows = commands(exe, paths, folder, paragraphs=key == "1mb")
        if key == "5k":
            rows.insert(1, Command("tipcheck --help", [exe, "--help"], help_check))
        print(f"\n{title}: timing {len(rows)} commands ...", file=sys.stderr, flush=True)
        table(title, runs, round_robin(rows, runs, env, args.timeout), args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
