"""Every output format of verify, on the same corpus draft, plus escaping and colour."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tipcheck.model import Figure, FileReport, Finding
from tipcheck.render import formats

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "eval" / "tune" / "drafts" / "01-news-tip-2015.md"


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    """The JSON report: what every other format must agree with."""
    result = run("-f", "json", str(DRAFT))
    assert result.returncode == 1  # the draft has deliberate errors
    return json.loads(result.stdout)


def problems(reference: dict) -> list[dict]:
    return [f for f in reference["files"][0]["findings"] if f["status"] != "match"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "tipcheck", "verify", "--isolated", *args],
                          capture_output=True, text=True, env=full, check=False)  # fmt: skip


def test_text_lists_every_finding_and_the_summary(reference) -> None:
    result = run(str(DRAFT))
    assert result.returncode == 1
    findings = reference["files"][0]["findings"]
    for f in findings:
        assert f"{DRAFT}:{f['line']}:{f['column']}: {f['status']}" in result.stdout
    summary = reference["summary"]
    assert result.stdout.rstrip().splitlines()[-1] == (
        f"{len(findings)} figures: {summary['match']} match, {summary['contradiction']} contradiction, "
        f"{summary['unsourced']} unsourced"
    )


def test_plain_is_one_problem_per_line(reference) -> None:
    result = run("-f", "plain", str(DRAFT))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = problems(reference)
    assert len(lines) == len(expected) > 0
    pattern = re.compile(
        rf"^{re.escape(str(DRAFT))}:(\d+):(\d+): (error|warning|info) ([a-z]+) '([^']*)': .+$"
    )
    for line, f in zip(lines, expected, strict=True):
        m = pattern.match(line)
        assert m, line
        assert (int(m[1]), int(m[2]), m[5]) == (f["line"], f["column"], f["text"])
        assert m[3] == f["severity"] and m[4] == (f["check"] or f["status"])
    assert "figures:" in result.stderr  # the summary goes to stderr, out of grep's way


def test_github_annotations(reference) -> None:
    result = run("-f", "github", str(DRAFT))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = problems(reference)
    assert len(lines) == len(expected)
    for line, f in zip(lines, expected, strict=True):
        level = {"error": "error", "warning": "warning"}.get(f["severity"], "notice")
        assert line.startswith(f"::{level} file={DRAFT},line={f['line']},col={f['column']},")
        assert "::" in line[2:] and "\n" not in line


def test_auto_picks_github_in_actions_and_plain_in_a_pipe() -> None:
    in_actions = run("-f", "auto", str(DRAFT), env={"GITHUB_ACTIONS": "true"})
    assert in_actions.stdout.startswith("::")
    piped = run("-f", "auto", str(DRAFT))
    assert piped.stdout.startswith(f"{DRAFT}:")
    assert formats.resolve("auto", {}, isatty=True) == "text"
    assert formats.resolve("auto", {"GITHUB_ACTIONS": "true"}, isatty=True) == "github"


def test_sarif_structure(reference) -> None:
    result = run("-f", "sarif", str(DRAFT))
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "tipcheck"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {"value", "date", "parts", "percent", "cumulative", "period", "unsourced", "match"} <= set(
        rule_ids
    )
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"] in (
            "error",
            "warning",
            "note",
        )
    results = run_["results"]
    findings = reference["files"][0]["findings"]
    assert len(results) == len(findings)
    for res, f in zip(results, findings, strict=True):
        assert (
            rule_ids[res["ruleIndex"]]
            == res["ruleId"]
            == (f["check"] if f["status"] == "contradiction" else f["status"])
        )
        assert res["level"] in ("none", "note", "warning", "error")
        assert res["kind"] in ("pass", "fail", "review")
        assert (res["kind"] == "pass") == (f["status"] == "match")
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (f["line"], f["column"])
        assert region["charOffset"] == f["start"] and region["charLength"] == f["end"] - f["start"]
        assert res["partialFingerprints"]["tipcheck/v1"] == f["fingerprint"]
        assert res["message"]["text"]
        for related in res.get("relatedLocations", []):
            assert related["physicalLocation"]["region"]["startLine"] >= 1
    assert run_["columnKind"] == "unicodeCodePoints"


def test_colour_follows_the_terminal_and_no_color() -> None:
    piped = run(str(DRAFT))
    assert "\x1b[" not in piped.stdout
    forced = run(str(DRAFT), env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31m" in forced.stdout  # contradictions in bold red
    no_color = run(str(DRAFT), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", no_color.stdout)


HOSTILE = "Figure \x1b[2J\x1b]0;pwned\x07 here\n::warning::fake\n"


def hostile_report() -> FileReport:
    start = HOSTILE.index("\x1b")
    end = HOSTILE.index(" here")
    fig = Figure(start, end, HOSTILE[start:end], "count", 1)
    finding = Finding(
        "unsourced", None, fig, "msg with\nnewline ::error::x", severity="warning", fingerprint="f"
    )
    return FileReport(path="evil\n::error file=x::owned.md", text=HOSTILE, findings=(finding,))


@pytest.mark.parametrize("render", [formats.plain, formats.github])
def test_draft_text_cannot_inject_escapes_or_workflow_commands(render) -> None:
    out = render(formats.verify_rows([hostile_report()]))
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    assert len(lines) == 1  # one finding, one line: no second command smuggled in
    if render is formats.github:
        assert lines[0].startswith("::warning file=evil")
        assert "%0A" in lines[0] or "\\x0a" in lines[0]


def test_sarif_links_a_claim_s_source_only_where_the_user_can_open_it(
    run_cli, tmp_path: Path, monkeypatch
) -> None:
    import json

    draft = tmp_path / "d.md"
    draft.write_text("In 2014, 27 persons were brought to justice.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the bundled registry's seeds are not files here
    result = json.loads(run_cli("verify", "--format", "sarif", str(draft)).stdout)
    related = result["runs"][0]["results"][0]["relatedLocations"]
    assert related and all("physicalLocation" not in r for r in related)
    assert "seeds/" in related[0]["message"]["text"] and "mia2014" in related[0]["message"]["text"]
