"""The registry index: the same verdicts as reading the YAML, rebuilt when claims change.

The registries here come from bench/generate_registry.py (with places), and drafts are
written from their seeds, so that both matches and contradictions are at stake.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Result

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted((ROOT / "eval" / "tune" / "drafts").glob("*.md")) + sorted(
    (ROOT / "eval" / "heldout" / "drafts").glob("*.md")
)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    out = tmp_path / "reg"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_registry.py"), str(out), "--claims", "600",
                    "--countries", "3"], check=True, capture_output=True)  # fmt: skip
    return out


def draft_from(reg: Path, tmp_path: Path, country_file: str = "afghanistan-2014") -> Path:
    """Ten sentences of a generated source, as a draft (it names its country)."""
    lines = (reg / "seeds" / f"{country_file}.txt").read_text(encoding="utf-8").splitlines()
    draft = tmp_path / "draft.md"
    draft.write_text("\n\n".join(lines[:12]) + "\n", encoding="utf-8")
    return draft


def verify_json(run_cli, monkeypatch, cached: bool, *args: str) -> dict:
    if cached:
        monkeypatch.delenv("TIPCHECK_NO_CACHE", raising=False)
    else:
        monkeypatch.setenv("TIPCHECK_NO_CACHE", "1")
    result = run_cli("verify", "--isolated", "-f", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_bundled_registry_same_verdicts_cached_and_uncached(run_cli, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    paths = [str(p) for p in DRAFTS]
    cold = verify_json(run_cli, monkeypatch, True, *paths)  # builds the index
    warm = verify_json(run_cli, monkeypatch, True, *paths)  # reads it
    plain = verify_json(run_cli, monkeypatch, False, *paths)
    assert cold == warm == plain
    assert plain["summary"]["match"] > 100 and plain["summary"]["contradiction"] > 10


def test_placed_registry_same_verdicts_and_scope(run_cli, monkeypatch, tmp_path: Path, small: Path) -> None:
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = draft_from(small, tmp_path)
    cached = verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    plain = verify_json(run_cli, monkeypatch, False, "-r", str(small), str(draft))
    assert cached == plain
    evidence = {e["id"] for f in cached["files"][0]["findings"] for e in f["evidence"] if "id" in e}
    assert evidence and all(e.startswith("afghanistan-") for e in evidence)
    # the same sentences without the country's name: its claims are out of scope
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("Afghanistan", "the country"), encoding="utf-8"
    )
    unnamed = verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    assert unnamed["summary"]["match"] == 0 and unnamed["summary"]["contradiction"] == 0


def _edit_first_count(reg: Path, name: str, keep_times: bool = False) -> str:
    """Change the value of the file's first count claim to another of the same length."""
    path = reg / "claims" / f"{name}.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.strip() == "kind: count")
    old = lines[n + 1].split(":", 1)[1].strip()
    new = str(int(old) + 1) if not old.endswith("9") else str(int(old) - 1)
    lines[n + 1] = lines[n + 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    if keep_times:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return lines[n - 1].split(":", 1)[1].strip()  # the claim's id


@pytest.mark.parametrize("keep_times", [False, True], ids=["edited", "edited-mtime-restored"])
def test_index_follows_an_edited_claims_file(run_cli, monkeypatch, tmp_path: Path, small: Path,
                                             keep_times: bool) -> None:  # fmt: skip
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = draft_from(small, tmp_path)
    before = verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    claim_id = _edit_first_count(small, "afghanistan-2014", keep_times)
    after = verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    assert after == verify_json(run_cli, monkeypatch, False, "-r", str(small), str(draft))
    assert after != before

    def status(report: dict) -> str:
        found = [
            f for f in report["files"][0]["findings"] if any(e.get("id") == claim_id for e in f["evidence"])
        ]
        return found[0]["status"] if found else "none"

    assert status(before) == "match" and status(after) == "contradiction"


def test_index_forgets_removed_files_and_survives_damage(
    run_cli, monkeypatch, tmp_path: Path, small: Path
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(cache))
    draft = draft_from(small, tmp_path)
    first = verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    for blob in cache.glob("registry-*/*.marshal"):
        if blob.name not in ("manifest.marshal", "ids.marshal"):
            blob.write_bytes(b"\x00garbage")
    assert verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft)) == first
    (small / "claims" / "afghanistan-2014.yaml").unlink()
    gone = verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    cited = {e["id"] for f in gone["files"][0]["findings"] for e in f["evidence"] if "id" in e}
    assert gone["summary"]["match"] < first["summary"]["match"]
    assert not any(c.startswith("afghanistan-2014-") for c in cited)
    assert gone == verify_json(run_cli, monkeypatch, False, "-r", str(small), str(draft))


def test_duplicate_id_across_files_is_reported_by_the_index(
    run_cli, monkeypatch, tmp_path: Path, small: Path
) -> None:
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    draft = draft_from(small, tmp_path)
    verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))
    other = small / "claims" / "albania-2014.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("id: albania-2014-tier", "id: afghanistan-2014-tier"),
                     encoding="utf-8")  # fmt: skip
    result = run_cli("verify", "--isolated", "-r", str(small), str(draft))
    assert result.exit_code == 2
    assert (
        "duplicate id 'afghanistan-2014-tier' (first defined at claims/afghanistan-2014.yaml:"
        in result.stderr
    )


def test_two_processes_building_the_index_at_once_agree(tmp_path: Path, small: Path) -> None:
    draft = draft_from(small, tmp_path)
    env = {**os.environ, "TIPCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TIPCHECK_NO_CACHE", None)
    cmd = [
        sys.executable,
        "-m",
        "tipcheck",
        "verify",
        "--isolated",
        "-f",
        "json",
        "-r",
        str(small),
        str(draft),
    ]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1] or [p.returncode for p in procs] == [0, 0, 0], outputs
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    again = subprocess.run(cmd, env=env, capture_output=True, check=False)
    assert again.stdout == outputs[0][0]


def test_index_folders_unused_for_a_month_are_pruned_when_a_new_one_is_made(
    run_cli, monkeypatch, tmp_path: Path, small: Path
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(cache))
    old, recent, building = cache / "registry-0ld", cache / "registry-rec3nt", cache / "registry-bu1lding"
    for folder in (old, recent, building):
        folder.mkdir(parents=True)
    for folder, days in ((old, 40), (recent, 3)):
        (folder / "manifest.marshal").write_bytes(b"")
        stamp = os.path.getmtime(folder / "manifest.marshal") - days * 86400
        os.utime(folder / "manifest.marshal", (stamp, stamp))
    draft = draft_from(small, tmp_path)
    verify_json(run_cli, monkeypatch, True, "-r", str(small), str(draft))  # makes a new folder
    assert not old.exists()
    assert recent.is_dir() and building.is_dir()  # in use lately, or with no manifest yet
    assert len(list(cache.glob("registry-*"))) == 3


KILLED_BUILD = """
import sys, time
from pathlib import Path
from tipcheck.registry import index

slow = index._parse
def _parse(job):
    time.sleep(60)  # a worker still at work when its parent is killed
    return slow(job)
index._parse = _parse
print("building", flush=True)
index.Claims([Path(sys.argv[1])], False)
"""


@pytest.mark.skipif(sys.platform != "linux" or (os.cpu_count() or 1) < 2, reason="a parallel build on Linux")
def test_a_build_killed_midway_leaves_no_worker_and_no_lock(tmp_path: Path) -> None:
    import fcntl
    import signal
    import time

    reg = tmp_path / "reg"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_registry.py"), str(reg), "--claims", "1400",
                    "--countries", "5"], check=True, capture_output=True)  # fmt: skip
    assert len(list((reg / "claims").glob("*.yaml"))) >= 64  # enough files for the parallel build
    env = {**os.environ, "TIPCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TIPCHECK_NO_CACHE", None)
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(reg)], env=env, stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == b"building"
    deadline = time.monotonic() + 60
    while not list((tmp_path / "cache").glob("registry-*/lock")):  # the build has its lock
        assert time.monotonic() < deadline, "the build never started"
        time.sleep(0.1)
    time.sleep(2)  # the workers are started and sleeping
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    lock = next((tmp_path / "cache").glob("registry-*/lock"))
    deadline = time.monotonic() + 20
    with open(lock, "a") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the killed build's workers still hold the lock"
                time.sleep(0.2)


def _indexed_run(run_cli, monkeypatch, tmp_path: Path) -> tuple[Path, Result, Path]:
    """A draft verified once with the cache on: (the draft, that run, the index folder)."""
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TIPCHECK_NO_CACHE", raising=False)
    draft = tmp_path / "d.md"
    draft.write_text("In 2014, 26 persons were brought to justice.\n", encoding="utf-8")
    first = run_cli("verify", "--isolated", "-f", "json", str(draft))
    return draft, first, next((tmp_path / "cache").glob("registry-*"))


def test_a_manifest_naming_a_file_outside_the_cache_is_a_rebuild(
    run_cli, monkeypatch, tmp_path: Path
) -> None:
    import marshal

    draft, first, folder = _indexed_run(run_cli, monkeypatch, tmp_path)
    victim = tmp_path / "victim.marshal"
    victim.write_bytes(b"keep me")
    manifest = marshal.loads((folder / "manifest.marshal").read_bytes())
    name = next(iter(manifest))
    entry = list(manifest[name])
    entry[4] = os.path.relpath(tmp_path / "victim", folder)  # '../../victim'
    manifest[name] = tuple(entry)
    (folder / "manifest.marshal").write_bytes(marshal.dumps(manifest))
    again = run_cli("verify", "--isolated", "-f", "json", str(draft))
    assert again.stdout == first.stdout
    assert victim.read_bytes() == b"keep me"


def test_a_blob_of_the_wrong_shape_reads_the_claims_files_instead(
    run_cli, monkeypatch, tmp_path: Path
) -> None:
    import marshal

    draft, first, folder = _indexed_run(run_cli, monkeypatch, tmp_path)
    for blob in folder.glob("*.marshal"):
        if blob.name != "manifest.marshal":
            blob.write_bytes(marshal.dumps([("not", "a", "claim")]))
    again = run_cli("verify", "--isolated", "-f", "json", str(draft))
    assert again.exit_code == first.exit_code and again.stdout == first.stdout, again.output


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owner bits")
def test_a_cache_folder_anyone_may_write_is_not_used(tmp_path: Path, monkeypatch) -> None:
    from tipcheck.support import cache

    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("TIPCHECK_NO_CACHE", raising=False)
    assert cache.directory() == folder
    folder.chmod(0o777)
    assert cache.directory() is None
    folder.chmod(0o775)
    assert cache.directory() == folder


def test_an_id_table_that_cannot_be_written_finds_duplicates_in_memory(monkeypatch, tmp_path: Path) -> None:
    import sqlite3

    from tipcheck.errors import RegistryError
    from tipcheck.registry import index

    reg = tmp_path / "reg"
    (reg / "claims").mkdir(parents=True)
    (reg / "seeds").mkdir()
    (reg / "seeds" / "s.txt").write_text("In 2014, 61 victims were identified.\n", encoding="utf-8")
    claim = (
        "source:\n  file: seeds/s.txt\n  title: S\n  publisher: null\n  published: '2015'\n"
        "  published_basis: stated\nclaims:\n  - id: same\n    kind: count\n    value: 61\n"
        "    unit: victims\n    qualifier: exact\n    metric: victims identified\n    period: '2014'\n"
        "    start: 9\n    end: 19\n    line: 1\n    quote: 61 victims\n"
    )
    (reg / "claims" / "a.yaml").write_text(claim, encoding="utf-8")
    (reg / "claims" / "b.yaml").write_text(claim, encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", full_disk)
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(RegistryError, match="duplicate id 'same'"):
        index.Claims([reg], False)
