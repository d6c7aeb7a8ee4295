"""The registry index: claims as `verify` reads them, kept in the cache folder.

The claims files stay the only source of truth. The index is derived from them and
brings itself up to date on every run: for each claims file it records size, modification
time, change time and inode, and the SHA-256 of the content. When any of the first four
differ, the file is hashed again and, only if its content changed, parsed again; a file
changed within the file system's clock resolution of the last look is hashed whatever its
times say. Only the files that changed are parsed, so one edit in a registry of a
million claims costs the parsing of one file.

On disk: one marshal file of parsed claims per claims-file content (named by its hash,
so never rewritten in place) and a manifest that maps each claims file to its content.
Every file is written whole and renamed into place; writers take a lock so that two
processes do not parse the same files twice, and readers take none. A damaged or missing
piece is rebuilt from the claims files.

`verify` loads only the claims a draft can be checked against: those with no place and
those of the places the draft names (`places`). With the cache off
(`TIPCHECK_NO_CACHE=1`) the same `Claims` reads the YAML files directly: that is the
uncached path the tests compare with.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__, cache
from . import registry as registries
from .errors import RegistryError
from .files import write_atomic
from .model import Claim, Period, Problem, Registry, SourceDoc

FORMAT = 2
RACY_NS = 2_000_000_000  # coarse file systems keep mtimes to 1-2 s
PARALLEL_FROM = 64  # changed files from which parsing uses every core

Feature = tuple[frozenset[str], frozenset[str], "str | None"]
Features = dict[str, Feature]


class Claims:
    """The registries a configuration names, for `verify`: scoped loads, cached or not."""

    def __init__(self, paths: list[Path], bundled: bool, cached: bool | None = None) -> None:
        roots: list[Path | None] = ([None] if bundled else []) + list(paths)
        if not roots:
            raise RegistryError("no registry to check against: give --registry, or enable the bundled one")
        self.bundled = bundled
        folder = cache.directory() if cached is not False else None
        self._memory: Registry | None = None
        self._parts: list[_Indexed] = []
        if folder is None:
            self._memory = registries.load_all(list(paths), bundled)
        else:
            self._parts = [_Indexed(root, folder) for root in roots]

    @property
    def has_places(self) -> bool:
        if self._memory is not None:
            return any(c.place for c in self._memory.claims)
        return any(part.has_places() for part in self._parts)

    def scope(self, places: frozenset[str] | None) -> tuple[Registry, Features | None]:
        """The claims of these places and those with none (all claims for None), and
        their alignment features where the index has them."""
        if self._memory is not None:
            return scoped(self._memory, places), None
        loaded = [part.load(places) for part in self._parts]
        features: Features = {}
        for _, part_features in loaded:
            features.update(part_features)
        return registries.combine([reg for reg, _ in loaded], self.bundled), features


def scoped(reg: Registry, places: frozenset[str] | None) -> Registry:
    if places is None:
        return reg
    return replace(reg, claims=tuple(c for c in reg.claims if c.place is None or c.place in places))


class _Indexed:
    """One registry root and its index folder."""

    def __init__(self, root_arg: Path | None, folder: Path) -> None:
        self.root, self.files = registries.locate(root_arg)
        self.names = [registries.display(f, self.root) for f in self.files]
        key = hashlib.sha256(f"{self.root.resolve()}|{_code_key()}".encode()).hexdigest()[:20]
        self.folder = folder / f"registry-{key}"
        self.manifest = self._refresh()

    def has_places(self) -> bool:
        return any(entry[6] for entry in self.manifest.values())

    def load(self, places: frozenset[str] | None) -> tuple[Registry, Features]:
        claims: list[Claim] = []
        features: Features = {}
        docs = []
        for name in self.names:
            entry = self.manifest[name]
            if entry[8] is not None:
                docs.append(SourceDoc(*entry[8]))
            if places is not None and not entry[7] and not places.intersection(entry[6]):
                continue  # no claim of this file is in scope
            for packed in self._blob(name):
                claim, feature = _unpack(packed)
                if places is None or claim.place is None or claim.place in places:
                    claims.append(claim)
                    features[claim.id] = feature
        return Registry(root=str(self.root), docs=tuple(docs), claims=tuple(claims), texts={}), features

    def _blob(self, name: str) -> list:
        path = self.folder / f"{self.manifest[name][4]}.marshal"
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError):
            # removed or damaged behind our back: parse that claims file again
            path.unlink(missing_ok=True)
            self.manifest = self._refresh(force=True)
            return marshal.loads((self.folder / f"{self.manifest[name][4]}.marshal").read_bytes())

    # --- keeping the index in step with the files ----------------------------------------

    def _read_manifest(self) -> dict[str, tuple]:
        try:
            data = marshal.loads((self.folder / "manifest.marshal").read_bytes())
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError, EOFError):
            return {}

    def _refresh(self, force: bool = False) -> dict[str, tuple]:
        manifest = self._read_manifest()
        if not force and not self._stale(manifest):
            return manifest
        self.folder.mkdir(parents=True, exist_ok=True)
        with _locked(self.folder / "lock"):
            manifest = self._read_manifest()  # another process may have done the work
            stale = self._stale(manifest, force)
            if stale:
                manifest = self._update(manifest, *stale)
        return manifest

    def _stale(self, manifest: dict[str, tuple], force: bool = False) -> tuple[list[int], list[str], dict] | None:
        """(positions of the files to look at again, names of files gone, their stats)."""
        changed, stats = [], {}
        for n, (file, name) in enumerate(zip(self.files, self.names, strict=True)):
            st = file.stat()
            stats[name] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            old = manifest.get(name)
            missing = force and old is not None and not (self.folder / f"{old[4]}.marshal").is_file()
            if old is None or missing or old[:4] != stats[name] or max(st.st_mtime_ns, st.st_ctime_ns) >= old[5] - RACY_NS:
                changed.append(n)
        gone = [name for name in manifest if name not in stats]
        return (changed, gone, stats) if changed or gone else None

    def _update(self, manifest: dict[str, tuple], changed: list[int], gone: list[str], stats: dict) -> dict[str, tuple]:
        now = time.time_ns()
        manifest = {k: v for k, v in manifest.items() if k not in gone}
        to_parse = []
        for n in changed:
            name = self.names[n]
            text = registries.read(self.files[n])
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            old = manifest.get(name)
            if old is not None and old[4] == sha and (self.folder / f"{sha}.marshal").is_file():
                manifest[name] = (*stats[name], sha, now, *old[6:])  # touched or checked out again
            else:
                to_parse.append((n, name, text, sha))
        parsed = _parse_all([(name, text) for _, name, text, _ in to_parse])
        problems: list[Problem] = []
        for (_, name, _, sha), (doc, claims, file_problems) in zip(to_parse, parsed, strict=True):
            problems += file_problems
            write_atomic(self.folder / f"{sha}.marshal", marshal.dumps([_pack(c, f) for c, f in claims]))
            places = tuple(sorted({c.place for c, _ in claims if c.place}))
            unplaced = any(c.place is None for c, _ in claims)
            manifest[name] = (*stats[name], sha, now, places, unplaced, _doc_tuple(doc))
        problems += self._duplicates(manifest, {name for _, name, _, _ in to_parse}, parsed)
        if problems:
            raise RegistryError(str(problems[0]), problems)
        write_atomic(self.folder / "manifest.marshal", marshal.dumps(manifest))
        self._collect(manifest)
        return manifest

    def _duplicates(self, manifest: dict[str, tuple], renewed: set[str], parsed: list) -> list[Problem]:
        """Ids defined twice, the new claims against every other file's (kept in ids.marshal)."""
        path = self.folder / "ids.marshal"
        try:
            ids: dict[str, tuple[str, int]] = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError):
            ids = {}
        if not ids or any(name not in manifest for name, _ in ids.values()):
            ids = {}
            renewed = set(manifest)  # rebuild the whole table
            parsed = [(None, [(c, None) for c in _claims_of(self, manifest[name])], []) for name in self.names
                      if name in manifest]  # fmt: skip
        else:
            ids = {cid: where for cid, where in ids.items() if where[0] not in renewed}
        problems = []
        for _, claims, _ in parsed:
            for claim, _ in claims:
                first = ids.get(claim.id)
                if first is not None:
                    problems.append(Problem(claim.defined_in, claim.defined_line, f"duplicate id {claim.id!r} "
                                            f"(first defined at {first[0]}:{first[1]})", claim.id))  # fmt: skip
                else:
                    ids[claim.id] = (claim.defined_in, claim.defined_line)
        if not problems:
            write_atomic(path, marshal.dumps(ids))
        return problems

    def _collect(self, manifest: dict[str, tuple]) -> None:
        """Remove parsed files that no claims file has any more (under the lock)."""
        wanted = {f"{entry[4]}.marshal" for entry in manifest.values()} | {"manifest.marshal", "ids.marshal", "lock"}
        for path in self.folder.iterdir():
            if path.name not in wanted and not path.name.startswith("."):
                path.unlink(missing_ok=True)


def _claims_of(indexed: _Indexed, entry: tuple) -> list[Claim]:
    try:
        return [_unpack(p)[0] for p in marshal.loads((indexed.folder / f"{entry[4]}.marshal").read_bytes())]
    except (OSError, ValueError, EOFError):
        return []


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between processes that update the same index (Unix); readers
    need none, because every file is replaced whole."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: atomic renames alone keep it consistent
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _parse_all(files: list[tuple[str, str]]) -> list[tuple[SourceDoc | None, list, list[Problem]]]:
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_parse(item) for item in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(mp_context=context) as pool:
        return list(pool.map(_parse, files, chunksize=8))


def _parse(item: tuple[str, str]) -> tuple[SourceDoc | None, list, list[Problem]]:
    """One claims file: its source header, its claims with alignment features, problems."""
    from . import align, yamlio

    name, text = item
    doc, claims, problems = registries.parse_file(yamlio.load(text, name), name)
    return doc, [(c, align.features_of(c)) for c in claims], problems


def _code_key() -> str:
    """Changes whenever the code that parses claims or derives their features does."""
    here = Path(__file__).parent
    parts = [__version__, str(FORMAT)]
    for name in ("index.py", "registry.py", "model.py", "lexicon.py", "align.py", "places.py", "yamlio.py"):
        st = (here / name).stat()
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


# --- packing claims into rows: marshal is ~30x faster to read than YAML ---------------------


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return ("D", str(value))
    if isinstance(value, tuple):
        return ("T", tuple(_value(v) for v in value))
    return value


def _unvalue(value: Any) -> Any:
    if isinstance(value, tuple):
        return Decimal(value[1]) if value[0] == "D" else tuple(_unvalue(v) for v in value[1])
    return value


_FIELDS = tuple(Claim.__dataclass_fields__)


def _pack(claim: Claim, feature: Feature) -> tuple:
    fields = [getattr(claim, f) for f in _FIELDS]
    fields[_FIELDS.index("value")] = _value(claim.value)
    period = claim.period
    fields[_FIELDS.index("period")] = (period.start, period.end, period.cumulative) if period else None
    concepts, events, head = feature
    return (tuple(fields), tuple(sorted(concepts)), tuple(sorted(events)), head)


_VALUE, _PERIOD = _FIELDS.index("value"), _FIELDS.index("period")


def _unpack(packed: tuple) -> tuple[Claim, Feature]:
    fields, concepts, events, head = packed
    fields = list(fields)
    fields[_VALUE] = _unvalue(fields[_VALUE])
    if fields[_PERIOD] is not None:
        fields[_PERIOD] = Period(*fields[_PERIOD])
    return Claim(*fields), (frozenset(concepts), frozenset(events), head)


def _doc_tuple(doc: SourceDoc | None) -> tuple | None:
    return None if doc is None else tuple(getattr(doc, f) for f in SourceDoc.__dataclass_fields__)

