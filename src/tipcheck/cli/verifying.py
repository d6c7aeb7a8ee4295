"""`tipcheck verify`: check drafts, print the report, and say why a run fails."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tipcheck.cli.console import emit, err, out, resolved
from tipcheck.errors import ConfigError, InputError


def verify(args: SimpleNamespace) -> int:
    from tipcheck.render import output
    from tipcheck.support.files import read_text
    from tipcheck.verify import baseline as baseline_file
    from tipcheck.verify import batch as runner
    from tipcheck.verify import review

    if args.update_baseline and args.baseline is None:
        raise ConfigError("--update-baseline needs --baseline FILE")
    if args.jobs < 0:
        raise ConfigError("--jobs must be 0 (one per core) or more")
    accepted: frozenset[str] = frozenset()
    if args.baseline is not None and not args.update_baseline:
        if not args.baseline.exists():
            raise InputError(f"{args.baseline}: no such baseline; create it with --update-baseline")
        accepted = baseline_file.load(args.baseline)
    flags = {"registries": args.registry_paths, "bundled": args.bundled, "strict": args.strict,
             "severity": args.severity, "exclude": args.exclude, "fmt": args.fmt}  # fmt: skip
    paths = runner.expand(args.files)
    stdin = read_text(Path("-")) if any(str(p) == "-" for p in paths) else None
    tasks, excluded, chosen = runner.plan(paths, flags, args.config_file, args.isolated, stdin)
    if not args.update_baseline and resolved(chosen) == "jsonl":
        return _stream(tasks, accepted, args.jobs, excluded)
    reports = runner.check(tasks, accepted, args.jobs)
    if args.update_baseline:
        baseline_file.write(args.baseline, baseline_file.dump(reports))
        kept = sum(1 for r in reports for f in r.findings if f.status in ("contradiction", "unsourced"))
        err(f"wrote {kept} finding{'s' if kept != 1 else ''} to the baseline {args.baseline}")
        return 0
    _unreviewed(max((r.unreviewed for r in reports), default=0))
    fmt = resolved(chosen)
    if fmt == "claimreview":
        _claimreview(reports, tasks)
        return 1 if review.failing(reports) else 0
    shown = ("contradiction", "unsourced", "cited") if args.quiet else output.STATUSES
    # --quiet shows only what needs work: an accepted (baselined) finding needs none
    listed = [_unaccepted(r) for r in reports] if args.quiet else reports
    emit(
        fmt,
        as_json=lambda: output.reports_json(reports),
        rows=lambda: _verify_rows(reports),
        text=lambda: output.reports_text(listed, shown, excluded=excluded),
        summary=lambda: output.summary_line(reports, excluded),
        page=lambda: _page(reports, excluded),
    )
    failing = review.failing(reports)
    if (
        failing
        and fmt in ("text", "plain")
        and any(
            f.status == "unsourced" and f.severity == "error" and not f.baselined
            for r in reports
            for f in r.findings
        )
    ):
        # an unsourced figure fails only by a setting (--strict, fail_on_unsourced, severity):
        # say so; machine formats carry each finding's severity
        err(_why_failing(reports, failing))
    return 1 if failing else 0


def _claimreview(reports: list, tasks: list) -> None:
    """The ClaimReview JSON-LD of the published articles; a line on stderr for each other."""
    from tipcheck.render import claimreview

    settings = {str(t.path): dict(t.config.claimreview) for t in tasks}
    document, skipped = claimreview.reviews(reports, settings)
    for line in skipped:
        err(line)
    out(claimreview.dumps(document), end="")


def _unreviewed(count: int) -> None:
    if count:
        err(f"note: {count} proposed claim{'s' if count != 1 else ''} marked `review: todo` "
            "ignored until reviewed (tipcheck check-registry lists them)")  # fmt: skip


def _stream(tasks: list, accepted: frozenset[str], jobs: int, excluded: int) -> int:
    """JSON Lines: each finding as a row of `tipcheck.api`'s table, written as soon as its
    draft is checked, so that a run of any size holds one report at a time."""
    from tipcheck.api import Report
    from tipcheck.cli.console import out
    from tipcheck.render.output import Tally
    from tipcheck.support.stable_json import dump_line
    from tipcheck.verify import batch as runner

    tally = Tally()
    for report in runner.each(tasks, accepted, jobs):
        for row in Report(report).rows():
            out(dump_line(row))
        tally.add(report)
    _unreviewed(tally.unreviewed)
    err(tally.line(excluded))
    return 1 if tally.failing else 0


def _unaccepted(report: Any) -> Any:
    from dataclasses import replace

    return replace(report, findings=tuple(f for f in report.findings if not f.baselined))


def _why_failing(reports: list, failing: int) -> str:
    """What made the run fail, so that --strict or a severity setting is never a mystery."""
    counts: dict[str, int] = {}
    for r in reports:
        for f in r.findings:
            if f.severity == "error" and not f.baselined:
                what = "unsourced" if f.status == "unsourced" else f"contradiction [{f.check}]"
                counts[what] = counts.get(what, 0) + 1
    parts = [f"{n} {what}" for what, n in sorted(counts.items())]
    why = " (unsourced figures are errors: --strict or fail_on_unsourced)" if "unsourced" in counts else ""
    return f"failed: {failing} finding{'s' if failing != 1 else ''} at level error: {', '.join(parts)}{why}"


def _verify_rows(reports: list) -> tuple[list, list]:
    from tipcheck.render import formats

    return formats.verify_rows(reports), formats.verify_rules()


def _page(reports: list, excluded: int) -> str:
    from tipcheck.render import html_report

    return html_report.render(reports, excluded)
