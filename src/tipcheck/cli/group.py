"""How the commands are built and run: typer builds a command's options only when that
command is run, completed or shown, draws help with `helptext`, and each command hands its
options to its handler, which is imported only then."""

from __future__ import annotations

from enum import Enum
from types import SimpleNamespace
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name


class _Command(TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        from tipcheck.cli import helptext

        helptext.show(self, ctx)


class Commands(TyperGroup):
    """The commands, each built (its signature read, its options made) only when it is run
    or completed: a commit hook pays for one command, not eight."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from inspect import getdoc

        from tipcheck.cli import helptext

        listed = []
        for name, info in _declared().items():
            doc = info.help if info.help is not None else getdoc(info.callback) or ""
            listed.append((name, " ".join(doc.split("\n\n")[0].split())))
        helptext.show(self, ctx, listed)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(_declared())

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        info = _declared().get(cmd_name)
        if cmd_name not in self.commands and info is not None:
            self.commands[cmd_name] = get_command_from_info(
                info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
            )
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException:
            for name in _declared():  # so that "did you mean" knows every command
                self.get_command(ctx, name)
            return super().resolve_command(ctx, args)


def _declared() -> dict[str, Any]:
    return {
        info.name or get_command_name(getattr(info.callback, "__name__", "")): info
        for info in commands.registered_commands
    }


commands = typer.Typer()  # the commands, declared in `app` with `command`


def command(name: str | None = None, **settings: Any) -> Any:
    """Declare a command of `app`; its help is drawn by `helptext`."""
    return commands.command(name, cls=_Command, **settings)


def run_handler(handler: str, options: dict[str, Any]) -> int:
    """Call `module:function` with the options as attributes (enum members as their values),
    and turn the errors a user can fix into exit statuses."""
    module, _, name = handler.partition(":")
    from importlib import import_module

    from tipcheck.cli.console import err
    from tipcheck.errors import TipcheckError

    values = {k: (v.value if isinstance(v, Enum) else v) for k, v in options.items()}
    try:
        function = getattr(import_module(f"tipcheck.cli.{module}"), name)
        result: int = function(SimpleNamespace(**values)) or 0
    except TipcheckError as exc:
        err(f"tipcheck: error: {exc}")
        return 2
    except KeyboardInterrupt:
        err("tipcheck: interrupted")
        return 130
    except BrokenPipeError:
        # `tipcheck verify ... | head`: the reader left; say nothing more
        import sys

        sys.stderr.close()
        return 1
    return result
