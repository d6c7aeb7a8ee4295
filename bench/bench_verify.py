"""Start-up: whole-process wall time of tipcheck and its peers on the same 5 KB draft.

    python bench/bench_verify.py [--runs 10] [--draft bench/draft-5k.md]

Run it with the Python of an environment where tipcheck is installed *non-editable*
(`pip install .`, so that its bytecode is compiled at install time) and, for the peers,
proselint and quantulum3 (`pip install proselint quantulum3`). Every row is a median of
`--runs` runs after a warm-up, with its ratio to `python -c pass` measured in the same
run. The registry index and the regex cache are warm (the first, untimed run builds them).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import environment, machine, tipcheck, wall

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--draft", type=Path, default=ROOT / "bench" / "draft-5k.md")
    args = parser.parse_args()
    exe, draft = tipcheck(), str(args.draft)
    env = environment(Path(tempfile.mkdtemp(prefix="tipcheck-bench-cache-")))
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("tipcheck --help", [exe, "--help"]),
        (f"tipcheck verify ({args.draft.stat().st_size / 1024:.1f} KB draft)", [exe, "verify", draft]),
        ("tipcheck verify --format json", [exe, "verify", "-f", "json", draft]),
    ]
    if importlib.util.find_spec("proselint"):
        rows.append(("proselint (default checks), same draft", [str(Path(sys.executable).with_name("proselint")),
                                                                 draft]))  # fmt: skip
    if importlib.util.find_spec("quantulum3"):
        code = f"from quantulum3 import parser; parser.parse(open({draft!r}, encoding='utf-8').read())"
        rows.append(("quantulum3 parser.parse, same draft", [sys.executable, "-c", code]))
    print(machine())
    print(f"{'command':44} {'median ms':>10} {'x python':>9}")
    results = {}
    for name, cmd in rows:
        results[name] = ms = wall(cmd, args.runs, env)
        print(f"{name:44} {ms:10.1f} {ms / results['python -c pass']:9.1f}")
    ours = results[rows[2][0]]
    for name in results:
        if "proselint" in name or "quantulum3" in name:
            print(f"tipcheck verify / {name.split(' ')[0]}: {ours / results[name]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
