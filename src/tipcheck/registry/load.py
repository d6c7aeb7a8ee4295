"""Load, validate and locate the claims registry (`claims/*.yaml` over `seeds/`).

`load` parses strictly (each file by `registry.parse`): a malformed file, a wrong field or
a duplicate id is a RegistryError naming the file and line. `registry.check` then compares
the registry with its sources (stale quotes, spans, breakdowns) and returns problems; it
never edits a file.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from tipcheck.errors import RegistryError
from tipcheck.model import Claim, Problem, Registry, SourceDoc
from tipcheck.registry.check import check as check  # check-registry, importable here as before
from tipcheck.registry.parse import parse_file


def default_root() -> Path:
    """The bundled registry: this checkout's own, or the copy shipped inside the package."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1]
    if (checkout / "claims").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return package / "data"


def locate(path: Path | None) -> tuple[Path, list[Path]]:
    """The registry root (source paths resolve against it) and its claims files."""
    path = default_root() if path is None else path
    if path.is_file():
        if path.suffix not in (".yaml", ".yml"):
            raise RegistryError(
                f"{path}: not a registry (give a folder with claims/, or a claims .yaml file)"
            )
        return path.parent.parent, [path]
    if not path.is_dir():
        raise RegistryError(f"{path}: no such registry (give a directory or a claims file)")
    claims_dir = path / "claims" if (path / "claims").is_dir() else path
    root = path if claims_dir != path else path.parent
    # scandir and string sorting: pathlib's glob and Path comparisons cost ~100 ms on
    # a registry of thousands of files, on every run; and the listing already tells the
    # regular files, so only the others are looked at again for the reason
    with os.scandir(claims_dir) as entries:
        found = {
            e.name: _is_file(e)
            for e in entries
            if e.name.endswith((".yaml", ".yml")) and not e.name.startswith(".")
        }
    names = sorted(n for n in found if n.endswith(".yaml")) + sorted(n for n in found if n.endswith(".yml"))
    files = [claims_dir / n for n in names]
    from tipcheck.support.files import regular

    for name, file in zip(names, files, strict=True):
        why = None if found[name] else regular(file)  # a FIFO, a device, a dangling link: say which
        if why is not None:
            raise RegistryError(f"{file}: {why}")
    if not files:
        raise RegistryError(f"{claims_dir}: no claims files (*.yaml) in this registry")
    return root, files


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a symlink loop: `regular` says so
        return False


def load(path: Path | None = None) -> Registry:
    """Read every claims file of a registry and the source texts they point to."""
    from tipcheck.registry import yamlio  # not at the top: verify reads the index and never needs yaml

    root, files = locate(path)
    docs: list[SourceDoc] = []
    claims: list[Claim] = []
    problems: list[Problem] = []
    seen: dict[str, Claim] = {}
    for file in files:
        name = display(file, root)
        data = yamlio.load(read(file), name)
        doc, file_claims, file_problems = parse_file(data, name)
        problems += file_problems
        if doc is not None:
            docs.append(doc)
        for claim in file_claims:
            first = seen.get(claim.id)
            if first is not None:
                problems.append(
                    Problem(
                        name,
                        claim.defined_line,
                        f"duplicate id {claim.id!r} (first "
                        f"defined at {first.defined_in}:{first.defined_line})",
                        claim.id,
                    )
                )
                continue
            seen[claim.id] = claim
            claims.append(claim)
    if problems:
        raise RegistryError(str(problems[0]), problems)
    texts = {}
    for doc in docs:
        source = _inside(root, doc.file)
        if source is not None:
            texts[doc.file] = read(source)
    unreviewed = sum(1 for c in claims if c.review is not None)
    return Registry(
        root=str(root), docs=tuple(docs), claims=tuple(claims), texts=texts, unreviewed=unreviewed
    )


def load_all(paths: list[Path], bundled: bool) -> Registry:
    """Several registries as one: the bundled one (if asked for) and the given ones.

    Source files keep their names relative to their own registry root, except that two
    registries' files are told apart by the registry directory when their names collide.
    An id defined in two registries is a duplicate, as within one.
    """
    roots = ([None] if bundled else []) + list(paths)
    if not roots:
        raise RegistryError("no registry to check against: give --registry, or enable the bundled one")
    return combine([load(p) for p in roots], bundled)


def combine(loaded: list[Registry], bundled: bool) -> Registry:
    """Registries as one; the first is the bundled one when `bundled`."""
    if len(loaded) == 1:
        return loaded[0]
    claims: list[Claim] = []
    docs: list[SourceDoc] = []
    texts: dict[str, str] = {}
    seen: dict[str, Claim] = {}
    problems: list[Problem] = []
    for n, reg in enumerate(loaded):
        label = "bundled" if bundled and n == 0 else _relative(Path(reg.root))

        def rename(file: str, reg: Registry = reg, label: str = label) -> str:
            clash = any(file in other.texts or other.doc(file) for other in loaded if other is not reg)
            return f"{label}/{file}" if clash else file

        for doc in reg.docs:
            docs.append(replace(doc, file=rename(doc.file)))
        texts.update({rename(f): t for f, t in reg.texts.items()})
        for claim in reg.claims:
            first = seen.get(claim.id)
            if first is not None:
                problems.append(Problem(claim.defined_in, claim.defined_line,
                                        f"duplicate id {claim.id!r} (first defined at "
                                        f"{first.defined_in}:{first.defined_line})", claim.id))  # fmt: skip
                continue
            claim = replace(claim, file=rename(claim.file))
            seen[claim.id] = claim
            claims.append(claim)
    if problems:
        raise RegistryError(str(problems[0]), problems)
    unreviewed = sum(r.unreviewed for r in loaded)
    return Registry(
        root=loaded[-1].root, docs=tuple(docs), claims=tuple(claims), texts=texts, unreviewed=unreviewed
    )


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def display(file: Path, root: Path) -> str:
    try:
        return str(file.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(file)


def _inside(root: Path, relative: str) -> Path | None:
    """A source path resolved inside the registry root; None for one that escapes it, or
    one the system cannot look up (a NUL byte, a name too long, a symlink loop)."""
    try:
        target = (root / relative).resolve()
        return target if target.is_relative_to(root.resolve()) and target.is_file() else None
    except (OSError, ValueError, RuntimeError):
        return None


# A claims file is a few hundred claims; a source document a report. Neither comes near
# this, and reading (then parsing) a 200 MB file whole could take the machine's memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


def read(file: Path) -> str:
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RegistryError(f"{file}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise RegistryError(f"{file}: too large (over {MAX_FILE_BYTES // (1024 * 1024)} MB); split it into "
                            "several claims files")  # fmt: skip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RegistryError(f"{file}:{line}: not UTF-8 text (bad byte at offset "
                            f"{exc.start}); re-save it as UTF-8") from None  # fmt: skip
