"""Where a configuration's keys are in its file: `tipcheck.yaml` keeps the lines of its
keys as it is read; `pyproject.toml`'s `[tool.tipcheck]` is read with tomllib, which keeps
none, so its lines are found again in the text. Errors then name the line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tipcheck.errors import ConfigError


def yaml_lines(data: dict[str, Any]) -> dict[str, int]:
    """Lines of top-level keys and of the keys of nested mappings ('severity.value')."""
    lines: dict[str, int] = {}
    key_lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        lines[str(key)] = key_lines.get(key, getattr(data, "line", 1))
        if isinstance(value, dict):
            inner = getattr(value, "key_lines", {})
            for sub in value:
                lines[f"{key}.{sub}"] = inner.get(sub, lines[str(key)])
    return lines


# loose on purpose: a mistyped "[tool.tipcheck" header is reported, not ignored
_TOOL_TABLE = re.compile(r"(?m)^\s*\[\s*tool\s*\.\s*tipcheck\b")


def has_tool_table(path: Path) -> bool:
    try:
        return _TOOL_TABLE.search(path.read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


def from_pyproject(text: str, path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"{path}:{at.group(1) if at else 1}: {exc}") from None
    section = data.get("tool", {}).get("tipcheck", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}:1: [tool.tipcheck] must be a table")
    # tomllib keeps no positions: find each key's line in the [tool.tipcheck*] tables.
    lines: dict[str, int] = {}
    table = None
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[([^\]]+)\]\s*$", line)
        if header:
            name = header.group(1).strip()
            table = name[len("tool.tipcheck") :].lstrip(".") if name.startswith("tool.tipcheck") else None
            if table:
                lines.setdefault(table, number)
            continue
        key = re.match(r"\s*([\w-]+)\s*=", line)
        if table is not None and key:
            lines.setdefault(f"{table}.{key.group(1)}" if table else key.group(1), number)
    return section, lines
