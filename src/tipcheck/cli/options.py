"""The values the command line accepts: the choices of each option, the parsers of the
options typer has no type for (a year, a date, a number of processes), and the options
several commands share."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer


class ReportFormat(StrEnum):
    text = "text"
    plain = "plain"
    json = "json"
    sarif = "sarif"
    github = "github"
    auto = "auto"


class VerifyFormat(StrEnum):
    text = "text"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    html = "html"
    claimreview = "claimreview"
    auto = "auto"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class ProposalFormat(StrEnum):
    yaml = "yaml"
    json = "json"


# The claim kinds of model.KINDS, here by name so that parsing imports no model (the
# tests keep the two equal).
Kind = StrEnum("Kind", "count money percent ratio date year range duration ordinal tier")
KIND_NAMES = tuple(kind.value for kind in Kind)


def year(value: str) -> int:
    """A year to list claims for: four digits, as the registry writes them."""
    if not (value.isdigit() and len(value) == 4 and value[0] != "0"):
        raise typer.BadParameter(f"{value!r} is not a year (four digits, such as 2014)")
    return int(value)


def processes(value: str | int) -> int:
    """A number of worker processes: 0 (one per core) or more."""
    if isinstance(value, int):  # the default
        return value
    if not value.isdigit():
        raise typer.BadParameter(f"{value!r} is not a number of processes (0 for one per core, or more)")
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
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD, such as 2017-06-27)"
        ) from None
    return value


# Options several commands share.
Registries = Annotated[
    Optional[list[Path]],
    typer.Option(
        "-r", "--registry", metavar="PATH", show_default="configured",
        help="Registry directory or claims file; repeat for several. Replaces the configured "
        "registries and, without --bundled, the bundled one.",
    ),
]  # fmt: skip
Bundled = Annotated[
    Optional[bool],
    typer.Option(
        "--bundled/--no-bundled", show_default="configured, else on; off with --registry",
        help="Also use (or not) tipcheck's bundled registry.",
    ),
]  # fmt: skip
ConfigFile = Annotated[
    Optional[Path],
    typer.Option(
        "-c", "--config", metavar="FILE",
        show_default=False,
        help="Configuration file; without it, tipcheck.yaml or pyproject.toml is searched for upward "
        "from each file to the repository root.",
    ),
]  # fmt: skip
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
# as verify's, for the commands that check drafts in another way (archive, lsp)
Strict = Annotated[bool, typer.Option("--strict", help="Unsourced figures are errors.")]
Severity = Annotated[
    Optional[list[str]],
    typer.Option("--severity", metavar="CHECK=LEVEL", show_default="configured", help="As for verify."),
]
