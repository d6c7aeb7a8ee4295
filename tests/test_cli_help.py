"""What the command line tells a user before it runs anything: every option's valid values
and default in --help, shell completion, and one line for a bad value."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest


def _help(run_cli, *command: str) -> str:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0, result.output
    # rich wraps the help into boxes: read it as words
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout).split())


def test_verify_help_states_every_default(run_cli) -> None:
    text = _help(run_cli, "verify")
    assert "--bundled / --no-bundled" in text
    assert re.search(r"bundled registry\. \[default: configured, else on; off with --registry\]", text), text
    assert re.search(r"repeatable\. \[default: configured, else error; unsourced: warning\]", text), text
    assert "[default: 1]" in text  # --jobs
    assert (
        "text, plain, json, jsonl (a finding a line, written as each draft is checked), sarif, github, "
        "html (one self-contained page), claimreview (schema.org JSON-LD for published articles), or auto"
        in text
    )
    assert "Exit status: 0 nothing fails" in text


def test_list_help_names_the_ten_kinds_and_the_format_choices(run_cli) -> None:
    from tipcheck.model import KINDS

    text = _help(run_cli, "list")
    assert len(KINDS) == 10
    assert f"Claims of this kind: {', '.join(KINDS)}." in text
    assert "[table|json|yaml|csv]" in text.replace("<", "[").replace(">", "]")
    assert "[default: table]" in text


@pytest.mark.parametrize(
    ("command", "default"),
    [("show", "[default: text]"), ("extract", "[default: yaml]"), ("extract", "[default: the source's own]")],
)
def test_other_commands_state_their_defaults(run_cli, command: str, default: str) -> None:
    assert default in _help(run_cli, command)


def test_no_command_prints_the_help_and_exits_2(run_cli) -> None:
    result = run_cli()
    assert result.exit_code == 2
    assert "verify" in result.stdout and "check-registry" in result.stdout


def test_help_offers_shell_completion(run_cli) -> None:
    text = _help(run_cli)
    assert "--install-completion" in text and "--show-completion" in text


def test_the_completion_script_and_a_completion_request() -> None:
    env = {**os.environ, "_TIPCHECK_COMPLETE": "source_bash"}
    run = [sys.executable, "-c", "import sys; from tipcheck.cli import main; sys.exit(main())"]
    script = subprocess.run(
        [*run, "--show-completion", "bash"], capture_output=True, text=True, check=False, env=os.environ
    )
    assert script.returncode == 0 and "_TIPCHECK_COMPLETE" in script.stdout, script.stderr
    # what bash asks when the user has typed `tipcheck che<TAB>`
    env = {
        **os.environ,
        "_TIPCHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": "tipcheck che",
        "COMP_CWORD": "1",
    }
    answer = subprocess.run(run, capture_output=True, text=True, check=False, env=env)
    assert answer.stdout.split() == ["check-registry"], (answer.stdout, answer.stderr)
    env["COMP_WORDS"], env["COMP_CWORD"] = "tipcheck list --kind d", "3"
    answer = subprocess.run(run, capture_output=True, text=True, check=False, env=env)
    assert sorted(answer.stdout.split()) == ["date", "duration"], (answer.stdout, answer.stderr)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("verify", "--format", "xml", "x.md"), "'xml' is not one of 'text', 'plain', 'json'"),
        (("list", "--format", "html"), "'html' is not one of 'table', 'json', 'yaml', 'csv'"),
        (("verify", "--jobs", "many", "x.md"), "'many' is not a number of processes"),
        (("verify", "--jobs", "-1", "x.md"), "'-1' is not a number of processes"),
        (("list", "--year", "14"), "'14' is not a year"),
        (("show",), "Missing argument 'ID'"),
        (("verify", "--bogus", "x.md"), "No such option: --bogus"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_option(run_cli, args: tuple[str, ...], says: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("tipcheck: error: "), result.stderr
    assert says in result.stderr and f"(see 'tipcheck {args[0]} --help')" in result.stderr
