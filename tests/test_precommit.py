"""The pre-commit hooks, run by the real pre-commit framework in a throwaway git repository.

The hook repository is a snapshot of this checkout (tracked and new files, uncommitted
edits included) committed into its own git repository, because pre-commit installs hooks
from a git revision. pre-commit then builds the hook's environment from it as it would for
any editorial repository, which needs the package index; it takes a while, once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRONG = "---\ndate: 2015-06-01\n---\n\nIn 2014, the authorities found jobs for 22 victims.\n"
CLEAN = "---\ndate: 2015-06-01\n---\n\nIn 2014, the authorities identified 54 victims.\n"


def pre_commit_executable() -> str | None:
    here = Path(sys.executable).parent / "pre-commit"
    return str(here) if here.exists() else shutil.which("pre-commit")


def git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    out = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    out.update({
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
    })  # fmt: skip
    # The hook's environment is built with pip; it may use the user's pip cache (what the
    # test install just downloaded and built) instead of an empty one under the new HOME:
    # the build is the same, only faster.
    out.setdefault("PIP_CACHE_DIR", os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip"))
    bindir = str(Path(sys.executable).parent)
    out["PATH"] = bindir + os.pathsep + out.get("PATH", "")
    return out


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")  # fmt: skip
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        assert git(snapshot, *args, env=env).returncode == 0
    sha = git(snapshot, "rev-parse", "HEAD", env=env).stdout.strip()
    return snapshot, sha


@pytest.fixture(scope="module")
def exe() -> str:
    found = pre_commit_executable()
    if found is None:
        assert not os.environ.get("CI"), "pre-commit must be installed in CI (it is in the test extras)"
        pytest.skip("pre-commit is not installed")
    return found


def test_the_hook_fails_a_contradiction_passes_clean_and_skips_excluded(
    exe, hook_repo, env, tmp_path: Path
) -> None:
    snapshot, sha = hook_repo
    news = tmp_path / "newsroom"
    news.mkdir()
    assert git(news, "init", "-q", env=env).returncode == 0
    (news / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {sha}\n    hooks:\n      - id: tipcheck\n"
    )
    (news / "tipcheck.yaml").write_text("exclude: ['archive/*']\n")
    git(news, "add", ".pre-commit-config.yaml", "tipcheck.yaml", env=env)
    installed = subprocess.run(
        [exe, "install"], cwd=news, env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    (news / "story.md").write_text(WRONG)
    git(news, "add", "story.md", env=env)
    failed = git(news, "commit", "-m", "a story with a wrong figure", env=env)
    report = failed.stdout + failed.stderr
    assert failed.returncode != 0, report
    assert "tipcheck (fact-check figures against the registry)" in report and "Failed" in report
    assert "story.md:5:41: contradiction [value] '22': the registry says 24" in report
    assert "seeds/001_55db5c432dc7df26.txt:29:" in report  # the evidence an editor can check
    assert git(news, "rev-parse", "--verify", "HEAD", env=env).returncode != 0  # nothing committed

    (news / "story.md").write_text(CLEAN)
    git(news, "add", "story.md", env=env)
    passed = git(news, "commit", "-m", "a clean story", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout + passed.stderr

    (news / "archive").mkdir()
    (news / "archive" / "old.md").write_text(WRONG)
    git(news, "add", "archive/old.md", env=env)
    skipped = git(news, "commit", "-m", "an archived story, excluded by tipcheck.yaml", env=env)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "Passed" in skipped.stdout + skipped.stderr


def test_the_registry_hook_runs_when_claims_change(exe, hook_repo, env, tmp_path: Path) -> None:
    from test_registry import CLAIM_8, CLAIM_18, CLAIM_26, HEADER, make

    snapshot, sha = hook_repo
    news = make(tmp_path / "newsroom", HEADER + CLAIM_26 + CLAIM_18 + CLAIM_8)
    assert git(news, "init", "-q", env=env).returncode == 0
    (news / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {sha}\n    hooks:\n      - id: tipcheck-registry\n"
    )
    (news / "tipcheck.yaml").write_text("registries: ['.']\nbundled: false\n")
    assert (
        subprocess.run([exe, "install"], cwd=news, env=env, capture_output=True, check=False).returncode == 0
    )
    git(news, "add", "-A", env=env)
    passed = git(news, "commit", "-m", "our own registry", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    stale = (news / "claims" / "doc.yaml").read_text().replace('quote: "18 women"', 'quote: "19 women"')
    (news / "claims" / "doc.yaml").write_text(stale)
    git(news, "add", "-A", env=env)
    failed = git(news, "commit", "-m", "a claim whose quote is not in its source", env=env)
    report = failed.stdout + failed.stderr
    assert failed.returncode != 0, report
    assert "claims/doc.yaml:" in report and "t-women" in report


def test_the_registry_hook_follows_a_registry_anywhere() -> None:
    import re

    import yaml

    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    files = re.compile(hooks["tipcheck-registry"]["files"])
    for changed in ("claims/a.yaml", "claims-local/claims/a.yaml", "claims-local/sources/r.txt", "seeds/s.txt",
                    "claims-local/vocabulary.txt", "tipcheck.yaml", "sub/.tipcheck.yml", "pyproject.toml"):  # fmt: skip
        assert files.search(changed), changed
    for changed in ("drafts/a.md", "notes.txt", "myclaims.yaml"):
        assert not files.search(changed), changed


def test_a_registry_s_source_is_not_a_draft(run_cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    reg = tmp_path / "claims-local"
    (reg / "sources").mkdir(parents=True)
    (reg / "claims").mkdir()
    source = reg / "sources" / "r.txt"
    source.write_text("In 2014, 61 victims were identified.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert (
        run_cli("extract", "claims-local/sources/r.txt", "--output", "claims-local/claims/r.yaml").exit_code
        == 0
    )
    (tmp_path / "tipcheck.yaml").write_text("registries: [claims-local]\n", encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text("In 2014, 61 victims were identified.\n", encoding="utf-8")
    result = run_cli("verify", "claims-local/sources/r.txt", "d.md")
    assert "1 file excluded" in result.output and "r.txt" not in result.stdout.replace("d.md", "")
