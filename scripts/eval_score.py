"""Score `tipcheck verify` on the labelled drafts in eval/ (see eval/README.md).

    python scripts/eval_score.py [--set tune|heldout|all] [--json] [--errors]

For every labelled figure it finds the verdict of the finding whose span overlaps the
figure (none: "missed"), and reports accuracy per label, contradiction precision and
recall, the check ids, and false alarms: contradiction or unsourced findings that
overlap no labelled figure. Exit status 1 when the gates fail (accuracy below 0.90, or
any contradiction on a draft labelled clean), so CI can run it. It measures; it never
edits a label.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tipcheck.registry import load as registry
from tipcheck.text import document
from tipcheck.verify import engine

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
ACCURACY_GATE = 0.90
TUNED_ACCURACY_GATE = 0.93  # the drafts written from the seeds, about the seeds' own years
PRECISION_GATE = 0.95  # of the contradictions raised, how many must be real
# tune: drafts written from the seeds; reporting: drafts restating real published reporting
SETS = ("tune", "heldout", "reporting", "reporting-heldout", "reporting-fresh", "reporting-fresh-heldout")


@dataclass
class Label:
    draft: str
    start: int
    end: int
    figure: str
    label: str
    check: str | None
    disputed: bool


def load_set(name: str) -> tuple[list[tuple[str, str, bool]], list[Label]]:
    """(draft path, text, clean) for each draft of a set, and all its labels."""
    drafts, labels = [], []
    for label_file in sorted((EVAL / name / "labels").glob("*.yaml")):
        data = yaml.safe_load(label_file.read_text(encoding="utf-8"))
        path = EVAL / name / "drafts" / data["draft"]
        text = path.read_text(encoding="utf-8")
        drafts.append((str(path.relative_to(ROOT)), text, bool(data.get("clean"))))
        for item in data.get("figures") or []:
            ctx = text.index(item["context"])
            at = ctx + item["context"].index(str(item["figure"]))
            labels.append(
                Label(
                    str(path.relative_to(ROOT)),
                    at,
                    at + len(str(item["figure"])),
                    str(item["figure"]),
                    item["label"],
                    item.get("check"),
                    bool(item.get("disputed")),
                )
            )
    return drafts, labels


def score(set_names: list[str]) -> dict:
    reg = registry.load(ROOT)
    verifier = engine.Verifier(reg)
    rows = []
    false_alarms = []
    clean_failures = []
    for name in set_names:
        drafts, labels = load_set(name)
        for path, text, clean in drafts:
            report = verifier.verify(document.from_text(path, text))
            mine = [lab for lab in labels if lab.draft == path]
            used: set[int] = set()
            for lab in mine:
                hits = [i for i, f in enumerate(report.findings) if f.start < lab.end and lab.start < f.end]
                found = report.findings[hits[0]] if hits else None
                used.update(hits)
                rows.append((name, lab, found))
            for i, f in enumerate(report.findings):
                if i not in used and f.status != "match":
                    false_alarms.append((path, f))
            if clean and any(f.status == "contradiction" for f in report.findings):
                clean_failures.append(path)
    return summarise(rows, false_alarms, clean_failures)


def summarise(rows, false_alarms, clean_failures) -> dict:
    """Accuracy over labelled figures; a contradiction on a figure nobody labelled (a section
    number, a dateline) is a false contradiction too, so it counts against precision."""
    per_label: dict[str, list[int]] = {}
    tp = fp = fn = 0
    check_agree = check_total = 0
    errors = []
    for _, lab, found in rows:
        got = found.status if found else "missed"
        ok = got == lab.label
        per_label.setdefault(lab.label, [0, 0])
        per_label[lab.label][0] += ok
        per_label[lab.label][1] += 1
        if lab.label == "contradiction" and got == "contradiction":
            tp += 1
            if lab.check:
                check_total += 1
                check_agree += found.check == lab.check
        elif got == "contradiction":
            fp += 1
        elif lab.label == "contradiction":
            fn += 1
        if not ok:
            errors.append({"draft": lab.draft, "figure": lab.figure, "label": lab.label, "got": got,
                           "check": found.check if found else None,
                           "message": found.message if found else None})  # fmt: skip
    fp += sum(1 for _, f in false_alarms if f.status == "contradiction")
    total = sum(n for _, n in per_label.values())
    correct = sum(k for k, _ in per_label.values())
    return {
        "figures": total,
        "accuracy": round(correct / total, 4) if total else 0.0,
        "per_label": {
            k: {"correct": c, "of": n, "accuracy": round(c / n, 4)} for k, (c, n) in sorted(per_label.items())
        },
        "contradiction_precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "contradiction_recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "check_id_agreement": f"{check_agree}/{check_total}",
        "false_alarms": [
            {"draft": p, "text": f.figure.quote, "status": f.status, "check": f.check}
            for p, f in false_alarms
        ],
        "clean_drafts_with_contradictions": clean_failures,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="tune")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.add_argument("--errors", action="store_true", help="list every wrong verdict")
    args = parser.parse_args()
    sets = list(SETS) if args.set == "all" else [args.set]
    result = score(sets)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"set: {args.set}  figures: {result['figures']}  accuracy: {result['accuracy']:.3f}")
        for label, r in result["per_label"].items():
            print(f"  {label:14} {r['correct']:4}/{r['of']:<4} {r['accuracy']:.3f}")
        print(f"  contradiction precision {result['contradiction_precision']:.3f}  "
              f"recall {result['contradiction_recall']:.3f}  check ids agree {result['check_id_agreement']}")  # fmt: skip
        print(f"  false alarms: {len(result['false_alarms'])}  "
              f"clean drafts with a contradiction: {len(result['clean_drafts_with_contradictions'])}")  # fmt: skip
        if args.errors:
            for e in result["errors"]:
                print(f"    {e['draft']}: {e['figure']!r} labelled {e['label']}, got {e['got']} "
                      f"{e['check'] or ''} {e['message'] or ''}")  # fmt: skip
            for f in result["false_alarms"]:
                print(f"    false alarm {f['draft']}: {f['text']!r} {f['status']} {f['check'] or ''}")
    failed = result["accuracy"] < ACCURACY_GATE or result["clean_drafts_with_contradictions"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
