"""Why a draft figure got its verdict: its period, basis and entity, and the best-aligned
claims with their scores and identity.

    python scripts/explain_figure.py DRAFT FIGURE [--top N]

FIGURE is the figure's text as written ("4", "June 2014"); every figure whose quote
contains it is shown. A developer's tool: it reads, it never changes anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tipcheck.registry import load as registry
from tipcheck.text import document
from tipcheck.verify import engine
from tipcheck.verify.identity import identity


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("draft", type=Path)
    parser.add_argument("figure")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    draft = document.from_text(str(args.draft), args.draft.read_text(encoding="utf-8"))
    verifier = engine.Verifier(registry.load(Path(__file__).resolve().parents[1]))
    report = verifier.verify(draft)
    for subject, found in zip(verifier.subjects(draft), report.findings, strict=True):
        fig = subject.figure
        if args.figure not in fig.quote:
            continue
        period = fig.period.label() if fig.period else None
        print(f"{fig.quote!r} @{fig.start} kind={fig.kind} value={fig.value!r} unit={fig.unit!r}")
        print(f"  period={period} basis={fig.basis} entity={fig.entity} part_of={fig.part_of}")
        print(f"  metric={fig.metric!r} ref={fig.ref!r}")
        print(f"  verdict={found.status} check={found.check} :: {found.message}")
        for scored in subject.ranked[: args.top]:
            claim = scored.claim
            same = identity(fig, claim)
            cp = claim.period.label() if claim.period else None
            print(
                f"    {scored.score:.3f} {claim.id} {claim.value!r} {claim.metric[:60]!r} [{cp}] "
                f"entity={same.entity} period={same.period}"
            )


if __name__ == "__main__":
    main()
