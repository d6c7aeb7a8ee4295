"""Fuzz tipcheck's readers with random and structured input (not run in CI).

    python scripts/fuzz.py [--examples N] [--seconds S] [--seed N] [--targets extract,verify,yaml,registry]

Targets, each fed its own generated inputs:

- extract:  `extract.figures(text, published)` on random Unicode, soups of the pieces figures
            are made of, and mutated slices of the seed documents;
- verify:   `document.from_text` + `engine.Verifier.verify` (bundled registry) on the same;
- yaml:     `yamlio.load` on mutated claims files and YAML token soups;
- registry: a claims file (a valid one, mutated line by line with hostile keys and values,
            and byte by byte) in a temporary registry: `registry.load`, `registry.check`,
            then `verify` of a draft against it, so bad values that load are exercised too.

Any exception that is not tipcheck's own (`TipcheckError` and subclasses) is a failure.
Failures are grouped by exception type and the innermost tipcheck frame, and each group
is shrunk to a minimal input (delta debugging: drop lines, then characters, while the
same failure reproduces). Inputs slower than --slow seconds are listed too.

Each target runs for --examples inputs or --seconds seconds, whichever comes first.
Exit status 1 when something failed.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tipcheck.errors import TipcheckError
from tipcheck.figures import extract
from tipcheck.registry import load as registry
from tipcheck.registry import yamlio
from tipcheck.text import document
from tipcheck.verify import engine

ROOT = Path(__file__).resolve().parents[1]

PIECES = [
    "54", "13,216", "28.2", "0.5", ".08", "1 000", "13\u00a0216", "13\u202f216", "13\u2009216", "percent",
    "per cent", "%", "$", "AZN", "manats", "EUR", "euros", "USD", "million", "billion", "thousand", "mln",
    "bn", "May", "28", "June", "2009", "2014", "1999", "2100", "06.02.2014", "2014-07-24", "2014-02-30",
    "13/13/2014", "Tier 2", "Tier 2 Watch List", "third", "21st", "twenty-four", "one hundred and five",
    "a dozen", "half a dozen", "victims", "women", "men", "girls", "persons", "cases", "(", ")", " of them",
    " of whom", "-", "–", "—", "\u2212", "/", ":", "No.", "Decree", "Article 7.5", "in", "since", "from",
    "to", "between", "and", "over the past 12 years", "in the decade to 2014", "during these years",
    "approximately", "about", "more than", "at least", "up to", "only", "years old", "aged 18-25", "times",
    "\n", "\r\n", "\r", "\n\n", " ", "  ", "\t", ".", ",", ";", "!", "?", "|", "| 2014 | 54 |", "|---|---|",
    "---\ndate: 2015-06-01\n---\n", "```\n", "`", "<!--", "-->", "<!-- tipcheck: ignore -->",
    "<!-- tipcheck: off -->", "<!-- tipcheck: on -->", "<!-- tipcheck: disable=value -->",
    "<!-- tipcheck: source=x -->", "<!-- tipcheck: bogus -->", "[^1]", "[^1]: note\n", "[a](http://x/54)",
    "[a][b]", "[b]: http://y\n", "#", "* ", "1. ", "> ", "\x00", "\x1b[31m", "\x07", "\x85", "\u2028",
    "\ufeff", "\u200b", "\u202e", "\u0665\u0664", "\uff15\uff14", "\U0001d7d3", "1\u043e0", "٫", "½",
    "²", "Ⅻ", "e\u0301", "\U0001f600", "9" * 40, "1," * 30, "0" * 30, "." * 30,
]  # fmt: skip

YAML_TOKENS = [
    ": ", "- ", "\n", "  ", "    ", "{", "}", "[", "]", ",", "&a ", "*a", "!!python/object:os.system ",
    "!!binary ", "!!set ", "!!omap ", "!tag ", "!!str ", "!!int ", "!!float ", "!!timestamp ", "'", '"',
    "|", ">", "#", "---", "...", "%YAML 1.1\n", "%TAG ! tag:x:\n", "? ", ".inf", "-.inf", ".nan", "1e400",
    "-1", "0x1F", "0o17", "0b101", "1_000", "12:30:00", "2014-02-30", "2014-13", "~", "null", "true",
    "yes", "no", "on", "9" * 5000, "\t", "\ufeff", "\x00", "\x85", "\u2028", "\U0001f600", "\\e", "\\x9b",
    "<<: ", "=", "id", "kind", "value", "period", "start", "end", "quote", "claims", "source", "file",
]  # fmt: skip

SOURCE = "In 2014, 26 persons (18 women and 8 men) were charged.\nThe plan was approved on July 24, 2014.\n"
CLAIMS = """\
source:
  file: seeds/doc.txt
  title: Test
  publisher: null
  published: "2015"
  published_basis: inferred
claims:
  - id: t-charged
    kind: count
    value: 26
    unit: persons
    qualifier: exact
    metric: persons charged
    period: {start: "2014", end: "2014"}
    start: 9
    end: 19
    line: 1
    quote: "26 persons"
    exhaustive: [sex]
  - id: t-women
    kind: count
    value: 18
    unit: women
    qualifier: exact
    metric: women charged
    period: {start: "2014", end: "2014", cumulative: false}
    start: 21
    end: 29
    line: 1
    quote: "18 women"
    part_of: t-charged
    dimension: sex
  - id: t-plan
    kind: date
    value: "2014-07-24"
    unit: null
    qualifier: exact
    metric: plan approved
    period: null
    start: 80
    end: 93
    line: 2
    quote: "July 24, 2014"
"""
DRAFT = (
    "In 2014, 26 persons were charged: 18 women and 9 men. In 2014, 27 persons were charged, "
    "about 30 people. The plan was approved on July 25, 2014. In 2015, 26 persons were charged.\n"
)
HOSTILE_VALUES = [
    "abc", "''", '""', "null", "~", "[]", "{}", "[1, 2]", "[a, b, c]", "{a: 1}", "{start: x}", ".inf",
    "-.inf", ".nan", "1e400", "-1", "0", "-0", "1.5", "1e-400", "9" * 5000, "99999999999999999999999",
    "true", "yes", "2014-02-30", "2014-13-01", "0000", "9999-12-31", '"2014-07"', "--07-24", "[2014, 2015]",
    "[.nan, 1]", "['2014', '2013']", "!!binary aGk=", "&a 1", "*a", "'\\e[31m'", '"\\e]0;x\\a"',
    '"\\x00"', '"\\u202e"', "{start: '2014', end: '2013'}", "{start: '2014', end: '2014', cumulative: maybe}",
    "{start: 2014, end: 2014}", "[{a: 1}, 2]", "t-charged", "t-missing", "[t-charged, t-women]",
]  # fmt: skip
HOSTILE_KEYS = [
    "1", "null", "~", "true", "'\\e[31m'", "zz", "id", "value", "part_of", "same_as", "derived_from",
    "conflicts_with", "supersedes", "series", "place", "exhaustive", "dimension", "note", "ref",
    "cumulative", "[a]", "? [a]",
]  # fmt: skip


def random_char(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.5:
        return chr(rng.randint(0x20, 0x7E))
    if pick < 0.6:
        return chr(rng.randint(0, 0x1F))
    if pick < 0.7:
        return chr(rng.randint(0x7F, 0xFF))
    if pick < 0.9:
        c = rng.randint(0x100, 0xFFFF)
        return chr(c) if not 0xD800 <= c <= 0xDFFF else "x"
    return chr(rng.randint(0x10000, 0x10FFFF))


def random_text(rng: random.Random, size: int) -> str:
    return "".join(random_char(rng) for _ in range(size))


def soup(rng: random.Random, tokens: list[str], count: int) -> str:
    return "".join(rng.choice(tokens) if rng.random() < 0.85 else random_text(rng, rng.randint(1, 4))
                   for _ in range(count))  # fmt: skip


def mutate(rng: random.Random, text: str, tokens: list[str], times: int) -> str:
    for _ in range(times):
        if not text:
            text = rng.choice(tokens)
            continue
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.randint(1, 40))
        op = rng.randrange(7)
        if op == 0:
            text = text[:i] + rng.choice(tokens) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:i] + text[i:j] * rng.randint(2, 5) + text[j:]
        elif op == 3:
            text = text[:i] + random_char(rng) + text[i + 1 :]
        elif op == 4:
            text = text[:i] + random_text(rng, rng.randint(1, 8)) + text[i:]
        elif op == 5:
            k = rng.randrange(len(text))
            text = text[:i] + text[k : k + 30] + text[i:]
        else:
            digits = (
                "\u0660\u0661\u0662\u0663\u0664\uff10\uff11\uff12" if rng.random() < 0.5 else "0123456789"
            )
            text = "".join(rng.choice(digits) if ch.isdigit() and rng.random() < 0.3 else ch for ch in text)
    return text


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] + [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval" / "tune" / "drafts").glob("*.md"))
    ]


def draft_input(rng: random.Random, seeds: list[str]) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return random_text(rng, rng.randint(0, 300))
    if kind == 1:
        return soup(rng, PIECES, rng.randint(1, 80))
    seed = rng.choice(seeds)
    start = rng.randrange(max(1, len(seed) - 1500))
    piece = seed[start : start + rng.randint(50, 1500)]
    return mutate(rng, piece, PIECES, rng.randint(1, 12)) if kind == 2 else piece + soup(rng, PIECES, 20)


def yaml_input(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return soup(rng, YAML_TOKENS, rng.randint(1, 60))
    base = (
        CLAIMS
        if rng.random() < 0.7
        else (ROOT / "claims" / "002_760c4631ae212d26.yaml").read_text(encoding="utf-8")
    )
    if kind == 1:
        return mutate(rng, base, YAML_TOKENS, rng.randint(1, 10))
    return line_mutations(rng, base, rng.randint(1, 4))


def line_mutations(rng: random.Random, text: str, times: int) -> str:
    lines = text.split("\n")
    for _ in range(times):
        i = rng.randrange(len(lines))
        line = lines[i]
        indent = line[: len(line) - len(line.lstrip())]
        op = rng.randrange(5)
        if op == 0 and ": " in line:
            key = line.split(": ", 1)[0]
            lines[i] = f"{key}: {rng.choice(HOSTILE_VALUES)}"
        elif op == 1:
            lines.insert(i + 1, f"{indent or '    '}{rng.choice(HOSTILE_KEYS)}: {rng.choice(HOSTILE_VALUES)}")
        elif op == 2:
            del lines[i]
        elif op == 3:
            lines.insert(i, line)
        else:
            lines[i] = mutate(rng, line, YAML_TOKENS, 1)
        if not lines:
            lines = [""]
    return "\n".join(lines)


# --- running ---------------------------------------------------------------------------------


@dataclass
class Failure:
    signature: tuple[str, str]
    message: str
    example: str
    count: int = 1
    minimal: str | None = None


@dataclass
class Stats:
    target: str
    tried: int = 0
    elapsed: float = 0.0
    expected_errors: int = 0
    failures: dict[tuple[str, str], Failure] = field(default_factory=dict)
    slow: list[tuple[float, str]] = field(default_factory=list)


def signature(exc: BaseException) -> tuple[str, str]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "tipcheck" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return type(exc).__name__, where


def outcome(run: Callable[[str], object], data: str) -> tuple[str, str] | None:
    """None when `run` returned or raised a TipcheckError; else the failure's signature."""
    try:
        run(data)
    except TipcheckError:
        return None
    except RecursionError as exc:
        return signature(exc)
    except Exception as exc:
        return signature(exc)
    return None


def shrink(run: Callable[[str], object], data: str, wanted: tuple[str, str], budget: int = 400) -> str:
    """Delta debugging: the smallest input found (lines, then characters) that still fails alike."""
    calls = 0

    def fails(candidate: str) -> bool:
        nonlocal calls
        calls += 1
        return outcome(run, candidate) == wanted

    for unit in ("line", "char"):
        parts = data.splitlines(keepends=True) if unit == "line" else list(data)
        n = 2
        while len(parts) >= 2 and calls < budget:
            chunk = max(1, len(parts) // n)
            removed = False
            for start in range(0, len(parts), chunk):
                candidate = parts[:start] + parts[start + chunk :]
                if candidate and fails("".join(candidate)):
                    parts, n, removed = candidate, max(n - 1, 2), True
                    break
                if calls >= budget:
                    break
            if not removed:
                if chunk == 1:
                    break
                n = min(len(parts), n * 2)
        data = "".join(parts)
    return data


def describe(text: str) -> str:
    """A Python expression for `text`, long runs of one character written as 'c' * n."""
    parts = []
    for m in re.finditer(r"(.)\1{19,}|(?:(.)(?!\2{19}))+?(?=(.)\3{19,}|$)", text, re.S):
        chunk = m.group(0)
        parts.append(f"{chunk[0]!r} * {len(chunk)}" if m.group(1) is not None else repr(chunk))
    return " + ".join(parts) if parts else repr(text)


def fuzz(name: str, make_input: Callable[[random.Random], str], run: Callable[[str], object],
         rng: random.Random, examples: int, seconds: float, slow: float) -> Stats:  # fmt: skip
    stats = Stats(name)
    start = time.monotonic()
    while stats.tried < examples and time.monotonic() - start < seconds:
        data = make_input(rng)
        t0 = time.monotonic()
        try:
            run(data)
        except TipcheckError:
            stats.expected_errors += 1
        except Exception as exc:
            sig = signature(exc)
            if sig in stats.failures:
                stats.failures[sig].count += 1
                if len(data) < len(stats.failures[sig].example):
                    stats.failures[sig].example = data
            else:
                stats.failures[sig] = Failure(sig, f"{type(exc).__name__}: {str(exc)[:200]}", data)
        took = time.monotonic() - t0
        if took > slow:
            stats.slow.append((took, data))
        stats.tried += 1
    stats.elapsed = time.monotonic() - start
    for failure in stats.failures.values():
        failure.minimal = shrink(run, failure.example, failure.signature)
    stats.slow = sorted(stats.slow, reverse=True)[:5]
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000, help="Inputs per target [default: 5000].")
    parser.add_argument("--seconds", type=float, default=60.0, help="Time per target [default: 60].")
    parser.add_argument("--seed", type=int, default=None, help="Random seed [default: from the clock].")
    parser.add_argument("--targets", default="extract,verify,yaml,registry")
    parser.add_argument("--slow", type=float, default=1.0, help="Report inputs slower than this (s).")
    args = parser.parse_args()
    seed = args.seed_used = args.seed if args.seed is not None else int(time.time())
    seeds = seed_texts()
    reg = registry.load(None)
    verifier = engine.Verifier(reg)
    workdir = Path(tempfile.mkdtemp(prefix="tipcheck-fuzz-"))
    (workdir / "seeds").mkdir()
    (workdir / "claims").mkdir()
    (workdir / "seeds" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    draft = document.from_text("draft.md", DRAFT)

    def run_extract(text: str) -> object:
        return extract.figures(text, "2015-06-01" if len(text) % 2 else None)

    def run_verify(text: str) -> object:
        return verifier.verify(document.from_text("draft.md", text))

    def run_yaml(text: str) -> object:
        return yamlio.load(text, "fuzz.yaml")

    def run_registry(text: str) -> object:
        (workdir / "claims" / "doc.yaml").write_text(text, encoding="utf-8")
        loaded = registry.load(workdir)
        registry.check(loaded)
        return engine.Verifier(loaded).verify(draft)

    targets = {
        "extract": (lambda rng: draft_input(rng, seeds), run_extract),
        "verify": (lambda rng: draft_input(rng, seeds), run_verify),
        "yaml": (yaml_input, run_yaml),
        "registry": (lambda rng: line_mutations(rng, CLAIMS, rng.randint(1, 4)) if rng.random() < 0.8
                     else mutate(rng, CLAIMS, YAML_TOKENS, rng.randint(1, 6)), run_registry),
    }  # fmt: skip
    print(f"seed {seed}; up to {args.examples} inputs or {args.seconds:.0f} s per target")
    try:
        return 1 if run_targets(args, targets) else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_targets(args: argparse.Namespace, targets: dict) -> bool:
    """Fuzz each chosen target and print what was found; whether anything failed."""
    seed = args.seed_used
    failed = False
    for name in args.targets.split(","):
        make_input, run = targets[name]
        stats = fuzz(name, make_input, run, random.Random(f"{seed}-{name}"), args.examples, args.seconds,
                     args.slow)  # fmt: skip
        rate = stats.tried / stats.elapsed if stats.elapsed else 0.0
        print(f"\n== {name}: {stats.tried} inputs in {stats.elapsed:.1f} s ({rate:.0f}/s); "
              f"{stats.expected_errors} TipcheckErrors; {len(stats.failures)} distinct failures")  # fmt: skip
        for failure in sorted(stats.failures.values(), key=lambda f: -f.count):
            failed = True
            print(
                f"  FAIL {failure.signature[0]} at {failure.signature[1]} ({failure.count}x): {failure.message}"
            )
            print(f"    minimal repro: {describe(failure.minimal or failure.example)}")
        for took, data in stats.slow:
            print(f"  SLOW {took:.2f} s on {len(data)} chars: {describe(data[:300])}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
