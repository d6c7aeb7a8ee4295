"""More properties (hypothesis): verify never crashes, is deterministic and independent of
the order of registry files, does not contradict the registry's own words, and reads back
every number format it supports."""

from __future__ import annotations

import functools
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipcheck.errors import TipcheckError
from tipcheck.figures import extract
from tipcheck.registry import load as registry
from tipcheck.text import document, sentences
from tipcheck.verify import engine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES_OK = [HealthCheck.function_scoped_fixture]


@functools.cache
def bundled() -> tuple[registry.Registry, engine.Verifier]:
    reg = registry.load(None)
    return reg, engine.Verifier(reg)


# Text from the pieces figures and Markdown are made of, with anything unicode (but no lone
# surrogates, which no file can hold) and control characters mixed in.
PIECES = st.sampled_from(
    ["54", "13,216", "28.2", "percent", "%", "$", "AZN", "manats", "May", "28", ",", "2009", "06.02.2014",
     "Tier 2", "third", "twenty-four", "victims", "women", "million", "(", ")", " of them", "-", "–", "\u2212",
     "\u00a0", "\u202f", "No.", "Decree", "in", "since", "over the past 12 years", "\n", "\r\n", "\r", "\n\n",
     " ", ".", "approximately", "more than", "|", "| 2014 | 54 |", "---", "```", "`", "<!--", "-->",
     "<!-- tipcheck: ignore -->", "<!-- tipcheck: off -->", "[^1]", "[^1]: note", "[a](http://x)", "#",
     "* ", "1. ", "\x00", "\x1b[31m", "\t", "\ufeff", "\u0665\u0664", "\uff15", "1\u043e0"]
)  # fmt: skip
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
DRAFTS = st.one_of(
    ANY_TEXT, st.lists(st.one_of(PIECES, ANY_TEXT.map(lambda s: s[:12])), max_size=50).map("".join)
)


@settings(max_examples=300, deadline=None)
@given(DRAFTS)
def test_verify_never_raises_on_any_text(text: str) -> None:
    _, verifier = bundled()
    try:
        draft = document.from_text("draft.md", text)
        report = verifier.verify(draft)
    except TipcheckError:
        return  # an input error (an unknown directive): the CLI's one line
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.status in ("match", "contradiction", "unsourced", "cited")


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES_OK)
@given(DRAFTS)
def test_verify_cli_never_crashes_on_any_file(run_cli, tmp_path: Path, text: str) -> None:
    draft = tmp_path / "draft.md"
    data = text.encode("utf-8")
    draft.write_bytes(data)
    try:
        result = run_cli("verify", "-f", "json", "--isolated", str(draft))
    except Exception as exc:  # the contract: no exception ever escapes main
        pytest.fail(f"{type(exc).__name__}: {exc} on {text!r}")
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert len(result.stderr.splitlines()) == 1 and str(draft) in result.stderr, result.stderr
        return
    decoded = data.decode("utf-8-sig")
    for f in json.loads(result.stdout)["files"][0]["findings"]:
        assert decoded[f["start"] : f["end"]] == f["text"]


# --- determinism and the order of registry files ------------------------------------------------


def _sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "eval" / "tune" / "drafts").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        out += [
            s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", body) if re.search(r"\d", s) and len(s) > 20
        ]
    return out


SENTENCES = _sentences()
SENTENCE_DRAFTS = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join)


@pytest.fixture(scope="module")
def two_orders(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled registry twice: claims files named so that they sort in opposite orders."""
    files = sorted((ROOT / "claims").glob("*.yaml"))
    roots = []
    for name, prefix in (("forward", lambda i: f"a_{i:02}_"), ("backward", lambda i: f"z_{99 - i:02}_")):
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        (root / "claims").mkdir()
        for i, f in enumerate(files):
            shutil.copy(f, root / "claims" / f"{prefix(i)}{f.name}")
        roots.append(root)
    return roots[0], roots[1]


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES_OK)
@given(SENTENCE_DRAFTS)
def test_findings_are_deterministic(run_cli, tmp_path: Path, text: str) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    first = run_cli("verify", "-f", "json", "--isolated", str(draft))
    second = run_cli("verify", "-f", "json", "--isolated", str(draft))
    assert first.exit_code == second.exit_code and first.stdout == second.stdout


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES_OK)
@given(SENTENCE_DRAFTS)
def test_findings_do_not_depend_on_the_order_of_claims_files(
    run_cli, tmp_path: Path, two_orders, text: str
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    forward, backward = (
        run_cli("verify", "-f", "json", "--isolated", "--no-bundled", "--registry", str(root), str(draft))
        for root in two_orders
    )
    assert forward.exit_code == backward.exit_code
    assert json.loads(forward.stdout) == json.loads(backward.stdout)


# --- the registry's own words --------------------------------------------------------------------


def _claims():
    return bundled()[0].claims


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(range(len(_claims()))), min_size=1, max_size=8))
def test_a_draft_of_registry_quotes_has_no_contradiction(picks: list[int]) -> None:
    reg, verifier = bundled()
    # Each quote its own paragraph: joined with ". ", quotes that begin in lower case are
    # read as one sentence, and the draft then asserts relations between unrelated quotes.
    text = "\n\n".join(reg.claims[i].quote for i in picks) + "\n"
    report = verifier.verify(document.from_text("draft.md", text))
    wrong = [
        (text[f.start : f.end], f.check, f.message) for f in report.findings if f.status == "contradiction"
    ]
    assert not wrong, (text, wrong)


def _source_sentence(claim) -> tuple[str, int] | None:
    """The sentence of the claim's source that holds its quote, and the quote's offset in it."""
    text = bundled()[0].texts.get(claim.file)
    if text is None:
        return None
    for s in sentences.sentences(text):
        if s.start <= claim.start < s.end:
            return text[s.start : s.end], claim.start - s.start
    return None


def test_no_registered_quote_contradicts_the_registry_in_its_own_sentence() -> None:
    """Every claim: its source sentence, verified alone. The registered figure is backed by
    construction, so no check may call it a contradiction. Today two do: the 54 of
    "36 (of the 54) victims" (value: 'the registry says 36') and the 5 of "3 of them were
    sent to the IOM ..., 5 of them were sent to the Social Protection Center" (parts:
    'the parts add up to 5 (5), not the whole 3')."""
    reg, verifier = bundled()
    wrong = []
    for claim in reg.claims:
        found = _source_sentence(claim)
        if found is None:
            continue
        sentence, offset = found
        report = verifier.verify(document.from_text("draft.md", sentence))
        for f in report.findings:
            if (f.start, f.end) == (offset, offset + len(claim.quote)) and f.status == "contradiction":
                wrong.append((claim.id, claim.quote, f.check, f.message))
    assert not wrong, wrong


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(range(len(_claims()))), min_size=1, max_size=4))
def test_a_draft_of_source_sentences_does_not_contradict_their_registered_figures(picks: list[int]) -> None:
    reg, verifier = bundled()
    pieces, spans = [], []
    at = 0
    for i in picks:
        found = _source_sentence(reg.claims[i])
        if found is None:
            continue
        sentence, offset = found
        spans.append((at + offset, at + offset + len(reg.claims[i].quote), reg.claims[i].id))
        pieces.append(sentence)
        at += len(sentence) + 2
    text = "\n\n".join(pieces)
    report = verifier.verify(document.from_text("draft.md", text))
    wrong = [
        (cid, text[f.start : f.end], f.check, f.message)
        for f in report.findings
        for start, end, cid in spans
        if (f.start, f.end) == (start, end) and f.status == "contradiction"
    ]
    assert not wrong, wrong


# --- number formats ------------------------------------------------------------------------------


def _only(text: str) -> tuple[str, object, str | None]:
    figures = [f for f in extract.figures(text) if f.kind != "year"]
    assert len(figures) == 1, (text, [(f.kind, f.value, f.quote) for f in figures])
    return figures[0].kind, figures[0].value, figures[0].unit


DECIMALS = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(DECIMALS.filter(lambda d: d != d.to_integral_value()))
def test_decimals_read_back(d: Decimal) -> None:
    whole, _, frac = f"{d:f}".partition(".")
    for written in (f"{int(whole):,}.{frac}", f"{whole}.{frac}"):
        kind, value, _ = _only(f"They counted {written} cases.")
        assert (kind, value) == ("count", d), written


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False))
def test_percents_read_back(p: Decimal) -> None:
    for written in (f"{p}%", f"{p} percent", f"{p} per cent"):
        kind, value, _ = _only(f"The share was {written} of all cases.")
        assert (kind, value) == ("percent", p), written


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=1, max_value=999, places=1, allow_nan=False, allow_infinity=False),
    st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9)]),
)
def test_scaled_numbers_read_back(d: Decimal, scale: tuple[str, int]) -> None:
    word, factor = scale
    written = f"{d.normalize():f}"
    kind, value, unit = _only(f"They paid {written} {word} manats.")
    assert (kind, value, unit) == ("money", d * factor, "AZN")
    kind, value, _ = _only(f"They counted {written} {word} people.")
    assert (kind, value) == ("count", d * factor)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9))
def test_money_reads_back(n: int) -> None:
    for written, unit in ((f"AZN {n:,}", "AZN"), (f"{n:,} manats", "AZN"), (f"${n:,}", "USD"),
                          (f"{n:,} euros", "EUR"), (f"EUR {n:,}", "EUR")):  # fmt: skip
        assert _only(f"In 2016 they paid {written} to the victims.") == ("money", n, unit), written


# Breakdown links found by the property above: two source sentences set side by side must
# not link a part to a whole in the other paragraph.


def _links(text: str) -> list[tuple[str, str | None]]:
    figs = extract.figures(text, None, document_period=False)
    return [(f.quote, figs[f.part_of].quote if f.part_of is not None else None) for f in figs]


def test_of_the_whole_is_the_one_written_right_after_not_an_earlier_paragraphs() -> None:
    first = "There were 35 women and three men (of the 54 victims) referred to the shelter."
    second = "The government directed 36 (of the 54) victims to NGOs, and 51 to the VAC."
    links = _links(first + "\n\n" + second)
    assert links[3] == ("36", "54")
    assert links.index(("36", "54")) == 3 and links[4] == ("54", None)
    figs = extract.figures(first + "\n\n" + second, None, document_period=False)
    assert figs[3].part_of == 4


def test_a_bracket_only_holds_parts_and_of_the_names_a_whole() -> None:
    links = _links("There were 35 women and three men (of the 54 victims) referred to the shelter.")
    assert links == [("35", None), ("three", None), ("54", None)]


def test_of_them_does_not_reach_back_over_a_paragraph_break() -> None:
    text = "Three men were forced into labour.\n\nSix of them got legal aid, 15 of them got jobs."
    assert _links(text) == [("Three", None), ("Six", None), ("15", None)]
    joined = "Three men were forced into labour. Six of them got legal aid, 15 of them got jobs."
    assert _links(joined)[1] == ("Six", "Three")


def test_the_pairs_that_broke_the_property_stay_fixed() -> None:
    reg, verifier = bundled()
    by_id = {c.id: c for c in reg.claims}
    pairs = [
        ("tip2015-shelter-women", "tip2015-victims-identified-restated"),
        ("tip2015-victims-women", "mia2014-potential-social-aid"),
        ("mia2014-persons-wanted", "mia2014-potential-social-aid"),
    ]
    for ids in pairs:
        pieces, spans, at = [], [], 0
        for cid in ids:
            found = _source_sentence(by_id[cid])
            assert found is not None, cid
            sentence, offset = found
            spans.append((at + offset, at + offset + len(by_id[cid].quote)))
            pieces.append(sentence)
            at += len(sentence) + 2
        report = verifier.verify(document.from_text("draft.md", "\n\n".join(pieces)))
        wrong = [
            f.message for f in report.findings if (f.start, f.end) in spans and f.status == "contradiction"
        ]
        assert not wrong, (ids, wrong)
