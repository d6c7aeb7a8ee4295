"""A checked draft in LSP terms: diagnostics, quick fixes and hovers built from a `Report`.

Only findings that need the writer's attention become diagnostics: contradictions, and
unsourced figures at the level the configuration gives them (a level of `off` has removed
them from the report already). Matches and cited figures are not diagnostics, not even
hints: a draft is mostly matches, and an editor that marks every backed figure hides the
few that are wrong. Their claims are one hover away.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lsprotocol import types as lsp

from tipcheck.api import Report
from tipcheck.lsp.positions import Lines
from tipcheck.model import Claim, Finding

SOURCE = "tipcheck"
ATTENTION = ("contradiction", "unsourced")
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
# The placeholder a writer replaces with the outside source; `source=` needs some text, and
# the word itself says what goes there.
CITATION_PLACEHOLDER = "URL"

# Where a claim's source document is, as an LSP URI and its lines; None where it is not
# a file under its registry's root (a snapshot's claims, a renamed source).
Locate = Callable[[Claim], tuple[str, Lines] | None]


@dataclass(frozen=True)
class Checked:
    """One version of an open draft and what tipcheck found in it (None: not checked, as
    an excluded file, a registry's own source or a draft tipcheck could not read)."""

    uri: str
    lines: Lines
    report: Report | None


def code(finding: Finding) -> str:
    """The name a directive gives the finding's check: `value`, `date`... or `unsourced`."""
    return finding.check or finding.status


def span(lines: Lines, start: int, end: int) -> lsp.Range:
    (l1, c1), (l2, c2) = lines.position(start), lines.position(end)
    return lsp.Range(start=lsp.Position(line=l1, character=c1), end=lsp.Position(line=l2, character=c2))


def attention(doc: Checked) -> list[Finding]:
    return [f for f in doc.report.findings if f.status in ATTENTION] if doc.report else []


def diagnostics(doc: Checked, locate: Locate) -> list[lsp.Diagnostic]:
    out = []
    for finding in attention(doc):
        where = span(doc.lines, finding.start, finding.end)
        related = []
        for evidence in finding.evidence:
            claim = evidence.claim
            found = locate(claim)
            location = (
                lsp.Location(uri=found[0], range=span(found[1], claim.start, claim.end))
                if found is not None
                else lsp.Location(uri=doc.uri, range=where)
            )
            related.append(lsp.DiagnosticRelatedInformation(location=location, message=_quoted(claim)))
        out.append(
            lsp.Diagnostic(
                range=where,
                message=finding.message,
                severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Warning),
                code=code(finding),
                source=SOURCE,
                related_information=related or None,
            )
        )
    return out


def failure(message: str, lines: Lines, path: str) -> lsp.Diagnostic:
    """A draft tipcheck refuses (an unknown directive, unclosed front matter, a bad
    configuration) as one error: at the draft's line the message names, else at the top.
    The editor is the only place the writer would see it."""
    found = (
        re.match(r"(\d+): (.*)", message.removeprefix(f"{path}:"), re.S)
        if message.startswith(f"{path}:")
        else None
    )
    line = min(max(int(found.group(1)) - 1, 0), len(lines.starts) - 1) if found else 0
    start = lines.starts[line]
    end = lines.text.find("\n", start)
    end = len(lines.text) if end < 0 else end
    return lsp.Diagnostic(
        range=span(lines, start, end),
        message=found.group(2) if found else message,
        severity=lsp.DiagnosticSeverity.Error,
        code="input",
        source=SOURCE,
    )


def suppression(finding: Finding) -> str:
    """An `ignore` directive for this check only: a later contradiction of the same figure
    by another check still shows. Written right before the figure, it is not alone on its
    line, so it covers the next figure and no other."""
    return f"<!-- tipcheck: ignore={code(finding)} -->"


def citation() -> str:
    return f" <!-- tipcheck: source={CITATION_PLACEHOLDER} -->"


def actions(doc: Checked, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """Quick fixes for the findings the request's diagnostics name (or, when it names none,
    those in its range): ignore the finding, and for an unsourced figure cite an outside
    source. A contradiction gets no citation: a citation never hides one."""
    findings = attention(doc)
    ours = [d for d in params.context.diagnostics if d.source == SOURCE]
    chosen: list[tuple[Finding, lsp.Diagnostic | None]] = []
    for named in ours:
        start = doc.lines.offset(named.range.start.line, named.range.start.character)
        chosen += [(f, named) for f in findings if f.start == start and code(f) == named.code]
    if not ours:
        first = doc.lines.offset(params.range.start.line, params.range.start.character)
        last = doc.lines.offset(params.range.end.line, params.range.end.character)
        chosen = [(f, None) for f in findings if f.start <= last and first <= f.end]
    out = []
    for finding, diagnostic in chosen:
        at_start = span(doc.lines, finding.start, finding.start)
        out.append(
            _action(
                doc.uri, f"Ignore this {code(finding)} finding", at_start, suppression(finding), diagnostic
            )
        )
        if finding.status == "unsourced":
            at_end = span(doc.lines, finding.end, finding.end)
            out.append(_action(doc.uri, "Cite a source outside the registry", at_end, citation(), diagnostic))
    return out


def _action(
    uri: str, title: str, where: lsp.Range, text: str, diagnostic: lsp.Diagnostic | None
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=f"tipcheck: {title}",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic is not None else None,
        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=where, new_text=text)]}),
    )


def hover(doc: Checked, line: int, column: int) -> lsp.Hover | None:
    """The verdict on the figure under the cursor, with its claims and their quotes."""
    if doc.report is None:
        return None
    offset = doc.lines.offset(line, column)
    # the end too, so that a cursor just after the figure (where typing leaves it) counts
    under = [f for f in doc.report.findings if f.start <= offset <= f.end]
    if not under:
        return None
    finding = under[0]
    parts = [
        f"**{finding.status}**" + (f" · `{finding.check}`" if finding.check else ""),
        _escape(finding.message),
    ]
    if finding.citation:
        parts.append(f"Cited: {_escape(finding.citation)}")
    for evidence in finding.evidence:
        claim = evidence.claim
        quote = "\n".join(f"> {_escape(row)}" for row in claim.quote.splitlines() or [""])
        parts.append(f"{quote}\n\n{_code(claim.id)}, {_code(f'{claim.file}:{claim.line}')}")
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n".join(parts)),
        range=span(doc.lines, finding.start, finding.end),
    )


def _quoted(claim: Claim) -> str:
    return f"“{claim.quote}” ({claim.id})"


def _escape(text: str) -> str:
    """Source and draft words shown as written, never as Markdown or HTML: the characters
    that mark up inline, and what would open a list or heading at a line's start."""
    text = re.sub(r"([\\`*_\[\]<>|~&])", r"\\\1", text)
    text = re.sub(r"(?m)^(\s*)([#+\-=])", r"\1\\\2", text)
    return re.sub(r"(?m)^(\s*\d+)([.)])", r"\1\\\2", text)


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"
