"""Archive throughput: `tipcheck verify --jobs 2` against `tipcheck archive` on Dask, same articles.

    python bench/bench_archive.py [--articles 20000] [--registry MILLION_CLAIM_REGISTRY]

Writes --articles articles (the eval drafts, each under a new name, opening with a line that
names one of the TIP report's countries, so that a registry of many countries is scoped as a
newsroom's archive would be) and checks them, in one run of this script:
- `verify --jobs 2 --format jsonl` (the command line's best on this machine),
- `archive --workers 2` (a local Dask cluster of two worker processes),
- `archive --scheduler ADDRESS` against `dask scheduler` and `dask worker --nworkers 2`
  started as separate processes, as a real cluster would be.
Each row gives wall time, articles per second, and peak memory: the largest sum of the
resident memory of every process of the run (sampled from /proc every 50 ms, the scheduler
and workers included). With --registry, the same rows again against that registry alone.
Benchmarks measure; they assert nothing (the tests check the findings are the same).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import environment, machine, tipcheck

ROOT = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(roots: list[int]) -> int:
    """Bytes resident in these processes and all their descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE
    total, todo, seen = 0, list(roots), set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def measure(cmd: list[str], env: dict[str, str], also: list[int] = ()) -> tuple[float, float, int]:
    """(seconds, peak MB of the command's process tree plus `also`'s, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss([proc.pid, *also]))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        print(err.decode(errors="replace")[-2000:], file=sys.stderr)
    return seconds, peak / 2**20, proc.returncode


def articles(folder: Path, count: int) -> None:
    from tipcheck.text.places import COUNTRIES

    sources = sorted((ROOT / "eval").glob("*/drafts/*.md"))
    countries = sorted(COUNTRIES)
    pick = random.Random(1)
    folder.mkdir(parents=True)
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        line = f"Reporting on {pick.choice(countries)}.\n\n"
        if text.startswith("---\n"):  # after the front matter, which must come first
            end = text.index("\n---\n", 4) + 5
            text = text[:end] + line + text[end:]
        else:
            text = line + text
        (folder / f"{n:05d}-{source.name}").write_text(text, encoding="utf-8")


def cluster(env: dict[str, str], work: Path) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and two worker processes started as on a real cluster; its address."""
    dask = str(Path(sys.executable).with_name("dask"))
    info = work / "scheduler.json"
    scheduler = subprocess.Popen([dask, "scheduler", "--scheduler-file", str(info), "--no-dashboard"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(200):
        if info.exists() and info.stat().st_size:
            break
        time.sleep(0.05)
    address = json.loads(info.read_text())["address"]
    worker = subprocess.Popen([dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    from distributed import Client

    with Client(address, timeout=30) as client:
        client.wait_for_workers(2, timeout=60)
    return address, [scheduler, worker]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--registry", type=Path, help="a large registry (bench/generate_registry.py)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipcheck-archive-bench-"))
    folder = work / "articles"
    articles(folder, args.articles)
    env = environment(work / "cache")
    exe = tipcheck()
    print(machine())
    print(f"{args.articles} articles, {sum(p.stat().st_size for p in folder.iterdir()) / 2**20:.1f} MB")
    setups = [("bundled registry", ["--isolated"])]
    if args.registry:
        setups.append(
            (f"registry {args.registry.name}", ["--isolated", "--no-bundled", "-r", str(args.registry)])
        )
    address, processes = cluster(env, work)
    try:
        for label, flags in setups:
            subprocess.run([exe, "verify", *flags, str(next(folder.iterdir()))], env=env, capture_output=True)
            rows = [
                ("verify --jobs 2 --format jsonl", [exe, "verify", *flags, "--jobs", "2", "-f", "jsonl", str(folder)], []),
                ("archive --workers 2 (local cluster)", [exe, "archive", *flags, str(folder), "-o", str(work / "out"),
                                                          "--workers", "2"], []),
                ("archive --scheduler (separate processes)", [exe, "archive", *flags, str(folder), "-o",
                                                               str(work / "out"), "--scheduler", address],
                 [p.pid for p in processes]),
            ]  # fmt: skip
            print(f"\n{label}")
            print(f"{'command':44} {'seconds':>8} {'articles/s':>11} {'peak MB':>8} {'exit':>5}")
            for name, cmd, also in rows:
                seconds, mb, code = measure(cmd, env, also)
                print(f"{name:44} {seconds:8.1f} {args.articles / seconds:11.1f} {mb:8.0f} {code:5d}")
            summary = json.loads((work / "out" / "summary.json").read_text())
            print(f"archive findings: {summary['findings']}, failures: {summary['failures']}")
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
