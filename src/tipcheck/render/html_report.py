"""`verify --format html`: one self-contained page per run, each draft as readable text with
every figure highlighted by its verdict, and the verdict's evidence on hover and on focus.

The page loads nothing (inline CSS, no script, and a Content-Security-Policy that forbids
scripts and every fetch), so it can be mailed or archived and opened offline. A draft is
hostile input: every piece of text from a draft or a registry goes through `_e`, and the
policy is a second wall should an escape ever be missed. Figures are placed by the
findings' character offsets, never by searching the text, so a figure written twice is
highlighted where it was found. Returns a string; only the CLI prints.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from html import escape

from tipcheck.model import FileReport, Finding
from tipcheck.render.output import STATUSES, summary_counts
from tipcheck.text.lines import line_col

# Blocks are separated where the draft leaves a blank line (any line ending), so that
# paragraphs read as paragraphs; single line breaks inside a block are kept by CSS.
_BLANK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*")
_HEADING = re.compile(r"#{1,6}[ \t]")

# The words a reader sees for each verdict; the keys are the JSON statuses.
_LABELS = {
    "match": "Match",
    "contradiction": "Contradiction",
    "unsourced": "Unsourced",
    "cited": "Cited",
    "suppressed": "Suppressed",
}

# No script runs and nothing is fetched, whatever the page holds.
_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; form-action 'none'"
)

_CSS = """
:root { --match: #d8f3dc; --match-b: #2d6a4f; --contradiction: #ffd6d6; --contradiction-b: #b00020;
  --unsourced: #fff3bf; --unsourced-b: #8a6d00; --cited: #dbe9ff; --cited-b: #1f4e9c;
  --suppressed: #e9ecef; --suppressed-b: #495057; }
* { box-sizing: border-box; }
body { font: 16px/1.6 Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fafafa;
  margin: 0 auto; padding: 1.5rem 2rem 6rem; max-width: 58rem; }
h1, h2, h3, .summary, .checks, .tip, .legend, .contradictions, .meta { font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2.5rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #ccc;
  overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta { color: #555; font-size: .9rem; margin: 0 0 1rem; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0; padding: 0; }
.summary div { border: 1px solid #ccc; border-radius: 6px; padding: .35rem .8rem; background: #fff;
  min-width: 6.2rem; }
.summary dt { font-size: .8rem; color: #555; }
.summary dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
.summary .st-contradiction { border-color: var(--contradiction-b); }
.checks { font-size: .9rem; border-collapse: collapse; margin: .8rem 0; }
.checks caption { text-align: left; font-weight: 600; color: #333; margin-bottom: .2rem; }
.checks th, .checks td { border: 1px solid #ccc; padding: .15rem .6rem; text-align: left; }
.checks td.n { text-align: right; }
.contradictions { font-size: .92rem; padding-left: 1.6rem; }
.contradictions li { margin: .25rem 0; }
.contradictions a { color: var(--contradiction-b); }
.legend { font-size: .85rem; color: #444; }
.legend .fig { margin-right: .6rem; }
.draft { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .5rem 1.5rem; }
.draft p, .draft .hd { white-space: pre-wrap; overflow-wrap: anywhere; margin: .8rem 0; }
.draft .hd { font-family: system-ui, sans-serif; font-weight: 700; font-size: 1.1rem; }
.draft .fm { color: #666; font-size: .85rem; font-family: ui-monospace, monospace; }
.fig { padding: 0 .15em; border-radius: 3px; border-bottom: 2px solid; cursor: help;
  background: var(--bg); border-color: var(--bd); }
.fig:focus { outline: 3px solid #1a73e8; outline-offset: 1px; }
.fig[data-status=match] { --bg: var(--match); --bd: var(--match-b); }
.fig[data-status=contradiction] { --bg: var(--contradiction); --bd: var(--contradiction-b);
  border-bottom-style: double; border-bottom-width: 4px; font-weight: 700; }
.fig[data-status=unsourced] { --bg: var(--unsourced); --bd: var(--unsourced-b); border-bottom-style: dotted; }
.fig[data-status=cited] { --bg: var(--cited); --bd: var(--cited-b); border-bottom-style: dashed; }
.fig[data-status=suppressed] { --bg: var(--suppressed); --bd: var(--suppressed-b); }
.fig[data-baselined] { opacity: .6; }
/* The evidence shows in a panel fixed at the foot of the window, not beside the figure:
   without script a box beside it would be cut off for a figure near the right edge. */
.tip { display: none; position: fixed; z-index: 10; bottom: 1rem; left: 50%; transform: translateX(-50%);
  width: min(56rem, calc(100vw - 2rem)); white-space: normal; font-size: .9rem; line-height: 1.45;
  font-weight: 400; background: #222; color: #f5f5f5; padding: .6rem .9rem; border-radius: 6px;
  box-shadow: 0 4px 18px rgba(0,0,0,.35); text-align: left; }
.wrap:hover > .tip, .fig:focus + .tip, .fig:target + .tip { display: block; }
.fig:target { outline: 3px solid var(--bd); }
.tip > span { display: block; }
.tip .verdict { font-weight: 700; }
.tip q { font-style: italic; color: #fff; }
.tip .src { color: #bbb; font-size: .8rem; overflow-wrap: anywhere; }
.none { color: #666; font-style: italic; }
"""


def _e(text: object) -> str:
    """Text for an element or an attribute: quote=True also makes it safe in attributes."""
    return escape(str(text), quote=True)


def render(reports: list[FileReport], excluded: int = 0) -> str:
    """The whole page: summary, contradictions, then each draft with its figures marked."""
    ids = [[f"f{i}-{j}" for j in range(len(r.findings))] for i, r in enumerate(reports, 1)]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        "<title>tipcheck verify report</title>\n",
        f"<style>{_CSS}</style>\n</head>\n<body>\n",
        "<header>\n<h1>tipcheck verify report</h1>\n",
        _summary(reports, excluded),
        _legend(),
        _contradictions(reports, ids),
        "</header>\n<main>\n",
    ]
    parts += [_draft(report, i, ids[i - 1]) for i, report in enumerate(reports, 1)]
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts)


def _summary(reports: list[FileReport], excluded: int) -> str:
    """The counts of `--format json`'s summary, computed by the same function, so the two
    formats cannot disagree; each count carries its JSON key for tools and tests."""
    counts = summary_counts(reports)
    total = sum(counts.values())
    extra = {
        "suppressed": sum(r.suppressed for r in reports),
        "baselined": sum(1 for r in reports for f in r.findings if f.baselined),
    }
    files = len(reports)
    meta = f"{files} draft{'s' if files != 1 else ''} checked"
    if excluded:
        meta += f", {excluded} file{'s' if excluded != 1 else ''} excluded"
    cells = [("figures", "Figures found", total)]
    cells += [(s, _LABELS[s], counts[s]) for s in STATUSES]
    cells += [
        ("suppressed", "Suppressed", extra["suppressed"]),
        ("baselined", "Baselined", extra["baselined"]),
    ]
    out = [f'<p class="meta">{_e(meta)}</p>\n<dl class="summary">\n']
    for key, label, n in cells:
        out.append(f'<div class="st-{key}"><dt>{_e(label)}</dt><dd data-count="{key}">{n}</dd></div>\n')
    out.append("</dl>\n")
    out.append(_per_check(reports))
    return "".join(out)


def _per_check(reports: list[FileReport]) -> str:
    """Findings per check and verdict; only contradictions name a check today, but a check
    that reports another verdict gets its own row rather than vanishing."""
    by_check = Counter((f.check, f.status) for r in reports for f in r.findings if f.check)
    if not by_check:
        return '<p class="meta">No check found a contradiction.</p>\n'
    rows = [
        f"<tr><td>{_e(check)}</td><td>{_e(_LABELS.get(status, status))}</td>"
        f'<td class="n" data-check-count="{_e(check)}" data-status="{_e(status)}">{n}</td></tr>\n'
        for (check, status), n in sorted(by_check.items())
    ]
    return (
        '<table class="checks">\n<caption>Per check</caption>\n'
        "<tr><th>check</th><th>verdict</th><th>findings</th></tr>\n" + "".join(rows) + "</table>\n"
    )


def _legend() -> str:
    # only the verdicts a highlight can carry: a suppressed finding is dropped before
    # rendering, so it is counted in the summary but never marked in the text
    samples = "".join(f'<span class="fig" data-status="{s}">{_e(_LABELS[s])}</span>' for s in STATUSES)
    return f'<p class="legend">Key: {samples} — hover over a figure, or Tab to it, for the evidence.</p>\n'


def _contradictions(reports: list[FileReport], ids: list[list[str]]) -> str:
    """Each contradiction as a link to its place in the text: the list an editor works down."""
    items = []
    for report, anchors in zip(reports, ids, strict=True):
        for finding, anchor in zip(report.findings, anchors, strict=True):
            if finding.status != "contradiction":
                continue
            line, column = line_col(report.text, finding.start)
            where = f"{report.path}:{line}:{column}"
            figure = report.text[finding.start : finding.end]
            items.append(
                f'<li><a href="#{anchor}">{_e(where)}</a> “{_e(figure)}”'
                f" [{_e(finding.check or 'contradiction')}]: {_e(finding.message)}</li>\n"
            )
    if not items:
        return '<h2 id="contradictions">Contradictions</h2>\n<p class="none">None.</p>\n'
    return (
        f'<h2 id="contradictions">Contradictions ({len(items)})</h2>\n'
        f'<ol class="contradictions">\n{"".join(items)}</ol>\n'
    )


def _draft(report: FileReport, index: int, anchors: list[str]) -> str:
    counts = Counter(f.status for f in report.findings)
    said = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    if report.suppressed:
        said += f"{', ' if said else ''}{report.suppressed} suppressed"
    head = (
        f'<section class="file" id="file-{index}">\n<h2>{_e(report.path)}</h2>\n'
        f'<p class="meta">{len(report.findings)} figure{"s" if len(report.findings) != 1 else ""}'
        f"{': ' + _e(said) if said else ''}</p>\n"
    )
    if not report.text.strip():
        return head + '<p class="none">Empty draft.</p>\n</section>\n'
    return head + f'<article class="draft">\n{_body(report, anchors)}</article>\n</section>\n'


def _blocks(text: str, findings: tuple[Finding, ...]) -> list[tuple[int, int]]:
    """[start, end) of each paragraph; a blank line inside a figure (never seen, but the
    offsets are the contract) does not split it."""
    starts = [f.start for f in findings]
    blocks, lo = [], 0
    for m in _BLANK.finditer(text):
        # the last finding starting before the cut ends; bisect keeps a long draft linear-ish
        k = bisect_left(starts, m.end()) - 1
        if k >= 0 and findings[k].end > m.start():
            continue
        blocks.append((lo, m.start()))
        lo = m.end()
    blocks.append((lo, len(text)))
    return [(a, b) for a, b in blocks if b > a]


def _body(report: FileReport, anchors: list[str]) -> str:
    """The draft's text, block by block, each finding's characters wrapped in one mark.
    Text between blocks (the blank lines) is dropped: the paragraphs stand for it."""
    text, findings = report.text, report.findings
    out = []
    k = 0  # next finding; findings come in text order and do not overlap
    for number, (lo, hi) in enumerate(_blocks(text, findings)):
        words = text[lo:hi]
        # front matter is shown but set apart from the prose; a Markdown heading stands out
        cls = "fm" if number == 0 and words.startswith("---") else "hd" if _HEADING.match(words) else ""
        pieces, at = [], lo
        while k < len(findings) and findings[k].start < hi:
            f = findings[k]
            start = max(f.start, at)  # defensive: an overlap is shown from where the last ended
            pieces.append(_e(text[at:start]))
            pieces.append(_mark(report, f, anchors[k], text[start : f.end]))
            at = max(at, f.end)
            k += 1
        pieces.append(_e(text[at:hi]))
        out.append(f'<p class="{cls}">' if cls else "<p>")
        out.append("".join(pieces) + "</p>\n")
    return "".join(out)


def _mark(report: FileReport, finding: Finding, anchor: str, figure: str) -> str:
    """One figure: a focusable mark whose description is its tooltip, so a keyboard or a
    screen reader gets what the mouse gets."""
    attrs = [
        f'id="{anchor}"',
        'class="fig"',
        'tabindex="0"',
        f'aria-describedby="{anchor}-tip"',
        f'data-status="{_e(finding.status)}"',
    ]
    if finding.check:
        attrs.append(f'data-check="{_e(finding.check)}"')
    if finding.severity:
        attrs.append(f'data-severity="{_e(finding.severity)}"')
    if finding.baselined:
        attrs.append('data-baselined="true"')
    return (
        f'<span class="wrap"><mark {" ".join(attrs)}>{_e(figure)}</mark>'
        f'<span class="tip" role="tooltip" id="{anchor}-tip">{_tip(report, finding)}</span></span>'
    )


def _tip(report: FileReport, finding: Finding) -> str:
    line, column = line_col(report.text, finding.start)
    verdict = _LABELS.get(finding.status, finding.status)
    if finding.check:
        verdict += f" [{finding.check}]"
    if finding.baselined:
        verdict += " (accepted by the baseline)"
    out = [
        f'<span class="verdict">{_e(verdict)}</span>',
        f"<span>{_e(finding.message)}</span>",
    ]
    for ev in finding.evidence:
        c = ev.claim
        note = f" ({ev.note})" if ev.note else ""
        out.append(
            f"<span><q>{_e(c.quote)}</q>{_e(note)}</span>"
            f'<span class="src">source {_e(c.file)}:{c.line} · claim {_e(c.id)}</span>'
        )
    if finding.citation:
        out.append(f'<span class="src">cited: {_e(finding.citation)}</span>')
    out.append(f'<span class="src">{_e(report.path)}:{line}:{column}</span>')
    return "".join(out)
