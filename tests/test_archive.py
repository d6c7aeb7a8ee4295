"""`tipcheck archive` on a real local Dask cluster (worker processes): the command line's
findings, JSON Lines and Parquet input, failures recorded, reruns and a killed worker
changing no row."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from tipcheck.api import Checker  # noqa: E402
from tipcheck.archive import run as archiving  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SETS = ["eval/tune/drafts", "eval/heldout/drafts"]
VOLATILE = ("article", "partition")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(root=ROOT)


def _without(rows: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in keys} for r in rows]


def test_the_archive_gives_the_command_lines_findings(
    run_cli, checker: Checker, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    summary = archiving.run(SETS, out, checker, workers=2, partition_size=3)
    rows = archiving.read_findings(out)
    cli = run_cli("verify", "--format", "jsonl", *SETS)
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    assert _without(rows, *VOLATILE) == expected
    assert all(r["article"] == r["path"] for r in rows)
    assert summary.articles == len({r["path"] for r in expected}) == 18 and summary.failures == 0
    assert summary.findings == len(rows) and summary.partitions == 6
    saved = json.loads((out / "summary.json").read_text())
    assert saved["status"] == summary.status and sum(saved["status"].values()) == len(rows)
    # again: the same rows, the same files
    before = {p.name: pq.read_table(p).to_pylist() for p in (out / "findings").glob("*.parquet")}
    archiving.run(SETS, out, checker, workers=2, partition_size=3)
    assert {p.name: pq.read_table(p).to_pylist() for p in (out / "findings").glob("*.parquet")} == before


def _records(texts: list[str]) -> list[dict]:
    return [{"id": f"a{n}", "text": t, "published": "2016-03-01" if n == 1 else None, "path": f"news/a{n}.md"}
            for n, t in enumerate(texts)]  # fmt: skip


TEXTS = [
    "In 2014, 54 victims of trafficking were identified.\n",
    "Over the past year, 26 people were charged with trafficking.\n",
    "The shelter had 30 places in 2014.\n",
]


def _expected(checker: Checker, records: list[dict]) -> list[dict]:
    out = []
    for r in records:
        for row in checker.check(r["text"], path=r["path"], published=r["published"]).rows():
            out.append({"article": r["id"], **row})
    return out


def test_json_lines_and_parquet_input_and_failures_recorded(checker: Checker, tmp_path: Path) -> None:
    records = _records(TEXTS)
    lines = tmp_path / "articles.jsonl"
    bad = [json.dumps(records[0]), "{not json", json.dumps({"id": "empty", "text": None}), "",
           json.dumps(records[1]), json.dumps(records[2])]  # fmt: skip
    lines.write_text("\n".join(bad) + "\n", encoding="utf-8")
    table = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(records), table, row_group_size=2)
    out = tmp_path / "out"
    summary = archiving.run([str(lines), str(table)], out, checker, workers=2, partition_size=2)
    rows = _without(archiving.read_findings(out), "partition")
    assert rows == _expected(checker, records) + _expected(checker, records)
    failures = archiving.read_failures(out)
    assert [(f["article"], f["source"]) for f in failures] == [
        (f"{lines}:2", f"{lines}:2"), ("empty", f"{lines}:3"),
    ]  # fmt: skip
    assert "not JSON" in failures[0]["reason"] and failures[1]["reason"] == "no text"
    assert summary.articles == 8 and summary.failures == 2  # 5 lines of JSON Lines (one blank), 3 rows


def test_a_killed_worker_loses_and_doubles_no_row(checker: Checker, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for n in range(40):
        (drafts / f"{n:02d}.md").write_text(TEXTS[n % 3].replace("54", str(50 + n)), encoding="utf-8")
    clean = archiving.run([str(drafts)], tmp_path / "clean", checker, workers=2, partition_size=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            pids = list(client.run(os.getpid).values())
        killed = []

        def kill_one(done: int, total: int) -> None:
            if done == 3 and not killed:  # 37 partitions still to do
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        hit = archiving.run([str(drafts)], tmp_path / "hit", checker, scheduler=cluster.scheduler_address,
                            partition_size=1, progress=kill_one)  # fmt: skip
    assert killed
    assert archiving.read_findings(tmp_path / "hit") == archiving.read_findings(tmp_path / "clean")
    assert hit.articles == clean.articles == 40 and hit.findings == clean.findings


def test_an_output_folder_of_other_files_is_refused(checker: Checker, tmp_path: Path) -> None:
    from tipcheck.errors import InputError

    (tmp_path / "mine.txt").write_text("keep me\n")
    with pytest.raises(InputError, match="not an archive's output"):
        archiving.run([str(ROOT / SETS[0])], tmp_path, checker, workers=1)
    assert (tmp_path / "mine.txt").read_text() == "keep me\n"


def test_the_command_says_how_to_install_the_extra(run_cli, monkeypatch, tmp_path: Path) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "dask" else real(name, *a)
    )
    result = run_cli("archive", str(ROOT / SETS[0]), "--output", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == "tipcheck: error: tipcheck archive needs dask: install them with pip install 'tipcheck[archive]'\n"
    )


def test_the_command_runs_and_reports(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("archive", SETS[1], "--output", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("3 articles, ") and "summary.json" in result.stderr
