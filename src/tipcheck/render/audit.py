"""Audit issues as text, JSON and the machine formats' rows. Returns values; never prints."""

from __future__ import annotations

import hashlib
from typing import Any

from tipcheck.audit.base import SEVERITIES, Issue
from tipcheck.model import Claim, Registry, plain_value
from tipcheck.render.ansi import Line
from tipcheck.render.formats import Row
from tipcheck.render.output import evidence_line, printable
from tipcheck.support.stable_json import dump_json
from tipcheck.text.lines import line_col


def _place(registry: Registry, claim: Claim) -> tuple[int, int, int, int]:
    text = registry.texts.get(claim.file)
    if text is None:
        return claim.line, 1, claim.line, 1
    return (*line_col(text, claim.start), *line_col(text, claim.end))


def fingerprint(issue: Issue) -> str:
    key = "\0".join(
        (
            issue.check,
            issue.severity,
            *(c.id for c in issue.claims),
            issue.message if not issue.claims else "",
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def rows(issues: list[Issue], registry: Registry) -> list[Row]:
    out = []
    for issue in issues:
        first = issue.claims[0] if issue.claims else None
        if first is None:
            out.append(Row("<registry>", 1, 1, 1, 1, 0, 0, issue.severity, issue.check, "", issue.message,
                           fingerprint(issue), "fail" if issue.severity == "error" else "review"))  # fmt: skip
            continue
        line, col, end_line, end_col = _place(registry, first)
        related = tuple(
            (c.file, c.line, c.start, c.end - c.start, f"{c.id}: {c.quote}") for c in issue.claims[1:]
        )
        kind = {"error": "fail", "warning": "review"}.get(issue.severity, "informational")
        out.append(Row(first.file, line, col, end_line, end_col, first.start, first.end - first.start,
                       issue.severity, issue.check, first.quote, issue.message, fingerprint(issue), kind,
                       related=related, properties=tuple(issue.derived)))  # fmt: skip
    return out


def rules() -> list[tuple[str, str, str, str]]:
    from tipcheck.audit import ALL

    return [(c.id, c.summary, c.doc, "warning") for c in ALL]


def counts(issues: list[Issue]) -> dict[str, int]:
    out = dict.fromkeys(SEVERITIES, 0)
    for issue in issues:
        out[issue.severity] += 1
    return out


def summary(issues: list[Issue]) -> str:
    """'13 issues: 0 error, 6 warning, 7 info'."""
    noun = "issue" if len(issues) == 1 else "issues"
    return f"{len(issues)} {noun}: " + ", ".join(f"{n} {s}" for s, n in counts(issues).items())


def as_json(issues: list[Issue], registry: Registry) -> str:
    def claim(c: Claim) -> dict[str, Any]:
        line, col, _, _ = _place(registry, c)
        return {"id": c.id, "file": c.file, "start": c.start, "end": c.end, "line": line, "column": col,
                "quote": c.quote, "value": plain_value(c.value), "metric": c.metric}  # fmt: skip

    data = {
        "issues": [
            {"check": i.check, "severity": i.severity, "message": i.message, "claims": [claim(c) for c in i.claims],
             "derived": dict(i.derived), "fingerprint": fingerprint(i)}
            for i in issues
        ],
        "summary": counts(issues),
    }  # fmt: skip
    return dump_json(data)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def as_text(issues: list[Issue], registry: Registry) -> list[Line]:
    """Styled lines: each issue at its first claim, then every claim it involves, quoted."""
    out: list[Line] = []
    for issue, row in zip(issues, rows(issues, registry), strict=True):
        out.append([
            (f"{printable(row.path)}:{row.line}:{row.col}: ", ""),
            (issue.severity, _STYLE[issue.severity]),
            (f" {issue.check} ", "dim"),
            (printable(issue.message), ""),
        ])  # fmt: skip
        out.extend(evidence_line(c) for c in issue.claims)
    out.append([])
    out.append([(summary(issues), "bold")])
    return out
