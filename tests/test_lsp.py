"""`tipcheck lsp`: a real editor session over the server's stdio (initialize, open, quick
fixes, hover, change, shutdown), positions in UTF-16 code units, configuration found from
each draft's folder, and the command without its extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_client import Session
from tipcheck.api import Checker
from tipcheck.lsp.positions import Lines, units

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "001_55db5c432dc7df26.txt"

# The TIP report of 2015 says the government found jobs for 24 victims in 2014; this draft
# says 22. The flags before it are two code points each (four UTF-16 units), so a server
# that counted code points would put the diagnostic two columns early, one counting UTF-8
# bytes six late. "700,000 manats" is in no source: unsourced, after an emoji (two units).
DRAFT = """---
date: 2015-07-30
---

# Azerbaijan 🇦🇿 report

🇦🇿 In 2014, the government paid 53 victims a lump-sum allowance of 400 manats, found jobs for 22 and sent 35 on vocational training.

Activists — “Ağ Ev” 😀 — have asked for 700,000 manats a year.
"""
CONTRADICTION = "the registry says 24 (victims provided with jobs, 2014)"


def _utf16_position(text: str, needle: str) -> dict[str, int]:
    """Where `needle` starts, computed apart from the server: the line's prefix encoded."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    prefix = text[text.rfind("\n", 0, offset) + 1 : offset]
    return {"line": line, "character": len(prefix.encode("utf-16-le")) // 2}


def _apply(text: str, edit: dict) -> str:
    """A TextEdit applied as an editor would, reading its UTF-16 position."""
    start, end = edit["range"]["start"], edit["range"]["end"]
    rows = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        row = rows[pos["line"]].encode("utf-16-le")[: pos["character"] * 2].decode("utf-16-le")
        return sum(len(r) + 1 for r in rows[: pos["line"]]) + len(row)

    return text[: offset(start)] + edit["newText"] + text[offset(end) :]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository of drafts: unsourced figures are errors here, and a subfolder's own
    configuration makes value contradictions warnings."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "tipcheck.yaml").write_text("severity:\n  unsourced: error\n", encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "tipcheck.yaml").write_text("severity:\n  value: warning\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def session(project: Path):
    client = Session(project)
    try:
        yield client
    finally:
        client.kill()


def _action(actions: list[dict], title_part: str) -> dict:
    found = [a for a in actions if title_part in a["title"]]
    assert len(found) == 1, [a["title"] for a in actions]
    return found[0]


def test_an_editor_session(project: Path, session: Session) -> None:
    caps = session.initialize(project)["capabilities"]
    assert caps["positionEncoding"] == "utf-16"
    assert caps["textDocumentSync"]["change"] == 1  # full
    assert caps["hoverProvider"] is True
    assert caps["codeActionProvider"]["codeActionKinds"] == ["quickfix"]

    uri = (project / "story.md").as_uri()
    session.open(uri, DRAFT)
    found = session.diagnostics(uri, timeout=90)  # the first check opens the registry index
    assert [d["code"] for d in found] == ["value", "unsourced"]
    wrong, unsourced = found

    at = _utf16_position(DRAFT, "22 and")
    assert at == {"line": 6, "character": 96}
    assert wrong["range"] == {"start": at, "end": {"line": 6, "character": 98}}
    assert wrong["message"] == CONTRADICTION
    assert wrong["severity"] == 1 and wrong["source"] == "tipcheck"
    (related,) = wrong["relatedInformation"]
    assert related["message"] == "“24” (tip2015-victims-jobs)"
    assert related["location"]["uri"] == SEED.resolve().as_uri()
    seed_range = related["location"]["range"]
    seed_line = SEED.read_text(encoding="utf-8").splitlines()[seed_range["start"]["line"]]
    units16 = seed_line.encode("utf-16-le")
    assert (
        units16[seed_range["start"]["character"] * 2 : seed_range["end"]["character"] * 2].decode("utf-16-le")
        == "24"
    )

    assert unsourced["range"]["start"] == _utf16_position(DRAFT, "700,000") == {"line": 8, "character": 40}
    assert unsourced["range"]["end"] == {"line": 8, "character": 54}
    assert unsourced["severity"] == 1  # error, as the draft's folder configures it (default warning)
    assert unsourced["message"] == "no registered claim speaks to this figure"

    # The contradiction's quick fix is an ignore for its check; a citation never hides a
    # contradiction, so none is offered.
    actions = session.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": wrong["range"], "context": {"diagnostics": [wrong]}},
    )
    assert len(actions) == 1
    (ignore_edit,) = _action(actions, "Ignore")["edit"]["changes"][uri]
    assert ignore_edit == {"range": {"start": at, "end": at}, "newText": "<!-- tipcheck: ignore=value -->"}
    ignored = _apply(DRAFT, ignore_edit)
    assert "jobs for <!-- tipcheck: ignore=value -->22 and" in ignored
    checker = Checker(root=project)
    report = checker.check(ignored, path=str(project / "story.md"))
    assert [f.status for f in report.findings if f.figure.start == ignored.index("22 and")] == []
    assert report.file.suppressed == 1

    actions = session.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": unsourced["range"], "context": {"diagnostics": [unsourced]}},
    )
    assert len(actions) == 2
    (unsourced_ignore,) = _action(actions, "Ignore")["edit"]["changes"][uri]
    assert unsourced_ignore["newText"] == "<!-- tipcheck: ignore=unsourced -->"
    (cite_edit,) = _action(actions, "Cite")["edit"]["changes"][uri]
    assert cite_edit["range"]["start"] == unsourced["range"]["end"]
    cited = _apply(DRAFT, cite_edit)
    assert "700,000 manats <!-- tipcheck: source=URL --> a year" in cited
    report = checker.check(cited, path=str(project / "story.md"))
    (manats,) = [f for f in report.findings if f.figure.start == cited.index("700,000")]
    assert (manats.status, manats.citation) == ("cited", "URL")
    silenced = checker.check(_apply(DRAFT, unsourced_ignore), path=str(project / "story.md"))
    assert [f.status for f in silenced.findings].count("unsourced") == 0 and silenced.file.suppressed == 1

    hover = session.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at})
    assert hover["contents"]["kind"] == "markdown"
    assert "**contradiction** · `value`" in hover["contents"]["value"]
    assert "> 24\n" in hover["contents"]["value"] and "`tip2015-victims-jobs`" in hover["contents"]["value"]
    assert hover["range"] == wrong["range"]
    backed = session.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": _utf16_position(DRAFT, "53 victims")}
    )
    assert "**match**" in backed["contents"]["value"] and "> 53 victims" in backed["contents"]["value"]
    nothing = session.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 8, "character": 3}}
    )
    assert nothing is None

    # The server checks what the editor holds, not the file on disk: the ignore applied,
    # then the right number with the unsourced figure cited, leaves nothing to report.
    session.change(uri, ignored, 2)
    assert [d["code"] for d in session.diagnostics(uri)] == ["unsourced"]
    session.change(uri, cited.replace("jobs for 22", "jobs for 24"), 3)
    assert session.diagnostics(uri) == []

    # Another folder, another configuration: there a value contradiction is a warning.
    other = (project / "desk" / "story.md").as_uri()
    session.open(other, DRAFT)
    assert [(d["code"], d["severity"]) for d in session.diagnostics(other)] == [
        ("value", 2),
        ("unsourced", 2),
    ]

    assert session.close() == 0


def test_a_refused_draft_a_save_and_a_close(project: Path, session: Session) -> None:
    session.initialize(project)
    uri = (project / "bad.md").as_uri()
    session.open(uri, "# Title\n\nIn 2014, 22 victims.\n<!-- tipcheck: frobnicate -->\n")
    (found,) = session.diagnostics(uri, timeout=90)
    assert found["code"] == "input" and found["severity"] == 1
    assert found["range"]["start"] == {"line": 3, "character": 0}
    assert found["message"].startswith("unknown tipcheck directive 'frobnicate'")
    # a file that is no draft (a Python module) is never checked
    session.open((project / "tool.py").as_uri(), "x = 22\n", language="python")
    session.change(uri, "# Title\n", 2)
    assert session.diagnostics(uri) == []
    # a save checks again, with a configuration edited since; a close clears
    session.change(uri, "In 2014, the government found jobs for 22 victims.\n", 3)
    assert [(d["code"], d["severity"]) for d in session.diagnostics(uri)] == [("value", 1)]
    (project / "tipcheck.yaml").write_text('severity:\n  value: "off"\n', encoding="utf-8")
    session.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert session.diagnostics(uri) == []
    session.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert session.diagnostics(uri) == []
    assert not [m for m in session.pending if m.get("params", {}).get("uri", "").endswith("tool.py")]
    assert session.close() == 0


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", (1, 6)), ("utf-8", (1, 11)), ("utf-32", (1, 4))],
)
def test_positions_count_the_agreed_code_units(encoding: str, expected: tuple[int, int]) -> None:
    text = "first\r\n🇦🇿 é|end\rlast"  # CRLF and a lone CR both end lines
    lines = Lines(text, encoding)
    offset = text.index("|")
    assert lines.position(offset) == expected
    assert lines.offset(*expected) == offset
    assert lines.position(text.index("last")) == (2, 0)
    assert lines.offset(1, 10_000) == text.index("\r", offset)  # past the end: the line's end
    assert units("🇦🇿", encoding) == {"utf-16": 4, "utf-8": 8, "utf-32": 2}[encoding]


def test_the_command_says_how_to_install_the_extra(run_cli, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pygls" else real(name, *a)
    )
    result = run_cli("lsp")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "tipcheck: error: tipcheck lsp needs pygls: install them with pip install 'tipcheck[lsp]'\n"
    )


def test_verify_never_imports_the_server() -> None:
    probe = (
        "import sys\nfrom tipcheck.cli import main\n"
        f"code = main(['verify', '--quiet', {str(ROOT / 'bench' / 'draft-5k.md')!r}])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol') "
        "or m.startswith('tipcheck.lsp')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.stdout.splitlines()[-1] in ("0 []", "1 []"), run.stdout + run.stderr


def test_a_bad_severity_stops_the_command_before_serving(run_cli) -> None:
    result = run_cli("lsp", "--severity", "value=bogus")
    assert result.exit_code == 2
    assert result.stderr == (
        "tipcheck: error: --severity: severity of 'value' must be one of error, warning, off, not 'bogus'\n"
    )
