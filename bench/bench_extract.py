"""Extraction throughput, per core: megabytes of text per second through extract.figures.

    python bench/bench_extract.py [--mb 2]

Two corpora: the five seeds, and news-like text (the labelled eval drafts), each
repeated to about --mb megabytes and extracted in chunks of 5 KB (a draft's size), so the
figure reflects what verify does. The regex cache is warm.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import machine

ROOT = Path(__file__).resolve().parents[1]


def chunks(texts: list[str], megabytes: float, size: int = 5000) -> list[str]:
    joined = "\n\n".join(texts)
    out, total = [], 0
    while total < megabytes * 1e6:
        for start in range(0, len(joined), size):
            piece = joined[start : start + size]
            out.append(piece)
            total += len(piece.encode("utf-8"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    from tipcheck.figures import extract

    corpora = {
        "seeds": [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))],
        "news-like (eval drafts)": [
            p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval").glob("*/drafts/*.md"))
        ],
    }
    print(machine())
    for name, texts in corpora.items():
        pieces = chunks(texts, args.mb)
        extract.figures(pieces[0])  # warm: lazy tables, caches
        size = sum(len(p.encode("utf-8")) for p in pieces) / 1e6
        start = time.perf_counter()
        found = sum(len(extract.figures(p)) for p in pieces)
        took = time.perf_counter() - start
        print(f"{name:26} {size:5.2f} MB in {took:6.2f} s: {size / took:5.2f} MB/s, {found} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
