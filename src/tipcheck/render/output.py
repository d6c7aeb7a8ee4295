"""Turning claims and figures into text: JSON-ready dicts, YAML, CSV and terminal tables.

Functions here return strings or renderables; only the CLI writes them out. rich is
imported inside the functions that need it, because it costs ~40 ms at start-up.
"""

from __future__ import annotations

import io
from typing import Any

from tipcheck.model import Claim, Figure, FileReport, Finding, Registry, plain_value, show_value
from tipcheck.render.ansi import Line, printable, visible
from tipcheck.support.stable_json import dump_json
from tipcheck.text.lines import line_col


def claim_dict(claim: Claim) -> dict[str, Any]:
    """The stable JSON shape of a claim (see `tipcheck list --format json`)."""
    out: dict[str, Any] = {
        "id": claim.id,
        "kind": claim.kind,
        "value": plain_value(claim.value),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "metric": claim.metric,
        "period": claim.period.as_dict() if claim.period else None,
        "source": {
            "file": claim.file,
            "start": claim.start,
            "end": claim.end,
            "line": claim.line,
            "quote": claim.quote,
        },
    }
    for key in ("part_of", "dimension", "same_as", "ref", "note", "series", "supersedes"):
        if getattr(claim, key) is not None:
            out[key] = getattr(claim, key)
    for key in ("exhaustive", "derived_from", "conflicts_with"):
        if getattr(claim, key):
            out[key] = list(getattr(claim, key))
    return out


def claims_json(claims: list[Claim]) -> str:
    return dump_json([claim_dict(c) for c in claims])


def claims_yaml(claims: list[Claim]) -> str:
    from tipcheck.registry import yamlio

    return yamlio.dump([claim_dict(c) for c in claims])


def claims_csv(claims: list[Claim]) -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "kind", "value", "unit", "qualifier", "metric", "period_start",
                     "period_end", "cumulative", "file", "line", "quote"])  # fmt: skip
    for c in claims:
        p = c.period
        # registry text is printable here as on the table: CSV is read on terminals too
        writer.writerow([printable(str(v)) for v in (c.id, c.kind, show_value(c.value).replace(",", ""), c.unit or "",
                         c.qualifier, c.metric, p.start if p else "", p.end if p else "",
                         str(p.cumulative).lower() if p else "", c.file, c.line, c.quote)])  # fmt: skip
    return buf.getvalue()


def claims_table(claims: list[Claim]) -> Any:
    """A rich Table that stays readable in 80 columns."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    # an id is copied into `show` and into claims files: whole, on one line, wherever the
    # terminal leaves the metric a third of its width; folded only on a narrow one
    import shutil

    widest = max((len(c.id) for c in claims), default=2)
    room = max(24, shutil.get_terminal_size().columns // 3)
    table.add_column("id", overflow="fold", min_width=min(widest, room), max_width=max(widest, 2))
    table.add_column("value", justify="right", max_width=16)
    table.add_column("metric", overflow="fold", ratio=1)
    table.add_column("period", max_width=16)
    for c in claims:
        hedge = "" if c.qualifier == "exact" else f"{c.qualifier} "
        unit = f" {c.unit}" if c.unit and c.kind not in ("date", "year", "tier") else ""
        # Text cells, not strings: rich would read "[...]" in a metric as markup
        cells = (c.id, f"{hedge}{show_value(c.value)}{unit}", c.metric, c.period.label() if c.period else "")
        table.add_row(*(Text(printable(cell)) for cell in cells))
    return table


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines, or the line) around a span."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    lo = 0 if lo < 0 else lo + 2
    hi = len(text) if hi < 0 else hi
    if hi - lo > 1200:  # a wall of text: fall back to the line itself
        lo = text.rfind("\n", 0, start) + 1
        nl = text.find("\n", end)
        hi = len(text) if nl < 0 else nl
    return lo, hi


def claim_detail(registry: Registry, claim: Claim) -> list[Any]:
    """Renderables for `tipcheck show`: fields, then the quote highlighted in its paragraph."""
    from rich.table import Table
    from rich.text import Text

    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    rows = claim_dict(claim)
    rows["value"] = show_value(claim.value)
    rows["period"] = claim.period.label() if claim.period else None
    source = rows.pop("source")
    rows["source"] = f"{source['file']}:{source['line']} [{source['start']}:{source['end']}]"
    for key, value in rows.items():
        fields.add_row(key, Text(printable(str(value))) if value is not None else Text("null", style="dim"))
    out: list[Any] = [fields]
    text = registry.texts.get(claim.file)
    if text is not None:
        lo, hi = paragraph(text, claim.start, claim.end)
        context = Text(visible(text[lo:hi]))  # same length, so the quote's offsets still hold
        context.stylize("bold reverse", claim.start - lo, claim.end - lo)
        out += [Text(""), context]
    return out


def proposal(figures: list[Figure], source_file: str, text: str, published: str | None, fmt: str) -> str:
    """A claims file proposed for review, as YAML or JSON."""
    from tipcheck.registry import metrics, propose
    from tipcheck.text.places import HOME, main_country

    place = main_country(text) or metrics.file_country(source_file)
    data = {
        "source": {
            "file": source_file,
            "title": None,
            "publisher": None,
            "published": published,
            "published_basis": "stated" if published else None,
            # the country the document is about; a draft sees its claims only when it names it
            **({"place": place} if place and place != HOME else {}),
        },
        "claims": propose.claims(figures, text, source_file, published),
    }
    if fmt == "json":
        return dump_json(data) + "\n"
    header = (
        "# Proposed by `tipcheck extract`: review every claim against the source, correct its metric\n"
        "# and its id, then delete its `review: todo` line; until then verify ignores it.\n"
    )
    from tipcheck.registry import yamlio

    return header + yamlio.dump(data)


# --- verify reports -------------------------------------------------------------------

STATUSES = ("match", "contradiction", "unsourced", "cited")


def figure_dict(fig: Figure) -> dict[str, Any]:
    return {
        "kind": fig.kind,
        "value": plain_value(fig.value),
        "unit": fig.unit,
        "qualifier": fig.qualifier,
        "metric": fig.metric,
        "period": fig.period.as_dict() if fig.period else None,
        # how the text pins the period, and what the figure counts (None: not said)
        "period_basis": fig.basis,
        "entity": fig.entity,
    }


def finding_dict(report: FileReport, finding: Finding) -> dict[str, Any]:
    """The stable JSON shape of one finding (see `tipcheck verify --format json`)."""
    line, column = line_col(report.text, finding.start)
    return {
        "status": finding.status,
        "check": finding.check,
        "start": finding.start,
        "end": finding.end,
        "line": line,
        "column": column,
        "text": report.text[finding.start : finding.end],
        "claim": figure_dict(finding.figure),
        "message": finding.message,
        "evidence": [
            {
                "id": e.claim.id,
                "file": e.claim.file,
                "start": e.claim.start,
                "end": e.claim.end,
                "line": e.claim.line,
                "quote": e.claim.quote,
                "value": plain_value(e.claim.value),
            }
            for e in finding.evidence
        ]
        + ([{"citation": finding.citation}] if finding.citation else []),
        "severity": finding.severity or None,
        "fingerprint": finding.fingerprint or None,
        "baselined": finding.baselined,
    }


def summary_counts(reports: list[FileReport]) -> dict[str, int]:
    """Findings per verdict."""
    counts = dict.fromkeys(STATUSES, 0)
    for report in reports:
        for finding in report.findings:
            counts[finding.status] += 1
    return counts


def summary_line(reports: list[FileReport], excluded: int = 0) -> str:
    """'19 figures: 15 match, 2 contradiction, 2 unsourced', and what was set aside."""
    tally = Tally()
    for report in reports:
        tally.add(report)
    return tally.line(excluded)


class Tally:
    """The counts a run's summary line gives, added up one report at a time, so that a
    run that writes each report out as it comes keeps only these numbers."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(STATUSES, 0)
        self.files = self.suppressed = self.accepted = self.unreviewed = self.failing = 0

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.suppressed += report.suppressed
        self.unreviewed = max(self.unreviewed, report.unreviewed)
        for finding in report.findings:
            self.counts[finding.status] += 1
            self.accepted += finding.baselined
            self.failing += finding.severity == "error" and not finding.baselined

    def line(self, excluded: int = 0) -> str:
        counts = self.counts
        total = sum(counts.values())
        files = f" in {self.files} files" if self.files != 1 else ""
        noun = "figure" if total == 1 else "figures"
        shown = [(s, n) for s, n in counts.items() if n or s != "cited"]  # "cited" only where drafts cite
        line = f"{total} {noun}{files}: " + ", ".join(f"{n} {s}" for s, n in shown)
        aside = []
        if self.suppressed:
            aside.append(f"{self.suppressed} suppressed")
        if self.accepted:
            aside.append(f"{self.accepted} accepted by the baseline")
        if excluded:
            aside.append(f"{excluded} file{'s' if excluded != 1 else ''} excluded")
        return line + (f" ({', '.join(aside)})" if aside else "")


def reports_json(reports: list[FileReport]) -> str:
    data = {
        "files": [{"path": r.path, "findings": [finding_dict(r, f) for f in r.findings]} for r in reports],
        "summary": summary_counts(reports)
        | {
            "suppressed": sum(r.suppressed for r in reports),
            "baselined": sum(1 for r in reports for f in r.findings if f.baselined),
        },
    }
    return dump_json(data)


_STYLE = {"match": "green", "contradiction": "bold red", "unsourced": "yellow", "cited": "blue"}


def reports_text(
    reports: list[FileReport], show: tuple[str, ...] = STATUSES, excluded: int = 0
) -> list[Line]:
    """Styled lines for the readable report: per file, each figure with its verdict and evidence."""
    out: list[Line] = []
    for report in reports:
        shown = [f for f in report.findings if f.status in show]
        if not shown:
            continue
        path = printable(report.path)
        out.append([(path, "bold underline")])
        for finding in shown:
            line, column = line_col(report.text, finding.start)
            row: Line = [(f"{path}:{line}:{column}: ", "")]
            row.append((finding.status, "dim" if finding.baselined else _STYLE[finding.status]))
            if finding.check:
                row.append((f" [{finding.check}]", "dim"))
            if finding.severity == "warning" and finding.status == "contradiction":
                row.append((" (warning)", "dim"))
            if finding.baselined:
                row.append((" (accepted by the baseline)", "dim"))
            row.append(
                (
                    f" {printable(report.text[finding.start : finding.end])!r}: {printable(finding.message)}",
                    "",
                )
            )
            out.append(row)
            for ev in finding.evidence:
                out.append(evidence_line(ev.claim))
            if finding.citation:
                out.append([(f"    cited: {printable(finding.citation)}", "dim")])
        out.append([])
    out.append([(summary_line(reports, excluded), "bold")])
    return out


def evidence_line(c: Claim) -> Line:
    """'    seeds/x.txt:29: “24”  (id)': a claim quoted under a finding or an audit issue."""
    return [
        (f"    {printable(c.file)}:{c.line}: ", "dim"),
        (f"\u201c{printable(c.quote)}\u201d", "cyan"),
        (f"  ({c.id})", "dim"),
    ]
