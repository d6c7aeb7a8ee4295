"""The one family of expected errors; the CLI maps any of them to exit status 2."""

from __future__ import annotations


class TipcheckError(Exception):
    """A problem with the user's input or set-up, reported as one clear line."""


class InputError(TipcheckError):
    """A draft or source file that cannot be read as text."""


class RegistryError(TipcheckError):
    """A claims registry that is missing, malformed or inconsistent."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class ConfigError(TipcheckError):
    """A configuration file or option with a bad value."""
