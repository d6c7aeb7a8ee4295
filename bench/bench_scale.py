"""Scale: a registry of a million claims (or --claims N) in the real format.

    python bench/bench_scale.py [--claims 1000000] [--dir /tmp/tipcheck-scale] [--runs 10]

Generates the registry with generate_registry.py (once; reused when --dir has it), then
measures with a fresh cache folder: building the index from scratch (the first verify),
verify on bench/draft-5k.md with the index warm (median of --runs, and peak memory), and
the first verify after one claims file changed (the incremental rebuild). The changed
file is restored at the end.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import environment, machine, once, tipcheck, wall

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "tipcheck-scale")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--draft", type=Path, default=HERE / "draft-5k.md")
    args = parser.parse_args()
    reg = args.dir / f"registry-{args.claims}"
    if not (reg / "claims").is_dir():
        subprocess.run([sys.executable, str(HERE / "generate_registry.py"), str(reg), "--claims", str(args.claims)],
                       check=True)  # fmt: skip
    files = sorted((reg / "claims").glob("*.yaml"))
    size = sum(f.stat().st_size for f in files) / 1e6
    env = environment(Path(tempfile.mkdtemp(prefix="tipcheck-scale-cache-")))
    cmd = [tipcheck(), "verify", "-r", str(reg), str(args.draft)]
    print(machine())
    print(f"registry: {args.claims} claims in {len(files)} files, {size:.0f} MB of YAML")
    ms, mb, code = once(cmd, env)
    print(f"index build from scratch (first verify): {ms / 1000:.1f} s, peak {mb:.0f} MB, exit {code}")
    base = wall([sys.executable, "-c", "pass"], args.runs)
    warm = wall(cmd, args.runs, env)
    _, mb, _ = once(cmd, env)
    print(f"python -c pass: {base:.1f} ms")
    print(f"verify with the index warm: {warm:.1f} ms median ({warm / base:.1f}x python), peak {mb:.0f} MB")
    target = reg / "claims" / "azerbaijan-2014.yaml"
    original = target.read_bytes()
    try:
        target.write_bytes(original.replace(b"qualifier: exact", b"qualifier: approximately", 1))
        ms, mb, _ = once(cmd, env)
        print(
            f"first verify after one claims file changed: {ms:.0f} ms ({ms - warm:+.0f} ms), peak {mb:.0f} MB"
        )
    finally:
        target.write_bytes(original)
    ms, _, _ = once(cmd, env)
    print(f"first verify after it was restored: {ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
