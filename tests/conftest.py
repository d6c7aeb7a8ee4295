"""Shared fixtures: the repository's seeds and an in-process CLI runner."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# The suite must give the same answer on every run, so property tests draw the same
# examples each time and never replay a failure saved by an earlier run. To explore new
# examples, run `python -m pytest --hypothesis-profile=explore`.
settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", database=None, print_blob=True)
settings.load_profile("deterministic")


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory) -> None:
    """Tests never write to the user's cache; subprocesses inherit the setting."""
    import os

    os.environ["TIPCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def run_cli(monkeypatch):
    from tipcheck.cli import main

    def run(*args: str, input: str | None = None) -> Result:
        stdout, stderr = io.StringIO(), io.StringIO()
        stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(list(args))
        return Result(code, stdout.getvalue(), stderr.getvalue())

    return run
