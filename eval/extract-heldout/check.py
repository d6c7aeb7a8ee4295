#!/usr/bin/env python3
"""Self-check for the blind extraction corpus: contexts unique, quotes inside, values agree with quotes."""
import re, sys, glob, os, collections
import yaml

WORDS = {"zero":0,"one":1,"two":2,"three":3,"four":4,"five":5,"six":6,"seven":7,"eight":8,"nine":9,
         "ten":10,"eleven":11,"twelve":12,"thirteen":13,"fourteen":14,"fifteen":15,"sixteen":16,
         "seventeen":17,"eighteen":18,"nineteen":19,"twenty":20}
ORD = {"first":1,"second":2,"third":3,"fourth":4,"fifth":5,"sixth":6,"seventh":7,"eighth":8,"ninth":9,"tenth":10}
MONTHS = {m:i+1 for i,m in enumerate("january february march april may june july august september october november december".split())}
KINDS = {"count","money","percent","date","year","range","tier","ordinal","duration"}

def nums_in(q):
    out = []
    ql = q.lower()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", q):
        s = m.group().rstrip(",").replace(",", "")
        v = float(s)
        tail = ql[m.end():m.end()+9]
        if tail.strip().startswith("million"): v *= 1e6
        out.append(v)
    for w, v in {**WORDS, **ORD}.items():
        if re.search(r"\b%s\b" % w, ql): out.append(float(v))
    if "one-third" in ql: out.append(33.3)
    for m in re.finditer(r"(\d+)(st|nd|rd|th)\b", ql): out.append(float(m.group(1)))
    return out

def check_date(q, v):
    v = str(v); parts = v.split("-")
    ok = parts[0] in q or len(parts) > 1  # year may be implicit (e.g. "15 January")
    if len(parts) >= 2:
        ql = q.lower()
        mon = int(parts[1])
        ok = ok and (any(MONTHS[m]==mon for m in MONTHS if m in ql) or re.search(r"\b0?%d\b" % mon, q))
    if len(parts) == 3:
        ok = ok and re.search(r"\b0?%d\b" % int(parts[2]), q)
    return bool(ok)

errs = 0; total = 0
per_kind = collections.Counter(); per_src = {}
for yf in sorted(glob.glob("expected/*.yaml")):
    d = yaml.safe_load(open(yf))
    src = open(os.path.join("sources", d["source"])).read()
    for k in ("source","published","country","provenance","claims"):
        if k not in d: print(yf, "missing", k); errs += 1
    quotes = [c["quote"] for c in d["claims"]]
    pos_prev = -1
    for i, c in enumerate(d["claims"]):
        total += 1; per_kind[c["kind"]] += 1
        tag = f"{yf}#{i} {c['quote']!r}"
        for k in ("quote","context","kind","value","unit","period","metric"):
            if k not in c: print(tag, "missing", k); errs += 1
        if c["kind"] not in KINDS: print(tag, "bad kind"); errs += 1
        n = src.count(c["context"])
        if n != 1: print(tag, f"context occurs {n} times"); errs += 1; continue
        if c["quote"] not in c["context"]: print(tag, "quote not in context"); errs += 1; continue
        cpos = src.index(c["context"]); qoff = c["context"].index(c["quote"]); pos = cpos + qoff
        before = src[pos-1] if pos > 0 else " "; after = src[pos+len(c["quote"])] if pos+len(c["quote"]) < len(src) else " "
        if before.isalnum() or after.isalnum(): print(tag, "quote not on token boundary"); errs += 1
        if pos < pos_prev: print(tag, "out of document order"); errs += 1
        pos_prev = pos
        v = c["value"]; q = c["quote"]; kind = c["kind"]
        if kind in ("count","money","percent","ordinal","duration"):
            if not any(abs(x - float(v)) < 0.05 for x in nums_in(q)) and not (v == 0 and re.search(r"\b(no|not|none|any)\b", q)):
                print(tag, "value", v, "not found in quote", nums_in(q)); errs += 1
        elif kind == "year":
            if str(v) not in q: print(tag, "year not in quote"); errs += 1
        elif kind == "date":
            if not check_date(q, v): print(tag, "date mismatch", v); errs += 1
        elif kind == "range":
            for e in v:
                if isinstance(e, str) and "-" in e:
                    if not check_date(q, e): print(tag, "range date end mismatch", e); errs += 1
                elif not any(abs(x-float(e))<0.05 for x in nums_in(q)): print(tag, "range end", e, "not in quote"); errs += 1
        elif kind == "tier":
            if str(v).lower() not in q.lower(): print(tag, "tier mismatch"); errs += 1
        p = c["period"]
        if kind in ("date","year","range","duration") and p is not None: print(tag, "period should be null"); errs += 1
        if p is not None and not all(k in p for k in ("start","end","cumulative")): print(tag, "bad period"); errs += 1
        if "part_of" in c and c["part_of"] not in quotes: print(tag, "part_of not a quote in file"); errs += 1
    per_src[d["source"]] = len(d["claims"])
print("claims per source:", per_src)
print("claims per kind:", dict(per_kind))
print("total", total, "errors", errs)
sys.exit(1 if errs else 0)
