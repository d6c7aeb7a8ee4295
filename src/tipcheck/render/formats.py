"""Machine formats of `verify` reports: plain lines, GitHub annotations and SARIF 2.1.0.

Each returns a string; only the CLI prints it. Matches are successes, not problems: the
line formats leave them out, SARIF records them as results of kind "pass". Every piece
of draft text is escaped for its format, so a draft cannot print a terminal escape
sequence or start a workflow command of its own.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcheck import __version__
from tipcheck.model import FileReport, Finding
from tipcheck.render.ansi import printable
from tipcheck.support.stable_json import dump_json
from tipcheck.text.lines import line_col

_RULES = {
    "unsourced": "A figure that no registered claim backs.",
    "cited": "A figure no registered claim backs, cited to a source outside the registry.",
    "match": "A figure a registered claim backs.",
}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def resolve(fmt: str, environ: dict[str, str] | None = None, isatty: bool | None = None) -> str:
    """`auto`: GitHub annotations inside GitHub Actions, text on a terminal, else plain."""
    if fmt != "auto":
        return fmt
    env = os.environ if environ is None else environ
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    tty = sys.stdout.isatty() if isatty is None else isatty
    return "text" if tty else "plain"


def rule_id(finding: Finding) -> str:
    """A contradiction's check, else its verdict: value, parts, ..., unsourced, cited, match."""
    return finding.check if finding.status == "contradiction" and finding.check else finding.status


@dataclass(frozen=True)
class Row:
    """One result in a neutral shape, from `verify` or `audit`, for the machine formats."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    offset: int
    length: int
    severity: str  # error | warning | info
    rule: str
    text: str  # the words it is about
    message: str
    fingerprint: str
    kind: str = "fail"  # SARIF: pass | fail | review | informational
    baselined: bool = False
    related: tuple[tuple[str, int, int, int, str], ...] = ()  # (path, line, offset, length, message)
    properties: tuple[tuple[str, str], ...] = ()


def verify_rows(reports: list[FileReport]) -> list[Row]:
    rows = []
    for report in reports:
        for f in report.findings:
            line, col = line_col(report.text, f.start)
            end_line, end_col = line_col(report.text, f.end)
            kind = {"match": "pass", "contradiction": "fail"}.get(f.status, "review")
            related = tuple((e.claim.file, e.claim.line, e.claim.start, e.claim.end - e.claim.start,
                             f"{e.claim.id}: {e.claim.quote}") for e in f.evidence)  # fmt: skip
            rows.append(Row(report.path, line, col, end_line, end_col, f.start, f.end - f.start,
                            f.severity or "info", rule_id(f), report.text[f.start : f.end], f.message,
                            f.fingerprint, kind, f.baselined, related,
                            (("citation", f.citation),) if f.citation else ()))  # fmt: skip
    return rows


def _problems(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.kind != "pass" and not r.baselined]


def _message(row: Row) -> str:
    said = f"{printable(row.text)!r}: " if row.text else ""
    return said + printable(row.message)


def plain(rows: list[Row]) -> str:
    """`path:line:col: severity check message`, one per line, for editors and grep."""
    return "".join(f"{printable(r.path)}:{r.line}:{r.col}: {r.severity} {r.rule} {_message(r)}\n"
                   for r in _problems(rows))  # fmt: skip


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(printable(text)).replace(":", "%3A").replace(",", "%2C")


def github(rows: list[Row]) -> str:
    """GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` per problem."""
    out = []
    for r in _problems(rows):
        command = {"error": "error", "warning": "warning"}.get(r.severity, "notice")
        props = (f"file={_gh_property(r.path)},line={r.line},col={r.col},endLine={r.end_line},"
                 f"endColumn={r.end_col},title={_gh_property('tipcheck ' + r.rule)}")  # fmt: skip
        # printable() has already turned newlines into \x0a: one command is one line.
        out.append(f"::{command} {props}::{_gh_data(_message(r))}\n")
    return "".join(out)


def sarif(rows: list[Row], rules: list[tuple[str, str, str, str]]) -> str:
    """SARIF 2.1.0: one run; `rules` are (id, summary, documentation, default level)."""
    index = {rid: i for i, (rid, *_) in enumerate(rules)}
    results = []
    for r in rows:
        result: dict[str, Any] = {
            "ruleId": r.rule,
            "ruleIndex": index[r.rule],
            "kind": r.kind,
            "level": "none" if r.kind == "pass" else _SARIF_LEVEL.get(r.severity, "note"),
            "message": {"text": f"{r.text!r}: {r.message}" if r.text else r.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(r.path)},
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.col,
                            "endLine": r.end_line,
                            "endColumn": r.end_col,
                            "charOffset": r.offset,
                            "charLength": r.length,
                        },
                    }
                }
            ],
            "partialFingerprints": {"tipcheck/v1": r.fingerprint},
            "baselineState": "unchanged" if r.baselined else "new",
        }
        if r.related:
            # a claim's source is a location only where the user's tools can open it (a file
            # under the folder tipcheck ran in); the bundled registry's are named, not linked
            result["relatedLocations"] = [
                {"id": n, "message": {"text": text}, "physicalLocation": {
                    "artifactLocation": {"uri": _uri(path)},
                    "region": {"startLine": line, "charOffset": offset, "charLength": length}}}
                if _here(path) else {"id": n, "message": {"text": f"{text} ({path}:{line})"}}
                for n, (path, line, offset, length, text) in enumerate(r.related)
            ]  # fmt: skip
        if r.properties:
            result["properties"] = dict(r.properties)
        results.append(result)
    driver_rules = [
        {"id": rid, "name": rid, "shortDescription": {"text": summary},
         "fullDescription": {"text": " ".join(doc.split())}, "defaultConfiguration": {"level": level}}
        for rid, summary, doc, level in rules
    ]  # fmt: skip
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "tipcheck", "version": __version__, "rules": driver_rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dump_json(log) + "\n"


def verify_rules() -> list[tuple[str, str, str, str]]:
    from tipcheck.verify import checks

    rules = [(c.id, c.summary, c.doc, "error") for c in checks.ALL]
    return rules + [
        (name, text, text, "warning" if name == "unsourced" else "note") for name, text in _RULES.items()
    ]


def _uri(path: str) -> str:
    from urllib.parse import quote

    return "stdin" if path == "<stdin>" else quote(path.replace("\\", "/"))


def _here(path: str) -> bool:
    """Whether a claim's source path names a file under the current folder."""
    try:
        return not Path(path).is_absolute() and ".." not in Path(path).parts and Path(path).is_file()
    except (OSError, ValueError):
        return False
