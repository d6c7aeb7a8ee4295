"""An archive's articles: found in folders, JSON Lines and Parquet files, cut into
partitions that a worker reads by itself.

A partition is a small description (which files, or which lines or rows of one file), not
the articles' text: the scheduler sends a few hundred bytes a task, and each worker reads
its own articles from where they are. Partitions are numbered in the order of the inputs,
so the same inputs always give the same partitions and the same output files.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcheck.errors import InputError
from tipcheck.verify.batch import DRAFT_SUFFIXES  # a draft is what verify takes for one

LINE_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Partition:
    """Part of the input: `files` (drafts), or `lines` of a JSON Lines file from byte
    `offset`, or rows [start, stop) of a Parquet file's row group `group`."""

    number: int
    kind: str  # files | jsonl | parquet
    files: tuple[str, ...] = ()
    source: str = ""
    offset: int = 0
    count: int = 0
    first_line: int = 1
    group: int = 0
    start: int = 0
    stop: int = 0


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    text: Any  # str when well formed; anything else is the article's failure to report
    published: Any = None
    where: str = ""  # where in the input it came from, for a failure's row


def expand(inputs: list[str]) -> list[Path]:
    """Every input as files: a glob gives its matches, a folder its drafts, recursively."""
    out: list[Path] = []
    for given in inputs:
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            raise InputError(f"{given}: matches no file")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*") if p.suffix.lower() in DRAFT_SUFFIXES + LINE_SUFFIXES + PARQUET_SUFFIXES
                    and p.is_file()
                )  # fmt: skip
                if not found:
                    raise InputError(f"{path}: no articles (*.md, *.txt, *.jsonl, *.parquet) in this folder")
                out.extend(found)
            elif path.is_file():
                out.append(path)
            else:
                raise InputError(f"{path}: no such file or folder")
    return out


def partitions(files: list[Path], size: int) -> list[Partition]:
    """The inputs cut into partitions of at most `size` articles."""
    if size < 1:
        raise InputError("--partition-size must be 1 or more")
    out: list[Partition] = []
    drafts: list[str] = []

    def flush() -> None:
        if drafts:
            out.append(Partition(len(out), "files", files=tuple(drafts)))
            drafts.clear()

    for path in files:
        suffix = path.suffix.lower()
        if suffix in LINE_SUFFIXES:
            flush()
            for offset, count, first in _line_blocks(path, size):
                out.append(
                    Partition(
                        len(out), "jsonl", source=str(path), offset=offset, count=count, first_line=first
                    )
                )
        elif suffix in PARQUET_SUFFIXES:
            flush()
            for group, start, stop in _row_blocks(path, size):
                out.append(
                    Partition(len(out), "parquet", source=str(path), group=group, start=start, stop=stop)
                )
        else:
            drafts.append(str(path))
            if len(drafts) == size:
                flush()
    flush()
    return out


def _line_blocks(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """(byte offset, lines, number of the first line) of each block of `size` lines."""
    offset, count, first, line = 0, 0, 1, 0
    position = 0
    try:
        with path.open("rb") as handle:
            for raw in handle:
                line += 1
                if count == 0:
                    offset, first = position, line
                position += len(raw)
                if raw.strip():
                    count += 1
                if count == size:
                    yield offset, count, first
                    count = 0
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if count:
        yield offset, count, first


def _row_blocks(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises its own kinds for a file that is not Parquet
        raise InputError(f"{path}: not a Parquet file ({exc})") from None
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        for start in range(0, rows, size):
            yield group, start, min(rows, start + size)


def read(part: Partition) -> Iterator[Article]:
    """The articles of a partition, in order; one that cannot be read comes with its reason
    as its text (not a string), for the failures table."""
    if part.kind == "files":
        from tipcheck.support.files import read_text

        for name in part.files:
            try:
                yield Article(name, name, read_text(Path(name)), where=name)
            except InputError as exc:
                yield Article(name, name, exc, where=name)
    elif part.kind == "jsonl":
        yield from _jsonl(part)
    else:
        yield from _parquet(part)


def _jsonl(part: Partition) -> Iterator[Article]:
    with open(part.source, "rb") as handle:
        handle.seek(part.offset)
        number, seen = part.first_line - 1, 0
        while seen < part.count:
            raw = handle.readline()
            if not raw:
                break
            number += 1
            if not raw.strip():
                continue
            seen += 1
            where = f"{part.source}:{number}"
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError) as exc:
                yield Article(where, where, InputError(f"not JSON: {exc}"), where=where)
                continue
            yield _article(data, where)


def _parquet(part: Partition) -> Iterator[Article]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(part.source)
    columns = [c for c in ("id", "text", "published", "path") if c in handle.schema_arrow.names]
    rows = handle.read_row_group(part.group, columns=columns).slice(part.start, part.stop - part.start)
    for n, data in enumerate(rows.to_pylist()):
        yield _article(data, f"{part.source}:group {part.group}:row {part.start + n}")


def _article(data: Any, where: str) -> Article:
    """An article from a record ({"id", "text", "published"?, "path"?})."""
    if not isinstance(data, dict):
        return Article(where, where, InputError("not a record with id and text"), where=where)
    ident = data.get("id")
    ident = where if ident is None else str(ident)
    path = data.get("path")
    text = data.get("text")
    if not isinstance(text, str):
        text = InputError("no text" if text is None else f"text is a {type(text).__name__}, not a string")
    published = data.get("published")
    if published is not None and not isinstance(published, str):
        published = str(published)
    return Article(ident, str(path) if path is not None else ident, text, published, where)
