"""`--help`, drawn with rich: usage, the description, and boxed tables of arguments,
options (each with its valid values and default) and commands.

typer's own rich help imports rich's Markdown and syntax highlighting (markdown-it and
pygments, about 40 ms) for help text that has no Markdown in it; this draws the same
panels from the parsed command with rich's console, table and panel alone.
Every string is a `Text`, never markup, so brackets in help ("[default: 1]") print as
written.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from tipcheck.cli.console import rich_console


def show(command: Any, ctx: Any, listed: list[tuple[str, str]] | None = None) -> None:
    """Print the help of `command` (a click command built by typer); `listed` is a group's
    commands as (name, first line of its help)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list[Any] = [
        Padding(Text.assemble(("Usage: ", "yellow"), (_usage(command, ctx), "bold")), (1, 1, 0, 1))
    ]
    for paragraph in (command.help or "").split("\n\n"):
        parts.append(Padding(Text(" ".join(paragraph.split())), (1, 1, 0, 1)))
    parts.append(Text(""))  # a blank line above the panels
    arguments = [p for p in command.get_params(ctx) if p.param_type_name == "argument"]
    options = [p for p in command.get_params(ctx) if p.param_type_name == "option" and not p.hidden]
    if arguments:
        parts.append(_panel("Arguments", [_argument_row(p, ctx) for p in arguments]))
    if options:
        parts.append(_panel("Options", [_option_row(p, ctx) for p in options]))
    if listed:
        parts.append(
            _panel(
                "Commands", [(Text(name, style="bold cyan"), Text(""), Text(text)) for name, text in listed]
            )
        )
    if command.epilog:
        parts.append(Padding(Text(" ".join(command.epilog.split())), (1, 1, 1, 1)))
    rich_console().print(Group(*parts))


def _usage(command: Any, ctx: Any) -> str:
    return " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])


def _panel(title: str, rows: list[tuple[Any, Any, Any]]) -> Any:
    from rich.panel import Panel
    from rich.table import Table

    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="yellow")
    table.add_column(ratio=1)
    for row in rows:
        table.add_row(*row)
    return Panel(table, title=title, title_align="left", border_style="dim")


def _argument_row(param: Any, ctx: Any) -> tuple[Any, Any, Any]:
    from rich.text import Text

    name = param.metavar or (param.name or "").upper()
    return Text(name, style="bold cyan"), Text(""), _described(param, ctx)


def _option_row(param: Any, ctx: Any) -> tuple[Any, Any, Any]:
    from rich.text import Text

    names = ", ".join(sorted(param.opts, key=len))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    metavar = "" if param.is_flag else param.make_metavar(ctx)
    return Text(names, style="bold cyan"), Text(metavar), _described(param, ctx)


def _described(param: Any, ctx: Any) -> Any:
    """The help of a parameter, then its default (or that it is required)."""
    from rich.text import Text

    text = Text(" ".join((getattr(param, "help", None) or "").split()))
    default = _default(param)
    if default:
        text.append(f" [default: {default}]", style="dim")
    if param.required:
        text.append(" [required]", style="red")
    return text


def _default(param: Any) -> str:
    shown = getattr(param, "show_default", None)
    if isinstance(shown, str):
        return shown
    value = param.default
    if not shown or value is None or value is False or getattr(param, "multiple", False):
        return ""
    if getattr(param, "is_flag", False) and value is True and param.secondary_opts:
        return param.opts[0]
    return str(value.value if isinstance(value, Enum) else value)
