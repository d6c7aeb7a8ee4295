"""Whole-process timing shared by the benchmark scripts: medians after a warm-up, and
peak memory of one run. Benchmarks measure; they assert nothing."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def wall(cmd: list[str], runs: int = 10, env: dict[str, str] | None = None, warm: bool = True) -> float:
    """Median wall time in ms of `runs` runs, after one warm-up run (file cache, bytecode)."""
    if warm:
        subprocess.run(cmd, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def once(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(wall ms, peak resident MB, exit status) of one run, measured in a fresh child."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print((time.perf_counter() - t) * 1000, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,"
        " r.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env, check=True
    )
    ms, mb, code = out.stdout.split()
    return float(ms), float(mb), int(code)


def tipcheck() -> str:
    """The installed console script next to this Python (what users run), else on PATH."""
    beside = Path(sys.executable).with_name("tipcheck")
    return str(beside) if beside.exists() else (shutil.which("tipcheck") or "tipcheck")


def environment(cache: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TIPCHECK_NO_CACHE", None)
    if cache is not None:
        env["TIPCHECK_CACHE_DIR"] = str(cache)
    return env


def machine() -> str:
    import platform

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node() or 'host'}: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"
