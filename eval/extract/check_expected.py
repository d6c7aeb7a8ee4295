#!/usr/bin/env python3
"""Consistency check for a blind claim-extraction corpus (sources/ + expected/).

    python3 eval/extract/check_expected.py [CORPUS_DIR] [-v]

CORPUS_DIR defaults to this script's folder (eval/extract); eval/extract-r3 uses it too.
"""
import re, sys, pathlib, yaml

ROOT = pathlib.Path(next((a for a in sys.argv[1:] if not a.startswith("-")), pathlib.Path(__file__).resolve().parent)).resolve()
KINDS = {"count", "money", "percent", "date", "year", "range", "tier", "ordinal", "duration"}
WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "forty": 40, "first": 1,
         "second": 2, "third": 3, "fourth": 4, "fifth": 5, "single": 0, "none": 0, "no": 0, "never": 0}
NEG = ("none", "no ", "not ", "never", "did not", "any", "single")

def numbers_in(q):
    """Numbers written in a quote, as floats (digits, thousands separators, words, 'million')."""
    out = []
    ql = q.lower()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", q):
        v = float(m.group().replace(",", ""))
        tail = q[m.end():m.end() + 9].lower()
        if tail.startswith(" million"):
            v *= 1e6
        out.append(v)
    # hyphenated word numbers such as forty-four
    for m in re.finditer(r"\b(forty)-(one|two|three|four|five|six|seven|eight|nine)\b", ql):
        out.append(WORDS[m.group(1)] + WORDS[m.group(2)])
    for w, v in WORDS.items():
        if re.search(r"\b%s\b" % re.escape(w), ql) and w not in ("forty",):
            out.append(float(v))
    return out

def boundary_ok(text, start, end):
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if text[start].isalnum() and before.isalnum():
        return False
    if text[end - 1].isalnum() and after.isalnum():
        return False
    return True

def check_file(yp):
    errs = []
    d = yaml.safe_load(open(yp, encoding="utf-8"))
    src = ROOT / "sources" / d["source"]
    if not src.exists():
        return [f"{yp.name}: source {d['source']} missing"], 0, d
    text = src.read_text(encoding="utf-8")
    for key in ("source", "published", "country", "claims", "provenance"):
        if key not in d:
            errs.append(f"{yp.name}: missing top-level key {key}")
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(d.get("published", ""))):
        errs.append(f"{yp.name}: published not ISO")
    seen_quotes = []
    last_pos = -1
    for i, c in enumerate(d["claims"]):
        tag = f"{yp.name}#{i+1} {c.get('quote')!r}"
        for key in ("quote", "context", "kind", "value", "unit", "period", "metric"):
            if key not in c:
                errs.append(f"{tag}: missing {key}")
        q, ctx, kind, val = c["quote"], c["context"], c["kind"], c["value"]
        if kind not in KINDS:
            errs.append(f"{tag}: bad kind {kind}")
        n = text.count(ctx)
        if n != 1:
            errs.append(f"{tag}: context occurs {n} times")
            continue
        k = ctx.find(q)
        if k < 0:
            errs.append(f"{tag}: quote not in context")
            continue
        pos = text.find(ctx) + k
        if not boundary_ok(text, pos, pos + len(q)):
            errs.append(f"{tag}: quote not on a token boundary")
        if pos <= last_pos:
            errs.append(f"{tag}: out of document order")
        last_pos = pos
        nums = numbers_in(q)
        if kind in ("count", "money", "percent", "duration", "ordinal"):
            if val == 0:
                if not any(w in q.lower() for w in NEG):
                    errs.append(f"{tag}: zero value without a negation in the quote")
            elif not any(abs(x - float(val)) < 1e-9 for x in nums):
                errs.append(f"{tag}: value {val} not in quote numbers {nums}")
        elif kind == "range":
            if not (isinstance(val, list) and len(val) == 2 and val[0] < val[1]):
                errs.append(f"{tag}: bad range value")
            elif not all(any(abs(x - v) < 1e-9 for x in nums) for v in val):
                errs.append(f"{tag}: range {val} not in quote numbers {nums}")
        elif kind == "year":
            if not (isinstance(val, str) and re.fullmatch(r"\d{4}", val) and val in q):
                errs.append(f"{tag}: year {val!r} not in quote")
        elif kind == "date":
            if not (isinstance(val, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", val)):
                errs.append(f"{tag}: date not ISO")
            else:
                parts = val.split("-")
                if parts[0] not in q:
                    errs.append(f"{tag}: date year not in quote")
                if len(parts) == 3 and str(int(parts[2])) not in re.findall(r"\d+", q):
                    errs.append(f"{tag}: date day not in quote")
        elif kind == "tier":
            m = re.search(r"Tier (\d)( Watch List)?", q)
            if not m or m.group(0) != val:
                errs.append(f"{tag}: tier {val!r} does not match quote")
        p = c["period"]
        if p is not None:
            if set(p) != {"start", "end", "cumulative"}:
                errs.append(f"{tag}: bad period keys")
            if kind in ("date", "year"):
                errs.append(f"{tag}: dates/years should have period null")
        if "part_of" in c and c["part_of"] not in seen_quotes:
            errs.append(f"{tag}: part_of {c['part_of']!r} is not an earlier quote")
        seen_quotes.append(q)
    return errs, len(d["claims"]), d

def uncovered(d, text):
    """Numeric tokens in the source not inside any labelled quote (for manual review)."""
    spans = []
    for c in d["claims"]:
        s = text.find(c["context"]) + c["context"].find(c["quote"])
        spans.append((s, s + len(c["quote"])))
    pat = re.compile(r"\b(\d[\d,./–-]*\d|\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|forty-\w+|first|second|third|none|never|single)\b", re.I)
    out = []
    for m in pat.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            out.append(text[max(0, m.start() - 25):m.end() + 15].replace("\n", " "))
    return out

def main():
    total, allerr = 0, []
    verbose = "-v" in sys.argv
    for yp in sorted((ROOT / "expected").glob("*.yaml")):
        errs, n, d = check_file(yp)
        total += n
        allerr += errs
        print(f"{yp.name}: {n} claims, {len(errs)} problems")
        if verbose:
            text = (ROOT / "sources" / d["source"]).read_text(encoding="utf-8")
            for u in uncovered(d, text):
                print("   unlabelled:", u)
    for e in allerr:
        print("  !", e)
    print(f"total {total} claims, {len(allerr)} problems")
    return 1 if allerr else 0

if __name__ == "__main__":
    sys.exit(main())
