"""JSON as tipcheck writes it everywhere: indented, UTF-8, stable, safe on a terminal."""

from __future__ import annotations

import re
from typing import Any


def dump_json(data: Any) -> str:
    """Indented JSON in UTF-8 text, with the C1 control characters escaped too: JSON
    escapes only C0, and a raw U+009B starts an escape sequence on some terminals; the
    bidirectional controls (U+202E...) are escaped as well."""
    import json

    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2))


def dump_line(data: Any) -> str:
    """`dump_json` on one line (JSON Lines): no indent, no newline inside."""
    import json

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# and the bidirectional controls, which reorder what a terminal or a review page shows
_C1 = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
