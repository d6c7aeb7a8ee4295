"""tipcheck as a library: check texts against a registry and get `tipcheck verify`'s findings.

    from tipcheck.api import Checker

    checker = Checker()                       # the configuration found from here, its registries
    report = checker.check(text, path="drafts/tip-2015.md")
    for row in report.rows():                 # one flat, JSON-safe dict per finding
        print(row["line"], row["status"], row["text"], row["message"])

A `Checker` opens its registries once (through the on-disk index) and is reused for any
number of texts, from several threads at once. It pickles as the settings it was made with,
and a copy in another process opens the registries again there, never carrying claims
across. `tipcheck verify` and `tipcheck archive` check each draft through `check_draft`, the
function `Checker.check` calls, so the findings are the same.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcheck.errors import InputError
from tipcheck.model import FileReport, Finding, Value, plain_value
from tipcheck.verify import config as configuration
from tipcheck.verify.batch import Verifiers, check_draft

__all__ = ["Checker", "Report"]

# Columns of `Report.rows()`, in order: the findings table of `tipcheck archive` too.
COLUMNS = (
    "path", "status", "check", "severity", "start", "end", "line", "column", "text",
    "kind", "value", "unit", "qualifier", "metric", "entity",
    "period_start", "period_end", "period_cumulative", "period_basis",
    "message", "citation", "fingerprint", "baselined", "evidence_ids", "evidence",
)  # fmt: skip


@dataclass(frozen=True)
class Report:
    """The findings on one text, in text order, exactly as `tipcheck verify` reports them."""

    file: FileReport

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.file.findings

    def as_dict(self) -> dict[str, Any]:
        """This text's entry of `tipcheck verify --format json`'s `files` list."""
        from tipcheck.render.output import finding_dict

        return {"path": self.file.path, "findings": [finding_dict(self.file, f) for f in self.file.findings]}

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per finding (the columns of `COLUMNS`), JSON-safe: values are
        strings, numbers, booleans or None, but `evidence_ids` (a list of claim ids) and
        `evidence` (a list of dicts: id, file, start, end, line, quote, value)."""
        from tipcheck.text.lines import line_col

        out = []
        for finding in self.file.findings:
            fig = finding.figure
            line, column = line_col(self.file.text, finding.start)
            period = fig.period
            out.append(
                {
                    "path": self.file.path,
                    "status": finding.status,
                    "check": finding.check,
                    "severity": finding.severity or None,
                    "start": finding.start,
                    "end": finding.end,
                    "line": line,
                    "column": column,
                    "text": self.file.text[finding.start : finding.end],
                    "kind": fig.kind,
                    "value": value_text(fig.value),
                    "unit": fig.unit,
                    "qualifier": fig.qualifier,
                    "metric": fig.metric,
                    "entity": fig.entity,
                    "period_start": period.as_dict()["start"] if period else None,
                    "period_end": period.as_dict()["end"] if period else None,
                    "period_cumulative": period.cumulative if period else None,
                    "period_basis": fig.basis,
                    "message": finding.message,
                    "citation": finding.citation,
                    "fingerprint": finding.fingerprint or None,
                    "baselined": finding.baselined,
                    "evidence_ids": [e.claim.id for e in finding.evidence],
                    "evidence": [
                        {
                            "id": e.claim.id,
                            "file": e.claim.file,
                            "start": e.claim.start,
                            "end": e.claim.end,
                            "line": e.claim.line,
                            "quote": e.claim.quote,
                            "value": value_text(e.claim.value),
                        }
                        for e in finding.evidence
                    ],
                }
            )
        return out


def value_text(value: Value) -> str | None:
    """A value as one string, whatever its kind, so that a table column has one type:
    '54', '28.2', '2014-07-24', '2014..2018' (a pair), None for none."""
    plain = plain_value(value)
    if plain is None:
        return None
    if isinstance(plain, list):
        return "..".join(str(v) for v in plain)
    return str(plain)


@dataclass(frozen=True)
class _Settings:
    """What a `Checker` was made with: all a copy in another process needs."""

    registries: tuple[str, ...]
    bundled: bool | None
    config: str | None
    root: str
    isolated: bool
    strict: bool
    severity: tuple[tuple[str, str], ...]


class Checker:
    """Registries opened once, to check many texts with one configuration.

    `config` is a configuration file (tipcheck.yaml or pyproject.toml); without it, the
    one found upward from `root` (default: the current folder) is used, unless `isolated`.
    `registries`, `bundled`, `strict` and `severity` ({"unsourced": "error"}) override it
    as the command line's options do.
    """

    def __init__(
        self,
        registries: Sequence[str | Path] = (),
        bundled: bool | None = None,
        config: str | Path | None = None,
        *,
        root: str | Path | None = None,
        isolated: bool = False,
        strict: bool = False,
        severity: Mapping[str, str] | None = None,
    ) -> None:
        self._settings: _Settings | None = _Settings(
            tuple(str(p) for p in registries), bundled, None if config is None else str(config),
            str(Path(root or Path.cwd()).resolve()), isolated, strict, tuple(sorted((severity or {}).items())),
        )  # fmt: skip
        self._open()

    def _open(self) -> None:
        s = self._settings
        assert s is not None
        found = configuration.for_path(Path(s.root), None if s.config is None else Path(s.config), s.isolated)
        self.config = configuration.override(
            found,
            registries=[Path(p) for p in s.registries] or None,
            bundled=s.bundled,
            strict=s.strict,
            severity=[f"{k}={v}" for k, v in s.severity] or None,
        )
        self._verifiers = Verifiers()
        self._lock = threading.Lock()
        self._verifiers.registries(self.config)  # open the index now: a bad registry fails here

    def check(self, text: str, path: str | None = None, published: str | None = None) -> Report:
        """The findings on `text`. `path` names it in the findings and their fingerprints
        (as a draft's path does; None: '<text>'); `published` (YYYY, YYYY-MM or YYYY-MM-DD)
        is its date, as front matter `date:` gives it, for "last year" and "over the past
        12 years"."""
        if published is not None:
            from tipcheck.text.document import real_date

            if not real_date(published):
                raise InputError(f"published: {published!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        with self._lock:  # the verifier of a set of places is made once, whichever thread asks first
            claims = self._verifiers.registries(self.config)
            verifier = self._verifiers.verifier(self.config, claims, text)
        return Report(check_draft(verifier, self.config, text, path or "<text>", published=published))

    def source_files(self) -> frozenset[Path]:
        """The source documents of this checker's registries, resolved: what drafts are
        checked against, never drafts themselves (`tipcheck verify` skips them)."""
        with self._lock:
            return self._verifiers.registries(self.config).source_files()

    def snapshot(self, parent: str | Path) -> Path:
        """Write this checker's registries as a read-only snapshot in a new folder under
        `parent`, named by its content (the same registries give the same folder), for
        `from_snapshot` in other processes or on other machines."""
        from tipcheck.registry import snapshot
        from tipcheck.registry.index import Claims

        claims = self._verifiers.registries(self.config)
        extra = self._verifiers.lexicon(self.config).extra
        indexed = claims.indexed_files() if isinstance(claims, Claims) else None
        if indexed is not None:  # one indexed registry: from its packed files, a place at a time
            root, files = indexed
            return snapshot.write_indexed(root, files, extra, Path(parent))
        registry, features = claims.scope(None)
        return snapshot.write(registry, features, extra, Path(parent))

    @classmethod
    def from_snapshot(cls, folder: str | Path, config: configuration.Config) -> Checker:
        """A checker of a snapshot's claims with this configuration (the one the snapshot's
        registries were named by): it opens no claims file and no configuration file."""
        from tipcheck.registry.snapshot import Snapshot

        checker = cls.__new__(cls)
        checker._settings = None
        checker._snapshot = (str(folder), config)
        checker._attach(Snapshot(Path(folder)), config)
        return checker

    def _attach(self, source: Any, config: configuration.Config) -> None:
        self.config = config
        self._verifiers = Verifiers()
        self._lock = threading.Lock()
        self._verifiers.claims[(config.registries, config.bundled, config.vocabulary)] = source
        from tipcheck.match import lexicon

        extended = lexicon.Lexicon(source.extra) if source.extra else lexicon.DEFAULT
        self._verifiers.lexicons[(config.registries, config.vocabulary)] = extended

    def __getstate__(self) -> tuple[_Settings | None, tuple[str, configuration.Config] | None]:
        return self._settings, getattr(self, "_snapshot", None)

    def __setstate__(self, state: tuple[_Settings | None, tuple[str, configuration.Config] | None]) -> None:
        settings, snapshot = state
        self._settings = settings
        if settings is not None:
            self._open()
        else:
            from tipcheck.registry.snapshot import Snapshot

            assert snapshot is not None
            self._snapshot = snapshot
            self._attach(Snapshot(Path(snapshot[0])), snapshot[1])
