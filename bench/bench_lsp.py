"""The language server's answer time: from sending didChange to receiving its diagnostics.

    python bench/bench_lsp.py [--draft bench/draft-5k.md] [--changes 20] [--warm-up 5]

Starts `python -m tipcheck lsp` with this Python (so tipcheck and its `lsp` extra must be
installed in its environment), speaks to it over its stdio as an editor does
(tests/lsp_client.py: Content-Length framed JSON-RPC), opens the draft, and then sends
whole-text changes, each a real edit (the draft's first count of victims takes another
value, so that every change is checked afresh), waiting for each one's
publishDiagnostics before sending the next. The first `--warm-up` changes are not timed:
the first open builds or reads the registry index and compiles the patterns. The median
is the figure; the target is 100 ms for a 5 KB draft. Benchmarks measure; they assert
nothing.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import machine

from lsp_client import Session

ROOT = Path(__file__).resolve().parents[1]


def variants(text: str, count: int) -> list[str]:
    """`count` versions of the text, each with its first count of victims changed."""
    found = re.search(r"\b(\d+)( victims)", text)
    if found is None:
        raise SystemExit("no count of victims to edit in the draft")
    return [text[: found.start(1)] + str(100 + i) + text[found.end(1) :] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", type=Path, default=ROOT / "bench" / "draft-5k.md")
    parser.add_argument("--changes", type=int, default=20, help="timed changes (at least 10)")
    parser.add_argument("--warm-up", type=int, default=5, help="untimed changes first")
    args = parser.parse_args()
    text = args.draft.read_text(encoding="utf-8")
    versions = variants(text, args.warm_up + max(args.changes, 10))
    with tempfile.TemporaryDirectory() as folder:
        # a copy outside any repository configuration, so the defaults apply
        (Path(folder) / ".git").mkdir()
        draft = Path(folder) / args.draft.name
        draft.write_text(text, encoding="utf-8")
        uri = draft.as_uri()
        session = Session(Path(folder), [sys.executable, "-m", "tipcheck", "lsp"])
        try:
            session.initialize(Path(folder))
            start = time.perf_counter()
            session.open(uri, text)
            first = session.diagnostics(uri, timeout=300)
            opened = (time.perf_counter() - start) * 1000
            times, counts = [], []
            for n, version in enumerate(versions, start=2):
                start = time.perf_counter()
                session.change(uri, version, n)
                found = session.diagnostics(uri, timeout=60)
                elapsed = (time.perf_counter() - start) * 1000
                if n - 2 >= args.warm_up:
                    times.append(elapsed)
                    counts.append(len(found))
            session.close()
        finally:
            session.kill()
    print(f"machine: {machine()}")
    print(f"draft: {args.draft.name}, {len(text.encode('utf-8'))} bytes, {len(first)} diagnostics on open")
    print(f"didOpen to diagnostics (cold: index and patterns): {opened:.1f} ms")
    print(
        f"didChange to diagnostics, {len(times)} changes after {args.warm_up} untimed: "
        f"median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} "
        f"({min(counts)}-{max(counts)} diagnostics each)"
    )


if __name__ == "__main__":
    main()
