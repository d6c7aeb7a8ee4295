"""`tipcheck archive`: check an archive on Dask and say what was written."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tipcheck.cli.console import err
from tipcheck.errors import ConfigError, InputError

EXTRA = ("dask", "distributed", "pyarrow")


def archive(args: SimpleNamespace) -> int:
    missing = [name for name in EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(
            f"tipcheck archive needs {', '.join(missing)}: install them with pip install 'tipcheck[archive]'"
        )
    from tipcheck.api import Checker
    from tipcheck.archive import run as archiving

    severity = {}
    for item in args.severity or []:
        check, sep, level = item.partition("=")
        if not sep:
            raise ConfigError(f"--severity {item!r}: give CHECK=LEVEL, such as unsourced=error")
        severity[check.strip()] = level.strip()
    checker = Checker(
        registries=args.registry_paths or (), bundled=args.bundled, config=args.config_file,
        isolated=args.isolated, strict=args.strict, severity=severity,
    )  # fmt: skip
    output = Path(args.output)
    with _progress() as progress:
        summary = archiving.run(
            list(args.inputs), output, checker, scheduler=args.scheduler, workers=args.workers,
            partition_size=args.partition_size, progress=progress,
        )  # fmt: skip
    err(f"{summary.line()}: {output / 'findings'}/, {output / 'failures'}/, {output / 'summary.json'}")
    return 1 if summary.failures else 0


class _progress:
    """A progress bar of partitions on a terminal; nothing otherwise."""

    def __enter__(self) -> Any:
        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=None)
        self.bar.start()
        self.task = self.bar.add_task("checking the archive", total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "bar"):
            self.bar.stop()
