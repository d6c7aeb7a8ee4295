"""The compiled-regex cache: patterns rebuilt from it behave as re.compile's."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import json, sys
from pathlib import Path
from tipcheck.figures import extract
out = []
for p in sorted(Path(sys.argv[1]).glob('*.txt')):
    out += [(p.name, f.start, f.end, f.kind, str(f.value), f.unit, f.qualifier) for f in extract.figures(p.read_text())]
print(json.dumps(out))
"""


def run(cache: Path | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("TIPCHECK_NO_CACHE", "TIPCHECK_CACHE_DIR")}
    env.update({"TIPCHECK_CACHE_DIR": str(cache)} if cache else {"TIPCHECK_NO_CACHE": "1"})
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT / "seeds")], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def test_extraction_is_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    plain = run(None)
    assert run(tmp_path) == plain  # writes the cache
    cached = list(tmp_path.glob("regex-*.marshal"))
    assert len(cached) == 1 and cached[0].stat().st_size > 10_000
    assert run(tmp_path) == plain  # reads it
    cached[0].write_bytes(b"damaged")
    assert run(tmp_path) == plain  # a damaged cache is ignored and rewritten


def test_rebuilt_patterns_equal_re_compile(tmp_path: Path) -> None:
    run(tmp_path)
    import _sre

    entries = marshal.loads(next(tmp_path.glob("regex-*.marshal")).read_bytes())
    assert len(entries) > 50
    sample = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    for (pattern, flags), parts in entries.items():
        ours, theirs = _sre.compile(pattern, *parts), re.compile(pattern, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)  # fmt: skip
        assert [m.span() for m in ours.finditer(sample)] == [m.span() for m in theirs.finditer(sample)]
