"""Checking many drafts: which files, which configuration for each, and in how many processes.

Each draft gets the configuration found from its own folder; drafts that share a
configuration share one `Verifier` (a run's `Verifiers` keeps them). With `jobs > 1` the drafts are checked in worker
processes, and the reports still come back in the order of the files, so the output of
`--jobs 2` is byte for byte that of `--jobs 1`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tipcheck.errors import InputError
from tipcheck.model import FileReport
from tipcheck.verify import config as configuration

if TYPE_CHECKING:  # imported when the first draft is checked, not at start-up
    from tipcheck.match import lexicon
    from tipcheck.model import Registry
    from tipcheck.verify.engine import Verifier


class ClaimSource(Protocol):
    """Where a run's claims come from: the index (`registry.index.Claims`) or a snapshot."""

    @property
    def has_places(self) -> bool: ...

    def scope(self, places: frozenset[str] | None) -> tuple[Registry, dict | None]: ...

    def source_files(self) -> frozenset[Path]: ...


DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
# Verifiers kept per run or worker: one per combination of places the drafts name, which
# across an archive of every country's reporting has no useful bound of its own.
MAX_VERIFIERS = 64


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
    sources = _Sources()
    for n, path in enumerate(paths):
        is_stdin = str(path) == "-"
        located = configuration.locate(Path.cwd() if is_stdin else path, config_file, isolated)
        if located not in found:
            found[located] = configuration.override(configuration.from_file(located), **flags)
        cfg = found[located]
        if n == 0:
            chosen = cfg.format
        if not is_stdin and (cfg.excludes(path) or sources.holds(cfg, path)):
            excluded += 1
            continue
        tasks.append(Task(path, stdin if is_stdin else None, cfg))
    return tasks, excluded, chosen


class _Sources:
    """Whether a file is a source document of the registries a configuration names: a
    registry's own documents are what drafts are checked against, never drafts (a seed
    copied into a newsroom's repository would fail on its own sentences). Registries are
    read only for a file inside one of their folders."""

    def __init__(self) -> None:
        self._roots: dict[tuple, list[Path]] = {}
        self._files: dict[tuple, frozenset[Path]] = {}

    def holds(self, cfg: configuration.Config, path: Path) -> bool:
        from tipcheck.registry import load as registries

        setup = (cfg.registries, cfg.bundled)
        roots = self._roots.get(setup)
        if roots is None:
            named = [Path(p) for p in cfg.registries] + ([registries.default_root()] if cfg.bundled else [])
            roots = self._roots[setup] = [registries.locate(p)[0].resolve() for p in named]
        try:
            full = path.resolve()
        except (OSError, RuntimeError):
            return False
        if not any(full.is_relative_to(root) for root in roots):
            return False
        files = self._files.get(setup)
        if files is None:  # the same index `verify` reads, so nothing is parsed twice
            files = self._files[setup] = Verifiers().registries(cfg).source_files()
        return full in files


class Verifiers:
    """One run's registries and verifiers: the registries of each set-up (registries and
    bundled), read once, and one `Verifier` per set-up, tolerance and scope (the places a
    draft names). Made afresh for each run, so a run reads the registries as they are now
    (the index makes that cheap); each worker process of a run has its own."""

    def __init__(self) -> None:
        self.claims: dict[tuple, ClaimSource] = {}
        self.verifiers: dict[tuple, Verifier] = {}
        self.lexicons: dict[tuple, lexicon.Lexicon] = {}

    def registries(self, cfg: configuration.Config) -> ClaimSource:
        """The registries a configuration names, read on first use in this run."""
        from functools import partial

        from tipcheck.match import align, lexicon
        from tipcheck.registry import index

        setup = (cfg.registries, cfg.bundled, cfg.vocabulary)
        claims = self.claims.get(setup)
        if claims is None:
            lex = self.lexicon(cfg)
            derive = align.features_of if lex is lexicon.DEFAULT else partial(align.features_of, lex=lex)
            claims = self.claims[setup] = index.Claims(
                [Path(p) for p in cfg.registries], cfg.bundled, derive=derive, derive_key=lex.key
            )
        return claims

    def lexicon(self, cfg: configuration.Config) -> lexicon.Lexicon:
        """The package's words and those of the configuration's registries and files."""
        from tipcheck.match import lexicon
        from tipcheck.registry import load as registries

        setup = (cfg.registries, cfg.vocabulary)
        found = self.lexicons.get(setup)
        if found is None:
            roots = [registries.locate(Path(p))[0] for p in cfg.registries]
            found = self.lexicons[setup] = lexicon.build(lexicon.files(roots, cfg.vocabulary))
        return found

    def verifier(self, cfg: configuration.Config, claims: ClaimSource, text: str) -> Verifier:
        """The verifier for a draft of this text: the claims of the places it names."""
        from tipcheck.text.places import named_in
        from tipcheck.verify import engine

        places = named_in(text) if claims.has_places else None
        key = ((cfg.registries, cfg.bundled, cfg.vocabulary), cfg.approximately, places)
        verifier = self.verifiers.pop(key, None)
        if verifier is None:
            reg, features = claims.scope(places)
            verifier = engine.Verifier(reg, cfg.approximately, features, self.lexicon(cfg))
            if len(self.verifiers) >= MAX_VERIFIERS:  # the least recently used goes
                del self.verifiers[next(iter(self.verifiers))]
        self.verifiers[key] = verifier  # (re)inserted last: dicts keep insertion order
        return verifier


def check(tasks: list[Task], accepted: frozenset[str] = frozenset(), jobs: int = 1) -> list[FileReport]:
    """The reviewed report of every task, in the order of the tasks."""
    return list(each(tasks, accepted, jobs))


def each(tasks: list[Task], accepted: frozenset[str] = frozenset(), jobs: int = 1) -> Iterator[FileReport]:
    """The reviewed reports one by one, in the order of the tasks, as they are ready: a
    caller that writes each out holds one report at a time, not the run's."""
    jobs = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(tasks))
    verifiers = Verifiers()  # a new run reads the registries afresh (the index makes that cheap)
    if jobs <= 1:
        for task in tasks:
            yield _check(task, accepted, verifiers)
        return
    import multiprocessing

    # fork: workers start with tipcheck already imported (spawn would pay start-up again)
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    chunk = max(1, len(tasks) // (jobs * 8))
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(verifiers,))
    try:
        yield from pool.imap(_check_in_worker, [(task, accepted) for task in tasks], chunksize=chunk)
        pool.close()
    except BaseException:
        # Ctrl-C reaches the whole process group; the workers ignore it and are stopped
        # here, so the user sees one line and exit 130, not a traceback from each worker.
        # So does a caller that stopped reading (GeneratorExit): no worker is left behind.
        pool.terminate()
        raise
    finally:
        pool.join()


# In a worker process only: the run's `Verifiers`, as the pool's initializer gave it (each
# worker its own copy, so nothing is shared between processes). A pool and its workers
# serve one run; the pool hands a worker its tasks one by one, and this is where the
# worker keeps what it has read between them. The parent process never sets it.
_worker: Verifiers | None = None


def _start_worker(verifiers: Verifiers) -> None:
    """The pool's initializer: a worker ignores Ctrl-C (the parent stops it) and keeps
    the run's (still empty) `Verifiers` for its tasks."""
    import signal

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is for the parent: stop when stopped
    _worker = verifiers


def _check_in_worker(job: tuple[Task, frozenset[str]]) -> FileReport:
    assert _worker is not None, "called outside a worker started by _start_worker"
    return _check(*job, _worker)


def _check(task: Task, accepted: frozenset[str], verifiers: Verifiers) -> FileReport:
    from tipcheck.support.files import read_text

    cfg = task.config
    claims = verifiers.registries(cfg)
    is_stdin = str(task.path) == "-"
    text = task.text if task.text is not None else read_text(task.path)
    verifier = verifiers.verifier(cfg, claims, text)
    return check_draft(verifier, cfg, text, "<stdin>" if is_stdin else str(task.path), accepted)


def check_draft(
    verifier: Verifier,
    cfg: configuration.Config,
    text: str,
    path: str,
    accepted: frozenset[str] = frozenset(),
    published: str | None = None,
) -> FileReport:
    """One draft's reviewed report: the one way every caller (the command line, the
    library, the archive) checks a text. `published` stands for the draft's own date."""
    from dataclasses import replace

    from tipcheck.text import document
    from tipcheck.verify import review

    draft = document.from_text(path, text)
    if published is not None:
        draft = replace(draft, published=published)
    report = verifier.verify(draft)
    return review.review(report, draft, cfg, accepted)
