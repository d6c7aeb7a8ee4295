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

import marshal
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tipcheck.errors import RegistryError
from tipcheck.model import Claim, Problem, Registry, SourceDoc
from tipcheck.registry import indexfiles as files
from tipcheck.registry import load as registries
from tipcheck.registry import parse
from tipcheck.registry.packing import Feature, _doc_tuple, _pack, _unpack, shared
from tipcheck.support import cache, locks
from tipcheck.support.files import write_atomic

FORMAT = files.FORMAT
RACY_NS = 2_000_000_000  # coarse file systems keep mtimes to 1-2 s
PARALLEL_FROM = 64  # changed files from which parsing uses every core

Features = dict[str, Feature]
Derive = Callable[[Claim], Feature]


class Damaged(Exception):
    """An index file that reads but is not what this code wrote: the YAML is read instead."""


class Claims:
    """The registries a configuration names, for `verify`: scoped loads, cached or not."""

    def __init__(
        self,
        paths: list[Path],
        bundled: bool,
        cached: bool | None = None,
        derive: Derive | None = None,
        derive_key: str = "",
    ) -> None:
        roots: list[Path | None] = ([None] if bundled else []) + list(paths)
        if not roots:
            raise RegistryError("no registry to check against: give --registry, or enable the bundled one")
        self.bundled = bundled
        self._paths = list(paths)
        folder = cache.directory() if cached is not False else None
        self._memory: Registry | None = None
        self._parts: list[_Indexed] = []
        if folder is not None:
            try:
                self._parts = [_Indexed(root, folder, derive, derive_key) for root in roots]
            except OSError:
                # An unusable cache (a file in its place, a read-only or full disk) costs
                # speed, never a run: read the YAML instead.
                self._parts, folder = [], None
        if folder is None:
            self._memory = registries.load_all(list(paths), bundled)

    @property
    def has_places(self) -> bool:
        if self._memory is not None:
            return any(c.place for c in self._memory.claims)
        return any(part.has_places() for part in self._parts)

    def source_files(self) -> frozenset[Path]:
        """The source documents the registries' claims files name, resolved: never drafts."""
        found: set[Path] = set()
        if self._memory is not None:
            docs = [(Path(self._memory.root), d.file) for d in self._memory.docs]
        else:
            docs = [
                (part.root, SourceDoc(*e[8]).file)
                for part in self._parts
                for e in part.manifest.values()
                if e[8]
            ]
        for root, file in docs:
            try:
                found.add((root / file).resolve())
            except (OSError, RuntimeError):
                continue
        return frozenset(found)

    def indexed_files(self) -> tuple[str, list[tuple[Path, tuple[str, ...], bool, tuple | None, int]]] | None:
        """For a snapshot, without loading a claim: the registry root and, per claims file
        in order, (its packed claims' file, its places, whether it has unplaced claims, its
        source document, its unreviewed claims). None unless one registry, indexed."""
        if self._memory is not None or len(self._parts) != 1:
            return None
        part = self._parts[0]
        entries = [part.manifest[name] for name in part.names]
        return str(part.root), [(part.folder / f"{e[4]}.marshal", e[6], e[7], e[8], e[9]) for e in entries]

    def scope(self, places: frozenset[str] | None) -> tuple[Registry, Features | None]:
        """The claims of these places and those with none (all claims for None), and
        their alignment features where the index has them."""
        if self._memory is not None:
            return scoped(self._memory, places), None
        try:
            loaded = [part.load(places) for part in self._parts]
        except Damaged:
            # the cache can make a run faster, never different: read the claims files
            for part in self._parts:
                shutil.rmtree(part.folder, ignore_errors=True)
            self._memory, self._parts = registries.load_all(self._paths, self.bundled), []
            return scoped(self._memory, places), None
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

    def __init__(
        self, root_arg: Path | None, folder: Path, derive: Derive | None, derive_key: str = ""
    ) -> None:
        self.root, self.files = registries.locate(root_arg)
        self.derive = derive
        prefix = (
            len(str(self.files[0].parent.parent)) + 1
            if self.files and self.files[0].parent.parent == self.root
            else 0
        )
        # the names display() gives, without resolving thousands of paths
        self.names = [str(f)[prefix:] if prefix else registries.display(f, self.root) for f in self.files]
        # `derive_key` tells apart what one function derives under other settings (a
        # registry's own vocabulary): its features are stored apart
        function = getattr(derive, "func", derive)  # a functools.partial names its function
        derived = f"{function.__module__}.{function.__qualname__}{derive_key}" if function else ""
        key = files.short_hash(f"{self.root.resolve()}|{files.code_key()}|{derived}")
        self.folder = folder / f"registry-{key}"
        self.manifest = self._refresh()

    def has_places(self) -> bool:
        return any(entry[6] for entry in self.manifest.values())

    def load(self, places: frozenset[str] | None) -> tuple[Registry, Features]:
        claims: list[Claim] = []
        features: Features = {}
        docs = []
        unreviewed = 0
        periods: dict = {}
        for name in self.names:
            entry = self.manifest[name]
            try:
                if entry[8] is not None:
                    docs.append(SourceDoc(*entry[8]))
                if places is not None and not entry[7] and not places.intersection(entry[6]):
                    continue  # no claim of this file is in scope
                unreviewed += entry[9]  # an upper bound where places leave some out: a filter pass
                for packed in self._blob(name):
                    claim, feature = _unpack(packed, periods)
                    if places is None or claim.place is None or claim.place in places:
                        claims.append(claim)
                        if feature is not None:
                            features[claim.id] = feature
            except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
                # valid marshal of the wrong shape: not what this code wrote
                raise Damaged(f"{self.folder}: {name}") from exc
        registry = Registry(
            root=str(self.root), docs=tuple(docs), claims=tuple(claims), texts={}, unreviewed=unreviewed
        )
        return registry, features

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
        """The manifest, or {} (a rebuild) when it is missing, damaged or not of the shape
        this code writes: an entry's hash names a file inside the folder, nothing else."""
        try:
            data = marshal.loads((self.folder / "manifest.marshal").read_bytes())
        except (OSError, ValueError, EOFError):
            return {}
        if not isinstance(data, dict) or not all(files.entry_ok(k, v) for k, v in data.items()):
            return {}
        return data

    def _refresh(self, force: bool = False) -> dict[str, tuple]:
        manifest = self._read_manifest()
        if not force and not self._stale(manifest):
            return manifest
        if not self.folder.is_dir():
            files.prune(self.folder.parent)
        self.folder.mkdir(parents=True, exist_ok=True)
        with locks.locked(self.folder / "lock"):
            manifest = self._read_manifest()  # another process may have done the work
            stale = self._stale(manifest, force)
            if stale:
                manifest = self._update(manifest, *stale)
        return manifest

    def _stale(
        self, manifest: dict[str, tuple], force: bool = False
    ) -> tuple[list[int], list[str], dict] | None:
        """(positions of the files to look at again, names of files gone, their stats)."""
        changed, stats = [], {}
        for n, (file, name) in enumerate(zip(self.files, self.names, strict=True)):
            st = file.stat()
            stats[name] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            old = manifest.get(name)
            missing = force and old is not None and not (self.folder / f"{old[4]}.marshal").is_file()
            if (
                old is None
                or missing
                or old[:4] != stats[name]
                or max(st.st_mtime_ns, st.st_ctime_ns) >= old[5] - RACY_NS
            ):
                changed.append(n)
        gone = [name for name in manifest if name not in stats]
        return (changed, gone, stats) if changed or gone else None

    def _update(
        self, manifest: dict[str, tuple], changed: list[int], gone: list[str], stats: dict
    ) -> dict[str, tuple]:
        now = time.time_ns()
        manifest = {k: v for k, v in manifest.items() if k not in gone}
        jobs = []
        for n in changed:
            old = manifest.get(self.names[n])
            known = old[4] if old is not None else None
            jobs.append((self.folder, self.names[n], self.files[n], known, self.derive))
        problems: list[Problem] = []
        renewed: dict[str, list] = {}
        for (_, name, _, _, _), (sha, summary) in zip(jobs, _parse_all(jobs), strict=True):
            if summary is None:  # touched, or checked out again: the same content
                manifest[name] = (*stats[name], sha, now, *manifest[name][6:])
                continue
            doc, places, unplaced, renewed[name], file_problems, unreviewed = summary
            problems += file_problems
            manifest[name] = (*stats[name], sha, now, places, unplaced, doc, unreviewed)
        if renewed or gone:  # files touched with the same content change no id
            problems += self._duplicates(manifest, renewed)
        if problems:
            raise RegistryError(str(problems[0]), problems)
        write_atomic(self.folder / "manifest.marshal", marshal.dumps(manifest))
        self._collect(manifest)
        return manifest

    def _duplicates(
        self, manifest: dict[str, tuple], renewed: dict[str, list], again: bool = True
    ) -> list[Problem]:
        """Ids defined twice: the new files' against every other file's.

        The table of ids lives in SQLite (only writers open it): checking one changed file
        against a million ids then costs milliseconds, not a load of the whole table."""
        import sqlite3

        def every() -> dict[str, list]:
            return {name: [(c.id, c.defined_line) for c in self._claims(manifest[name])] for name in manifest}

        try:
            db = sqlite3.connect(self.folder / "ids.sqlite", isolation_level=None)
        except sqlite3.DatabaseError:
            return files.duplicates_in_memory(self.names, every() | renewed)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS ids (id TEXT PRIMARY KEY, file TEXT, line INT)")
            db.execute("CREATE INDEX IF NOT EXISTS ids_file ON ids (file)")
            db.execute("BEGIN")
            known = {row[0] for row in db.execute("SELECT DISTINCT file FROM ids")}
            for name in known - set(manifest):  # claims files removed
                db.execute("DELETE FROM ids WHERE file = ?", (name,))
            if set(manifest) - known - set(renewed):
                db.execute("DELETE FROM ids")  # out of step (lost or damaged): fill it again
                renewed = {name: [(c.id, c.defined_line) for c in self._claims(manifest[name])]
                           for name in manifest} | renewed  # fmt: skip
            for name in renewed:
                db.execute("DELETE FROM ids WHERE file = ?", (name,))
            problems = []
            for name in self.names:
                for cid, line in renewed.get(name, ()):
                    first = db.execute("SELECT file, line FROM ids WHERE id = ?", (cid,)).fetchone()
                    if first is not None:
                        problems.append(Problem(name, line, f"duplicate id {cid!r} (first defined at "
                                                f"{first[0]}:{first[1]})", cid))  # fmt: skip
                    else:
                        db.execute("INSERT INTO ids VALUES (?, ?, ?)", (cid, name, line))
            db.execute("ROLLBACK" if problems else "COMMIT")
            return problems
        except sqlite3.DatabaseError:
            db.close()
            (self.folder / "ids.sqlite").unlink(missing_ok=True)  # damaged: it is derived data
            if again:
                return self._duplicates(manifest, every() | renewed, again=False)
            return files.duplicates_in_memory(self.names, every() | renewed)  # a full disk, say
        finally:
            db.close()

    def _claims(self, entry: tuple) -> list[Claim]:
        try:
            return [_unpack(p)[0] for p in marshal.loads((self.folder / f"{entry[4]}.marshal").read_bytes())]
        except (OSError, ValueError, EOFError):
            return []

    def _collect(self, manifest: dict[str, tuple]) -> None:
        """Remove parsed files that no claims file has any more (under the lock)."""
        wanted = {f"{entry[4]}.marshal" for entry in manifest.values()} | {
            "manifest.marshal",
            "ids.sqlite",
            "lock",
        }
        for path in self.folder.iterdir():
            if path.name not in wanted and not path.name.startswith("."):
                path.unlink(missing_ok=True)


Summary = tuple  # (doc, places, has unplaced claims, [(id, line)], problems)
# (index folder, name, claims file, content hash known, what to derive from each claim)
Job = tuple[Path, str, Path, "str | None", "Derive | None"]


def _parse_all(jobs: list[Job]) -> list[tuple[str, Summary | None]]:
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_parse(job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        mp_context=context, initializer=locks.start_worker, initargs=(locks.held(),)
    ) as pool:
        return list(pool.map(_parse, jobs, chunksize=4))


def _parse(job: Job) -> tuple[str, Summary | None]:
    """Hash one claims file and, if its content is new, parse it and write its claims with
    their alignment features to the index. Returns the hash and only what the manifest
    needs (None for content already indexed), so that a full build stays small."""
    from tipcheck.registry import yamlio

    folder, name, path, known, derive = job
    text = registries.read(path)
    sha = files.sha256(text)
    if sha == known and (folder / f"{sha}.marshal").is_file():
        return sha, None
    doc, claims, problems = parse.parse_file(yamlio.load(text, name), name)
    if not problems:
        packed = shared([_pack(c, derive(c) if derive else None) for c in claims])
        write_atomic(folder / f"{sha}.marshal", marshal.dumps(packed))
    places = tuple(sorted({c.place for c in claims if c.place}))
    unplaced = any(c.place is None for c in claims)
    unreviewed = sum(1 for c in claims if c.review is not None)
    return sha, (
        _doc_tuple(doc),
        places,
        unplaced,
        [(c.id, c.defined_line) for c in claims],
        problems,
        unreviewed,
    )
