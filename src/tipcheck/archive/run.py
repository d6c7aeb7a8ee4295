"""An archive run on Dask: the registry snapshot written once, a task per partition, the
output folder's tables and summary.

The run works the same on a local cluster (worker processes on this machine) and on an
existing one (`dask scheduler`, `dask worker ADDRESS`, or any deployment): the workers
need tipcheck installed at the same version, and must see the inputs, the output folder
and the snapshot inside it by the same paths.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcheck.archive.inputs import Partition, expand, partitions
from tipcheck.errors import InputError

MARKER = ".tipcheck-archive"  # a folder with it is an archive's output, safe to write again


@dataclass(frozen=True)
class Summary:
    articles: int
    failures: int
    findings: int
    status: dict[str, int]
    check: dict[str, int]
    partitions: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "failures": self.failures, "findings": self.findings,
            "status": self.status, "check": self.check, "partitions": self.partitions,
            "seconds": round(self.seconds, 3),
        }  # fmt: skip

    def line(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(self.status.items()))
        failed = f"; {self.failures} could not be checked (see failures/)" if self.failures else ""
        return f"{self.articles} articles, {self.findings} findings ({counts or 'none'}){failed}"


def prepare(output: Path) -> None:
    """Make the output folder, or clear an earlier run's tables from it; a folder that
    holds anything else is refused, never emptied."""
    if output.exists():
        if not output.is_dir():
            raise InputError(f"{output}: not a folder")
        if any(output.iterdir()) and not (output / MARKER).is_file():
            raise InputError(f"{output}: not empty and not an archive's output; give a new or empty folder")
    output.mkdir(parents=True, exist_ok=True)
    (output / MARKER).write_text("written by tipcheck archive; its tables are replaced on each run\n")
    for table in ("findings", "failures"):
        shutil.rmtree(output / table, ignore_errors=True)
    (output / "summary.json").unlink(missing_ok=True)


def run(
    inputs: list[str],
    output: Path,
    checker: Any,
    *,
    scheduler: str = "local",
    workers: int = 2,
    partition_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Check every article of `inputs` with `checker`'s registries and configuration; the
    tables go to `output`. `progress(done, total)` is called as partitions finish."""
    from tipcheck.archive.work import check_partition

    started = time.perf_counter()
    parts = partitions(expand(inputs), partition_size)
    prepare(output)
    snapshot = str(checker.snapshot(output / ".snapshot").resolve())
    client, cluster = _connect(scheduler, workers)
    try:
        futures = client.map(
            check_partition, parts, snapshot=snapshot, config=checker.config, output=str(output.resolve()),
            key=[f"tipcheck-partition-{p.number}-{time.time_ns()}" for p in parts], retries=2,
        )  # fmt: skip
        from distributed import as_completed

        results = []
        for future in as_completed(futures):
            results.append(future.result())
            if progress is not None:
                progress(len(results), len(parts))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary = _summary(results, len(parts), time.perf_counter() - started)
    from tipcheck.support.files import write_atomic

    write_atomic(output / "summary.json", (json.dumps(summary.as_dict(), indent=2) + "\n").encode())
    return summary


def _connect(scheduler: str, workers: int) -> tuple[Any, Any]:
    import logging

    from distributed import Client, LocalCluster

    if scheduler == "local":
        if workers < 1:
            raise InputError("--workers must be 1 or more")
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR,
        )  # fmt: skip
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=10), None
    except OSError as exc:
        raise InputError(f"--scheduler {scheduler}: cannot reach it ({exc})") from None


def _summary(results: list[dict[str, Any]], parts: int, seconds: float) -> Summary:
    status: Counter[str] = Counter()
    check: Counter[str] = Counter()
    for r in results:
        status.update(r["status"])
        check.update(r["check"])
    return Summary(
        articles=sum(r["articles"] for r in results),
        failures=sum(r["failures"] for r in results),
        findings=sum(r["findings"] for r in results),
        status=dict(sorted(status.items())),
        check=dict(sorted(check.items())),
        partitions=parts,
        seconds=seconds,
    )


def read_findings(output: Path) -> list[dict[str, Any]]:
    """The findings table as rows, in partition and article order (for tests and small runs)."""
    return _rows(output / "findings")


def read_failures(output: Path) -> list[dict[str, Any]]:
    return _rows(output / "failures")


def _rows(folder: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for part in sorted(folder.glob("part-*.parquet")):
        rows.extend(pq.read_table(part).to_pylist())
    return rows


__all__ = ["Partition", "Summary", "read_failures", "read_findings", "run"]
