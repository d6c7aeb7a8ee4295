"""The command line: reads arguments, calls the core, prints, and maps errors to exit codes.

The commands and their options are declared in `app` (typer); the handlers that run them
are in `verifying` and `commands`, and what they print goes through `console`.

Exit codes: 0 clean, 1 findings that fail, 2 usage or input error (one line on stderr,
no traceback), 130 interrupted.
"""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    """Parse and run one command; the exit status as the return value."""
    from typer import TyperException
    from typer.main import get_command

    from tipcheck.cli.app import app

    command = get_command(app)
    if not argv:  # no command: the help, and the status of a usage error
        command.main(args=["--help"], prog_name="tipcheck", standalone_mode=False)
        return 2
    try:
        result = command.main(args=argv, prog_name="tipcheck", standalone_mode=False)
    except TyperException as exc:
        return _usage_error(exc)
    return result if isinstance(result, int) else 0


def _usage_error(exc: Exception) -> int:
    """A bad command line in one line, like every other input error, instead of a usage block."""
    from tipcheck.cli.console import err

    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    err(f"tipcheck: error: {message}{hint}")
    return 2


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    import signal

    def terminated(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # `kill`, a CI timeout: stopped like Ctrl-C, workers and all

    signal.signal(signal.SIGTERM, terminated)
    return run(sys.argv[1:] if argv is None else argv)
