"""The command line: reads arguments, calls the core, prints, and maps errors to exit codes.
The parser and every command's options are built in `cli_args`; the commands are here.

Exit codes: 0 clean, 1 findings that fail, 2 usage or input error (one line on stderr,
no traceback), 130 interrupted.

argparse rather than typer: `import typer` alone takes about 60 ms here, and the whole of
`tipcheck --help` must fit in 70 ms. Everything heavier than the standard
library is imported inside the command that needs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tipcheck.cli_args import (
    Command,
    _audit_args,
    _config_args,
    _extract_args,
    _list_args,
    _reanchor_args,
    _registry_options,
    _show_args,
    _verify_args,
    build_parser,
)
from tipcheck.errors import ConfigError, InputError, TipcheckError


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def out(text: str = "", end: str = "\n") -> None:
    sys.stdout.write(text + end)


def err(text: str) -> None:
    """A message on stderr; what it quotes (file names, registry keys) cannot drive the terminal."""
    from tipcheck.render.ansi import printable

    sys.stderr.write("\n".join(printable(line) for line in text.split("\n")) + "\n")


@contextmanager
def _errors() -> Iterator[None]:
    """The one place that turns expected errors into exit status 2."""
    try:
        yield
    except TipcheckError as exc:
        err(f"tipcheck: error: {exc}")
        raise _Exit(2) from None


def _commands() -> list[Command]:
    return [
        ("verify", verify, VERIFY_DOC, _verify_args),
        ("config", show_config, "Print the effective configuration for a path, and where each setting comes from.",
         _config_args),
        ("audit", audit, AUDIT_DOC, _audit_args),
        ("list", list_claims, "List registered claims, filtered by year, metric, source or kind.", _list_args),
        ("show", show, "Show one claim: its fields and its quote highlighted in the source paragraph.", _show_args),
        ("extract", extract, "Propose claims for a new source document, for review before they enter claims/.",
         _extract_args),
        ("check-registry", check_registry, CHECK_REGISTRY_DOC, _registry_options),
        ("reanchor", reanchor, REANCHOR_DOC, _reanchor_args),
    ]  # fmt: skip


VERIFY_DOC = """Check every figure in drafts against the registry: match, contradiction or unsourced.

Exit status: 0 nothing fails, 1 contradictions (or, with --strict, unsourced figures) not
accepted by the baseline, 2 could not run."""


def verify(args: argparse.Namespace) -> int:
    from tipcheck.render import output
    from tipcheck.support.files import read_text
    from tipcheck.verify import baseline as baseline_file
    from tipcheck.verify import batch as runner
    from tipcheck.verify import review

    if args.update_baseline and args.baseline is None:
        raise ConfigError("--update-baseline needs --baseline FILE")
    if args.jobs < 0:
        raise ConfigError("--jobs must be 0 (one per core) or more")
    accepted: frozenset[str] = frozenset()
    if args.baseline is not None and not args.update_baseline:
        if not args.baseline.exists():
            raise InputError(f"{args.baseline}: no such baseline; create it with --update-baseline")
        accepted = baseline_file.load(args.baseline)
    flags = {"registries": args.registry_paths, "bundled": args.bundled, "strict": args.strict,
             "severity": args.severity, "exclude": args.exclude, "fmt": args.fmt}  # fmt: skip
    paths = runner.expand(args.files)
    stdin = read_text(Path("-")) if any(str(p) == "-" for p in paths) else None
    tasks, excluded, chosen = runner.plan(paths, flags, args.config_file, args.isolated, stdin)
    reports = runner.check(tasks, accepted, args.jobs)
    if args.update_baseline:
        baseline_file.write(args.baseline, baseline_file.dump(reports))
        kept = sum(1 for r in reports for f in r.findings if f.status in ("contradiction", "unsourced"))
        err(f"wrote {kept} finding{'s' if kept != 1 else ''} to the baseline {args.baseline}")
        return 0
    unreviewed = max((r.unreviewed for r in reports), default=0)
    if unreviewed:
        err(f"note: {unreviewed} proposed claim{'s' if unreviewed != 1 else ''} marked `review: todo` "
            "ignored until reviewed (tipcheck check-registry lists them)")  # fmt: skip
    fmt = _resolved(chosen)
    shown = ("contradiction", "unsourced", "cited") if args.quiet else output.STATUSES
    # --quiet shows only what needs work: an accepted (baselined) finding needs none
    listed = [_unaccepted(r) for r in reports] if args.quiet else reports
    _emit(
        fmt,
        as_json=lambda: output.reports_json(reports),
        rows=lambda: _verify_rows(reports),
        text=lambda: output.reports_text(listed, shown, excluded=excluded),
        summary=lambda: output.summary_line(reports, excluded),
    )
    failing = review.failing(reports)
    if (
        failing
        and fmt in ("text", "plain")
        and any(
            f.status == "unsourced" and f.severity == "error" and not f.baselined
            for r in reports
            for f in r.findings
        )
    ):
        # an unsourced figure fails only by a setting (--strict, fail_on_unsourced, severity):
        # say so; machine formats carry each finding's severity
        err(_why_failing(reports, failing))
    return 1 if failing else 0


def _unaccepted(report: Any) -> Any:
    from dataclasses import replace

    return replace(report, findings=tuple(f for f in report.findings if not f.baselined))


def _why_failing(reports: list, failing: int) -> str:
    """What made the run fail, so that --strict or a severity setting is never a mystery."""
    counts: dict[str, int] = {}
    for r in reports:
        for f in r.findings:
            if f.severity == "error" and not f.baselined:
                what = "unsourced" if f.status == "unsourced" else f"contradiction [{f.check}]"
                counts[what] = counts.get(what, 0) + 1
    parts = [f"{n} {what}" for what, n in sorted(counts.items())]
    why = " (unsourced figures are errors: --strict or fail_on_unsourced)" if "unsourced" in counts else ""
    return f"failed: {failing} finding{'s' if failing != 1 else ''} at level error: {', '.join(parts)}{why}"


def _verify_rows(reports: list) -> tuple[list, list]:
    from tipcheck.render import formats

    return formats.verify_rows(reports), formats.verify_rules()


def _resolved(fmt: str) -> str:
    """The format to print; `formats` is imported only to resolve `auto` (a text report
    does not need it, and every import counts on a commit hook)."""
    if fmt != "auto":
        return fmt
    from tipcheck.render import formats

    return formats.resolve(fmt)


def _emit(chosen: str, *, as_json: Callable[[], str], rows: Callable[[], Any], text: Callable[[], list],
          summary: Callable[[], str]) -> None:  # fmt: skip
    """Print a report in the chosen format; the line formats put the summary on stderr."""
    if chosen == "json":
        out(as_json())
    elif chosen in ("sarif", "plain", "github"):
        from tipcheck.render import formats

        if chosen == "sarif":
            out(formats.sarif(*rows()), end="")
        else:
            out((formats.plain if chosen == "plain" else formats.github)(rows()[0]), end="")
            err(summary())
    else:
        from tipcheck.render.ansi import render, wants_colour

        colour = wants_colour(sys.stdout)
        out("\n".join(render(line, colour) for line in text()))


def show_config(args: argparse.Namespace) -> int:
    from tipcheck.registry import yamlio
    from tipcheck.verify import config

    if args.path is not None and not args.path.exists():
        raise InputError(f"{args.path}: no such file or folder")
    cfg = config.for_path(args.path or Path.cwd(), args.config_file, args.isolated)
    cfg = config.override(cfg, registries=args.registry_paths, bundled=args.bundled, strict=args.strict)
    out(f"# configuration file: {cfg.file or 'none (defaults)'}")
    for key in sorted(cfg.origins):
        out(f"# {key}: from {cfg.origins[key]}")
    out(yamlio.dump({k: v for k, v in cfg.as_dict().items() if k != "file"}), end="")
    return 0


AUDIT_DOC = """Find contradictions inside the sources: figures that disagree across documents, totals
that shrink, parts that do not add up, lists of another length, derived figures, gaps.

Severity: error (impossible), warning (may have an explanation), info (a derived figure for
an editor to judge). Exit status: 0 no error (with --strict: no warning either), 1
otherwise, 2 could not run."""


def audit(args: argparse.Namespace) -> int:
    from tipcheck import audit as auditing
    from tipcheck.render import audit as render

    known = [c.id for c in auditing.ALL]
    for name in args.check or []:
        if name not in known:
            raise ConfigError(f"--check: unknown check {name!r} (one of: {', '.join(known)})")
    reg = _registry(args)
    issues = auditing.run(reg, tuple(args.check or ()))
    _emit(
        _resolved(args.fmt or "text"),
        as_json=lambda: render.as_json(issues, reg),
        rows=lambda: (render.rows(issues, reg), render.rules()),
        text=lambda: render.as_text(issues, reg),
        summary=lambda: render.summary(issues),
    )
    failing = {"error"} | ({"warning"} if args.strict else set())
    return 1 if any(i.severity in failing for i in issues) else 0


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def list_claims(args: argparse.Namespace) -> int:
    from datetime import date

    from tipcheck.render import output

    reg = _registry(args)
    claims = list(reg.claims)
    if args.year is not None:
        first, last = date(args.year, 1, 1), date(args.year, 12, 31)
        claims = [c for c in claims if (w := c.when()) is not None and w[0] <= last and first <= w[1]]
    if args.metric:
        words = args.metric.lower().split()
        claims = [c for c in claims if all(w in c.metric.lower() for w in words)]
    if args.source:
        claims = [c for c in claims if args.source in c.file]
    if args.kind:
        claims = [c for c in claims if c.kind == args.kind]
    if args.fmt == "json":
        out(output.claims_json(claims))
    elif args.fmt == "yaml":
        out(output.claims_yaml(claims), end="")
    elif args.fmt == "csv":
        out(output.claims_csv(claims), end="")
    else:
        console = _console()
        console.print(output.claims_table(claims))
        console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")
    return 0


def show(args: argparse.Namespace) -> int:
    from tipcheck.render import output

    reg = _registry(args)
    claim = reg.get(args.claim_id)
    if claim is None:
        close = [c.id for c in reg.claims if args.claim_id in c.id][:5]
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise TipcheckError(f"no claim with id {args.claim_id!r}{hint}")
    if args.fmt == "json":
        from tipcheck.support.stable_json import dump_json

        out(dump_json(output.claim_dict(claim)))
        return 0
    console = _console()
    for renderable in output.claim_detail(reg, claim):
        console.print(renderable)
    return 0


def extract(args: argparse.Namespace) -> int:
    from tipcheck.figures import extract as extractor
    from tipcheck.render import output
    from tipcheck.support.files import read_text

    text = read_text(args.file)
    published = args.published
    if published is None:
        from tipcheck.text import datelines, document

        published = document.mask(text)[1] or datelines.dateline(text)
        if published is not None:
            err(f"note: {args.file} is dated {published} by its own text; give --published to say otherwise")
    figures = extractor.figures(text, published)
    source = str(args.file)
    if args.out is not None and source != "-" and args.out.resolve().parent.name == "claims":
        # a claims file names its source relative to its registry's root (the folder above
        # claims/), wherever the command is run from
        root = args.out.resolve().parent.parent
        source = Path(os.path.relpath(Path(args.file).resolve(), root)).as_posix()
        if source.startswith("../"):
            err(
                f"note: {args.file} is outside the registry {root}; put the source under it before check-registry"
            )
    result = output.proposal(figures, source, text, published, args.fmt)
    if args.out is None:
        out(result, end="")
        return 0
    from tipcheck.support.files import write_atomic

    folder = args.out.parent
    if folder.name == "claims" and not folder.exists() and folder.parent.is_dir():
        # a new registry's first source: its claims/ folder is part of what was asked for
        # (any other missing folder is more likely a typing slip, and an error below)
        try:
            folder.mkdir()
        except OSError as exc:
            raise TipcheckError(f"{folder}: cannot create: {exc.strerror}") from None
        err(f"note: created {folder}/")
    try:
        write_atomic(args.out, result.encode("utf-8"), durable=True, replace=False)
    except FileExistsError:
        raise TipcheckError(f"{args.out}: already exists; tipcheck never overwrites a claims file") from None
    except OSError as exc:
        raise TipcheckError(f"{args.out}: cannot write: {exc.strerror}") from None
    err(f"wrote {len(figures)} proposed claim{'s' if len(figures) != 1 else ''} to {args.out}")
    return 0


CHECK_REGISTRY_DOC = """Validate the registry: schema, unique ids, quotes still at their spans, breakdowns.

Checks the configured registries (the bundled one too, unless it is turned off).

Exit status: 0 the registry is sound, 1 problems found (one per line, with file and line),
2 could not run."""


def check_registry(args: argparse.Namespace) -> int:
    from tipcheck.errors import RegistryError
    from tipcheck.registry import check as checks
    from tipcheck.registry import load as registry
    from tipcheck.verify import config

    cfg = config.override(config.for_path(Path.cwd(), args.config_file), registries=args.registry_paths,
                          bundled=args.bundled)  # fmt: skip
    paths = [Path(p) for p in cfg.registries]
    for path in paths:
        registry.locate(path)  # a missing registry is a usage error (2)
    problems: list[object]
    try:
        reg = registry.load_all(paths, cfg.bundled)
        problems = list(checks.check(reg))
    except RegistryError as exc:
        problems = exc.problems or [exc]
        reg = None

    from tipcheck.match import lexicon

    words = lexicon.files([registry.locate(p)[0] for p in paths], cfg.vocabulary)
    try:
        added = lexicon.build(words).extra
    except RegistryError as exc:
        problems, added = [*problems, exc], ()
    from tipcheck.render.ansi import printable

    roots = [registry.locate(p)[0] for p in paths]
    for problem in problems:
        out(printable(_from_here(problem, roots)))
    if problems:
        err(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the registry")
        return 1
    count = len(reg.claims) if reg else 0
    concepts = sum(len(lines) for _, lines in added)
    extra = f"; {concepts} vocabulary line{'s' if concepts != 1 else ''} of its own" if added else ""
    err(f"registry ok: {count} claims in {len(reg.docs) if reg else 0} source documents{extra}")
    return 0


def _from_here(problem: object, roots: list[Path]) -> str:
    """A registry problem with its file named from where the user is ('newsroom/claims/a.yaml:6'),
    not from the registry's root, when the file is one of these registries'."""
    file = getattr(problem, "file", None)
    if isinstance(file, str) and not os.path.isabs(file):
        for root in roots:
            if (root / file).is_file():
                shown = os.path.relpath(root / file)
                return (
                    f"{shown if not shown.startswith('../../') else root / file}{str(problem)[len(file) :]}"
                )
    return str(problem)


REANCHOR_DOC = """Move stale claims to where their quote now is, after a source was edited.

A claim moves only when its new place is certain: its quote occurs once in the source as
whole words, or exactly one occurrence moved as far as the claims beside it. A quote that
changed (its digits, say) or stays ambiguous is listed and left for you. Without --write
nothing is changed; with it, only the start, end and line fields of the moved claims are
rewritten, each claims file atomically.

Exit status: 0 nothing stale is left, 1 claims to move (without --write) or left stale,
2 could not run."""


def reanchor(args: argparse.Namespace) -> int:
    from tipcheck.registry import reanchor as anchors
    from tipcheck.support.files import write_atomic

    reg = _registry(args)
    found = anchors.plan(reg)
    for move in found.moves:
        c = move.claim
        out(f"{c.defined_in}:{c.defined_line}: claim {c.id!r}: quote {c.quote!r} moves from offset "
            f"{c.start} to {move.start} (line {move.line})")  # fmt: skip
    for left in found.stale:
        c = left.claim
        out(f"{c.defined_in}:{c.defined_line}: claim {c.id!r}: stays stale: {left.why}")
    if args.write and found.moves:
        root = Path(reg.root)
        names = {m.claim.defined_in for m in found.moves}
        texts = {name: (root / name).read_text(encoding="utf-8") for name in names}
        for name, text in anchors.apply(found, texts).items():
            write_atomic(root / name, text.encode("utf-8"), durable=True)
        err(f"moved {len(found.moves)} claim{'s' if len(found.moves) != 1 else ''}; "
            f"{len(found.stale)} left stale")  # fmt: skip
    elif found.moves:
        err(f"would move {len(found.moves)} claim{'s' if len(found.moves) != 1 else ''} (run with --write); "
            f"{len(found.stale)} left stale")  # fmt: skip
    else:
        err(f"nothing to move; {len(found.stale)} left stale")
    return 1 if found.stale or (found.moves and not args.write) else 0


def _registry(args: argparse.Namespace) -> Any:
    """The registry the configuration found from here (or the flags) asks for."""
    from tipcheck.registry import load as registry
    from tipcheck.verify import config

    cfg = config.override(config.for_path(Path.cwd(), args.config_file), registries=args.registry_paths,
                          bundled=args.bundled)  # fmt: skip
    return registry.load_all([Path(p) for p in cfg.registries], cfg.bundled)


def run(argv: list[str]) -> int:
    """Parse and run one command; the exit status as the return value."""
    known = {name for name, *_ in _commands()}
    parser = build_parser(_commands(), argv[0] if argv and argv[0] in known else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already reported
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 2
    try:
        with _errors():
            return args.handler(args) or 0
    except _Exit as exc:
        return exc.code
    except KeyboardInterrupt:
        err("tipcheck: interrupted")
        return 130
    except BrokenPipeError:
        # `tipcheck verify ... | head`: the reader left; say nothing more
        sys.stderr.close()
        return 1


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    import signal

    def terminated(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # `kill`, a CI timeout: stopped like Ctrl-C, workers and all

    signal.signal(signal.SIGTERM, terminated)
    return run(sys.argv[1:] if argv is None else argv)
