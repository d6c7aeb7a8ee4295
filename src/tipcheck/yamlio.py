"""The only module that imports yaml: safe loading with line numbers, and stable dumping.

Mappings load as `LineDict`, which remembers the 1-based line it starts on, so that
registry errors can name the claims file and line. Duplicate keys are an error rather
than PyYAML's silent last-one-wins, because a curated claim must never lose a field.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import RegistryError, TipcheckError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is 3-6x faster
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class LineDict(dict):
    """A mapping that knows the line it was written on, and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: Any, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_timestamp_as_text(loader: Any, node: yaml.ScalarNode) -> str:
    # Dates stay the strings written: "2014-07" and "2014-07-24" must keep their precision.
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def load(text: str, name: str, error: type[TipcheckError] = RegistryError) -> Any:
    """Parse YAML text safely; errors become `error` naming `name` and the line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        what = exc.problem or exc.context or "malformed YAML"
        raise error(f"{name}:{line}: {what}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: malformed YAML: {exc}") from None


def dump(data: Any) -> str:
    """Serialise data as block-style YAML in the given key order, Unicode kept readable."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
