"""Configuration: discovery, validation with file and line, overrides, and its effect on verify."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from test_registry import CLAIM_8, CLAIM_18, CLAIM_26, HEADER, make
from tipcheck.errors import ConfigError
from tipcheck.verify import checks, config

DRAFT = (
    "In 2014, 22 victims found jobs and 54 victims were identified.\nIn 2019, 40 victims were identified.\n"
)


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "newsroom"
    (root / ".git").mkdir(parents=True)
    return root


def test_check_ids_are_the_checks_and_unsourced() -> None:
    assert (*(c.id for c in checks.ALL), "unsourced") == config.CHECK_IDS


def test_found_upward_and_not_past_the_repository_root(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "drafts" / "2015").mkdir(parents=True)
    (root / "tipcheck.yaml").write_text("fail_on_unsourced: true\n")
    assert config.find(root / "drafts" / "2015" / "a.md") == root / "tipcheck.yaml"
    (tmp_path / "tipcheck.yaml").write_text("bundled: false\n")  # above the repository: never read
    (root / "tipcheck.yaml").unlink()
    assert config.find(root / "drafts" / "2015" / "a.md") is None
    assert config.for_path(root / "drafts") == config.Config()


def test_nearest_file_wins_and_pyproject_table_counts(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "desk").mkdir()
    (root / "tipcheck.yaml").write_text("fail_on_unsourced: true\n")
    (root / "desk" / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.tipcheck]\nexclude = ['old/*']\n"
    )
    found = config.find(root / "desk" / "a.md")
    assert found == root / "desk" / "pyproject.toml"
    cfg = config.load(found)
    assert cfg.exclude == ("old/*",) and cfg.fail_on_unsourced is False
    (root / "desk" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no table: keep looking
    assert config.find(root / "desk" / "a.md") == root / "tipcheck.yaml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bundled: true\nexclud: [x]\n", "tipcheck.yaml:2: unknown key 'exclud' (did you mean 'exclude'?)"),
        ("bundled: yes please\n", "tipcheck.yaml:1: bundled must be true or false"),
        ("severity:\n  value: error\n  vaule: off\n", "tipcheck.yaml:3: unknown check 'vaule'"),
        (
            "severity:\n  value: fatal\n",
            "tipcheck.yaml:2: severity of 'value' must be one of error, warning, off",
        ),
        (
            "tolerances:\n  approximately: 2\n",
            "tipcheck.yaml:2: approximately must be a fraction from 0 to 0.5",
        ),
        ("tolerances:\n  roughly: 0.1\n", "tipcheck.yaml:2: unknown tolerance 'roughly'"),
        ("exclude: 3\n", "tipcheck.yaml:1: exclude must be a list of glob patterns"),
        ("format: pdf\n", "tipcheck.yaml:1: format must be one of"),
        (
            "registries: ../../elsewhere\n",
            "tipcheck.yaml:1: registry '../../elsewhere' points outside the repository",
        ),
        ("- a\n- b\n", "tipcheck.yaml:1: a configuration must be a mapping"),
        ("bundled: [\n", "tipcheck.yaml:2:"),
    ],
)
def test_bad_configuration_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    root = repo(tmp_path)
    path = root / "tipcheck.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        config.load(path)
    assert message in str(err.value)
    assert str(err.value).startswith(str(path))


def test_bad_pyproject_value_names_its_line(tmp_path: Path) -> None:
    root = repo(tmp_path)
    path = root / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n\n[tool.tipcheck]\nbundled = true\nformat = 'pdf'\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml:6: format must be one of"):
        config.load(path)


def test_levels_and_overrides(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "tipcheck.yaml").write_text(
        "severity:\n  value: warning\n  unsourced: 'off'\ntolerances:\n  approximately: 0.1\n"
    )
    cfg = config.load(root / "tipcheck.yaml")
    assert cfg.level("contradiction", "value") == "warning"
    assert cfg.level("contradiction", "parts") == "error"
    assert cfg.level("unsourced", None) == "off"
    assert cfg.level("match", None) == "info"
    assert cfg.approximately == Decimal("0.1")
    strict = config.override(cfg, strict=True, severity=["unsourced=warning", "value=error"])
    assert strict.level("unsourced", None) == "error" and strict.level("contradiction", "value") == "error"
    assert strict.origins["severity.unsourced"] == strict.origins["severity.value"] == "command line"
    # a file that sets one check's level says so for that check alone
    assert "severity" not in cfg.origins and cfg.origins["severity.value"].endswith("tipcheck.yaml")
    with pytest.raises(ConfigError, match="unknown check 'nope'"):
        config.override(cfg, severity=["nope=off"])
    reg = config.override(cfg, registries=[tmp_path])
    assert reg.registries == (str(tmp_path.resolve()),) and reg.bundled is False
    assert config.override(cfg, registries=[tmp_path], bundled=True).bundled is True


def test_exclude_globs(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "tipcheck.yaml").write_text("exclude: ['archive/*', '*.notes.md']\n")
    cfg = config.load(root / "tipcheck.yaml")
    assert cfg.excludes(root / "archive" / "2010" / "old.md")
    assert cfg.excludes(root / "drafts" / "a.notes.md")
    assert not cfg.excludes(root / "drafts" / "a.md")


# --- through the command line --------------------------------------------------------------


def test_severity_and_exclude_from_file_change_verify(run_cli, tmp_path: Path, monkeypatch) -> None:
    root = repo(tmp_path)
    draft = root / "draft.md"
    draft.write_text(DRAFT)
    assert run_cli("verify", str(draft)).exit_code == 1
    (root / "tipcheck.yaml").write_text("severity:\n  value: warning\n")
    result = run_cli("verify", str(draft))
    assert result.exit_code == 0, result.output
    assert "contradiction [value] (warning)" in result.output
    (root / "tipcheck.yaml").write_text("severity:\n  value: 'off'\nexclude: ['skip-*.md']\n")
    result = run_cli("verify", "--format", "json", str(draft))
    data = json.loads(result.output)
    assert data["summary"]["contradiction"] == 0 and data["summary"]["suppressed"] == 1
    skipped = root / "skip-me.md"
    skipped.write_text(DRAFT.replace("22", "21"))
    result = run_cli("verify", "--severity", "value=error", str(skipped), str(draft))
    assert result.exit_code == 1  # the flag overrides the file; skip-me.md is not read at all
    assert "skip-me.md" not in result.output.splitlines()[0] and "1 file excluded" in result.output


def test_fail_on_unsourced_from_file_and_isolated_ignores_it(run_cli, tmp_path: Path) -> None:
    root = repo(tmp_path)
    draft = root / "clean.md"
    draft.write_text("In 2014, 54 victims were identified. In 2019, 40 victims were identified.\n")
    assert run_cli("verify", str(draft)).exit_code == 0
    (root / "tipcheck.yaml").write_text("fail_on_unsourced: true\n")
    assert run_cli("verify", str(draft)).exit_code == 1
    assert run_cli("verify", "--isolated", str(draft)).exit_code == 0


def test_a_bad_configuration_is_exit_2_with_one_line(run_cli, tmp_path: Path) -> None:
    root = repo(tmp_path)
    draft = root / "draft.md"
    draft.write_text(DRAFT)
    (root / "tipcheck.yaml").write_text("severity:\n  value: maybe\n")
    result = run_cli("verify", str(draft))
    assert result.exit_code == 2
    assert "tipcheck.yaml:2: severity of 'value' must be one of error, warning, off" in result.output
    assert "Traceback" not in result.output


def test_own_registry_alone_or_with_the_bundled_one(run_cli, tmp_path: Path) -> None:
    root = repo(tmp_path)
    make(root / "registry", HEADER + CLAIM_26 + CLAIM_18 + CLAIM_8)
    draft = root / "draft.md"
    draft.write_text("In 2014, 26 persons were charged. In 2014, 54 victims were identified.\n")
    (root / "tipcheck.yaml").write_text("registries: [registry]\nbundled: false\n")
    data = json.loads(run_cli("verify", "-f", "json", str(draft)).output)
    statuses = [f["status"] for f in data["files"][0]["findings"]]
    assert statuses == ["match", "unsourced"]  # 54 victims is only in the bundled registry
    (root / "tipcheck.yaml").write_text("registries: [registry]\n")
    data = json.loads(run_cli("verify", "-f", "json", str(draft)).output)
    findings = data["files"][0]["findings"]
    assert [f["status"] for f in findings] == ["match", "match"]
    assert findings[0]["evidence"][0]["id"] == "t-charged"
    assert findings[1]["evidence"][0]["id"] == "tip2015-victims-identified"


def test_config_command_shows_effective_settings_and_origins(run_cli, tmp_path: Path, monkeypatch) -> None:
    root = repo(tmp_path)
    (root / "tipcheck.yaml").write_text("severity:\n  unsourced: error\n")
    monkeypatch.chdir(root)
    result = run_cli("config", "--no-bundled", "--registry", str(root))
    assert result.exit_code == 0, result.output
    assert f"# configuration file: {root / 'tipcheck.yaml'}" in result.output
    assert "# bundled: from command line" in result.output
    assert "  unsourced: error" in result.output and "bundled: false" in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_configured_tolerance_changes_the_verdict(run_cli, tmp_path: Path, jobs: str) -> None:
    """`tolerances: approximately` reaches every comparison, in worker processes too: the
    registry's 54 victims of 2014 back "about 56" at 5 percent, not at 1; "about 58" only at 10."""
    root = repo(tmp_path)
    near, far = root / "near.md", root / "far.md"
    near.write_text("In 2014, about 56 victims were identified.\n")
    far.write_text("In 2014, about 58 victims were identified.\n")

    def statuses() -> list[str]:
        data = json.loads(run_cli("verify", "-f", "json", "--jobs", jobs, str(near), str(far)).output)
        return [f["status"] for file in data["files"] for f in file["findings"]]

    assert statuses() == ["match", "contradiction"]
    (root / "tipcheck.yaml").write_text("tolerances:\n  approximately: 0.01\n")
    assert statuses() == ["contradiction", "contradiction"]
    (root / "tipcheck.yaml").write_text("tolerances:\n  approximately: 0.1\n")
    assert statuses() == ["match", "match"]


def test_a_registry_whose_claims_lead_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    root = repo(tmp_path / "repo")
    outside = tmp_path / "outside" / "claims"
    outside.mkdir(parents=True)
    (outside / "a.yaml").write_text("source: {}\nclaims: []\n", encoding="utf-8")
    (root / "reg").mkdir()
    (root / "reg" / "claims").symlink_to(outside)
    (root / "tipcheck.yaml").write_text("registries: [reg]\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"tipcheck\.yaml:1: registry 'reg': claims/ is a symbolic link out"
    ):
        config.load(root / "tipcheck.yaml")
    (root / "reg" / "claims").unlink()
    (root / "reg" / "claims").mkdir()
    (root / "reg" / "claims" / "a.yaml").symlink_to(outside / "a.yaml")
    with pytest.raises(ConfigError, match=r"claims/a\.yaml is a symbolic link out"):
        config.load(root / "tipcheck.yaml")
    (root / "reg" / "claims" / "a.yaml").unlink()
    (root / "reg" / "claims" / "a.yaml").write_text("source: {}\nclaims: []\n", encoding="utf-8")
    assert config.load(root / "tipcheck.yaml").registries == (str((root / "reg").resolve()),)
