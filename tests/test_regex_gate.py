"""Gated finditer: the extractor's patterns find, through their gates, exactly what
re.finditer finds, and the figures are the same with the gates off."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tipcheck.figures import blockers, extract, marks, spans, windows, zeros
from tipcheck.support import regex_gate
from tipcheck.support.regex_gate import Finder, Lead

ROOT = Path(__file__).resolve().parents[1]
FINDERS = (
    [(name, finder) for name, _, finder, _ in spans._COMPILED]
    + [
        (f"{module.__name__.rpartition('.')[2]}.{name}", value)
        for module in (blockers, marks, windows)
        for name, value in vars(module).items()
        if isinstance(value, Finder)
    ]
    + [(f"zeros.{i}", finder) for i, finder in enumerate(zeros._patterns())]
)


def corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval").glob("*/drafts/*.md"))]
    joined = "\n\n".join(texts)
    # the benchmark's 5 KB pieces too: cut anywhere, mid-word and mid-number
    return texts + [joined[i : i + 5000] for i in range(0, len(joined), 5000)]


def found(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_every_extractor_pattern_is_gated() -> None:
    assert [name for name, finder in FINDERS if finder.gate is None and finder.lead is None] == []


@pytest.mark.parametrize("name,finder", FINDERS, ids=[name for name, _ in FINDERS])
def test_gated_matches_are_re_finditer_matches(name: str, finder: Finder) -> None:
    for text in corpus():
        assert found(finder.finditer(text)) == found(finder.regex.finditer(text)), name


def test_figures_are_the_same_with_the_gates_off(monkeypatch) -> None:
    texts = corpus()
    gated = [extract.figures(t) for t in texts]
    for _, finder in FINDERS:
        monkeypatch.setattr(finder, "gate", None)
        monkeypatch.setattr(finder, "lead", None)
    assert [extract.figures(t) for t in texts] == gated


# What a gate must not skip: case folding beyond ASCII (the Kelvin sign is a "k" to re,
# the dotless i an "i"), starts inside a word where the pattern allows them, a start right
# after the end of the last match, text edges, and several patterns read at once.
HOSTILE = [
    (r"(?i)\bkm\b", 0, "5 \u212am and KM, km; ok"),
    (r"(?i)\bin\b", 0, "\u0131n IN \u0130n in"),
    (r"(?i)\bstate\b", 0, "\u017ftate STATE"),
    (r"(?<![\d.])\d{4}", 0, "x2014 and 20142015, .2014"),
    (r"\b(?:one|two)\b|\d+", re.I, "One2 two, 3one TWO"),
    (r"(?P<a>\d)(?P=a)", 0, "1122 3344"),
    (r"(?m:^\d+)", 0, "12\n34 56\n7"),
    (r"(?:\bbetween\s+)?\d+", re.I, "Between 3 and 4; inbetween 5"),
    (r"[$€]\s?\d+", 0, "US$5 and €6, $ 7"),
]


@pytest.mark.parametrize("pattern,flags,text", HOSTILE)
def test_hostile_cases(pattern: str, flags: int, text: str) -> None:
    finder = Finder(pattern, flags)
    assert finder.gate is not None
    assert found(finder.finditer(text)) == found(re.finditer(pattern, text, flags))


def test_random_text_around_the_extractor_patterns() -> None:
    words = ["one", "Two", "May", "2014", "Tier ", "\u212a", "\u0131", "th", "a "]
    alphabet = [*"0123456789 ,.-/$%\n", *words]
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(400)]
    for name, finder in FINDERS:
        for text in texts:
            assert found(finder.finditer(text)) == found(finder.regex.finditer(text)), (name, text)


def test_what_cannot_be_gated_is_searched_plainly() -> None:
    assert regex_gate._gate(r"a?", 0) is None  # can match empty
    assert regex_gate._gate(r"[^a]b", 0) is None  # almost any character can start it
    assert regex_gate._gate(r"(?s:.)", 0) is None
    plain = Finder(r"a?")
    assert plain.gate is None and found(plain.finditer("baa")) == found(re.finditer(r"a?", "baa"))


def test_a_lead_is_every_position_it_matches_at() -> None:
    lead = Lead(r"\b(?:twenty|one)\b|\d+", re.I)
    text = "Twenty one, 12 and 3"
    assert lead.starts(text) == [0, 7, 12, 13, 19]  # "one" inside "Twenty one", "2" inside "12"
    shared = Finder(r"(?P<n>\b(?:twenty|one)\b|\d+)\s*%", re.I, lead)
    assert shared.lead is lead
    assert found(shared.finditer("Twenty one% and 12 %")) == found(
        re.finditer(shared.regex.pattern, "Twenty one% and 12 %", re.I)
    )
    # another opening, or other flags: the pattern's own gate
    assert Finder(r"(?P<n>\d+)%", re.I, lead).lead is None
    assert Finder(r"(?P<n>\b(?:twenty|one)\b|\d+)%", 0, lead).lead is None
    assert Finder(r"x(?P<n>\b(?:twenty|one)\b|\d+)%", re.I, lead).lead is None


def test_an_alternative_whose_character_the_text_lacks_is_left_out() -> None:
    finder = Finder(r"[\w.-]{1,64}@\w+\.\w+|\bNo\.\s?\d+")
    assert finder._needs == (".@", ".No")
    for text in ("see No. 5 and No.6", "mail a.b@c.de, No. 7", "no dots at all", "x@y.z"):
        assert found(finder.finditer(text)) == found(finder.regex.finditer(text)), text
    assert finder._gate_for("nothing") is not None and not list(finder.finditer("nothing"))
