"""The command line's arguments: the argparse parser of every command and its options.

`build_parser` is given the commands by `cli` (name, handler, doc, the function that adds
its options), so that this module imports nothing of the rest of tipcheck but its version.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from tipcheck import __version__

# (name, handler, doc, options): `doc`'s first paragraph is the command's one-line help.
Command = tuple[str, Callable[[argparse.Namespace], int | None], str, Callable[[Any], None]]

DESCRIPTION = "Fact-check figures in reporting on human trafficking against a registry of sourced claims."
EPILOG = """Run 'tipcheck COMMAND --help' for a command's options.
Exit status: 0 clean, 1 findings that fail, 2 usage or input error, 130 interrupted."""
REPORT_FORMATS = ("text", "plain", "json", "sarif", "github", "auto")


# the claim kinds of model.KINDS, here as names so that parsing imports nothing else
# (tests keep the two equal)
KINDS = ("count", "money", "percent", "ratio", "date", "year", "range", "duration", "ordinal", "tier")


def year(value: str) -> int:
    """A year to list claims for: four digits, as the registry writes them."""
    if not (value.isdigit() and len(value) == 4 and value[0] != "0"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a year (four digits, such as 2014)")
    return int(value)


def iso_date(value: str) -> str:
    """A publication date: 2017, 2017-06 or 2017-06-27, a real one."""
    import re
    from datetime import date

    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    try:
        if m is None or m[1][0] == "0":
            raise ValueError
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD, such as 2017-06-27)"
        ) from None
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # one line, like every other input error, instead of argparse's usage block
        sys.stderr.write(f"tipcheck: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


class _Help(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=100)


def _registry_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-r", "--registry", dest="registry_paths", action="append", type=Path, metavar="PATH",
        help="Registry directory or claims file; repeat for several. Replaces the configured "
        "registries and, without --bundled, the bundled one.",
    )  # fmt: skip
    parser.add_argument("--bundled", action=argparse.BooleanOptionalAction, default=None,
                        help="Also use (or not) tipcheck's bundled registry.")  # fmt: skip
    parser.add_argument("-c", "--config", dest="config_file", type=Path, metavar="FILE",
                        help="Configuration file [default: tipcheck.yaml or pyproject.toml, searched "
                        "upward from each file to the repository root].")  # fmt: skip


def _verify_args(v: argparse.ArgumentParser) -> None:
    v.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="Drafts to check (Markdown or plain text), or folders of them; - reads standard input.",
    )
    v.add_argument(
        "-f",
        "--format",
        dest="fmt",
        choices=REPORT_FORMATS,
        help="Output format: text, plain, json, sarif, github, or auto (github in GitHub Actions, "
        "text on a terminal, plain otherwise) [default: text].",
    )
    v.add_argument("--strict", action="store_true", help="Also fail (exit 1) on unsourced figures.")
    v.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="Text report: leave out matches, show only what needs work.",
    )
    _registry_options(v)
    v.add_argument("--isolated", action="store_true", help="Ignore configuration files.")
    v.add_argument(
        "--severity",
        action="append",
        metavar="CHECK=LEVEL",
        help="error, warning or off for a check (value, date, cumulative, parts, percent, "
        "period, unsourced); repeatable.",
    )
    v.add_argument("--exclude", action="append", metavar="GLOB", help="Skip matching files; repeatable.")
    v.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="Accept the findings recorded in this file; fail only on new ones.",
    )
    v.add_argument(
        "--update-baseline", action="store_true", help="Record the current findings in the --baseline file."
    )
    v.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="Check drafts in N processes (0: one per core); the output order does not change "
                   "[default: 1].")  # fmt: skip


def _config_args(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "path", nargs="?", type=Path, help="A draft or folder whose configuration to show [default: .]."
    )
    _registry_options(c)
    c.add_argument("--isolated", action="store_true", help="Ignore configuration files.")
    c.add_argument("--strict", action="store_true", help="As for verify.")


def _audit_args(a: argparse.ArgumentParser) -> None:
    a.add_argument(
        "-f",
        "--format",
        dest="fmt",
        choices=REPORT_FORMATS,
        help="Output format, as for verify [default: text].",
    )
    a.add_argument("--strict", action="store_true", help="Also fail (exit 1) on warnings.")
    a.add_argument("--check", action="append", metavar="CHECK", help="Run only this check; repeatable.")
    _registry_options(a)


def _list_args(li: argparse.ArgumentParser) -> None:
    li.add_argument("--year", type=year, help="Claims whose period or date falls in or overlaps this year.")
    li.add_argument("--metric", help="Claims whose metric contains all these words.")
    li.add_argument("--source", help="Claims from source files whose name contains this.")
    li.add_argument("--kind", choices=KINDS, metavar="KIND", help=f"Claims of this kind: {', '.join(KINDS)}.")
    li.add_argument(
        "-f",
        "--format",
        dest="fmt",
        choices=("table", "json", "yaml", "csv"),
        default="table",
        help="Output format [default: table].",
    )
    _registry_options(li)


def _show_args(sh: argparse.ArgumentParser) -> None:
    sh.add_argument("claim_id", metavar="ID", help="The claim's id.")
    sh.add_argument(
        "-f",
        "--format",
        dest="fmt",
        choices=("text", "json"),
        default="text",
        help="Output format; json is the claim as `list --format json` gives it [default: text].",
    )
    _registry_options(sh)


def _extract_args(e: argparse.ArgumentParser) -> None:
    e.add_argument("file", type=Path, help="A source document (UTF-8 text), or - for standard input.")
    e.add_argument(
        "-f",
        "--format",
        dest="fmt",
        choices=("yaml", "json"),
        default="yaml",
        help="Output format [default: yaml].",
    )
    e.add_argument(
        "--published",
        type=iso_date,
        help="Publication date (YYYY[-MM[-DD]]), to resolve windows like 'over the past 12 years' "
        "[default: the source's front matter or dateline, if any].",
    )
    e.add_argument(
        "-o",
        "--output",
        dest="out",
        type=Path,
        metavar="FILE",
        help="Write the proposal to this new file (never overwrites).",
    )


def build_parser(table: Sequence[Command], only: str | None = None) -> argparse.ArgumentParser:
    """The command line for the commands of `table` (`cli._commands()`: name, handler,
    doc, options); with `only`, just that command, which is all a run needs (building
    every subcommand's options costs a few milliseconds on every commit)."""
    parser = _Parser(prog="tipcheck", description=DESCRIPTION, formatter_class=_Help, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"tipcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, handler, doc, arguments in table:
        if only is None or name == only:
            sub = commands.add_parser(
                name, help=doc.partition("\n\n")[0], description=doc, formatter_class=_Help
            )
            sub.set_defaults(handler=handler)
            arguments(sub)
    return parser


def _reanchor_args(r: argparse.ArgumentParser) -> None:
    _registry_options(r)
    r.add_argument(
        "--write",
        action="store_true",
        help="Rewrite the start, end and line of the claims that can be moved for certain "
        "[default: only show what would change].",
    )
