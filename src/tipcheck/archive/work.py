"""What a worker does with one partition: read its articles, check each against the
registry snapshot, and write the partition's findings and failures as Parquet files.

Each output file is named by the partition's number and written whole, then renamed into
place: a task that is run again (its worker died, Dask retried it) writes the same rows
to the same name, so no row is lost or written twice. An article that cannot be read or
checked becomes a row of the failures table; it never stops the partition.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tipcheck.api import COLUMNS, Checker
from tipcheck.archive.inputs import Partition, read
from tipcheck.errors import TipcheckError
from tipcheck.verify.config import Config

# Checkers kept by a worker process, one per (snapshot, configuration): each holds its
# registry's claims, so a worker serving many runs must not keep them all.
MAX_CHECKERS = 4
_checkers: dict[tuple[str, Config], Checker] = {}


def checker(snapshot: str, config: Config) -> Checker:
    key = (snapshot, config)
    found = _checkers.pop(key, None)
    if found is None:
        found = Checker.from_snapshot(snapshot, config)
        if len(_checkers) >= MAX_CHECKERS:
            del _checkers[next(iter(_checkers))]
    _checkers[key] = found  # the most recently used last
    return found


def schemas() -> tuple[Any, Any]:
    """(findings, failures): the two tables' columns and types."""
    import pyarrow as pa

    text, number = pa.string(), pa.int64()
    evidence = pa.struct([("id", text), ("file", text), ("start", number), ("end", number),
                          ("line", number), ("quote", text), ("value", text)])  # fmt: skip
    types = {
        "start": number, "end": number, "line": number, "column": number,
        "period_cumulative": pa.bool_(), "baselined": pa.bool_(),
        "evidence_ids": pa.list_(text), "evidence": pa.list_(evidence),
    }  # fmt: skip
    findings = pa.schema([("article", text), ("partition", number)]
                         + [(name, types.get(name, text)) for name in COLUMNS])  # fmt: skip
    failures = pa.schema([("article", text), ("path", text), ("source", text), ("partition", number),
                          ("reason", text)])  # fmt: skip
    return findings, failures


def check_partition(part: Partition, snapshot: str, config: Config, output: str) -> dict[str, Any]:
    """Check a partition's articles and write its two files; what it did, for the summary."""
    import pyarrow as pa

    started = time.perf_counter()
    check = checker(snapshot, config)
    rows: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    articles = 0
    for article in read(part):
        articles += 1
        try:
            if not isinstance(article.text, str):
                raise article.text if isinstance(article.text, Exception) else TypeError(str(article.text))
            report = check.check(article.text, path=article.path, published=article.published)
        except (TipcheckError, ValueError, TypeError, RecursionError, MemoryError) as exc:
            failed.append({"article": article.id, "path": article.path, "source": article.where,
                           "partition": part.number, "reason": str(exc) or type(exc).__name__})  # fmt: skip
            continue
        for row in report.rows():
            rows.append({"article": article.id, "partition": part.number, **row})
    findings, failures = schemas()
    name = f"part-{part.number:06d}.parquet"
    _write(pa.Table.from_pylist(rows, schema=findings), Path(output) / "findings" / name)
    _write(pa.Table.from_pylist(failed, schema=failures), Path(output) / "failures" / name)
    return {
        "partition": part.number,
        "articles": articles,
        "failures": len(failed),
        "findings": len(rows),
        "status": dict(Counter(r["status"] for r in rows)),
        "check": dict(Counter(r["check"] for r in rows if r["check"])),
        "seconds": time.perf_counter() - started,
    }


def _write(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
