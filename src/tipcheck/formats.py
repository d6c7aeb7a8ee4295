"""Machine formats of `verify` reports: plain lines, GitHub annotations and SARIF 2.1.0.

Each returns a string; only the CLI prints it. Matches are successes, not problems: the
line formats leave them out, SARIF records them as results of kind "pass". Every piece
of draft text is escaped for its format, so a draft cannot print a terminal escape
sequence or start a workflow command of its own.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from . import __version__
from .model import FileReport, Finding
from .output import line_col, printable

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


def _problems(reports: list[FileReport]):
    for report in reports:
        for f in report.findings:
            if f.status != "match" and not f.baselined:
                yield report, f


def _message(report: FileReport, f: Finding) -> str:
    return f"{printable(report.text[f.start : f.end])!r}: {printable(f.message)}"


def plain(reports: list[FileReport]) -> str:
    """`path:line:col: severity check message`, one per line, for editors and grep."""
    out = []
    for report, f in _problems(reports):
        line, col = line_col(report.text, f.start)
        out.append(f"{printable(report.path)}:{line}:{col}: {f.severity} {rule_id(f)} {_message(report, f)}")
    return "".join(line + "\n" for line in out)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github(reports: list[FileReport]) -> str:
    """GitHub Actions workflow commands: one `::error` or `::warning` per problem."""
    out = []
    for report, f in _problems(reports):
        command = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
        line, col = line_col(report.text, f.start)
        end_line, end_col = line_col(report.text, f.end)
        props = (f"file={_gh_property(report.path)},line={line},col={col},endLine={end_line},"
                 f"endColumn={end_col},title={_gh_property('tipcheck ' + rule_id(f))}")  # fmt: skip
        # printable() has already turned newlines into \x0a: one command is one line.
        out.append(f"::{command} {props}::{_gh_data(_message(report, f))}")
    return "".join(line + "\n" for line in out)


def _rules() -> list[dict[str, Any]]:
    from . import checks

    rules = [(c.id, c.summary, c.doc) for c in checks.ALL]
    rules += [(name, text, text) for name, text in _RULES.items()]
    return [
        {
            "id": rid,
            "name": rid,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": " ".join(doc.split())},
            "defaultConfiguration": {"level": "warning" if rid == "unsourced" else "note" if rid in _RULES else "error"},
        }
        for rid, summary, doc in rules
    ]


def sarif(reports: list[FileReport]) -> str:
    """SARIF 2.1.0: one run, rules for every check, one result per finding."""
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        for f in report.findings:
            line, col = line_col(report.text, f.start)
            end_line, end_col = line_col(report.text, f.end)
            rid = rule_id(f)
            result: dict[str, Any] = {
                "ruleId": rid,
                "ruleIndex": index[rid],
                "kind": "pass" if f.status == "match" else "fail" if f.status == "contradiction" else "review",
                "level": "none" if f.status == "match" else _SARIF_LEVEL.get(f.severity, "note"),
                "message": {"text": f"{report.text[f.start : f.end]!r}: {f.message}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(report.path)},
                    "region": {"startLine": line, "startColumn": col, "endLine": end_line,
                               "endColumn": end_col, "charOffset": f.start, "charLength": f.end - f.start},
                }}],
                "partialFingerprints": {"tipcheck/v1": f.fingerprint},
                "baselineState": "unchanged" if f.baselined else "new",
            }
            if f.evidence:
                result["relatedLocations"] = [
                    {
                        "id": n,
                        "message": {"text": f"{e.claim.id}: {e.claim.quote}"},
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(e.claim.file)},
                            "region": {"startLine": e.claim.line, "charOffset": e.claim.start,
                                       "charLength": e.claim.end - e.claim.start},
                        },
                    }
                    for n, e in enumerate(f.evidence)
                ]
            if f.citation:
                result["properties"] = {"citation": f.citation}
            results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "tipcheck", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    from urllib.parse import quote

    return "stdin" if path == "<stdin>" else quote(path.replace("\\", "/"))
