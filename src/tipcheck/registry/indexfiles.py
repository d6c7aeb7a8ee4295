"""The index's files on disk: their names and hashes, the shape of a manifest entry, the
key of the code that wrote them, and the pruning of folders no run uses any more."""

from __future__ import annotations

import time
from pathlib import Path

from tipcheck import __version__
from tipcheck.model import Problem
from tipcheck.support import vocabulary

FORMAT = 4


def duplicates_in_memory(names: list[str], ids: dict[str, list]) -> list[Problem]:
    first: dict[str, tuple[str, int]] = {}
    problems = []
    for name in names:
        for cid, line in ids.get(name, ()):
            if cid in first:
                at = first[cid]
                problems.append(
                    Problem(name, line, f"duplicate id {cid!r} (first defined at {at[0]}:{at[1]})", cid)
                )
            else:
                first[cid] = (name, line)
    return problems


_HEX = frozenset("0123456789abcdef")


def entry_ok(name: object, entry: object) -> bool:
    return (
        isinstance(name, str)
        and isinstance(entry, tuple)
        and len(entry) == 10
        and isinstance(entry[4], str)
        and len(entry[4]) == 64
        and _HEX.issuperset(entry[4])  # a content hash, never a path
        and all(isinstance(x, int) for x in (*entry[:4], entry[5], entry[9]))
        and isinstance(entry[6], tuple)
    )


def short_hash(text: str) -> str:
    """A folder name for a registry; zlib is cheap to import, hashlib (OpenSSL) is not."""
    import zlib

    data = text.encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def sha256(text: str) -> str:
    import hashlib  # only when a claims file changed

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


STALE_DAYS = 30


def prune(cache_folder: Path) -> None:
    """Remove index folders untouched for STALE_DAYS: each tipcheck version, and each
    registry root, gets its own, and a cache must not grow without end. Run only when a
    new folder is made, so at most once per upgrade or new registry."""
    import shutil

    limit = time.time() - STALE_DAYS * 86400
    try:
        siblings = [p for p in cache_folder.glob("registry-*") if p.is_dir()]
    except OSError:
        return
    for folder in siblings:
        try:
            if (folder / "manifest.marshal").stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # no manifest: being built right now, or not ours


# The code that parses claims or derives their features: the index is rebuilt when it changes.
CODE_FILES = (
    "registry/index.py", "registry/indexfiles.py", "registry/load.py", "registry/parse.py", "registry/packing.py",
    "model.py", "match/lexicon.py", "match/align.py", "match/context.py", "text/places.py", "registry/yamlio.py", "support/vocabulary.py",
    *(f"vocabulary/{f}" for f in vocabulary.FILES),
)  # fmt: skip


def code_key() -> str:
    """Changes whenever the code that parses claims or derives their features does."""
    package = Path(__file__).resolve().parents[1]
    parts = [__version__, str(FORMAT)]
    for name in CODE_FILES:
        st = (package / name).stat()
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)
