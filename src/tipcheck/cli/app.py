"""The command line's commands and options, declared with typer.

Each command here only declares its options (types, valid values, defaults, help) and
hands them to its handler in `verifying` or `commands`, imported when the command runs:
a commit hook pays only for the command it runs. Defaults that depend on the
configuration are named in the help, not given to typer, so that an option not given
leaves the configured value in force.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from tipcheck import __version__
from tipcheck.cli.group import Commands, command, run_handler
from tipcheck.cli.options import (
    KIND_NAMES,
    Bundled,
    ConfigFile,
    Isolated,
    Kind,
    ListFormat,
    ProposalFormat,
    Registries,
    ReportFormat,
    Severity,
    ShowFormat,
    Strict,
    VerifyFormat,
    iso_date,
    processes,
    year,
)

DESCRIPTION = "Fact-check figures in reporting on human trafficking against a registry of sourced claims."
EPILOG = (
    "Run 'tipcheck COMMAND --help' for a command's options. "
    "Exit status: 0 clean, 1 findings that fail, 2 usage or input error, 130 interrupted."
)


app = typer.Typer(
    name="tipcheck",
    cls=Commands,
    help=DESCRIPTION,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tipcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Fact-check figures in reporting on human trafficking against a registry of sourced claims."""


VERIFY_DOC = """Check every figure in drafts against the registry: match, contradiction or unsourced.

Exit status: 0 nothing fails, 1 contradictions (or, with --strict, unsourced figures) not accepted by the baseline, 2 could not run."""


@command(help=VERIFY_DOC)
def verify(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            show_default=False,
            help="Drafts to check (Markdown or plain text), or folders of them; - reads standard input.",
        ),
    ],
    fmt: Annotated[
        Optional[VerifyFormat],
        typer.Option(
            "-f",
            "--format",
            show_default="configured, else text",
            metavar="FORMAT",
            help="text, plain, json, jsonl (a finding a line, written as each draft is checked), sarif, "
            "github, html (one self-contained page), claimreview (schema.org JSON-LD for published "
            "articles), or auto: github in GitHub Actions, text on a terminal, plain otherwise.",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Also fail (exit 1) on unsourced figures.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Text report: leave out matches, show only what needs work.")
    ] = False,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    severity: Annotated[
        Optional[list[str]],
        typer.Option(
            "--severity",
            metavar="CHECK=LEVEL",
            show_default="configured, else error; unsourced: warning",
            help="error, warning or off for a check (value, date, cumulative, parts, percent, period, "
            "unsourced); repeatable.",
        ),
    ] = None,
    exclude: Annotated[
        Optional[list[str]],
        typer.Option(
            "--exclude", metavar="GLOB", show_default=False, help="Skip matching files; repeatable."
        ),
    ] = None,
    baseline: Annotated[
        Optional[Path],
        typer.Option(
            "--baseline",
            metavar="FILE",
            show_default=False,
            help="Accept the findings recorded in this file; fail only on new ones.",
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Record the current findings in the --baseline file.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "-j",
            "--jobs",
            metavar="N",
            parser=processes,
            help="Check drafts in N processes (0: one per core); the output order does not change.",
        ),
    ] = 1,
) -> int:
    return run_handler("verifying:verify", locals())


@command("config")
def show_config(
    path: Annotated[
        Optional[Path],
        typer.Argument(show_default=".", help="A draft or folder whose configuration to show."),
    ] = None,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    strict: Annotated[bool, typer.Option("--strict", help="As for verify.")] = False,
) -> int:
    """Print the effective configuration for a path, and where each setting comes from."""
    return run_handler("commands:show_config", locals())


AUDIT_DOC = """Find contradictions inside the sources: figures that disagree across documents, totals that shrink, parts that do not add up, lists of another length, derived figures, gaps.

Severity: error (impossible), warning (may have an explanation), info (a derived figure for an editor to judge). Exit status: 0 no error (with --strict: no warning either), 1 otherwise, 2 could not run."""


@command(help=AUDIT_DOC)
def audit(
    fmt: Annotated[
        Optional[ReportFormat],
        typer.Option("-f", "--format", show_default="text", help="Output format, as for verify."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail (exit 1) on warnings.")] = False,
    check: Annotated[
        Optional[list[str]],
        typer.Option(
            "--check", metavar="CHECK", show_default="all checks", help="Run only this check; repeatable."
        ),
    ] = None,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
) -> int:
    return run_handler("commands:audit", locals())


@command("list")
def list_claims(
    year: Annotated[
        Optional[int],
        typer.Option(
            parser=year,
            metavar="YEAR",
            show_default=False,
            help="Claims whose period or date falls in or overlaps this year.",
        ),
    ] = None,
    metric: Annotated[
        Optional[str],
        typer.Option(
            metavar="WORDS", show_default=False, help="Claims whose metric contains all these words."
        ),
    ] = None,
    source: Annotated[
        Optional[str],
        typer.Option(
            metavar="TEXT", show_default=False, help="Claims from source files whose name contains this."
        ),
    ] = None,
    kind: Annotated[
        Optional[Kind],
        typer.Option(
            metavar="KIND", show_default=False, help=f"Claims of this kind: {', '.join(KIND_NAMES)}."
        ),
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("-f", "--format", help="Output format.")] = ListFormat.table,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
) -> int:
    """List registered claims, filtered by year, metric, source or kind."""
    return run_handler("commands:list_claims", locals())


@command()
def show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", show_default=False, help="The claim's id.")],
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "-f", "--format", help="Output format; json is the claim as `list --format json` gives it."
        ),
    ] = ShowFormat.text,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
) -> int:
    """Show one claim: its fields and its quote highlighted in the source paragraph."""
    return run_handler("commands:show", locals())


@command()
def extract(
    file: Annotated[
        Path,
        typer.Argument(show_default=False, help="A source document (UTF-8 text), or - for standard input."),
    ],
    fmt: Annotated[
        ProposalFormat, typer.Option("-f", "--format", help="Output format.")
    ] = ProposalFormat.yaml,
    published: Annotated[
        Optional[str],
        typer.Option(
            parser=iso_date,
            metavar="DATE",
            show_default="the source's own",
            help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD), to resolve windows like "
            "'over the past 12 years'; without it, the date in the source's front matter or dateline.",
        ),
    ] = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            show_default="standard output",
            help="Write the proposal to this new file (never overwrites).",
        ),
    ] = None,
) -> int:
    """Propose claims for a new source document, for review before they enter claims/."""
    return run_handler("commands:extract", locals())


CHECK_REGISTRY_DOC = """Validate the registry: schema, unique ids, quotes still at their spans, breakdowns.

Checks the configured registries (the bundled one too, unless it is turned off).

Exit status: 0 the registry is sound, 1 problems found (one per line, with file and line), 2 could not run."""


@command("check-registry", help=CHECK_REGISTRY_DOC)
def check_registry(
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
) -> int:
    return run_handler("commands:check_registry", locals())


REANCHOR_DOC = """Move stale claims to where their quote now is, after a source was edited.

A claim moves only when its new place is certain: its quote occurs once in the source as whole words, or exactly one occurrence moved as far as the claims beside it. A quote that changed (its digits, say) or stays ambiguous is listed and left for you. Without --write nothing is changed; with it, only the start, end and line fields of the moved claims are rewritten, each claims file atomically.

Exit status: 0 nothing stale is left, 1 claims to move (without --write) or left stale, 2 could not run."""


@command(help=REANCHOR_DOC)
def reanchor(
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            show_default=False,
            help="Rewrite the start, end and line of the claims that can be moved for certain; "
            "without it, only show what would change.",
        ),
    ] = False,
) -> int:
    return run_handler("commands:reanchor", locals())


ARCHIVE_DOC = """Check a whole archive of articles on a Dask cluster; the findings go to Parquet tables.

INPUT is a folder of .md/.txt files (searched recursively), a JSON Lines file (one {"id", "text", "published"?, "path"?} a line), a Parquet file with those columns, or a glob of them. OUTPUT gets findings/ (a row a finding), failures/ (an article that could not be read or checked, and why) and summary.json; running again replaces them. Needs pip install 'tipcheck[archive]'.

Exit status: 0 every article checked, 1 some could not be (see failures/), 2 could not run."""


@command(help=ARCHIVE_DOC)
def archive(
    inputs: Annotated[
        list[str], typer.Argument(metavar="INPUT...", show_default=False, help="Articles to check.")
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="DIR", show_default=False, help="Folder for the tables.")
    ],
    scheduler: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="A running Dask scheduler (tcp://host:8786), or local for worker processes on this machine.",
        ),
    ] = "local",
    workers: Annotated[int, typer.Option(metavar="N", parser=processes, help="Local worker processes.")] = 2,
    partition_size: Annotated[
        int, typer.Option(metavar="N", parser=processes, help="Articles a task checks.")
    ] = 500,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    strict: Strict = False,
    severity: Severity = None,
) -> int:
    return run_handler("archiving:archive", locals())


LSP_DOC = """Run a language server on standard input and output, for an editor: each open Markdown or text draft is checked as it is edited, with its findings as diagnostics, quick fixes that add an ignore or source= comment, and the claims on hover.

The configuration is found from each draft's folder, as verify finds it; the options override it as for verify. Needs pip install 'tipcheck[lsp]'.

Exit status: 0 the editor ended the session, 2 could not run."""


@command(help=LSP_DOC)
def lsp(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio", show_default=False, help="Speak over standard input and output (the only transport)."
        ),
    ] = False,
    registry_paths: Registries = None,
    bundled: Bundled = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    strict: Strict = False,
    severity: Severity = None,
) -> int:
    return run_handler("editor:lsp", locals())
