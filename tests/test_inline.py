"""In the draft: `<!-- tipcheck: ... -->` directives, citations, and baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipcheck.errors import InputError
from tipcheck.registry import load as registry
from tipcheck.text import document
from tipcheck.verify import baseline, config, engine, review

ROOT = Path(__file__).resolve().parents[1]
WRONG = "In 2014, 22 victims found jobs."  # the registry says 24
UNSOURCED = "In 2019, 40 victims were identified"  # nothing registered for 2019


@pytest.fixture(scope="module")
def verifier() -> engine.Verifier:
    return engine.Verifier(registry.load(ROOT))


def check(verifier: engine.Verifier, text: str, cfg: config.Config | None = None, accepted=frozenset()):
    draft = document.from_text("draft.md", text)
    return review.review(verifier.verify(draft), draft, cfg or config.Config(), accepted)


def verdicts(report) -> list[tuple[str, str]]:
    return [(report.text[f.start : f.end], f.status) for f in report.findings]


def test_without_directives_the_contradiction_is_reported(verifier) -> None:
    report = check(verifier, f"{WRONG}\n")
    assert verdicts(report) == [("22", "contradiction")] and review.failing([report]) == 1


def test_ignore_inline_covers_only_the_next_figure(verifier) -> None:
    text = (
        "In 2014, <!-- tipcheck: ignore --> 22 victims found jobs and 23 were sent on vocational training.\n"
    )
    assert verdicts(check(verifier, text.replace("<!-- tipcheck: ignore --> ", ""))) == [
        ("22", "contradiction"), ("23", "contradiction")]  # fmt: skip
    report = check(verifier, text)
    assert verdicts(report) == [("23", "contradiction")] and report.suppressed == 1


def test_ignore_on_its_own_line_covers_the_next_line(verifier) -> None:
    report = check(verifier, f"<!-- tipcheck: ignore -->\n\n{WRONG}\n{WRONG}\n")
    assert report.suppressed == 1
    assert [report.text.count("\n", 0, f.start) for f in report.findings] == [3]


def test_off_on_region(verifier) -> None:
    text = f"{WRONG}\n<!-- tipcheck: off -->\n{WRONG}\n{WRONG}\n<!-- tipcheck: on -->\n{WRONG}\n"
    report = check(verifier, text)
    assert [report.text.count("\n", 0, f.start) + 1 for f in report.findings] == [1, 6]
    assert report.suppressed == 2


def test_disable_one_check_leaves_the_others(verifier) -> None:
    text = f"<!-- tipcheck: disable=unsourced -->\n{WRONG} {UNSOURCED}.\n<!-- tipcheck: enable=unsourced -->\n{UNSOURCED}.\n"
    report = check(verifier, text)
    assert verdicts(report) == [("22", "contradiction"), ("40", "unsourced")]
    assert report.text.count("\n", 0, report.findings[1].start) == 3
    report = check(verifier, f"<!-- tipcheck: disable=value -->\n{WRONG}\n")
    assert report.findings == () and report.suppressed == 1
    report = check(verifier, f"<!-- tipcheck: disable=date -->\n{WRONG}\n")  # another check: still reported
    assert verdicts(report) == [("22", "contradiction")]


@pytest.mark.parametrize(
    "text",
    ["<!-- tipcheck: ignor -->\n", "<!-- tipcheck: disable=valeu -->\n", "<!-- tipcheck: source= -->\n"],
)
def test_unknown_directive_is_an_input_error_naming_the_line(text: str) -> None:
    with pytest.raises(InputError, match=r"^draft.md:2: "):
        document.from_text("draft.md", "Intro.\n" + text)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (f"{UNSOURCED} ([MIA](https://mia.gov.az/news/2019)).\n", "https://mia.gov.az/news/2019"),
        (f"{UNSOURCED}.[^1]\n\n[^1]: MIA annual report 2019, p. 4\n", "[^1]: MIA annual report 2019, p. 4"),
        (f"{UNSOURCED} <!-- tipcheck: source=https://example.org/r -->.\n", "https://example.org/r"),
        ("In 2019, [40 victims were identified](https://mia.gov.az/x).\n", "https://mia.gov.az/x"),
    ],
)
def test_a_figure_citing_an_outside_source_is_cited(verifier, text: str, source: str) -> None:
    report = check(verifier, text)
    (finding,) = [f for f in report.findings if report.text[f.start : f.end] == "40"]
    assert finding.status == "cited" and finding.citation == source
    assert finding.severity == "info"


def test_a_citation_in_the_next_sentence_does_not_cite(verifier) -> None:
    report = check(verifier, f"{UNSOURCED}. The ministry said so ([MIA](https://mia.gov.az)).\n")
    assert verdicts(report) == [("40", "unsourced")]


def test_a_citation_does_not_excuse_a_contradiction(verifier) -> None:
    report = check(verifier, "In 2014, 22 victims found jobs ([blog](https://example.org)).\n")
    assert verdicts(report) == [("22", "contradiction")]


# --- baseline ---------------------------------------------------------------------------------


def test_fingerprints_survive_moving_unrelated_lines(verifier) -> None:
    one = check(verifier, f"{WRONG}\n\n{UNSOURCED}.\n")
    two = check(verifier, f"# A new heading\n\nSome new prose.\n\n{UNSOURCED}.\n\nMore.\n\n{WRONG}\n")
    assert {f.fingerprint for f in one.findings} == {f.fingerprint for f in two.findings}
    edited = check(verifier, f"In 2014, 21 victims found jobs.\n\n{UNSOURCED}.\n")
    assert len({f.fingerprint for f in one.findings} & {f.fingerprint for f in edited.findings}) == 1


def test_identical_findings_get_distinct_fingerprints(verifier) -> None:
    report = check(verifier, f"{WRONG}\n\n{WRONG}\n")
    assert len({f.fingerprint for f in report.findings}) == 2


def test_baseline_accepts_old_findings_and_fails_on_new(verifier, tmp_path: Path) -> None:
    old = check(verifier, f"{WRONG}\n")
    path = tmp_path / "baseline.json"
    baseline.write(path, baseline.dump([old]))
    data = json.loads(path.read_text())
    assert data["version"] == 1 and data["findings"][0]["text"] == "22"
    accepted = baseline.load(path)
    again = check(verifier, f"New intro.\n\n{WRONG}\n", accepted=accepted)
    assert again.findings[0].baselined and review.failing([again]) == 0
    new = check(
        verifier, f"{WRONG}\n\nIn 2014, 23 victims were sent on vocational training.\n", accepted=accepted
    )
    assert review.failing([new]) == 1


def test_baseline_through_the_cli(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"{WRONG}\n")
    path = tmp_path / "accepted.json"
    assert run_cli("verify", "--update-baseline", str(draft)).exit_code == 2  # needs --baseline
    result = run_cli("verify", "--baseline", str(path), "--update-baseline", str(draft))
    assert result.exit_code == 0 and path.is_file()
    result = run_cli("verify", "--baseline", str(path), str(draft))
    assert result.exit_code == 0, result.output
    assert "1 accepted by the baseline" in result.output
    draft.write_text(f"{WRONG}\nIn 2014, 26 victims were sent on vocational training.\n")
    assert run_cli("verify", "--baseline", str(path), str(draft)).exit_code == 1
    path.write_text("not json")
    result = run_cli("verify", "--baseline", str(path), str(draft))
    assert result.exit_code == 2 and "not a tipcheck baseline" in result.output


def test_baseline_write_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"version": 1, "findings": []}\n')

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    from tipcheck.errors import InputError
    from tipcheck.support import files

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(InputError, match="No space left on device"):
        baseline.write(path, "x" * 1000)
    assert path.read_text() == '{"version": 1, "findings": []}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["b.json"]


def test_fingerprint_sentences_are_the_sentence_function_s() -> None:
    """The per-text sentence cache gives what `sentence` gives, for spans in text order."""
    import random

    from tipcheck.verify import baseline

    rng = random.Random(7)
    pieces = ["In 2014", " 54 victims", ".", " ", "\n\n", "!", "?", " and", "3", "x.y", "\n \n"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        spans = sorted(
            (a, min(len(text), a + rng.randint(0, 5))) for a in (rng.randrange(len(text)) for _ in range(8))
        )
        cached = baseline._Sentences(text)
        for start, end in spans:
            assert cached.around(start, end) == baseline.sentence(text, start, end), (text, start, end)
