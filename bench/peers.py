"""The inputs and commands of the peer comparison, and the checks that each run gave a real result.

A peer that is called the wrong way can still exit quickly (proselint 0.16 prints a usage
message for `proselint FILE`, and exits 0 when a file is missing), so a time is only
reported once the run's exit status and output have been read as a result.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# quantulum3 warns on every run that its optional classifier is missing; the warning is not
# part of its result, and the parser works without the classifier.
QUANTULUM3 = (
    "import sys, warnings\n"
    "warnings.simplefilter('ignore')\n"
    "from quantulum3 import parser\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, encoding='utf-8') as f:\n"
    "        print(len(parser.parse(f.read())), path, sep='\\t')\n"
)

# Split on blank lines so that the parser sees paragraphs: its time grows with the square
# of the text it is given, which makes one call on a 1 MB text last hours.
QUANTULUM3_PARAGRAPHS = (
    "import re, sys, warnings\n"
    "warnings.simplefilter('ignore')\n"
    "from quantulum3 import parser\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, encoding='utf-8') as f:\n"
    "        text = f.read()\n"
    "    print(sum(len(parser.parse(p)) for p in re.split(r'\\n\\s*\\n', text) if p.strip()), path, sep='\\t')\n"
)

PROSELINT_LINE = re.compile(r"^(?P<path>.+):\d+:\d+: [\w.]+: .+$")
TIPCHECK_SUMMARY = re.compile(r"^\d+ figures?(?: in (?P<files>\d+) files)?: ")


class NotAResult(Exception):
    """A run whose exit status or output is not the tool's answer for the inputs."""


@dataclass(frozen=True)
class Command:
    """One row: the command line and how to tell that a run of it did the work."""

    name: str
    argv: list[str]
    check: Callable[[subprocess.CompletedProcess[str]], None]


def sources() -> list[Path]:
    """The 5 KB draft and the eval drafts, in a fixed order, so generated inputs are the same each time."""
    return [ROOT / "bench" / "draft-5k.md", *sorted((ROOT / "eval").glob("*/drafts/*.md"))]


def large_draft(folder: Path, size: int = 1024 * 1024) -> Path:
    """One draft of about `size` bytes: the sources joined by blank lines, over and over, cut at a paragraph."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sources()]
    parts: list[str] = []
    length = n = 0
    while length < size:
        parts.append(texts[n % len(texts)])
        length += len(parts[-1].encode()) + 2
        n += 1
    text = "\n\n".join(parts)
    # Cut at a paragraph so that no figure is split in two at the end.
    cut = text.encode()[:size].decode("utf-8", "ignore").rfind("\n\n")
    path = folder / "draft-1mb.md"
    path.write_text(text[:cut] + "\n", encoding="utf-8")
    return path


def draft_folder(folder: Path, count: int = 100) -> list[Path]:
    """`count` drafts, the sources in turn, each under a new name, in a folder of their own."""
    drafts = folder / f"drafts-{count}"
    drafts.mkdir()
    paths, inputs = [], sources()
    for n in range(count):
        source = inputs[n % len(inputs)]
        paths.append(drafts / f"{n:03d}-{source.name}")
        paths[-1].write_bytes(source.read_bytes())
    return paths


def _status(run: subprocess.CompletedProcess[str], allowed: set[int]) -> None:
    if run.returncode not in allowed:
        raise NotAResult(f"exit status {run.returncode}; stderr: {run.stderr.strip()[:500]!r}")


def python_check(run: subprocess.CompletedProcess[str]) -> None:
    _status(run, {0})


def help_check(run: subprocess.CompletedProcess[str]) -> None:
    _status(run, {0})
    if "verify" not in run.stdout:
        raise NotAResult("--help does not list verify")


def tipcheck_check(files: int) -> Callable[[subprocess.CompletedProcess[str]], None]:
    """Exit 1 means findings, a result like 0; 2 is an error. The summary line must count every file."""

    def check(run: subprocess.CompletedProcess[str]) -> None:
        _status(run, {0, 1})
        lines = run.stdout.strip().splitlines()
        summary = TIPCHECK_SUMMARY.match(lines[-1]) if lines else None
        if summary is None:
            raise NotAResult(f"no summary line; output ends {run.stdout[-300:]!r}")
        if int(summary["files"] or 1) != files:
            raise NotAResult(f"summary counts {summary['files']} files, not {files}")

    return check


def tipcheck_json_check(files: int) -> Callable[[subprocess.CompletedProcess[str]], None]:
    def check(run: subprocess.CompletedProcess[str]) -> None:
        _status(run, {0, 1})
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError as error:
            raise NotAResult(f"not JSON: {error}") from None
        if len(report.get("files", [])) != files or "summary" not in report:
            raise NotAResult(f"JSON report has {len(report.get('files', []))} files, not {files}")

    return check


def proselint_check(paths: list[Path]) -> Callable[[subprocess.CompletedProcess[str]], None]:
    """Every line a suggestion about one of the inputs, exit 1 with suggestions and 0 without,
    and nothing on stderr: proselint reports a missing or unreadable file there and exits 0."""
    names = {str(p) for p in paths}

    def check(run: subprocess.CompletedProcess[str]) -> None:
        _status(run, {0, 1})
        if run.stderr.strip():
            raise NotAResult(f"stderr: {run.stderr.strip()[:500]!r}")
        lines = run.stdout.splitlines()
        for line in lines:
            match = PROSELINT_LINE.match(line)
            if match is None or match["path"] not in names:
                raise NotAResult(f"not a suggestion about the inputs: {line[:300]!r}")
        if (run.returncode == 1) != bool(lines):
            raise NotAResult(f"exit status {run.returncode} with {len(lines)} suggestions")

    return check


def quantulum3_check(paths: list[Path]) -> Callable[[subprocess.CompletedProcess[str]], None]:
    """One count per input, in order, and some quantities found: these drafts are full of figures."""

    def check(run: subprocess.CompletedProcess[str]) -> None:
        _status(run, {0})
        rows = [line.split("\t", 1) for line in run.stdout.splitlines()]
        if [row[-1] for row in rows] != [str(p) for p in paths]:
            raise NotAResult(f"parsed {len(rows)} of {len(paths)} files: {run.stdout[-300:]!r}")
        if sum(int(row[0]) for row in rows) == 0:
            raise NotAResult("no quantities found")

    return check


def commands(exe: str, paths: list[Path], folder: Path | None, paragraphs: bool = False) -> list[Command]:
    """The rows for one input: a draft (`paths` of one, `folder` None) or a folder of drafts."""
    target = str(folder or paths[0])
    rows = [
        Command("python -c pass", [sys.executable, "-c", "pass"], python_check),
        Command("tipcheck verify", [exe, "verify", target], tipcheck_check(len(paths))),
        Command(
            "tipcheck verify -f json", [exe, "verify", "-f", "json", target], tipcheck_json_check(len(paths))
        ),
    ]
    proselint = Path(sys.executable).with_name("proselint")
    if proselint.exists():
        argv = [str(proselint), "check", *map(str, paths)]
        rows.append(Command("proselint check", argv, proselint_check(paths)))
    else:
        print("proselint is not installed beside this Python: its rows are skipped", file=sys.stderr)
    if _has_quantulum3():
        files = list(map(str, paths))
        rows.append(
            Command("quantulum3 parse", [sys.executable, "-c", QUANTULUM3, *files], quantulum3_check(paths))
        )
        if paragraphs:
            argv = [sys.executable, "-c", QUANTULUM3_PARAGRAPHS, *files]
            rows.append(Command("quantulum3 parse, by paragraph", argv, quantulum3_check(paths)))
    else:
        print("quantulum3 is not installed for this Python: its rows are skipped", file=sys.stderr)
    return rows


def _has_quantulum3() -> bool:
    import importlib.util

    return importlib.util.find_spec("quantulum3") is not None


def vale_note() -> str:
    """Why there is no Vale row. It is not in Debian's archive, and the PyPI (`vale`) and npm
    (`@vvago/vale`, `@ocular-d/vale-bin`) packages hold no binary: they download one from
    GitHub on first run or at install, which the machines this is measured on cannot reach."""
    found = shutil.which("vale")
    if found:
        return f"Vale found at {found}, but this script has no Vale rows: none was installable when it was written"
    return "Vale skipped: not installable from PyPI, Debian or npm without a download from GitHub"
