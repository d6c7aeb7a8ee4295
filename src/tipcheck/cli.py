"""The command line: reads files, calls the core, prints, and maps errors to exit codes.

Exit codes: 0 clean, 1 findings that fail, 2 usage or input error (one line on stderr,
no traceback), 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ConfigError, InputError, RegistryError, TipcheckError

app = typer.Typer(
    name="tipcheck",
    help="Fact-check figures in reporting on human trafficking against a registry of sourced claims.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

RegistryOpt = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--registry",
        "-r",
        help="Registry directory or claims file; repeat for several. Replaces the configured "
        "registries and, without --bundled, the bundled one.",
    ),
]
BundledOpt = Annotated[
    Optional[bool],
    typer.Option("--bundled/--no-bundled", help="Also use (or not) tipcheck's bundled registry."),
]
ConfigOpt = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="Configuration file [default: tipcheck.yaml or pyproject.toml, "
                 "searched upward from each file to the repository root]."),
]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class ProposalFormat(StrEnum):
    yaml = "yaml"
    json = "json"


@contextmanager
def _errors() -> Iterator[None]:
    """The one place that turns expected errors into exit status 2."""
    try:
        yield
    except TipcheckError as exc:
        typer.echo(f"tipcheck: error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("tipcheck: interrupted", err=True)
        raise typer.Exit(130) from None


def _console(stderr: bool = False, soft_wrap: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tipcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Fact-check figures in reporting on human trafficking against a registry of sourced claims."""


class ReportFormat(StrEnum):
    text = "text"
    plain = "plain"
    json = "json"
    sarif = "sarif"
    github = "github"
    auto = "auto"


@app.command()
def verify(
    files: Annotated[
        list[Path], typer.Argument(help="Drafts to check (Markdown or plain text); - reads standard input.")
    ],
    fmt: Annotated[
        Optional[ReportFormat],
        typer.Option("--format", "-f", help="Output format: text, plain, json, sarif, github, or auto "
                     "(github in GitHub Actions, text on a terminal, plain otherwise) [default: text]."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail (exit 1) on unsourced figures.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Text report: leave out matches, show only what needs work.")
    ] = False,
    registry_paths: RegistryOpt = None,
    bundled: BundledOpt = None,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    severity: Annotated[
        Optional[list[str]],
        typer.Option("--severity", metavar="CHECK=LEVEL", help="error, warning or off for a check "
                     "(value, date, cumulative, parts, percent, period, unsourced); repeatable."),
    ] = None,
    exclude: Annotated[
        Optional[list[str]], typer.Option("--exclude", metavar="GLOB", help="Skip matching files; repeatable.")
    ] = None,
    baseline: Annotated[
        Optional[Path],
        typer.Option("--baseline", help="Accept the findings recorded in this file; fail only on new ones."),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Record the current findings in the --baseline file.")
    ] = False,
) -> None:
    """Check every figure in drafts against the registry: match, contradiction or unsourced.

    Exit status: 0 nothing fails, 1 contradictions (or, with --strict, unsourced
    figures) not accepted by the baseline, 2 could not run.
    """
    from . import baseline as baseline_file
    from . import config, document, engine, formats, output, registry, review

    with _errors():
        if update_baseline and baseline is None:
            raise ConfigError("--update-baseline needs --baseline FILE")
        accepted = baseline_file.load(baseline) if baseline is not None and not update_baseline else frozenset()
        flags = {"registries": registry_paths, "bundled": bundled, "strict": strict, "severity": severity,
                 "exclude": exclude, "fmt": fmt.value if fmt else None}  # fmt: skip
        found: dict[Path | None, config.Config] = {}
        verifiers: dict[tuple, engine.Verifier] = {}
        reports = []
        excluded = 0
        chosen_format = "text"
        for n, file in enumerate(files):
            stdin = str(file) == "-"
            where = Path.cwd() if stdin else file
            located = config.locate(where, config_file, isolated)
            if located not in found:
                found[located] = config.override(config.from_file(located), **flags)
            cfg = found[located]
            if n == 0:
                chosen_format = cfg.format
            if not stdin and cfg.excludes(file):
                excluded += 1
                continue
            which = (cfg.registries, cfg.bundled, cfg.approximately)
            if which not in verifiers:
                reg = registry.load_all([Path(p) for p in cfg.registries], cfg.bundled)
                verifiers[which] = engine.Verifier(reg, cfg.approximately)
            draft = document.from_text("<stdin>" if stdin else str(file), read_text(file))
            report = verifiers[which].verify(draft)
            reports.append(review.review(report, draft, cfg, accepted))
        if update_baseline and baseline is not None:
            baseline_file.write(baseline, baseline_file.dump(reports))
            kept = sum(1 for r in reports for f in r.findings if f.status in ("contradiction", "unsourced"))
            typer.echo(f"wrote {kept} finding{'s' if kept != 1 else ''} to the baseline {baseline}", err=True)
            return
        shown = ("contradiction", "unsourced", "cited") if quiet else output.STATUSES
        _emit(
            formats.resolve(chosen_format),
            as_json=lambda: output.reports_json(reports),
            rows=lambda: (formats.verify_rows(reports), formats.verify_rules()),
            text=lambda: output.reports_text(reports, shown, excluded=excluded),
            summary=lambda: output.summary_line(reports, excluded),
        )
        if review.failing(reports):
            raise typer.Exit(1)


def _emit(chosen: str, *, as_json, rows, text, summary) -> None:
    """Print a report in the chosen format; the line formats put the summary on stderr."""
    from . import formats

    if chosen == "json":
        typer.echo(as_json())
    elif chosen == "sarif":
        typer.echo(formats.sarif(*rows()), nl=False)
    elif chosen in ("plain", "github"):
        typer.echo((formats.plain if chosen == "plain" else formats.github)(rows()[0]), nl=False)
        typer.echo(summary(), err=True)
    else:
        console = _console(soft_wrap=True)  # one finding per line, for grep and editors
        for renderable in text():
            console.print(renderable)


@app.command("config")
def show_config(
    path: Annotated[
        Optional[Path], typer.Argument(help="A draft or folder whose configuration to show [default: .].")
    ] = None,
    registry_paths: RegistryOpt = None,
    bundled: BundledOpt = None,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    strict: Annotated[bool, typer.Option("--strict", help="As for verify.")] = False,
) -> None:
    """Print the effective configuration for a path, and where each setting comes from."""
    from . import config, yamlio

    with _errors():
        cfg = config.for_path(path or Path.cwd(), config_file, isolated)
        cfg = config.override(cfg, registries=registry_paths, bundled=bundled, strict=strict)
        typer.echo(f"# configuration file: {cfg.file or 'none (defaults)'}")
        for key in sorted(cfg.origins):
            typer.echo(f"# {key}: from {cfg.origins[key]}")
        typer.echo(yamlio.dump({k: v for k, v in cfg.as_dict().items() if k != "file"}), nl=False)


@app.command()
def audit(
    fmt: Annotated[
        Optional[ReportFormat], typer.Option("--format", "-f", help="Output format, as for verify [default: text].")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail (exit 1) on warnings.")] = False,
    check: Annotated[
        Optional[list[str]], typer.Option("--check", help="Run only this check; repeatable.")
    ] = None,
    registry_paths: RegistryOpt = None,
    bundled: BundledOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Find contradictions inside the sources: figures that disagree across documents, totals
    that shrink, parts that do not add up, lists of another length, derived figures, gaps.

    Severity: error (impossible), warning (may have an explanation), info (a derived figure
    for an editor to judge). Exit status: 0 no error (with --strict: no warning either),
    1 otherwise, 2 could not run.
    """
    from . import audit as auditing
    from . import formats
    from .audit import render

    with _errors():
        known = [c.id for c in auditing.ALL]
        for name in check or []:
            if name not in known:
                raise ConfigError(f"--check: unknown check {name!r} (one of: {', '.join(known)})")
        reg = _registry(registry_paths, bundled, config_file)
        issues = auditing.run(reg, tuple(check or ()))
        _emit(
            formats.resolve(fmt.value if fmt else "text"),
            as_json=lambda: render.as_json(issues, reg),
            rows=lambda: (render.rows(issues, reg), render.rules()),
            text=lambda: render.as_text(issues, reg),
            summary=lambda: render.summary(issues),
        )
        failing = {"error"} | ({"warning"} if strict else set())
        if any(i.severity in failing for i in issues):
            raise typer.Exit(1)


@app.command("list")
def list_claims(
    year: Annotated[
        Optional[int], typer.Option(help="Claims whose period or date falls in or overlaps this year.")
    ] = None,
    metric: Annotated[
        Optional[str], typer.Option(help="Claims whose metric contains all these words.")
    ] = None,
    source: Annotated[
        Optional[str], typer.Option(help="Claims from source files whose name contains this.")
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option(help="Claims of this kind (count, money, date, ...).")
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    registry_paths: RegistryOpt = None,
    bundled: BundledOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """List registered claims, filtered by year, metric, source or kind."""
    from datetime import date

    from . import output

    with _errors():
        reg = _registry(registry_paths, bundled, config_file)
        claims = list(reg.claims)
        if year is not None:
            first, last = date(year, 1, 1), date(year, 12, 31)
            claims = [c for c in claims if (w := c.when()) is not None and w[0] <= last and first <= w[1]]
        if metric:
            words = metric.lower().split()
            claims = [c for c in claims if all(w in c.metric.lower() for w in words)]
        if source:
            claims = [c for c in claims if source in c.file]
        if kind:
            claims = [c for c in claims if c.kind == kind]
        if fmt is ListFormat.json:
            typer.echo(output.claims_json(claims))
        elif fmt is ListFormat.yaml:
            typer.echo(output.claims_yaml(claims), nl=False)
        elif fmt is ListFormat.csv:
            typer.echo(output.claims_csv(claims), nl=False)
        else:
            console = _console()
            console.print(output.claims_table(claims))
            console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim's id.")],
    registry_paths: RegistryOpt = None,
    bundled: BundledOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Show one claim: its fields and its quote highlighted in the source paragraph."""
    from . import output

    with _errors():
        reg = _registry(registry_paths, bundled, config_file)
        claim = reg.get(claim_id)
        if claim is None:
            close = [c.id for c in reg.claims if claim_id in c.id][:5]
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            raise TipcheckError(f"no claim with id {claim_id!r}{hint}")
        console = _console()
        for renderable in output.claim_detail(reg, claim):
            console.print(renderable)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A source document (UTF-8 text), or - for standard input.")],
    fmt: Annotated[
        ProposalFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ProposalFormat.yaml,
    published: Annotated[
        Optional[str],
        typer.Option(help="Publication date (ISO), to resolve windows like 'over the past 12 years'."),
    ] = None,
    out: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write the proposal to this new file (never overwrites)."),
    ] = None,
) -> None:
    """Propose claims for a new source document, for review before they enter claims/."""
    from . import extract as extractor
    from . import output

    with _errors():
        text = read_text(file)
        figures = extractor.figures(text, published)
        result = output.proposal(figures, str(file), text, published, fmt.value)
        if out is None:
            typer.echo(result, nl=False)
            return
        try:
            with out.open("x", encoding="utf-8") as handle:
                handle.write(result)
        except FileExistsError:
            raise TipcheckError(f"{out}: already exists; tipcheck never overwrites a claims file") from None
        except OSError as exc:
            raise TipcheckError(f"{out}: cannot write: {exc.strerror}") from None
        typer.echo(f"wrote {len(figures)} proposed claims to {out}", err=True)


@app.command("check-registry")
def check_registry(
    registry_paths: RegistryOpt = None, bundled: BundledOpt = None, config_file: ConfigOpt = None
) -> None:
    """Validate the registry: schema, unique ids, quotes still at their spans, breakdowns.

    Checks the configured registries (the bundled one too, unless it is turned off).
    """
    from . import config, registry

    with _errors():
        cfg = config.override(config.for_path(Path.cwd(), config_file), registries=registry_paths, bundled=bundled)
        paths = [Path(p) for p in cfg.registries]
        for path in paths:
            registry.locate(path)  # a missing registry is a usage error (2)
        try:
            reg = registry.load_all(paths, cfg.bundled)
            problems = registry.check(reg)
        except RegistryError as exc:
            problems = exc.problems or [exc]
            reg = None
        for problem in problems:
            typer.echo(str(problem))
        count = len(reg.claims) if reg else 0
        if problems:
            typer.echo(
                f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the registry", err=True
            )
            raise typer.Exit(1)
        typer.echo(f"registry ok: {count} claims in {len(reg.docs) if reg else 0} source documents", err=True)


def _registry(paths: list[Path] | None, bundled: bool | None, config_file: Path | None):
    """The registry the configuration found from here (or the flags) asks for."""
    from . import config, registry

    cfg = config.override(config.for_path(Path.cwd(), config_file), registries=paths, bundled=bundled)
    return registry.load_all([Path(p) for p in cfg.registries], cfg.bundled)


def read_text(path: Path) -> str:
    """A draft or document as text; '-' reads standard input. Errors say what to do."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = str(path)
        if path.is_dir():
            raise InputError(f"{name}: is a directory; give a text file")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: looks like a binary file (NUL bytes); give a UTF-8 text file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None


def main() -> None:
    """Console-script entry point."""
    app()
