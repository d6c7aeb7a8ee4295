"""The library: `Checker.check` gives exactly `tipcheck verify`'s findings, as rows and as
JSON; checkers and reports pickle; one checker serves several threads."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tipcheck.api import COLUMNS, Checker, Report
from tipcheck.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("eval/*/drafts/*.md"))


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(root=ROOT)


def test_every_eval_draft_gives_the_command_lines_findings(run_cli, checker: Checker, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # the paths, as the command line is given them
    assert len(DRAFTS) >= 40
    for path in DRAFTS:
        result = run_cli("verify", "--format", "json", path)
        assert result.exit_code in (0, 1), result.stderr
        expected = json.loads(result.stdout)["files"][0]
        got = checker.check((ROOT / path).read_text(encoding="utf-8"), path=path).as_dict()
        assert got == expected, path


def test_rows_are_flat_json_safe_and_one_per_finding(checker: Checker) -> None:
    text = (ROOT / DRAFTS[0]).read_text(encoding="utf-8")
    report = checker.check(text, path=DRAFTS[0])
    rows = report.rows()
    assert len(rows) == len(report.findings) > 5
    assert all(tuple(row) == COLUMNS for row in rows)
    json.dumps(rows)  # JSON-safe
    for row, finding in zip(rows, report.findings, strict=True):
        assert row["text"] == text[finding.start : finding.end]
        assert (
            row["evidence_ids"]
            == [e["id"] for e in row["evidence"]]
            == [e.claim.id for e in finding.evidence]
        )
        assert all(
            not isinstance(v, (dict, list)) for k, v in row.items() if k not in ("evidence", "evidence_ids")
        )
        assert row["value"] is None or isinstance(row["value"], str)
    assert {r["status"] for r in rows} >= {"match", "contradiction"}


def test_checker_and_report_pickle(checker: Checker) -> None:
    text = (ROOT / DRAFTS[1]).read_text(encoding="utf-8")
    report = checker.check(text, path=DRAFTS[1])
    assert pickle.loads(pickle.dumps(report)) == report
    data = pickle.dumps(checker)
    assert len(data) < 2000  # the settings, never the claims
    again: Checker = pickle.loads(data)
    assert again.check(text, path=DRAFTS[1]) == report


def test_one_checker_serves_several_threads(checker: Checker) -> None:
    texts = [(p, (ROOT / p).read_text(encoding="utf-8")) for p in DRAFTS[:12]]
    alone = [checker.check(text, path=p) for p, text in texts]
    fresh = Checker(root=ROOT)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda pt: fresh.check(pt[1], path=pt[0]), texts))
    assert together == alone


def test_published_dates_a_text_as_front_matter_does(checker: Checker) -> None:
    body = "Over the past 12 years, 700 victims of trafficking were identified.\n"
    front = "---\ndate: 2017-06-27\n---\n"
    dated = checker.check(front + body, path="a.md").rows()
    given = checker.check(body, path="a.md", published="2017-06-27").rows()
    undated = checker.check(body, path="a.md").rows()
    pick = lambda rows: [(r["text"], r["period_start"], r["period_end"], r["status"]) for r in rows]  # noqa: E731
    assert pick(given) == pick(dated)
    assert pick(given) != pick(undated)
    with pytest.raises(InputError, match="not a date"):
        checker.check(body, published="2017-13-01")


def test_severity_and_strict_are_the_command_lines(checker: Checker) -> None:
    text = "In 2014, 54 victims of trafficking were identified and 4,321 shelters opened.\n"
    plain = {r["status"]: r["severity"] for r in checker.check(text).rows()}
    assert plain.get("unsourced") == "warning"
    strict = Checker(root=ROOT, severity={"unsourced": "error"})
    assert {r["status"]: r["severity"] for r in strict.check(text).rows()}.get("unsourced") == "error"


def test_the_verifiers_kept_are_bounded(monkeypatch, tmp_path: Path) -> None:
    from test_registry import CLAIM_26, HEADER, make
    from tipcheck.verify import batch

    placed = CLAIM_26.replace("    exhaustive: [sex]\n", "    place: Georgia\n")
    root = make(tmp_path / "reg", HEADER + placed)
    texts = [f"In 2014, 26 persons were charged in {place}.\n" for place in
             ("Georgia", "Turkey", "Moldova", "Ukraine", "Armenia", "Georgia and Turkey")]  # fmt: skip
    unbounded = Checker(registries=[root], isolated=True)
    expected = [unbounded.check(t) for t in texts]
    assert len(unbounded._verifiers.verifiers) == len(texts)  # one per set of places named
    monkeypatch.setattr(batch, "MAX_VERIFIERS", 2)
    bounded = Checker(registries=[root], isolated=True)
    assert [bounded.check(t) for t in texts] == expected
    assert len(bounded._verifiers.verifiers) == 2
    assert [bounded.check(t) for t in reversed(texts)] == list(reversed(expected))
    assert len(bounded._verifiers.verifiers) == 2


def test_report_has_the_paths_and_findings_it_was_given(checker: Checker) -> None:
    report = checker.check("In 2014, 54 victims were identified.\n", path="x/y.md")
    assert isinstance(report, Report) and report.path == "x/y.md"
    assert checker.check("In 2014, 54 victims were identified.\n").path == "<text>"


def test_jsonl_streams_the_api_rows_of_every_draft(run_cli, checker: Checker, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    paths = [p for p in DRAFTS if p.startswith("eval/tune/")][:6]
    as_json = run_cli("verify", "--format", "json", *paths)
    as_plain = run_cli("verify", "--format", "plain", *paths)
    for jobs in ("1", "2"):
        result = run_cli("verify", "--format", "jsonl", "--jobs", jobs, *paths)
        assert result.exit_code == as_json.exit_code == 1
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        expected = [
            row for p in paths for row in checker.check((ROOT / p).read_text(encoding="utf-8"), path=p).rows()
        ]
        assert lines == expected
        assert result.stderr == as_plain.stderr  # the same summary line
    total = json.loads(as_json.stdout)["summary"]
    assert len(lines) == sum(total[s] for s in ("match", "contradiction", "unsourced", "cited"))


def test_reports_come_one_by_one(monkeypatch, tmp_path: Path) -> None:
    from tipcheck.verify import batch
    from tipcheck.verify.config import Config

    seen: list[str] = []
    real = batch._check

    def spy(task, accepted, verifiers):
        seen.append(str(task.path))
        return real(task, accepted, verifiers)

    monkeypatch.setattr(batch, "_check", spy)
    tasks = [
        batch.Task(Path(f"{n}.md"), f"In 2014, {n} victims were identified.\n", Config()) for n in range(5)
    ]
    reports = batch.each(tasks)
    first = next(reports)
    assert first.path == "0.md" and seen == ["0.md"]  # nothing checked ahead of the reader
    assert [r.path for r in reports] == ["1.md", "2.md", "3.md", "4.md"]


def test_jsonl_is_a_configurable_format(run_cli, tmp_path: Path) -> None:
    (tmp_path / "tipcheck.yaml").write_text("format: jsonl\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    draft = tmp_path / "d.md"
    draft.write_text("In 2014, 54 victims of trafficking were identified.\n", encoding="utf-8")
    result = run_cli("verify", str(draft))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert "54" in {r["text"] for r in rows}
    assert all(set(r) == set(COLUMNS) for r in rows)
