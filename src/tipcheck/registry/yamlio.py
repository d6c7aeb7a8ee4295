"""The only module that imports yaml: safe loading with line numbers, and stable dumping.

Mappings load as `LineDict`, which remembers the 1-based line it starts on, so that
registry errors can name the claims file and line. Duplicate keys are an error rather
than PyYAML's silent last-one-wins, because a curated claim must never lose a field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from tipcheck.errors import RegistryError, TipcheckError

_CParser: type[yaml._yaml.CParser] | None
try:
    from yaml._yaml import CParser as _CParser  # libyaml: several times faster than pure Python
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class LineDict(dict):
    """A mapping that knows the line it was written on, and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {w: True for w in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")} | {
    w: False for w in ("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")
}
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALAR_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp", _STR)  # fmt: skip


class _Builder:
    """Python values straight from the parser's events.

    PyYAML's own construction is written in Python and takes three quarters of a load;
    building from libyaml's events is 2-3x faster, which matters for a registry of a
    million claims. It is also stricter than `safe_load`: anchors and aliases are refused
    (a claims file has no use for them, and they are how "billion laughs" documents grow
    without bound), as is any tag outside YAML's own scalar types.
    """

    def __init__(self, text: str) -> None:
        # libyaml's events or PyYAML's, read as Any: the stubs make an event (and its
        # start_mark) optional, but a parser's events always carry one
        self.events: Callable[[], Any] = (
            _CParser(text).get_event if _CParser else iter(yaml.parse(text, Loader=yaml.SafeLoader)).__next__
        )
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()

    def document(self) -> Any:
        self.events()  # stream start
        event = self.events()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        value = self.node(self.events())
        self.events()  # document end
        end = self.events()
        if not isinstance(end, yaml.StreamEndEvent):
            raise _Refused(end.start_mark.line + 1, "more than one YAML document in one file")
        return value

    def node(self, event: Any) -> Any:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(line, "anchors and aliases (& and *) are not allowed here; write the value out")
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, line)
        if isinstance(event, yaml.MappingStartEvent):
            self.tag(event, _MAP, line)
            data = LineDict()
            data.line, data.key_lines = line, {}
            while not isinstance(event := self.events(), yaml.MappingEndEvent):
                key_line = event.start_mark.line + 1
                if not isinstance(event, yaml.ScalarEvent):
                    raise _Refused(key_line, "a mapping key must be a plain value")
                key = self.node(event)
                if key in data.key_lines:
                    raise _Refused(key_line, f"duplicate key {key!r} (first on line {data.key_lines[key]})")
                data.key_lines[key] = key_line
                data[key] = self.node(self.events())
            return data
        if isinstance(event, yaml.SequenceStartEvent):
            self.tag(event, _SEQ, line)
            items = []
            while not isinstance(event := self.events(), yaml.SequenceEndEvent):
                items.append(self.node(event))
            return items
        raise _Refused(line, f"unexpected {type(event).__name__}")  # pragma: no cover

    def tag(self, event: Any, allowed: str, line: int) -> None:
        if event.tag not in (None, "!", allowed):
            raise _Refused(line, f"the tag {event.tag} is not allowed: tipcheck reads plain YAML only")

    def scalar(self, event: Any, line: int) -> Any:
        value = event.value
        if event.tag is None or event.tag == "!":
            if not event.implicit[0]:
                return value  # quoted: always text
            if value in _NULLS:
                return None
            if value in _BOOLS:
                return _BOOLS[value]
            if value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
                if len(value) > 30:  # no count is that long, and int() refuses past 4,300 digits
                    raise _Refused(line, f"the number {value[:12]}... has {len(value)} digits; no figure has")
                return int(value)
            tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        elif event.tag in _SCALAR_TAGS:
            tag = event.tag
        else:
            raise _Refused(line, f"the tag {event.tag} is not allowed: tipcheck reads plain YAML only")
        if tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
            # as PyYAML does; a merge key would copy mappings, as aliases do
            raise _Refused(
                line, f"{value!r} is YAML syntax (a merge or value key); quote it to write it as text"
            )
        if tag in (_STR, "tag:yaml.org,2002:timestamp"):
            # Dates stay the strings written: "2014-07" and "2014-07-24" keep their precision.
            return value
        node = yaml.ScalarNode(tag, value)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, TypeError, IndexError, KeyError, yaml.YAMLError):
            raise _Refused(line, f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}") from None


def load(text: str, name: str, error: type[TipcheckError] = RegistryError) -> Any:
    """Parse YAML text safely; errors become `error` naming `name` and the line."""
    try:
        return _Builder(text).document()
    except _Refused as exc:
        raise error(f"{name}:{exc.line}: {exc.message}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        what = exc.problem or exc.context or "malformed YAML"
        raise error(f"{name}:{line}: {what}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: malformed YAML: {exc}") from None


def dump(data: Any) -> str:
    """Serialise data as block-style YAML in the given key order, Unicode kept readable;
    a bidirectional control (U+202E...) is written as an escape, in a double-quoted scalar,
    since raw it reorders what an editor or a terminal shows."""
    options: dict[str, Any] = {
        "allow_unicode": True,
        "sort_keys": False,
        "default_flow_style": False,
        "width": 100,
    }
    text = yaml.dump(data, Dumper=_Dumper, **options)
    if not _BIDI.search(text):
        return text
    text = yaml.dump(data, Dumper=_BidiDumper, **options)
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _BidiDumper(yaml.SafeDumper):
    """The pure-Python dumper, which writes a string holding a bidirectional control in
    double quotes, so that its escape stays a valid YAML escape."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _BIDI.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BidiDumper.add_representer(str, _represent_str)
