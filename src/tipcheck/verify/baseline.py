"""Finding fingerprints, and baseline files of findings an editor has accepted.

A fingerprint names a finding by what it is about, not where it is: the draft's path,
the verdict and check, the figure as written and the words of its sentence (whitespace
collapsed), plus an occurrence number for identical ones. Moving unrelated lines, or
editing another paragraph, leaves it unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from tipcheck.errors import InputError
from tipcheck.model import FileReport, Finding
from tipcheck.support.files import write_atomic

try:  # the built-in SHA-256: hashlib would load OpenSSL first (~4 ms of every run)
    from _sha256 import sha256  # type: ignore[import-not-found]  # CPython 3.11's private module: no stub
except ImportError:  # Python 3.12+ calls it _sha2
    from hashlib import sha256

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # a baseline of a million findings is about 200 MB less
# Part of the fingerprint format, so frozen with VERSION: a looser sentence end than the
# splitter's (any ".", "!" or "?" before a space), kept so that saved baselines go on
# matching. A change here must bump VERSION.
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
_SPACE = re.compile(r"\s+")


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around [start, end), whitespace collapsed."""
    lo = 0
    for m in SENTENCE_END.finditer(text, max(0, start - 2000), start):
        lo = m.end()
    hi_match = SENTENCE_END.search(text, end)
    hi = hi_match.start() if hi_match else len(text)
    return _SPACE.sub(" ", text[lo:hi]).strip()


@lru_cache(maxsize=1024)
def _root(folder: Path) -> Path:
    from tipcheck.verify.config import repository_root

    return repository_root(folder)


def fingerprint_path(path: str) -> str:
    """The draft's path as its fingerprints name it: relative to its repository's root (the
    folder holding `.git`), so that a baseline written from the root accepts the same
    findings when tipcheck runs from a subfolder or is given absolute paths."""
    if path == "-" or not path:
        return path
    try:
        full = Path(path).resolve()
        return full.relative_to(_root(full.parent)).as_posix()
    except (OSError, ValueError, RuntimeError):
        return path.replace("\\", "/")


class _Sentences:
    """`sentence` for many findings of one text, each sentence collapsed once: a draft that
    is one long sentence of figures would otherwise cost its length for every figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._collapsed: dict[tuple[int, int], str] = {}
        self._next: tuple[int, int] = (-1, -1)  # (searched from, first end found there or after)

    def around(self, start: int, end: int) -> str:
        text = self.text
        lo = 0
        for m in SENTENCE_END.finditer(text, max(0, start - 2000), start):
            lo = m.end()
        # a match can start only where the pattern matches, wherever a search begins: the
        # first end at or after `end` is the last one found while it lies at or after `end`
        since, found = self._next
        if not (since <= end <= found):
            hi_match = SENTENCE_END.search(text, end)
            found = hi_match.start() if hi_match else len(text)
            self._next = (end, found)
        key = (lo, found)
        if key not in self._collapsed:
            self._collapsed[key] = _SPACE.sub(" ", text[lo:found]).strip()
        return self._collapsed[key]


def fingerprints(path: str, text: str, findings: tuple[Finding, ...]) -> list[str]:
    """One fingerprint per finding, in order."""
    seen: dict[str, int] = {}
    out = []
    named = fingerprint_path(path)
    sentences = _Sentences(text)
    for f in findings:
        key = "\0".join((named, f.status, f.check or "", text[f.start : f.end],
                         sentences.around(f.start, f.end)))  # fmt: skip
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(sha256(f"{key}\0{n}".encode()).hexdigest()[:32])
    return out


def load(path: Path) -> frozenset[str]:
    """The fingerprints a baseline file accepts; a missing file accepts nothing."""
    import json

    if not path.exists():
        return frozenset()
    from tipcheck.support.files import read_bytes, regular

    why = regular(path)
    if why is not None:
        raise InputError(f"{path}: {why}")
    raw = read_bytes(path, MAX_BYTES)
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path}: too large for a baseline (over {MAX_BYTES // (1024 * 1024)} MB)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            f"{path}: not a tipcheck baseline (bad JSON: {exc}); rewrite it with --update-baseline"
        ) from None
    except (RecursionError, ValueError):  # nested thousands deep, a number of 5,000 digits
        raise InputError(
            f"{path}: not a tipcheck baseline (JSON it cannot hold); rewrite it with --update-baseline"
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise InputError(
            f"{path}: not a tipcheck baseline (version {VERSION}); rewrite it with --update-baseline"
        )
    prints = [f.get("fingerprint") for f in data["findings"] if isinstance(f, dict)]
    fingerprints = [p for p in prints if isinstance(p, str)]
    if len(fingerprints) != len(prints):
        raise InputError(f"{path}: a baseline entry has no fingerprint; rewrite it with --update-baseline")
    return frozenset(fingerprints)


def dump(reports: list[FileReport]) -> str:
    """The baseline for these reports: every finding that is not a match or a citation."""
    from tipcheck.support.stable_json import dump_json
    from tipcheck.text.lines import line_col

    entries: list[dict[str, Any]] = []
    for r in reports:
        for f in r.findings:
            if f.status in ("contradiction", "unsourced"):
                line, _ = line_col(r.text, f.start)
                entries.append({"fingerprint": f.fingerprint, "path": r.path, "line": line,
                                "status": f.status, "check": f.check, "text": r.text[f.start : f.end]})  # fmt: skip
    entries.sort(key=lambda e: (e["path"], e["line"], e["fingerprint"]))
    return dump_json({"version": VERSION, "findings": entries}) + "\n"


def write(path: Path, content: str) -> None:
    """Write the baseline whole or not at all."""
    try:
        write_atomic(path, content.encode("utf-8"), durable=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror}") from None
