"""A registry frozen for other machines: its claims, packed and split by place, in a folder
named by the hash of what it holds.

An archive run checks articles on workers that may have their own install and no claims
files. The snapshot is written once, on the machine that starts the run, from the
registries as the configuration names them (through the index, so it costs a read of the
index); a worker opens it by its path and reads only the groups its articles can touch:
the claims with no place, and those of the places an article names. It is never rebuilt
from modification times: its name is the hash of its content, and its header names the
build of tipcheck that packed it (by the content of the code that packs and reads claims),
which a worker checks before reading a claim.
"""

from __future__ import annotations

import marshal
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcheck.errors import RegistryError
from tipcheck.model import Claim, Registry, SourceDoc
from tipcheck.registry import indexfiles
from tipcheck.registry.packing import _FIELDS, _doc_tuple, _pack, _unpack

FORMAT = 1
HEADER = "snapshot.marshal"
UNPLACED = ""  # the group of claims with no place
# Groups kept read in a worker: an archive of every country's reporting would otherwise
# end with the whole registry in each worker's memory.
MAX_GROUPS = 32


def code_digest() -> str:
    """The hash of the code that packs and reads claims, by content: two installs of the same
    tipcheck agree whatever their files' times."""
    import hashlib

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{indexfiles.FORMAT}|{FORMAT}".encode())
    for name in (*indexfiles.CODE_FILES, "registry/snapshot.py"):
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    return digest.hexdigest()


def write(registry: Registry, features: dict[str, Any] | None, extra: tuple, parent: Path) -> Path:
    """Write the snapshot of `registry` (with the alignment features the index has, and the
    vocabulary extension `extra` of its lexicon) under `parent`; the folder it is in.
    Writing the same registry again finds the folder already there and returns it."""
    groups: dict[str, list] = {}
    for position, claim in enumerate(registry.claims):
        feature = features.get(claim.id) if features is not None else None
        # with its position: a scope is in the registry's order, as the index gives it
        groups.setdefault(claim.place or UNPLACED, []).append(((position,), _pack(claim, feature)))
    docs = tuple(_doc_tuple(d) for d in registry.docs)
    return _write(((place, lambda g=group: g) for place, group in sorted(groups.items())),
                  registry.root, docs, registry.unreviewed, extra, parent)  # fmt: skip


def write_indexed(
    root: str, files: list[tuple[Path, tuple[str, ...], bool, tuple | None, int]], extra: tuple, parent: Path
) -> Path:
    """`write` from an index's packed files (`Claims.indexed_files`), one place at a time:
    a million claims are never all in memory, and no claim is built."""
    places = sorted({p for _, placed, _, _, _ in files for p in placed} | {UNPLACED})
    at = _FIELDS.index("place")

    def group(place: str) -> list:
        out = []
        for n, (blob, placed, unplaced, _, _) in enumerate(files):
            if (place == UNPLACED and unplaced) or place in placed:
                for i, packed in enumerate(marshal.loads(blob.read_bytes())):
                    if (packed[0][at] or UNPLACED) == place:
                        out.append(((n, i), packed))
        return out

    docs = tuple(doc for _, _, _, doc, _ in files if doc is not None)
    unreviewed = sum(u for *_, u in files)
    return _write(((p, lambda p=p: group(p)) for p in places), root, docs, unreviewed, extra, parent)


def _write(groups: Any, root: str, docs: tuple, unreviewed: int, extra: tuple, parent: Path) -> Path:
    """Write the groups (place, a function giving its (position, packed claim) pairs) into a
    new folder, name it by the hash of all it holds, and return it."""
    import hashlib

    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=parent))
    try:
        digest = hashlib.sha256()
        names: dict[str, tuple[str, int]] = {}
        for place, pairs in groups:
            packed = pairs()
            if not packed:
                continue
            names[place] = (f"{len(names):05d}.marshal", len(packed))
            blob = marshal.dumps(packed)
            digest.update(blob)
            (work / names[place][0]).write_bytes(blob)
        header = {
            "format": FORMAT, "code": code_digest(), "root": root, "docs": docs, "unreviewed": unreviewed,
            "extra": extra,
            # place -> (file name, number of claims): what a worker may need, before it reads any
            "groups": names,
        }  # fmt: skip
        head = marshal.dumps(header)
        digest.update(head)
        final = parent / f"snapshot-{digest.hexdigest()[:32]}"
        if (final / HEADER).is_file():
            return final
        (work / HEADER).write_bytes(head)  # last: a folder with a header is complete
        try:
            os.replace(work, final)
        except OSError:  # another run wrote the same snapshot first
            if not (final / HEADER).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


@dataclass(frozen=True)
class _Header:
    root: str
    docs: tuple[SourceDoc, ...]
    unreviewed: int
    extra: tuple
    groups: dict[str, tuple[str, int]]


class Snapshot:
    """A snapshot opened read-only: `Claims`' interface for a `Verifier`, without claims files."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        try:
            data = marshal.loads((self.folder / HEADER).read_bytes())
        except (OSError, ValueError, EOFError) as exc:
            raise RegistryError(f"{self.folder}: not a registry snapshot ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise RegistryError(f"{self.folder}: a registry snapshot of another format")
        if data.get("code") != code_digest():
            raise RegistryError(
                f"{self.folder}: a registry snapshot packed by another build of tipcheck; "
                "install the same version on every worker"
            )
        self.header = _Header(
            data["root"], tuple(SourceDoc(*d) for d in data["docs"]), data["unreviewed"], data["extra"],
            data["groups"],
        )  # fmt: skip
        self._loaded: dict[str, list[tuple[int, Claim, Any]]] = {}

    @property
    def has_places(self) -> bool:
        return any(place != UNPLACED for place in self.header.groups)

    def source_files(self) -> frozenset[Path]:
        return frozenset()  # an archive's articles are never the registry's sources

    @property
    def extra(self) -> tuple:
        """The vocabulary extension of the lexicon the claims' features were derived with."""
        return self.header.extra

    def _group(self, place: str) -> list[tuple[int, Claim, Any]]:
        found = self._loaded.pop(place, None)
        if found is None:
            name = self.header.groups[place][0]
            try:
                packed = marshal.loads((self.folder / name).read_bytes())
                found = [(n, *_unpack(p)) for n, p in packed]
            except (OSError, ValueError, EOFError, TypeError, IndexError) as exc:
                raise RegistryError(f"{self.folder / name}: damaged registry snapshot ({exc})") from None
            if len(self._loaded) >= MAX_GROUPS:  # the least recently used goes
                del self._loaded[next(iter(self._loaded))]
        self._loaded[place] = found  # the most recently used last
        return found

    def scope(self, places: frozenset[str] | None) -> tuple[Registry, dict[str, Any] | None]:
        """The claims with no place and those of `places` (all claims for None), in the
        registry's order, and their features."""
        wanted = [p for p in self.header.groups if places is None or p == UNPLACED or p in places]
        found = sorted((entry for place in wanted for entry in self._group(place)), key=lambda e: e[0])
        claims = tuple(claim for _, claim, _ in found)
        features = {claim.id: feature for _, claim, feature in found if feature is not None}
        registry = Registry(
            root=self.header.root,
            docs=self.header.docs,
            claims=claims,
            texts={},
            unreviewed=self.header.unreviewed,
        )
        return registry, features or None
