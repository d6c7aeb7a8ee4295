"""Project configuration: `tipcheck.yaml` (or `[tool.tipcheck]` in `pyproject.toml`).

A configuration is found by searching upward from the file being checked, stopping at
the repository root (the directory holding `.git`). Every path in it is relative to the
file's own directory and must stay inside the repository. Unknown keys and bad values
are ConfigErrors naming the file and line; command-line flags override the file.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from tipcheck.errors import ConfigError
from tipcheck.model import CHECK_IDS
from tipcheck.thresholds import APPROXIMATE, APPROXIMATE_MAX
from tipcheck.verify import settings_files

NAMES = ("tipcheck.yaml", ".tipcheck.yaml")
# The checks of `checks.ALL` plus the verdict "unsourced"; kept here as names so that
# reading a configuration does not import the checks (tests keep the two lists equal).
LEVELS = ("error", "warning", "off")
FORMATS = ("text", "plain", "json", "jsonl", "sarif", "github", "html", "claimreview", "auto")
_KEYS = (
    "registries",
    "vocabulary",
    "bundled",
    "fail_on_unsourced",
    "severity",
    "tolerances",
    "exclude",
    "format",
    "claimreview",
)
# Who publishes the fact checks `--format claimreview` writes, and when
CLAIMREVIEW_KEYS = ("author", "author_url", "date_published")


@dataclass(frozen=True)
class Config:
    """The effective settings for a set of drafts."""

    file: str | None = None  # where the settings came from; None for the defaults
    base: str = "."  # directory that `exclude` globs are relative to
    registries: tuple[str, ...] = ()  # the project's own registries, absolute paths
    vocabulary: tuple[str, ...] = ()  # vocabulary files beyond the registries' own, absolute paths
    bundled: bool = True  # also check against tipcheck's bundled registry
    fail_on_unsourced: bool = False
    severity: tuple[tuple[str, str], ...] = ()  # (check, level) overrides
    approximately: Decimal = APPROXIMATE  # relative tolerance of "about", "nearly"
    exclude: tuple[str, ...] = ()
    format: str = "text"
    claimreview: tuple[tuple[str, str], ...] = ()  # (key, value) of CLAIMREVIEW_KEYS
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def level(self, status: str, check: str | None) -> str:
        """error, warning, info (reported, never fails) or off (not reported)."""
        levels = dict(self.severity)
        if status == "contradiction":
            return levels.get(check or "value", "error")
        if status == "unsourced":
            chosen = levels.get("unsourced", "warning")
            return "error" if self.fail_on_unsourced and chosen != "off" else chosen
        return "info"

    def excludes(self, path: Path) -> bool:
        """Whether a draft is excluded: globs match its path relative to the config's
        directory, or its file name for a glob without a slash."""
        if not self.exclude:
            return False
        try:
            rel = PurePosixPath(path.resolve().relative_to(Path(self.base).resolve()))
        except ValueError:
            rel = PurePosixPath(path.as_posix())
        for glob in self.exclude:
            target = str(rel) if "/" in glob else rel.name
            if fnmatch.fnmatchcase(target, glob) or (glob.endswith("/**") and str(rel).startswith(glob[:-2])):
                return True
        return False

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "registries": list(self.registries),
            "vocabulary": list(self.vocabulary),
            "bundled": self.bundled,
            "fail_on_unsourced": self.fail_on_unsourced,
            "severity": {c: self.level("contradiction" if c != "unsourced" else c, c) for c in CHECK_IDS},
            "tolerances": {"approximately": float(self.approximately)},
            "exclude": list(self.exclude),
            "format": self.format,
            "claimreview": dict(self.claimreview),
        }


def find(start: Path) -> Path | None:
    """The configuration file that applies to `start` (a file or directory), if any."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and settings_files.has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def repository_root(folder: Path) -> Path:
    """The nearest folder at or above `folder` holding `.git`; `folder` itself if none."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def load(path: Path) -> Config:
    """Read and validate one configuration file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        data, lines = settings_files.from_pyproject(text, path)
    else:
        from tipcheck.registry import yamlio

        data = yamlio.load(text, str(path), ConfigError)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}:1: a configuration must be a mapping of settings")
        lines = settings_files.yaml_lines(data)
    return _validate(data, lines, path)


def locate(start: Path, explicit: Path | None = None, isolated: bool = False) -> Path | None:
    """Which configuration file applies to `start`: `explicit`, else the nearest found."""
    if isolated:
        return None
    return explicit if explicit is not None else find(start)


def for_path(start: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    """The configuration that applies to a draft (the defaults when there is none)."""
    return from_file(locate(start, explicit, isolated))


def from_file(path: Path | None) -> Config:
    if path is None:
        return Config()
    if path.is_dir():
        raise ConfigError(
            f"{path}: a folder, not a configuration file (give tipcheck.yaml or pyproject.toml)"
        )
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    return load(path)


def override(
    config: Config,
    *,
    registries: list[Path] | None = None,
    bundled: bool | None = None,
    strict: bool | None = None,
    severity: list[str] | None = None,
    exclude: list[str] | None = None,
    fmt: str | None = None,
) -> Config:
    """Command-line flags over a file's settings. `--registry` replaces the file's
    registries and, unless `--bundled` is also given, the bundled one."""
    changes: dict[str, Any] = {}
    origins = dict(config.origins)
    if registries:
        changes["registries"] = tuple(str(p.resolve()) for p in registries)
        changes["bundled"] = bool(bundled)
        origins["registries"] = origins["bundled"] = "command line"
    elif bundled is not None:
        changes["bundled"] = bundled
        origins["bundled"] = "command line"
    if strict:
        changes["fail_on_unsourced"] = True
        origins["fail_on_unsourced"] = "command line"
    if severity:
        levels = dict(config.severity)
        for item in severity:
            check, _, level = item.partition("=")
            _check_level(check.strip(), level.strip(), "--severity")
            levels[check.strip()] = level.strip()
        changes["severity"] = tuple(sorted(levels.items()))
        origins.update({f"severity.{item.partition('=')[0].strip()}": "command line" for item in severity})
    if exclude:
        changes["exclude"] = config.exclude + tuple(exclude)
        origins["exclude"] = "command line"
    if fmt is not None:
        changes["format"] = fmt
        origins["format"] = "command line"
    return replace(config, origins=origins, **changes)


def _check_level(check: str, level: str, where: str) -> None:
    if check not in CHECK_IDS:
        raise ConfigError(f"{where}: unknown check {check!r} (one of: {', '.join(CHECK_IDS)})")
    if level not in LEVELS:
        raise ConfigError(f"{where}: severity of {check!r} must be one of {', '.join(LEVELS)}, not {level!r}")


def _validate(data: dict[str, Any], lines: dict[str, int], path: Path) -> Config:
    def where(key: str) -> str:
        return f"{path}:{lines.get(key, 1)}"

    for key in data:
        if key not in _KEYS:
            import difflib

            hint = difflib.get_close_matches(str(key).replace("-", "_"), _KEYS, n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else f" (known keys: {', '.join(_KEYS)})"
            raise ConfigError(f"{where(str(key))}: unknown key {key!r}{extra}")
    folder = path.resolve().parent
    repo = repository_root(folder)
    origins = {key: str(path) for key in data}
    settings: dict[str, Any] = {"file": str(path), "base": str(folder), "origins": origins}

    def strings(key: str, what: str) -> list[str]:
        value = data[key]
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{where(key)}: {key} must be a list of {what}")
        return value

    if "registries" in data:
        resolved = []
        for item in strings("registries", "paths"):
            target = _inside(folder, item, where("registries"), repo, f"registry {item!r}",
                             "; keep registries inside it, or give --registry on the command line")  # fmt: skip
            outside = "it does not exist" if not target.exists() else _leaves(target, repo)
            if outside is not None:
                raise ConfigError(f"{where('registries')}: registry {item!r}: {outside} ({target}); keep "
                                  "a registry and its files inside the repository")  # fmt: skip
            resolved.append(str(target))
        settings["registries"] = tuple(resolved)
    if "vocabulary" in data:
        files = []
        for item in strings("vocabulary", "paths"):
            target = _inside(folder, item, where("vocabulary"), repo, f"vocabulary file {item!r}")
            if not target.is_file():
                raise ConfigError(f"{where('vocabulary')}: no vocabulary file {item!r} ({target})")
            files.append(str(target))
        settings["vocabulary"] = tuple(files)
    for key in ("bundled", "fail_on_unsourced"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{where(key)}: {key} must be true or false, not {data[key]!r}")
            settings[key] = data[key]
    if "severity" in data:
        value = data["severity"]
        if not isinstance(value, dict):
            raise ConfigError(f"{where('severity')}: severity must map check names to error, warning or off")
        for check, level in value.items():
            _check_level(
                str(check),
                str(level),
                f"{path}:{lines.get('severity.' + str(check), lines.get('severity', 1))}",
            )
        settings["severity"] = tuple(sorted((str(k), str(v)) for k, v in value.items()))
        # each check's level says where it came from; the others keep their defaults
        del origins["severity"]
        origins.update({f"severity.{k}": str(path) for k in value})
    if "tolerances" in data:
        value = data["tolerances"]
        if not isinstance(value, dict):
            raise ConfigError(
                f"{where('tolerances')}: tolerances must be a mapping, e.g. approximately: 0.05"
            )
        for key, number in value.items():
            line = f"{path}:{lines.get('tolerances.' + str(key), lines.get('tolerances', 1))}"
            if key != "approximately":
                raise ConfigError(f"{line}: unknown tolerance {key!r} (known: approximately)")
            try:
                amount = Decimal(str(number)) if not isinstance(number, bool) else None
            except InvalidOperation:
                amount = None
            if amount is None or not amount.is_finite() or not (0 <= amount <= APPROXIMATE_MAX):
                raise ConfigError(
                    f"{line}: approximately must be a fraction from 0 to {APPROXIMATE_MAX}, not {number!r}"
                )
            settings["approximately"] = amount
    if "exclude" in data:
        settings["exclude"] = tuple(strings("exclude", "glob patterns"))
    if "format" in data:
        if data["format"] not in FORMATS:
            raise ConfigError(
                f"{where('format')}: format must be one of {', '.join(FORMATS)}, not {data['format']!r}"
            )
        settings["format"] = data["format"]
    if "claimreview" in data:
        settings["claimreview"] = _claimreview(data["claimreview"], lambda k: f"{path}:{lines.get(k, 1)}")
    return Config(**settings)


def _claimreview(value: Any, where: Callable[[str], str]) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where('claimreview')}: claimreview must map author, author_url, date_published")
    for key, item in value.items():
        line = where(f"claimreview.{key}")
        if key not in CLAIMREVIEW_KEYS:
            raise ConfigError(
                f"{line}: unknown claimreview key {key!r} (known: {', '.join(CLAIMREVIEW_KEYS)})"
            )
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{line}: claimreview {key} must be text, not {item!r}")
        if key == "author_url" and not re.match(r"https?://\S+$", item):
            raise ConfigError(f"{line}: claimreview author_url must be an http(s) address, not {item!r}")
        if key == "date_published" and not re.match(r"\d{4}-\d\d-\d\d$", item):
            raise ConfigError(f"{line}: claimreview date_published must be a date (YYYY-MM-DD), not {item!r}")
    return tuple(sorted((str(k), str(v).strip()) for k, v in value.items()))


def _leaves(registry: Path, repo: Path) -> str | None:
    """The claims folder, or a claims file, that a symbolic link takes out of the repository."""
    claims = registry / "claims"
    if not claims.is_dir():
        return None
    if not claims.resolve().is_relative_to(repo):
        return "claims/ is a symbolic link out of the repository"
    try:
        with os.scandir(claims) as entries:
            linked = [e.name for e in entries if e.is_symlink()]
    except OSError:
        return None
    for name in linked:
        try:
            inside = (claims / name).resolve().is_relative_to(repo)
        except (OSError, RuntimeError):
            continue  # a loop: reported when the registry is read
        if not inside:
            return f"claims/{name} is a symbolic link out of the repository"
    return None


def _inside(folder: Path, item: str, where: str, repo: Path, what: str, hint: str = "") -> Path:
    """A configured path, resolved, that must stay inside the repository."""
    target = _resolved(folder, item, where)
    if not target.is_relative_to(repo):
        raise ConfigError(f"{where}: {what} points outside the repository ({repo}){hint}")
    return target


def _resolved(folder: Path, item: str, where: str) -> Path:
    """A configured path, or a ConfigError naming the line (a NUL, a name too long, a loop)."""
    try:
        target = (folder / item).resolve()
        target.exists()  # a name too long fails only when the system looks it up
    except (OSError, ValueError, RuntimeError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(
            f"{where}: {item[:60]!r}{'...' if len(item) > 60 else ''} is not a usable path ({why})"
        ) from None
    return target
