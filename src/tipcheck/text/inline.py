"""What a draft says to tipcheck itself: `<!-- tipcheck: ... -->` comments and citations.

Comments, Vale-style:
- `ignore` (or `ignore=CHECK,...`): the next figure; on a line of its own, every figure
  on the next line that has any;
- `off` / `on`: a region with no findings;
- `disable=CHECK,...` / `enable=CHECK,...`: a region without those checks;
- `source=URL`: the figure just before it cites a source outside the registry.

CHECK is a check id (value, date, ...), `unsourced`, or `contradiction` for all checks.
A link or footnote right after a figure, in the same sentence, is a citation too.
Everything is found on the raw text and kept as character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipcheck.errors import InputError
from tipcheck.model import CHECK_IDS
from tipcheck.support import regex_cache as regexes
from tipcheck.text import lines, sentences

NAMES = (*CHECK_IDS, "contradiction")
_DIRECTIVE = regexes.compile(r"<!--\s*tipcheck:\s*(?P<body>.*?)\s*-->", re.S)
_LINK = regexes.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FOOTNOTE = regexes.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
_REF_LINK = regexes.compile(r"\[(?P<text>[^\]\n]+)\]\[(?P<label>[^\]\n]*)\]")
_DEFINITION = regexes.compile(r"(?m)^[ \t]{0,3}\[(?P<label>\^?[^\]\n]+)\]:[ \t]*(?P<body>.+)$")
# Where a sentence ends, for citations and for fingerprints (baseline.py).


@dataclass(frozen=True)
class Rule:
    """Findings in [start, end) for these checks (None: all) are not reported.

    `next_only` marks an `ignore` whose extent is the first figure after `start`.
    """

    start: int
    end: int
    checks: frozenset[str] | None
    next_only: bool = False


@dataclass(frozen=True)
class Citation:
    """A source the draft cites outside the registry (a link, footnote or directive)."""

    start: int  # where the citation is written
    end: int
    source: str  # the URL, footnote text or directive value


@dataclass(frozen=True)
class Directives:
    """What a draft says to tipcheck: its `tipcheck:` rules, citations and definitions."""

    rules: tuple[Rule, ...] = ()
    citations: tuple[Citation, ...] = ()
    definitions: tuple[tuple[str, str], ...] = ()  # footnote and link reference definitions

    def suppressed(self, start: int, status: str, check: str | None, next_figure: dict[int, int]) -> bool:
        """Whether a finding at `start` is switched off; `next_figure` maps an `ignore`
        rule's index to the start of the figure it applies to."""
        for i, rule in enumerate(self.rules):
            if rule.next_only:
                if next_figure.get(i) != start:
                    continue
            elif not (rule.start <= start < rule.end):
                continue
            if rule.checks is None or status in rule.checks or (check is not None and check in rule.checks):
                return True
        return False

    def citation_for(self, start: int, end: int, limit: int, masked: str) -> str | None:
        """The citation written right after the figure [start, end), before `limit` (the
        next figure) and the end of its sentence; or a link whose text holds the figure."""
        bound = min(limit, sentences.around(masked, end).end + 1)
        for c in self.citations:
            if end <= c.start <= bound or c.start <= start < end <= c.end:
                return self._resolve(c.source)
        return None

    def _resolve(self, source: str) -> str:
        label = source[1:-1] if source.startswith("[") and source.endswith("]") else None
        if label is None:
            return source
        found = dict(self.definitions).get(label.lower())
        return f"[{label}]: {found}" if found else source


def parse(text: str, path: str = "<draft>") -> Directives:
    """The directives and citations of a draft; an unknown directive is an InputError."""
    rules: list[Rule] = []
    open_off: int | None = None
    disabled: dict[str, int] = {}
    citations: list[Citation] = []
    for m in _DIRECTIVE.finditer(text):
        body = m.group("body").strip()
        verb, _, arg = body.partition("=")
        verb, arg = verb.strip().lower(), arg.strip()
        line = lines.line_of(text, m.start())
        where = f"{path}:{line}"
        if verb == "source":
            if not arg:
                raise InputError(f"{where}: tipcheck: source= needs a URL or a description")
            citations.append(Citation(m.start(), m.end(), arg))
        elif verb == "ignore":
            rules.append(_ignore(text, m, _names(arg, where) if arg else None))
        elif verb == "off" and not arg:
            open_off = m.end() if open_off is None else open_off
        elif verb == "on" and not arg:
            if open_off is not None:
                rules.append(Rule(open_off, m.start(), None))
                open_off = None
        elif verb in ("disable", "enable") and arg:
            for name in _names(arg, where):
                if verb == "disable":
                    disabled.setdefault(name, m.end())
                elif name in disabled:
                    rules.append(Rule(disabled.pop(name), m.start(), frozenset({name})))
        else:
            raise InputError(
                f"{where}: unknown tipcheck directive {body!r}; use ignore, off, on, "
                "disable=CHECK, enable=CHECK or source=URL"
            )
    if open_off is not None:
        rules.append(Rule(open_off, len(text), None))
    rules += [Rule(start, len(text), frozenset({name})) for name, start in disabled.items()]
    for pattern in (_LINK, _FOOTNOTE, _REF_LINK):
        for m in pattern.finditer(text):
            if pattern is _LINK:
                source = m.group("url")
            elif pattern is _FOOTNOTE:
                source = f"[^{m.group('label')}]"
            else:
                source = f"[{m.group('label') or m.group('text')}]"
            citations.append(Citation(m.start(), m.end(), source))
    definitions = tuple(
        (m.group("label").lower(), m.group("body").strip()) for m in _DEFINITION.finditer(text)
    )
    citations.sort(key=lambda c: c.start)
    return Directives(tuple(rules), tuple(citations), definitions)


def _names(arg: str, where: str) -> frozenset[str]:
    names = frozenset(n.strip().lower() for n in arg.split(",") if n.strip())
    unknown = sorted(names - set(NAMES))
    if unknown or not names:
        raise InputError(f"{where}: unknown check {', '.join(unknown) or arg!r} in a tipcheck directive "
                         f"(known: {', '.join(NAMES)})")  # fmt: skip
    return names


def _ignore(text: str, m: re.Match[str], checks: frozenset[str] | None) -> Rule:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start : m.start()].strip() and not text[m.end() : line_end].strip()
    if not alone:
        return Rule(m.end(), len(text), checks, next_only=True)
    # On a line of its own: the next line that has text.
    pos = line_end + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        if text[pos:nl].strip():
            return Rule(pos, nl, checks)
        pos = nl + 1
    return Rule(len(text), len(text), checks)
