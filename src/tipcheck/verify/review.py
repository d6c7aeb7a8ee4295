"""From the engine's verdicts to what is reported: configuration, directives, baseline.

The engine decides what the registry says about each figure; `review` decides what the
editor sees and what fails: checks switched off (by configuration or a `tipcheck:`
comment) are dropped and counted, an unsourced figure that cites an outside source
becomes "cited", every finding gets its severity and fingerprint, and findings
accepted by a baseline are marked so that they no longer fail.
"""

from __future__ import annotations

from dataclasses import replace

from tipcheck.model import FileReport, Finding
from tipcheck.text.document import Draft
from tipcheck.verify import baseline as baselines
from tipcheck.verify.config import Config


def review(
    report: FileReport, draft: Draft, config: Config, accepted: frozenset[str] = frozenset()
) -> FileReport:
    findings = report.findings
    directives = draft.inline
    starts = sorted(f.start for f in findings)
    next_figure = {}
    for i, rule in enumerate(directives.rules):
        if rule.next_only:
            after = [s for s in starts if s >= rule.start]
            if after:
                next_figure[i] = after[0]
    kept: list[Finding] = []
    suppressed = 0
    for n, f in enumerate(findings):
        if directives.suppressed(f.start, f.status, f.check, next_figure):
            suppressed += 1
            continue
        if f.status == "unsourced":
            limit = findings[n + 1].start if n + 1 < len(findings) else len(draft.text)
            cited = directives.citation_for(f.start, f.end, limit, draft.masked)
            if cited is not None:
                f = replace(f, status="cited", message=f"cited to a source outside the registry: {cited}",
                            citation=cited)  # fmt: skip
        level = config.level(f.status, f.check)
        if level == "off":
            suppressed += 1
            continue
        kept.append(replace(f, severity=level))
    prints = baselines.fingerprints(report.path, draft.masked, tuple(kept))
    kept = [replace(f, fingerprint=p, baselined=p in accepted) for f, p in zip(kept, prints, strict=True)]
    return replace(report, findings=tuple(kept), suppressed=report.suppressed + suppressed)


def failing(reports: list[FileReport]) -> int:
    """How many reported findings fail the run: errors not accepted by the baseline."""
    return sum(1 for r in reports for f in r.findings if f.severity == "error" and not f.baselined)
