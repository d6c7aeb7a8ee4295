"""Checking many drafts: which files, which configuration for each, and in how many processes.

Each draft gets the configuration found from its own folder; drafts that share a
configuration share one `Verifier`. With `jobs > 1` the drafts are checked in worker
processes, and the reports still come back in the order of the files, so the output of
`--jobs 2` is byte for byte that of `--jobs 1`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tipcheck.errors import InputError
from tipcheck.model import FileReport
from tipcheck.verify import config as configuration

if TYPE_CHECKING:  # imported when the first draft is checked, not at start-up
    from tipcheck.registry.index import Claims
    from tipcheck.verify.engine import Verifier

DRAFT_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Task:
    """One draft to check, with its configuration."""

    path: Path  # "-" for standard input
    text: str | None  # standard input, read by the parent; files are read by the worker
    config: configuration.Config


@dataclass(frozen=True)
class Run:
    """The reports of a run, in file order."""

    reports: tuple[FileReport, ...]
    excluded: int
    format: str  # the first draft's configured format


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder gives its drafts (Markdown and text), sorted, recursively."""
    out: list[Path] = []
    for path in paths:
        if str(path) != "-" and path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file())
            if not found:
                raise InputError(f"{path}: no drafts (*.md, *.markdown, *.txt) in this folder")
            out.extend(found)
        else:
            if str(path) != "-":
                _readable(path)
            out.append(path)
    return out


def _readable(path: Path) -> None:
    """Say now, in one line, why a file cannot be read: later steps (finding its
    configuration) would meet a symlink loop or a missing file less clearly."""
    try:
        path.stat()
    except FileNotFoundError:
        raise InputError(
            f"{path}: no such file" + (" (a dangling symbolic link)" if path.is_symlink() else "")
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def plan(
    paths: list[Path], flags: dict, config_file: Path | None, isolated: bool, stdin: str | None = None
) -> tuple[list[Task], int, str]:
    """The drafts to check with their configuration, how many were excluded, the format."""
    found: dict[Path | None, configuration.Config] = {}
    tasks: list[Task] = []
    excluded = 0
    chosen = "text"
    for n, path in enumerate(paths):
        is_stdin = str(path) == "-"
        located = configuration.locate(Path.cwd() if is_stdin else path, config_file, isolated)
        if located not in found:
            found[located] = configuration.override(configuration.from_file(located), **flags)
        cfg = found[located]
        if n == 0:
            chosen = cfg.format
        if not is_stdin and cfg.excludes(path):
            excluded += 1
            continue
        tasks.append(Task(path, stdin if is_stdin else None, cfg))
    return tasks, excluded, chosen


def check(tasks: list[Task], accepted: frozenset[str] = frozenset(), jobs: int = 1) -> list[FileReport]:
    """The reviewed report of every task, in the order of the tasks."""
    _CLAIMS.clear()  # a new run reads the registries afresh (the index makes that cheap)
    _VERIFIERS.clear()
    jobs = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(tasks))
    if jobs <= 1:
        return [_check(task, accepted) for task in tasks]
    import multiprocessing

    # fork: workers start with tipcheck already imported (spawn would pay start-up again)
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    chunk = max(1, len(tasks) // (jobs * 8))
    pool = context.Pool(jobs, initializer=_ignore_interrupts)
    try:
        reports = pool.starmap(_check, [(task, accepted) for task in tasks], chunksize=chunk)
        pool.close()
        return reports
    except BaseException:
        # Ctrl-C reaches the whole process group; the workers ignore it and are stopped
        # here, so the user sees one line and exit 130, not a traceback from each worker.
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# Per process: the registries of each set-up, and one Verifier per set-up and scope.
_CLAIMS: dict[tuple, Claims] = {}
_VERIFIERS: dict[tuple, Verifier] = {}


def _check(task: Task, accepted: frozenset[str]) -> FileReport:
    from tipcheck.match import align
    from tipcheck.registry import index
    from tipcheck.support.files import read_text
    from tipcheck.text import document
    from tipcheck.text.places import named_in
    from tipcheck.verify import engine, review

    cfg = task.config
    setup = (cfg.registries, cfg.bundled)
    claims = _CLAIMS.get(setup)
    if claims is None:
        claims = _CLAIMS[setup] = index.Claims(
            [Path(p) for p in cfg.registries], cfg.bundled, derive=align.features_of
        )
    is_stdin = str(task.path) == "-"
    text = task.text if task.text is not None else read_text(task.path)
    places = named_in(text) if claims.has_places else None
    key = (setup, cfg.approximately, places)
    verifier = _VERIFIERS.get(key)
    if verifier is None:
        reg, features = claims.scope(places)
        verifier = _VERIFIERS[key] = engine.Verifier(reg, cfg.approximately, features)
    draft = document.from_text("<stdin>" if is_stdin else str(task.path), text)
    report = verifier.verify(draft)
    return review.review(report, draft, cfg, accepted)
