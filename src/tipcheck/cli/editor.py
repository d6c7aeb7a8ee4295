"""`tipcheck lsp`: the language server, for an editor to start and speak to over stdio."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from tipcheck.errors import ConfigError, InputError
from tipcheck.verify import config as configuration

EXTRA = ("pygls", "lsprotocol")


def lsp(args: SimpleNamespace) -> int:
    missing = [name for name in EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(
            f"tipcheck lsp needs {', '.join(missing)}: install them with pip install 'tipcheck[lsp]'"
        )
    from tipcheck.lsp.server import Settings, serve

    severity = []
    for item in args.severity or []:
        check, sep, level = item.partition("=")
        if not sep:
            raise ConfigError(f"--severity {item!r}: give CHECK=LEVEL, such as unsourced=error")
        severity.append((check.strip(), level.strip()))
    # a bad level stops the command now, as for verify, not later in every draft's diagnostics
    configuration.override(configuration.Config(), severity=[f"{c}={v}" for c, v in severity] or None)
    registries = tuple(str(p) for p in args.registry_paths or ())
    config = None if args.config_file is None else str(args.config_file)
    serve(Settings(registries, args.bundled, config, args.isolated, args.strict, tuple(severity)))
    return 0
