"""What the commands print: standard output for reports, standard error for messages, and
one report in the format asked for. Only the command line prints."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def out(text: str = "", end: str = "\n") -> None:
    sys.stdout.write(text + end)


def err(text: str) -> None:
    """A message on stderr; what it quotes (file names, registry keys) cannot drive the terminal."""
    from tipcheck.render.ansi import printable

    sys.stderr.write("\n".join(printable(line) for line in text.split("\n")) + "\n")


def resolved(fmt: str) -> str:
    """The format to print; `formats` is imported only to resolve `auto` (a text report
    does not need it, and every import counts on a commit hook)."""
    if fmt != "auto":
        return fmt
    from tipcheck.render import formats

    return formats.resolve(fmt)


def emit(chosen: str, *, as_json: Callable[[], str], rows: Callable[[], Any], text: Callable[[], list],
          summary: Callable[[], str], page: Callable[[], str] | None = None) -> None:  # fmt: skip
    """Print a report in the chosen format; the line formats and the page put the summary
    on stderr (the page is meant for a file, the summary for the person who ran it)."""
    if chosen == "json":
        out(as_json())
    elif chosen == "html" and page is not None:
        out(page(), end="")
        err(summary())
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


def rich_console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)
