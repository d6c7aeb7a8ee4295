"""The regex cache's fallback: with CPython's private `re` API switched off, missing or
changed, `compile` is plain `re.compile` and the extractor finds the same figures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tipcheck.support import regex_cache

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import json, sys, types
from pathlib import Path
import _sre
from re import _compiler, _parser
from tipcheck.support import regex_cache as rc
def boom(*args, **kwargs):
    raise RuntimeError("the private API changed")
{breakage}
from tipcheck.figures import extract
out = []
for p in sorted(Path(sys.argv[1]).glob('*.txt')):
    out += [(p.name, repr(f)) for f in extract.figures(p.read_text(encoding='utf-8'))]
print(json.dumps({{"fast": rc.fast_path(), "figures": out}}))
"""

BREAKAGES = {
    "parser missing": "rc._parser = None",
    "parse raises": "rc._parser = types.SimpleNamespace(parse=boom)",
    "compiler code raises": "rc._compiler = types.SimpleNamespace(_code=boom)",
    "sre compile raises": "rc._sre = types.SimpleNamespace(MAGIC=_sre.MAGIC, compile=boom)",
    "sre missing": "rc._sre = None",
    "another MAGIC": "rc._sre = types.SimpleNamespace(MAGIC=_sre.MAGIC + 1, compile=_sre.compile)",
    "a version not written for": "rc.WRITTEN_FOR.clear()",
    # the private calls work but give another pattern than re.compile's: the probe sees it
    "sre compile loses group names": (
        "rc._sre = types.SimpleNamespace(MAGIC=_sre.MAGIC, compile=lambda p, f, c, g, names, i: _sre.compile(p, f, c, g, {}, i))"
    ),
}


def run(cache: Path, breakage: str = "", **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in ("TIPCHECK_NO_CACHE", regex_cache.ENV_SWITCH)}
    environ.update(TIPCHECK_CACHE_DIR=str(cache), **env)
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(breakage=breakage), str(ROOT / "seeds")],
                          env=environ, capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def cached(tmp_path_factory) -> tuple[Path, list]:
    """A cache folder holding the seeds' compiled patterns, and the figures found with it."""
    folder = tmp_path_factory.mktemp("regex-cache")
    cold, warm = run(folder), run(folder)
    assert cold["fast"] and warm["fast"], "the fast path is off on this Python: nothing to compare"
    assert cold["figures"] == warm["figures"] and len(cold["figures"]) > 100
    assert len(list(folder.glob("regex-*.marshal"))) == 1
    return folder, warm["figures"]


def test_forced_fallback_finds_the_same_figures(cached, tmp_path: Path) -> None:
    _, figures = cached
    plain = run(tmp_path, **{regex_cache.ENV_SWITCH: "1"})
    assert not plain["fast"]
    assert plain["figures"] == figures
    assert list(tmp_path.glob("regex-*")) == []  # the switch also leaves the cache alone
    assert run(tmp_path, **{regex_cache.ENV_SWITCH: "0"})["fast"]  # "0" is off


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_a_broken_private_api_falls_back(cached, breakage: str) -> None:
    folder, figures = cached  # a warm cache, which must not be used either
    found = run(folder, breakage)
    assert not found["fast"]
    assert found["figures"] == figures


@pytest.fixture
def fresh(monkeypatch):
    """regex_cache deciding its path again, as in a new process; restored afterwards."""
    monkeypatch.setattr(regex_cache, "_state", {})
    monkeypatch.delenv(regex_cache.ENV_SWITCH, raising=False)
    return regex_cache


SAMPLES = [
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?:per\s*cent|%)",
    r"\b(?:one|two|three)\s+(?:hundred|thousand)\b",
]


def test_use_plain_and_back(fresh, seed_texts) -> None:
    text = next(iter(seed_texts.values()))
    assert fresh.fast_path()
    fresh.use_plain()
    assert not fresh.fast_path()
    for pattern in SAMPLES:
        assert fresh._same(fresh.compile(pattern, re.I), re.compile(pattern, re.I), text)
    fresh.use_plain(False)
    assert fresh.fast_path()
    for pattern in SAMPLES:
        assert fresh._same(fresh.compile(pattern, re.I), re.compile(pattern, re.I), text)


def test_one_pattern_the_private_calls_cannot_build(fresh, monkeypatch, seed_texts) -> None:
    text = next(iter(seed_texts.values()))
    parts = fresh._parts
    monkeypatch.setattr(fresh, "_parts", lambda p, f: boom() if p == SAMPLES[0] else parts(p, f))
    assert fresh.fast_path()
    for pattern in SAMPLES:
        assert fresh._same(fresh.compile(pattern), re.compile(pattern), text)


def test_invalid_patterns_raise_as_re_compile_does(fresh) -> None:
    for plain in (False, True):
        fresh.use_plain(plain)
        for bad in ("(", "a{2,1}", "(?P<x>a)(?P<x>b)"):
            with pytest.raises(re.error) as ours:
                fresh.compile(bad)
            with pytest.raises(re.error) as theirs:
                re.compile(bad)
            assert str(ours.value) == str(theirs.value)


def boom(*args: object) -> None:
    raise RuntimeError("the private API changed")
