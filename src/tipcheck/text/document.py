"""Editorial drafts as text to check: front matter, and Markdown that asserts nothing.

`read` keeps the draft's text exactly (offsets stay true to the file) and builds a
*masked* copy of the same length in which everything that is not prose (front matter,
fenced and inline code, link targets, HTML comments, table rules) is blanked out, so
the extractor never sees a URL's digits or a code sample's numbers. Newlines are kept,
so lines and columns computed on either copy agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tipcheck.errors import InputError
from tipcheck.support import regex_cache as regexes
from tipcheck.text import inline

_FRONT_MATTER = regexes.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_TITLE = regexes.compile(r"(?m)^title:[ \t]*(?P<title>[^\n]*)")
_FRONT_DATE = regexes.compile(
    r"(?m)^date:\s*[\"']?(?P<date>(?:1[89]|2[0-9])[0-9][0-9](?:-[0-9]{2}(?:-[0-9]{2})?)?)"
)  # a year tipcheck can count back from
# "---" then a "key:" line: front matter, whether or not it is closed
_FRONT_OPEN = regexes.compile(r"\A---[ \t]*\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*:")
_FENCE = regexes.compile(r"(?ms)^[ \t]{0,3}(?P<f>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}(?P=f)[ \t]*$|\Z)")
_INDENTED_CODE = regexes.compile(r"(?m)(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE = regexes.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = regexes.compile(r"<!--.*?-->", re.S)
_LINK_TARGET = regexes.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_DEFINITION = regexes.compile(r"(?m)^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_AUTOLINK = regexes.compile(r"<(?:https?|mailto):[^>\s]+>|\bhttps?://[^\s)>\]]+")
_HTML_TAG = regexes.compile(r"</?[A-Za-z][^>\n]*>")
_TABLE_RULE = regexes.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


@dataclass(frozen=True)
class Draft:
    """A draft's exact text, its prose-only masked copy, and its reference date."""

    path: str
    text: str
    masked: str
    published: str | None  # from front matter `date:`; resolves "over the past 12 years"
    inline: inline.Directives = field(default_factory=inline.Directives)  # `tipcheck:` comments, citations
    title: str | None = None  # front matter `title:`: "the 2017 TIP report" dates its figures


def front_matter_value(text: str, key: str) -> str | None:
    """A plain `key: value` line of the draft's front matter (quotes taken off), or None."""
    front = _FRONT_MATTER.match(text)
    if front is None:
        return None
    found = re.search(rf"(?m)^{re.escape(key)}:[ \t]*(?P<value>[^\n]*?)[ \t]*$", front["body"])
    value = found["value"].strip().strip("\"'").strip() if found else ""
    return value or None


def real_date(value: str) -> bool:
    from datetime import date

    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _blank(text: str, start: int, end: int) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in text[start:end])


def mask(text: str) -> tuple[str, str | None]:
    """The masked copy of a Markdown text, and the front matter's `date:` if any."""
    published = None
    spans: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    if front:
        date = _FRONT_DATE.search(front["body"])
        published = date["date"] if date else None
        spans.append(front.span())
    for pattern in (_FENCE, _COMMENT, _INDENTED_CODE, _INLINE_CODE, _LINK_TARGET, _REF_DEFINITION,
                    _AUTOLINK, _HTML_TAG, _TABLE_RULE):  # fmt: skip
        spans += [m.span() for m in pattern.finditer(text)]
    if not spans:
        return text, published
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _blank(text, start, end)
    # Table cell bars become sentence ends, so that one cell's words do not describe the next.
    masked = "".join(chars)
    masked = re.sub(r"(?m)(?<=\S)[ \t]*\|(?=[ \t]|$)", lambda m: "." + " " * (len(m.group(0)) - 1), masked)
    return masked, published


def from_text(path: str, text: str) -> Draft:
    """A Draft from already-decoded text. Front matter that is never closed, or whose
    `date:` is no date, is an InputError naming the line: either would silently change
    what the draft's figures are compared with."""
    masked, published = mask(text)
    front = _FRONT_MATTER.match(text)
    if front is None and _FRONT_OPEN.match(text):
        raise InputError(f"{path}:1: front matter opened with '---' is never closed with a '---' line")
    if published is not None and not real_date(published):
        line = text.count("\n", 0, text.find(published)) + 1
        raise InputError(
            f"{path}:{line}: front matter date {published!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    found = _FRONT_TITLE.search(front["body"]) if front else None
    title = found["title"].strip().strip("\"'") if found else None
    return Draft(path, text, masked, published, inline.parse(text, path), title)
