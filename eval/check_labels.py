"""Consistency check for the labelled evaluation corpus (eval/).

Usage: python3 eval/check_labels.py [--unlabelled]

Checks every label file: YAML parses (no duplicate keys), each draft exists and has
front matter with title and date, each context occurs exactly once in its draft (and
not in the front matter), each figure occurs inside its context at a token boundary,
figures are listed in document order, `check` is given exactly for contradictions,
and `clean` agrees with the labels. Sets: tune, heldout, reporting, reporting-heldout,
reporting-fresh and reporting-fresh-heldout; label files may carry a top-level `provenance` list (required in the
reporting sets), and no other unknown top-level keys. Prints counts per label and per contradiction
kind. With --unlabelled, also lists numeric tokens in the drafts' prose that carry no
label (expected: scoping years, identifiers, list markers, page numbers, times), for
manual review.
"""
import collections
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent
LABELS = {"match", "contradiction", "unsourced"}
CHECKS = {"value", "date", "cumulative", "parts", "percent", "period"}
NUMWORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
            r"fifty|first|second|third|fourth|fifth|tenth|half|twice|double")


class NoDupLoader(yaml.SafeLoader):
    pass


def _mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    if len(keys) != len(set(keys)):
        raise yaml.YAMLError(f"duplicate key at {node.start_mark}")
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


NoDupLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def main(show_unlabelled=False):
    problems = []
    summary = {}
    for split in ("tune", "heldout", "reporting", "reporting-heldout", "reporting-fresh", "reporting-fresh-heldout"):
        counts, kinds = collections.Counter(), collections.Counter()
        ndrafts = nclean = ndisputed = 0
        for lp in sorted((ROOT / split / "labels").glob("*.yaml")):
            d = yaml.load(lp.read_text(encoding="utf-8"), Loader=NoDupLoader)
            extra = set(d) - {"draft", "clean", "figures", "provenance"}
            if extra:
                problems.append(f"{lp}: unknown top-level keys {sorted(extra)}")
            prov = d.get("provenance")
            if split.startswith("reporting") and (not isinstance(prov, list) or not prov):
                problems.append(f"{lp}: reporting sets need a non-empty provenance list")
            dp = ROOT / split / "drafts" / d["draft"]
            if dp.stem != lp.stem or not dp.exists():
                problems.append(f"{lp}: draft {d['draft']} missing or misnamed")
                continue
            text = dp.read_text(encoding="utf-8")
            fm = re.match(r"^---\n(.*?)\n---\n", text, re.S)
            meta = yaml.safe_load(fm.group(1)) if fm else {}
            if not fm or "title" not in meta or "date" not in meta:
                problems.append(f"{dp}: front matter lacks title/date")
            body_start = fm.end() if fm else 0
            ndrafts += 1
            last, ncontra, spans = -1, 0, []
            for f in d["figures"]:
                fig, ctx, lab = str(f["figure"]), f["context"], f["label"]
                tag = f"{lp.name}: {fig!r} in {ctx!r}"
                if lab not in LABELS:
                    problems.append(f"{tag}: bad label {lab}")
                if lab == "contradiction":
                    ncontra += 1
                    if f.get("check") not in CHECKS:
                        problems.append(f"{tag}: contradiction without valid check")
                    kinds[f.get("check")] += 1
                elif "check" in f:
                    problems.append(f"{tag}: check given for a {lab}")
                if not f.get("source"):
                    problems.append(f"{tag}: no source")
                ndisputed += bool(f.get("disputed"))
                n = text.count(ctx)
                if n != 1:
                    problems.append(f"{tag}: context occurs {n} times")
                    continue
                cpos = text.index(ctx)
                if cpos < body_start:
                    problems.append(f"{tag}: context inside front matter")
                j = ctx.find(fig)
                if j < 0:
                    problems.append(f"{tag}: figure not inside context")
                    continue
                pos, end = cpos + j, cpos + j + len(fig)
                before = text[pos - 1] if pos else " "
                after = text[end] if end < len(text) else " "
                if before.isalnum() or after.isalnum():
                    problems.append(f"{tag}: figure not at a token boundary")
                if pos <= last:
                    problems.append(f"{tag}: figure out of document order")
                last = pos
                spans.append((pos, end))
                counts[lab] += 1
            if bool(d["clean"]) != (ncontra == 0):
                problems.append(f"{lp.name}: clean={d['clean']} but {ncontra} contradictions")
            nclean += ncontra == 0
            if show_unlabelled:
                masked = list(text)
                pats = [r"```.*?```", r"\(https?://[^)]*\)", r"www\.\S+", r"\+994[\d ]+"]
                for pat in pats:
                    for m in re.finditer(pat, text, re.S):
                        masked[m.start():m.end()] = " " * (m.end() - m.start())
                masked[:body_start] = " " * body_start
                masked = "".join(masked)
                for m in re.finditer(r"\d[\d,. ]*\d|\d|\b(?:%s)\b" % NUMWORDS, masked, re.I):
                    if not any(a < m.end() and m.start() < b for a, b in spans):
                        line = masked[masked.rfind("\n", 0, m.start()) + 1: masked.find("\n", m.end())]
                        print(f"  unlabelled {m.group()!r} [{split}/{dp.name}]: {line.strip()[:90]}")
        summary[split] = (ndrafts, nclean, ndisputed, counts, kinds)
    for split, (nd, nc, ndis, counts, kinds) in summary.items():
        total = sum(counts.values())
        parts = ", ".join(f"{k} {counts[k]} ({100 * counts[k] / max(total, 1):.0f}%)"
                          for k in ("match", "contradiction", "unsourced"))
        print(f"{split}: {nd} drafts ({nc} clean), {total} labelled figures: {parts}; disputed {ndis}")
        print(f"  contradiction kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main("--unlabelled" in sys.argv[1:]))
