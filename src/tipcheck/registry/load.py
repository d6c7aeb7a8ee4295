"""Load, validate and locate the claims registry (`claims/*.yaml` over `seeds/`).

`load` parses strictly: a malformed file, a wrong field or a duplicate id is a
RegistryError naming the file and line. `check` then compares the registry with its
sources (stale quotes, spans, breakdowns) and returns problems; it never edits a file.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from tipcheck.errors import RegistryError
from tipcheck.model import (
    KINDS,
    QUALIFIERS,
    Claim,
    Period,
    Problem,
    Registry,
    SourceDoc,
    Value,
    days_in_month,
)
from tipcheck.text.lines import line_of

_ISO = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2})$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CLAIM_KEYS = {
    "id", "kind", "value", "unit", "qualifier", "metric", "period", "start", "end", "line",
    "quote", "part_of", "dimension", "exhaustive", "same_as", "ref", "note",
    "series", "derived_from", "conflicts_with", "supersedes", "place",
}  # fmt: skip
_REQUIRED = ("id", "kind", "value", "qualifier", "metric", "start", "end", "line", "quote")
_SOURCE_KEYS = {
    "file",
    "title",
    "publisher",
    "published",
    "published_basis",
    "published_note",
    "url",
    "place",
}
_NUMERIC_KINDS = ("count", "money", "percent", "ratio", "duration", "ordinal")


def default_root() -> Path:
    """The bundled registry: this checkout's own, or the copy shipped inside the package."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1]
    if (checkout / "claims").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return package / "data"


def locate(path: Path | None) -> tuple[Path, list[Path]]:
    """The registry root (source paths resolve against it) and its claims files."""
    path = default_root() if path is None else path
    if path.is_file():
        return path.parent.parent, [path]
    if not path.is_dir():
        raise RegistryError(f"{path}: no such registry (give a directory or a claims file)")
    claims_dir = path / "claims" if (path / "claims").is_dir() else path
    root = path if claims_dir != path else path.parent
    # scandir and string sorting: pathlib's glob and Path comparisons cost ~100 ms on
    # a registry of thousands of files, on every run
    with os.scandir(claims_dir) as entries:
        found = [e.name for e in entries if e.name.endswith((".yaml", ".yml")) and not e.name.startswith(".")]
    files = [claims_dir / n for n in sorted(n for n in found if n.endswith(".yaml"))]
    files += [claims_dir / n for n in sorted(n for n in found if n.endswith(".yml"))]
    if not files:
        raise RegistryError(f"{claims_dir}: no claims files (*.yaml) in this registry")
    return root, files


def load(path: Path | None = None) -> Registry:
    """Read every claims file of a registry and the source texts they point to."""
    from tipcheck.registry import yamlio  # not at the top: verify reads the index and never needs yaml

    root, files = locate(path)
    docs: list[SourceDoc] = []
    claims: list[Claim] = []
    problems: list[Problem] = []
    seen: dict[str, Claim] = {}
    for file in files:
        name = display(file, root)
        data = yamlio.load(read(file), name)
        doc, file_claims, file_problems = parse_file(data, name)
        problems += file_problems
        if doc is not None:
            docs.append(doc)
        for claim in file_claims:
            first = seen.get(claim.id)
            if first is not None:
                problems.append(
                    Problem(
                        name,
                        claim.defined_line,
                        f"duplicate id {claim.id!r} (first "
                        f"defined at {first.defined_in}:{first.defined_line})",
                        claim.id,
                    )
                )
                continue
            seen[claim.id] = claim
            claims.append(claim)
    if problems:
        raise RegistryError(str(problems[0]), problems)
    texts = {}
    for doc in docs:
        source = _inside(root, doc.file)
        if source is not None:
            texts[doc.file] = read(source)
    return Registry(root=str(root), docs=tuple(docs), claims=tuple(claims), texts=texts)


def load_all(paths: list[Path], bundled: bool) -> Registry:
    """Several registries as one: the bundled one (if asked for) and the given ones.

    Source files keep their names relative to their own registry root, except that two
    registries' files are told apart by the registry directory when their names collide.
    An id defined in two registries is a duplicate, as within one.
    """
    roots = ([None] if bundled else []) + list(paths)
    if not roots:
        raise RegistryError("no registry to check against: give --registry, or enable the bundled one")
    return combine([load(p) for p in roots], bundled)


def combine(loaded: list[Registry], bundled: bool) -> Registry:
    """Registries as one; the first is the bundled one when `bundled`."""
    if len(loaded) == 1:
        return loaded[0]
    claims: list[Claim] = []
    docs: list[SourceDoc] = []
    texts: dict[str, str] = {}
    seen: dict[str, Claim] = {}
    problems: list[Problem] = []
    for n, reg in enumerate(loaded):
        label = "bundled" if bundled and n == 0 else _relative(Path(reg.root))

        def rename(file: str, reg: Registry = reg, label: str = label) -> str:
            clash = any(file in other.texts or other.doc(file) for other in loaded if other is not reg)
            return f"{label}/{file}" if clash else file

        for doc in reg.docs:
            docs.append(replace(doc, file=rename(doc.file)))
        texts.update({rename(f): t for f, t in reg.texts.items()})
        for claim in reg.claims:
            first = seen.get(claim.id)
            if first is not None:
                problems.append(Problem(claim.defined_in, claim.defined_line,
                                        f"duplicate id {claim.id!r} (first defined at "
                                        f"{first.defined_in}:{first.defined_line})", claim.id))  # fmt: skip
                continue
            claim = replace(claim, file=rename(claim.file))
            seen[claim.id] = claim
            claims.append(claim)
    if problems:
        raise RegistryError(str(problems[0]), problems)
    return Registry(root=loaded[-1].root, docs=tuple(docs), claims=tuple(claims), texts=texts)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def display(file: Path, root: Path) -> str:
    try:
        return str(file.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(file)


def _inside(root: Path, relative: str) -> Path | None:
    """A source path resolved inside the registry root; None for one that escapes it, or
    one the system cannot look up (a NUL byte, a name too long, a symlink loop)."""
    try:
        target = (root / relative).resolve()
        return target if target.is_relative_to(root.resolve()) and target.is_file() else None
    except (OSError, ValueError, RuntimeError):
        return None


# A claims file is a few hundred claims; a source document a report. Neither comes near
# this, and reading (then parsing) a 200 MB file whole could take the machine's memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


def read(file: Path) -> str:
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RegistryError(f"{file}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise RegistryError(f"{file}: too large (over {MAX_FILE_BYTES // (1024 * 1024)} MB); split it into "
                            "several claims files")  # fmt: skip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RegistryError(f"{file}:{line}: not UTF-8 text (bad byte at offset "
                            f"{exc.start}); re-save it as UTF-8") from None  # fmt: skip


def parse_file(data: Any, name: str) -> tuple[SourceDoc | None, list[Claim], list[Problem]]:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [], [Problem(name, 1, "a claims file must be a mapping with 'source' and 'claims'")]
    top: int = getattr(data, "line", 0)  # yamlio's mappings are LineDicts, which know their line
    unknown = set(data) - {"source", "claims"}
    if unknown:
        problems.append(Problem(name, top, f"unknown top-level key(s): {_keys(unknown)}"))
    src = data.get("source")
    if not isinstance(src, dict) or not isinstance(src.get("file"), str):
        problems.append(Problem(name, getattr(src, "line", top), "'source' must be a mapping with a 'file'"))
        return None, [], problems
    at: int = getattr(src, "line", 0)
    extra = set(src) - _SOURCE_KEYS
    if extra:
        problems.append(Problem(name, at, f"unknown source key(s): {_keys(extra)}"))
    doc = SourceDoc(
        file=src["file"],
        title=_opt_str(src.get("title")),
        publisher=_opt_str(src.get("publisher")),
        published=_opt_str(src.get("published")),
        published_basis=_opt_str(src.get("published_basis")),
        published_note=_opt_str(src.get("published_note")),
        url=_opt_str(src.get("url")),
        place=_place(src.get("place")),
    )
    if src.get("place") is not None and doc.place is None:
        problems.append(Problem(name, at, f"place {src['place']!r} is not a country tipcheck knows"))
    if doc.published is not None and not _ISO.match(doc.published):
        problems.append(Problem(name, at, f"published {doc.published!r} is not an ISO date"))
    raw_claims = data.get("claims")
    if not isinstance(raw_claims, list):
        problems.append(Problem(name, top, "'claims' must be a list"))
        return doc, [], problems
    claims = []
    for raw in raw_claims:
        try:
            claims.append(_parse_claim(raw, doc, name))
        except _Bad as bad:
            problems.append(Problem(name, bad.line, bad.message, bad.claim_id))
    return doc, claims, problems


class _Bad(Exception):
    def __init__(self, line: int, message: str, claim_id: str | None = None) -> None:
        super().__init__(message)
        self.line, self.message, self.claim_id = line, message, claim_id


def _keys(keys: set) -> str:
    """Unknown keys for a message; YAML keys may be numbers or null, not only text."""
    return ", ".join(sorted(repr(k) if not isinstance(k, str) else k for k in keys))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _text(raw: dict, key: str, line: int, where: str, cid: str) -> str | None:
    """An optional text field: null or a string, never a list or mapping turned into text."""
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    shape = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else repr(value)
    raise _Bad(line, f"{where}{key} must be text, not {shape}", cid)


def _place(value: Any) -> str | None:
    from tipcheck.text.places import canonical

    return canonical(value) if isinstance(value, str) else None


def _parse_claim(raw: Any, doc: SourceDoc, name: str) -> Claim:
    line = getattr(raw, "line", 0)
    if not isinstance(raw, dict):
        raise _Bad(line, "each claim must be a mapping")
    cid = raw.get("id")
    where = f"claim {cid!r}: " if cid else "claim: "
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise _Bad(line, f"{where}missing {', '.join(missing)}", cid)
    unknown = set(raw) - _CLAIM_KEYS
    if unknown:
        raise _Bad(line, f"{where}unknown key(s): {_keys(unknown)}", cid)
    if not isinstance(cid, str) or not _ID.match(cid):
        raise _Bad(line, f"{where}id must be lowercase letters, digits, '.', '_' or '-'", None)
    if raw["kind"] not in KINDS:
        raise _Bad(line, f"{where}kind {raw['kind']!r} is not one of {', '.join(KINDS)}", cid)
    if raw["qualifier"] not in QUALIFIERS:
        raise _Bad(line, f"{where}qualifier {raw['qualifier']!r} is not one of {', '.join(QUALIFIERS)}", cid)
    for key in ("start", "end", "line"):
        if not isinstance(raw[key], int) or isinstance(raw[key], bool) or raw[key] < 0:
            raise _Bad(line, f"{where}{key} must be a non-negative integer", cid)
    if raw["end"] <= raw["start"]:
        raise _Bad(line, f"{where}end must be after start", cid)
    if not isinstance(raw["quote"], str) or not isinstance(raw["metric"], str) or not raw["metric"].strip():
        raise _Bad(line, f"{where}quote and metric must be non-empty text", cid)
    exhaustive = raw.get("exhaustive") or []
    if not isinstance(exhaustive, list) or not all(isinstance(d, str) for d in exhaustive):
        raise _Bad(line, f"{where}exhaustive must be a list of dimension names", cid)
    if raw.get("part_of") is not None and not raw.get("dimension"):
        raise _Bad(line, f"{where}part_of needs a dimension (what the breakdown is by)", cid)
    derived = raw.get("derived_from") or []
    if derived and (
        not isinstance(derived, list) or len(derived) != 2 or not all(isinstance(d, str) for d in derived)
    ):
        raise _Bad(line, f"{where}derived_from must be [part id, whole id]", cid)
    conflicts = raw.get("conflicts_with") or []
    conflicts = [conflicts] if isinstance(conflicts, str) else conflicts
    if not isinstance(conflicts, list) or not all(isinstance(d, str) for d in conflicts):
        raise _Bad(line, f"{where}conflicts_with must be a claim id or a list of them", cid)
    if raw.get("series") is not None and (not isinstance(raw["series"], str) or not _ID.match(raw["series"])):
        raise _Bad(line, f"{where}series must be a name in lowercase letters, digits, '.', '_' or '-'", cid)
    place = doc.place
    if raw.get("place") is not None:
        place = _place(raw["place"])
        if place is None:
            raise _Bad(
                line, f"{where}place {raw['place']!r} is not a country tipcheck knows (countries.txt)", cid
            )
    return Claim(
        id=cid,
        kind=raw["kind"],
        value=_value(raw["kind"], raw["value"], line, where, cid),
        unit=_text(raw, "unit", line, where, cid),
        qualifier=raw["qualifier"],
        metric=raw["metric"].strip(),
        period=_period(raw.get("period"), line, where, cid),
        file=doc.file,
        start=raw["start"],
        end=raw["end"],
        line=raw["line"],
        quote=raw["quote"],
        part_of=_text(raw, "part_of", line, where, cid),
        dimension=_text(raw, "dimension", line, where, cid),
        exhaustive=tuple(exhaustive),
        series=_text(raw, "series", line, where, cid),
        derived_from=tuple(derived),
        conflicts_with=tuple(conflicts),
        supersedes=_text(raw, "supersedes", line, where, cid),
        place=place,
        same_as=_text(raw, "same_as", line, where, cid),
        ref=_text(raw, "ref", line, where, cid),
        note=_text(raw, "note", line, where, cid),
        defined_in=name,
        defined_line=line,
    )


def _number(value: Any) -> int | Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None  # .inf and .nan are no figures
    return None


def _value(kind: str, value: Any, line: int, where: str, cid: str) -> Value:
    if value is None:
        return None  # a gap the source leaves blank
    if kind in _NUMERIC_KINDS:
        number = _number(value)
        if number is None:
            raise _Bad(line, f"{where}a {kind} value must be a number, not {value!r}", cid)
        return number
    if kind in ("date", "year"):
        text = str(value)
        if not _real_date(text):
            raise _Bad(line, f"{where}a {kind} value must be ISO (YYYY, YYYY-MM or YYYY-MM-DD)", cid)
        return text
    if kind == "range":
        if not isinstance(value, list) or len(value) != 2:
            raise _Bad(line, f"{where}a range value must be a list of two ends", cid)
        ends = tuple(_number(v) if not isinstance(v, str) else v for v in value)
        if any(e is None for e in ends):
            raise _Bad(line, f"{where}range ends must be numbers or ISO dates", cid)
        return ends
    return str(value)  # tier


def _real_date(text: str) -> bool:
    """ISO at year, month or day precision (or a recurring --MM-DD), and a day that exists:
    '2014-02-30' would otherwise stop every later run with an error from the calendar."""
    if not _ISO.match(text):
        return False
    parts = text.lstrip("-").split("-") if text.startswith("--") else text.split("-")
    if text.startswith("--"):
        month, day = int(parts[0]), int(parts[1])
        return 1 <= month <= 12 and 1 <= day <= days_in_month(2000, month)
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        return False
    return len(parts) < 3 or 1 <= int(parts[2]) <= days_in_month(int(parts[0]), int(parts[1]))


def _period(value: Any, line: int, where: str, cid: str) -> Period | None:
    if value is None:
        return None
    if isinstance(value, (str, int)):
        value = {"start": value, "end": value}
    if not isinstance(value, dict) or "start" not in value or "end" not in value:
        raise _Bad(line, f"{where}period must be null or {{start, end[, cumulative]}}", cid)
    start, end = str(value["start"]), str(value["end"])
    if not (_real_date(start) and _real_date(end)) or start.startswith("--"):
        raise _Bad(
            line, f"{where}period ends must be ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) that exist", cid
        )
    cumulative = value.get("cumulative", False)
    if not isinstance(cumulative, bool):
        raise _Bad(line, f"{where}cumulative must be true or false, not {cumulative!r}", cid)
    unknown = set(value) - {"start", "end", "cumulative"}
    if unknown:
        raise _Bad(line, f"{where}unknown period key(s): {_keys(unknown)}", cid)
    period = Period(start, end, cumulative)
    if period.bounds()[0] > period.bounds()[1]:
        raise _Bad(line, f"{where}period ends before it starts", cid)
    return period


def check(registry: Registry) -> list[Problem]:
    (
        """Problems between the registry and its sources: stale spans, dangling links.

    Parts that do not add up are the sources' inconsistencies, not the registry's: the
    registry records them faithfully and `tipcheck audit` reports them."""
        ""
    )
    problems: list[Problem] = []
    for doc in registry.docs:
        if doc.file not in registry.texts:
            claim = next((c for c in registry.claims if c.file == doc.file), None)
            where = claim.defined_in if claim else doc.file
            problems.append(Problem(where, 1, f"source file {doc.file} is missing or outside the registry"))
    for claim in registry.claims:
        problems += _check_span(registry, claim)
        for link in (
            claim.part_of,
            claim.same_as,
            claim.supersedes,
            *claim.derived_from,
            *claim.conflicts_with,
        ):
            if link is not None and registry.get(link) is None:
                problems.append(_at(claim, f"links to unknown claim {link!r}"))
    return problems


def _at(claim: Claim, message: str) -> Problem:
    return Problem(claim.defined_in, claim.defined_line, f"claim {claim.id!r}: {message}", claim.id)


def _check_span(registry: Registry, claim: Claim) -> list[Problem]:
    text = registry.texts.get(claim.file)
    if text is None:
        return []
    actual = text[claim.start : claim.end]
    if actual != claim.quote:
        moved = text.find(claim.quote)
        hint = (
            f"; the quote now appears at offset {moved} (line {line_of(text, moved)}): "
            "check it and update start/end by hand"
            if moved >= 0
            else "; the quote is no longer in the source"
        )
        return [_at(claim, f"stale: quote {claim.quote!r} but {claim.file} has {actual!r} there{hint}")]
    line = line_of(text, claim.start)
    if line != claim.line:
        return [_at(claim, f"line is {claim.line} but the quote starts on line {line}")]
    return []
