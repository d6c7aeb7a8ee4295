"""The command line: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from test_registry import CLAIM_8, CLAIM_18, CLAIM_26, CLAIM_DATE, HEADER, make
from tipcheck.figures import periods
from tipcheck.registry import yamlio

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return make(tmp_path / "reg", HEADER + CLAIM_26 + CLAIM_18 + CLAIM_8 + CLAIM_DATE)


def test_help_lists_every_command(run_cli) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("list", "show", "extract", "check-registry"):
        assert command in result.output


def test_list_json_shape(run_cli, reg: Path) -> None:
    result = run_cli("list", "--registry", str(reg), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["id"] for c in data] == ["t-charged", "t-women", "t-men", "t-plan"]
    first = data[0]
    assert {"id", "kind", "value", "unit", "qualifier", "metric", "period", "source"} <= set(first)
    assert first["period"] == {"start": "2014", "end": "2014", "cumulative": False}
    assert first["source"] == {
        "file": "seeds/doc.txt",
        "start": 9,
        "end": 19,
        "line": 1,
        "quote": "26 persons",
    }
    assert data[3]["period"] is None and data[3]["value"] == "2014-07-24"


def test_list_filters(run_cli, reg: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = run_cli("list", "--registry", str(reg), "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [c["id"] for c in json.loads(result.output)]

    assert ids("--year", "2014") == ["t-charged", "t-women", "t-men", "t-plan"]
    assert ids("--year", "2013") == []
    assert ids("--metric", "women") == ["t-women"]
    assert ids("--kind", "date") == ["t-plan"]
    assert ids("--source", "doc") == ["t-charged", "t-women", "t-men", "t-plan"]
    assert ids("--source", "other") == []


@pytest.mark.parametrize("fmt", ["table", "yaml", "csv"])
def test_list_other_formats(run_cli, reg: Path, fmt: str) -> None:
    result = run_cli("list", "--registry", str(reg), "--format", fmt)
    assert result.exit_code == 0
    assert "t-charged" in result.output
    if fmt == "yaml":
        assert yamlio.load(result.output, "out")[0]["id"] == "t-charged"
    if fmt == "csv":
        assert result.output.splitlines()[0].startswith("id,kind,value")
        assert len(result.output.splitlines()) == 5


def test_show_highlights_quote_in_context(run_cli, reg: Path) -> None:
    result = run_cli("show", "t-women", "--registry", str(reg))
    assert result.exit_code == 0
    assert "women charged" in result.output
    assert "In 2014, 26 persons (18 women and 8 men)" in result.output


def test_show_unknown_id_suggests(run_cli, reg: Path) -> None:
    result = run_cli("show", "women", "--registry", str(reg))
    assert result.exit_code == 2
    assert "no claim with id 'women'" in result.output and "t-women" in result.output


def test_check_registry_clean_and_broken(run_cli, reg: Path) -> None:
    ok = run_cli("check-registry", "--registry", str(reg))
    assert ok.exit_code == 0, ok.output
    source = reg / "seeds" / "doc.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("26 persons", "27 persons"), encoding="utf-8"
    )
    bad = run_cli("check-registry", "--registry", str(reg))
    assert bad.exit_code == 1
    assert "claims/doc.yaml:8: claim 't-charged': stale" in bad.output


def test_check_registry_reports_malformed_file(run_cli, reg: Path) -> None:
    (reg / "claims" / "broken.yaml").write_text("source: [\n", encoding="utf-8")
    result = run_cli("check-registry", "--registry", str(reg))
    assert result.exit_code == 1
    assert "claims/broken.yaml:" in result.output


def test_missing_registry_is_exit_2(run_cli, tmp_path: Path) -> None:
    result = run_cli("list", "--registry", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert "no such registry" in result.output
    assert "Traceback" not in result.output


def test_extract_prints_a_reviewable_claims_file(run_cli, tmp_path: Path) -> None:
    doc = tmp_path / "new.txt"
    doc.write_text("In 2016, 61 victims were identified and paid 400 manats each.\n", encoding="utf-8")
    result = run_cli("extract", str(doc))
    assert result.exit_code == 0, result.output
    data = yamlio.load(result.output, "out")
    quotes = [(c["quote"], c["kind"], c["value"]) for c in data["claims"]]
    assert quotes == [("61", "count", 61), ("400 manats", "money", 400)]
    assert data["claims"][0]["period"] == {"start": "2016", "end": "2016", "cumulative": False}
    assert json.loads(run_cli("extract", str(doc), "--format", "json").output)["claims"][1]["unit"] == "AZN"


def test_extract_writes_only_new_files(run_cli, tmp_path: Path) -> None:
    doc = tmp_path / "new.txt"
    doc.write_text("54 victims\n", encoding="utf-8")
    target = tmp_path / "claims.yaml"
    assert run_cli("extract", str(doc), "--output", str(target)).exit_code == 0
    written = target.read_bytes()
    again = run_cli("extract", str(doc), "--output", str(target))
    assert again.exit_code == 2 and "never overwrites" in again.output
    assert target.read_bytes() == written


def test_extract_from_stdin(run_cli) -> None:
    result = run_cli("extract", "-", input="Tier 2 for the third consecutive year\n")
    assert result.exit_code == 0
    assert "Tier 2" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 54 victims", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        (b"\x00\x01\x02", "binary"),
    ],
)
def test_extract_bad_input_is_one_clear_line(run_cli, tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run_cli("extract", str(bad))
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_extract_missing_file_and_directory(run_cli, tmp_path: Path) -> None:
    assert "no such file" in run_cli("extract", str(tmp_path / "x.txt")).output
    assert "is a directory" in run_cli("extract", str(tmp_path)).output


def test_installed_console_script_runs() -> None:
    exe = Path(sys.executable).parent / "tipcheck"
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("tipcheck ")


# --- verify -------------------------------------------------------------------------------

DRAFT = "---\ndate: 2015-06-01\n---\nIn 2014, 22 victims found jobs and 54 victims were identified.\nIn 2019, 40 victims were identified.\n"


def test_verify_text_report_and_exit_1_on_contradiction(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run_cli("verify", str(draft))
    assert result.exit_code == 1
    assert f"{draft}:4:10: contradiction [value] '22'" in result.output
    assert "seeds/001_55db5c432dc7df26.txt:29:" in result.output  # the evidence's source and line
    assert result.output.rstrip().endswith("3 figures: 1 match, 1 contradiction, 1 unsourced")


def test_verify_json_contract(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run_cli("verify", "--format", "json", str(draft))
    assert result.exit_code == 1
    data = json.loads(result.output)
    # The JSON contract, extended only by new keys: old readers keep working.
    assert data["summary"] == {"match": 1, "contradiction": 1, "unsourced": 1, "cited": 0, "suppressed": 0,
                               "baselined": 0}  # fmt: skip
    (file,) = data["files"]
    assert file["path"] == str(draft)
    first = file["findings"][0]
    assert set(first) == {"status", "check", "start", "end", "line", "column", "text", "claim", "message",
                          "evidence", "severity", "fingerprint", "baselined"}  # fmt: skip
    assert (first["severity"], first["baselined"]) == ("error", False) and len(first["fingerprint"]) == 32
    assert (first["status"], first["check"], first["text"]) == ("contradiction", "value", "22")
    assert DRAFT[first["start"] : first["end"]] == "22" and (first["line"], first["column"]) == (4, 10)
    assert set(first["claim"]) == {
        "kind", "value", "unit", "qualifier", "metric", "period", "period_basis", "entity",
    }  # fmt: skip
    assert first["claim"]["period_basis"] in periods.BASES
    assert first["evidence"][0]["value"] == 24
    assert set(first["evidence"][0]) == {"id", "file", "start", "end", "line", "quote", "value"}


def test_verify_exit_0_when_clean_and_strict_fails_on_unsourced(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "clean.md"
    draft.write_text(
        "In 2014, 54 victims were identified. In 2019, 40 victims were identified.\n", encoding="utf-8"
    )
    assert run_cli("verify", str(draft)).exit_code == 0
    assert run_cli("verify", "--strict", str(draft)).exit_code == 1


def test_verify_reads_stdin(run_cli) -> None:
    result = run_cli("verify", "--format", "json", "-", input="In 2014, 24 victims found jobs.\n")
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["path"] == "<stdin>"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04\x00\x01binary\x00", "binary"),
        (b"caf\xe9 54 victims", "not valid UTF-8 (byte 0xe9 at offset 3)"),
    ],
)
def test_verify_bad_input_exit_2_without_traceback(
    run_cli, tmp_path: Path, content: bytes, message: str
) -> None:
    draft = tmp_path / "bad.md"
    draft.write_bytes(content)
    result = run_cli("verify", str(draft))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_verify_missing_file_and_registry_exit_2(run_cli, tmp_path: Path) -> None:
    result = run_cli("verify", str(tmp_path / "nope.md"))
    assert result.exit_code == 2 and "no such file" in result.output
    draft = tmp_path / "d.md"
    draft.write_text("54 victims\n", encoding="utf-8")
    result = run_cli("verify", "--registry", str(tmp_path / "none"), str(draft))
    assert result.exit_code == 2 and "no such registry" in result.output


def test_verify_empty_file_is_clean(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "empty.md"
    draft.write_text("", encoding="utf-8")
    result = run_cli("verify", str(draft))
    assert result.exit_code == 0
    assert "0 figures: 0 match, 0 contradiction, 0 unsourced" in result.output


def test_verify_offsets_survive_crlf_and_bom(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "crlf.md"
    draft.write_bytes("\ufeffIntro.\r\nIn 2014, 22 victims found jobs.\r\n".encode())
    data = json.loads(run_cli("verify", "--format", "json", str(draft)).output)
    finding = data["files"][0]["findings"][0]
    assert (finding["text"], finding["line"], finding["column"]) == ("22", 2, 10)


def test_verify_is_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    """Ties between equally aligned claims must not be broken by set iteration order."""
    import os

    drafts = sorted(
        str(p) for p in (Path(__file__).resolve().parents[1] / "eval" / "tune" / "drafts").glob("*.md")
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-m", "tipcheck", "verify", "--format", "json", *drafts[:6]],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert run.returncode in (0, 1), run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_usage_errors_are_one_line_and_exit_2(run_cli) -> None:
    for args in (
        ("verify",),
        ("verify", "--format", "xml", "x.md"),
        ("frobnicate",),
        ("verify", "--jobs", "-1", "x"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("tipcheck: error: "), result.stderr


def test_a_folder_is_its_drafts_and_jobs_keep_the_order(run_cli, tmp_path: Path) -> None:
    drafts = ROOT / "eval" / "tune" / "drafts"
    one = run_cli("verify", "--isolated", "-f", "json", str(drafts))
    two = run_cli("verify", "--isolated", "-f", "json", "--jobs", "2", str(drafts))
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    paths = [f["path"] for f in json.loads(one.stdout)["files"]]
    assert paths == sorted(paths) and len(paths) == len(list(drafts.glob("*.md")))
    (tmp_path / "empty").mkdir()
    assert run_cli("verify", str(tmp_path / "empty")).exit_code == 2


def test_a_proposal_is_ignored_until_reviewed(run_cli, tmp_path: Path, monkeypatch) -> None:
    reg = tmp_path / "newsroom"
    (reg / "sources").mkdir(parents=True)
    (reg / "claims").mkdir()
    source = reg / "sources" / "moldova-2020.txt"
    source.write_text("In 2019, the government identified 47 victims.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # run from elsewhere: the source path is still the registry's
    target = reg / "claims" / "moldova-2020.yaml"
    assert run_cli("extract", str(source), "--output", str(target)).exit_code == 0
    data = yamlio.load(target.read_text(encoding="utf-8"), "proposal")
    assert data["source"]["file"] == "sources/moldova-2020.txt"
    assert [c["review"] for c in data["claims"]] == ["todo"]
    listed = run_cli("check-registry", "--registry", str(reg), "--no-bundled")
    assert listed.exit_code == 1 and "not reviewed yet" in listed.output
    draft = tmp_path / "draft.md"
    # the proposal's place is Moldova (its file name's): a draft sees it when it names Moldova
    assert data["source"]["place"] == "Moldova"
    draft.write_text("In 2019, the government of Moldova identified 47 victims.\n", encoding="utf-8")
    before = run_cli("verify", str(draft), "--registry", str(reg), "--no-bundled", "--format", "json")
    assert json.loads(before.stdout)["files"][0]["findings"][0]["status"] == "unsourced"
    assert "1 proposed claim marked `review: todo` ignored" in before.stderr
    target.write_text(target.read_text(encoding="utf-8").replace("  review: todo\n", ""), encoding="utf-8")
    assert run_cli("check-registry", "--registry", str(reg), "--no-bundled").exit_code == 0
    after = run_cli("verify", str(draft), "--registry", str(reg), "--no-bundled", "--format", "json")
    assert json.loads(after.stdout)["files"][0]["findings"][0]["status"] == "match"


def test_reanchor_is_a_dry_run_unless_told_to_write(run_cli, tmp_path: Path) -> None:
    reg = tmp_path / "reg"
    (reg / "seeds").mkdir(parents=True)
    (reg / "claims").mkdir()
    source = reg / "seeds" / "s.txt"
    source.write_text("In 2019, the government identified 47 victims.\n", encoding="utf-8")
    target = reg / "claims" / "s.yaml"
    assert run_cli("extract", str(source), "--output", str(target)).exit_code == 0
    source.write_text("In the year 2019, the government identified 47 victims.\n", encoding="utf-8")
    before = target.read_bytes()
    dry = run_cli("reanchor", "--registry", str(reg), "--no-bundled")
    assert dry.exit_code == 1 and "moves from offset 35 to 44" in dry.stdout
    assert target.read_bytes() == before
    done = run_cli("reanchor", "--registry", str(reg), "--no-bundled", "--write")
    assert done.exit_code == 0 and "moved 1 claim" in done.stderr
    problems = run_cli("check-registry", "--registry", str(reg), "--no-bundled").stdout
    assert "stale" not in problems and "not reviewed yet" in problems


def test_a_baseline_accepts_its_findings_from_any_folder(run_cli, tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "newsroom"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text("In 2014, 27 persons were brought to justice.\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    made = run_cli("verify", "drafts/a.md", "--baseline", "baseline.json", "--update-baseline")
    assert made.exit_code == 0, made.output
    for folder, draft, baseline in (
        (repo, "drafts/a.md", "baseline.json"),
        (repo / "drafts", "a.md", "../baseline.json"),
        (tmp_path, str(repo / "drafts" / "a.md"), str(repo / "baseline.json")),
    ):
        monkeypatch.chdir(folder)
        again = run_cli("verify", draft, "--baseline", baseline, "--format", "json")
        findings = json.loads(again.stdout)["files"][0]["findings"]
        assert [f["status"] for f in findings] == ["contradiction"], again.output
        assert again.exit_code == 0 and findings[0]["baselined"], (folder, again.output)


def test_strict_says_why_it_fails_and_quiet_leaves_out_accepted_findings(
    run_cli, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    Path("d.md").write_text(
        "In 2014, 999 wolves howled, and 27 persons were brought to justice.\n", encoding="utf-8"
    )
    strict = run_cli("verify", "--strict", "d.md")
    assert strict.exit_code == 1
    assert "1 unsourced" in strict.stderr and "--strict or fail_on_unsourced" in strict.stderr
    assert "failed:" not in run_cli("verify", "d.md").stderr  # a contradiction says why by itself
    assert run_cli("verify", "d.md", "--baseline", "b.json", "--update-baseline").exit_code == 0
    quiet = run_cli("verify", "--quiet", "d.md", "--baseline", "b.json")
    assert quiet.exit_code == 0
    assert "'27'" not in quiet.stdout and "'999'" not in quiet.stdout  # both accepted
    assert "'27'" in run_cli("verify", "d.md", "--baseline", "b.json").stdout  # still listed without --quiet


def test_show_json_is_the_claim_as_list_gives_it(run_cli) -> None:
    shown = json.loads(run_cli("show", "tip2015-victims-women", "--format", "json").stdout)
    listed = json.loads(run_cli("list", "--format", "json").stdout)
    assert shown == next(c for c in listed if c["id"] == "tip2015-victims-women")


def test_list_shows_whole_ids_on_a_wide_terminal(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    table = run_cli("list").stdout
    ids = [c["id"] for c in json.loads(run_cli("list", "--format", "json").stdout)]
    longest = max(ids, key=len)
    assert len(longest) > 24 and longest in table


def test_a_no_break_space_is_shown_as_a_space() -> None:
    from tipcheck.render.ansi import printable, visible

    assert visible("54\u00a0victims\x07") == "54 victims\ufffd"  # same length: offsets hold
    assert printable("54\u00a0victims\x1b") == "54 victims\\x1b"


def test_registry_problems_name_files_from_where_the_user_is(run_cli, tmp_path: Path, monkeypatch) -> None:
    reg = make(tmp_path / "newsroom", HEADER + CLAIM_26.replace("value: 26", "value: 27"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("check-registry", "--registry", "newsroom", "--no-bundled")
    assert result.exit_code == 1
    assert result.stdout.startswith("newsroom/claims/doc.yaml:"), result.stdout
    monkeypatch.chdir(reg)
    assert run_cli("check-registry", "--registry", ".", "--no-bundled").stdout.startswith("claims/doc.yaml:")


def test_a_configured_registry_that_does_not_exist_names_the_line(
    run_cli, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "tipcheck.yaml").write_text("bundled: true\nregistries: [nosuch]\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("In 2014, 26 persons were brought to justice.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("verify", "d.md")
    assert result.exit_code == 2 and "tipcheck.yaml:2: registry 'nosuch': it does not exist" in result.stderr
