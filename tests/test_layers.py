"""The package's layers: no module imports upward or sideways.

The rules are the tables below. `edges` reads every `import` and `from ... import` of
src/tipcheck with `ast`, those inside functions and under `if TYPE_CHECKING:` included
(a lazy import is still a dependency), and `violations` names each one the tables forbid.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tipcheck"

# Lowest first. A unit is a set of paths under src/tipcheck ("x/" is a folder and all in
# it, "x.py" one module). A module may import its own unit and any unit of a lower row;
# units on the same row are siblings and may not import each other.
LAYERS: tuple[dict[str, tuple[str, ...]], ...] = (
    {"base": ("__init__.py", "model.py", "errors.py", "thresholds.py", "support/")},
    {"text": ("text/",)},
    {"figures": ("figures/",)},
    {"registry": ("registry/",)},
    {"match": ("match/",)},
    {"verify": ("verify/",), "audit": ("audit/",)},  # siblings over match: shared arithmetic goes in match/
    {"render": ("render/",)},
    {"api": ("api.py",)},
    {"archive": ("archive/",), "lsp": ("lsp/",)},  # siblings over the library API
    {"cli": ("cli/", "__main__.py")},
)

# Imports forbidden even where the layers allow them: (importer, imported, why).
_REGEXES = "checks must not re-read the text with the extractor's regexes"
FORBIDDEN: tuple[tuple[str, str, str], ...] = (
    ("verify/checks/", "figures/extract.py", _REGEXES),
    ("verify/checks/", "figures/spans.py", _REGEXES),
    ("verify/checks/", "figures/blockers.py", _REGEXES),
)

# The rules above in words, each implied by LAYERS (test_the_checker_flags_bad_edges holds
# them to it): the core (all but render, cli, __main__) never imports render or cli; text
# imports only base and text; audit never imports verify (nor verify audit).


def _relative(module: str) -> str:
    """tipcheck.verify.checks.base -> verify.checks.base; tipcheck -> ''."""
    return module.removeprefix("tipcheck").removeprefix(".")


def _covers(path: str, module: str) -> bool:
    """Whether a LAYERS/FORBIDDEN path names this module."""
    rel = _relative(module)
    if path.endswith("/"):
        folder = path.rstrip("/").replace("/", ".")
        return rel == folder or rel.startswith(folder + ".")
    name = path.removesuffix(".py").replace("/", ".")
    return rel == ("" if name == "__init__" else name)


def unit_of(module: str) -> tuple[int, str] | None:
    """(row in LAYERS, unit name) of a tipcheck module, None if no unit names it."""
    for rank, row in enumerate(LAYERS):
        for unit, paths in row.items():
            if any(_covers(p, module) for p in paths):
                return rank, unit
    return None


def violations(imports: Iterable[tuple[str, str, int]]) -> list[str]:
    """'module -> imported module (line N): why' for each import the rules forbid, given
    (importer, imported, line) triples of dotted module names."""
    found = []
    for importer, imported, line in imports:
        if imported != "tipcheck" and not imported.startswith("tipcheck."):
            continue  # the standard library and third-party packages
        why = []
        mine, theirs = unit_of(importer), unit_of(imported)
        if mine is None or theirs is None:
            why.append(f"{importer if mine is None else imported} is in no layer")
        elif mine[1] != theirs[1]:
            if theirs[0] > mine[0]:
                why.append(f"upward ({mine[1]} imports {theirs[1]})")
            elif theirs[0] == mine[0]:
                why.append(f"sideways ({mine[1]} and {theirs[1]} are siblings)")
        why += [reason for src, dst, reason in FORBIDDEN if _covers(src, importer) and _covers(dst, imported)]
        if why:
            found.append(f"{importer} -> {imported} (line {line}): {'; '.join(why)}")
    return found


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = ("tipcheck", *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def edges(root: Path = PACKAGE) -> list[tuple[str, str, int]]:
    """Every import of every module under root, as (importer, imported, line)."""
    files = sorted(root.rglob("*.py"))
    modules = {module_name(f, root) for f in files}
    found = []
    for file in files:
        importer = module_name(file, root)
        package = importer if file.name == "__init__.py" else importer.rpartition(".")[0]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
            if isinstance(node, ast.Import):
                found += [(importer, alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: `from . import x`, `from ..a import b`
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    # `from tipcheck.verify import checks` imports the module tipcheck.verify.checks
                    target = f"{source}.{alias.name}"
                    found.append((importer, target if target in modules else source, node.lineno))
    return sorted(set(found), key=lambda e: (e[0], e[2], e[1]))


def test_every_module_is_in_a_layer() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert files
    assert [module_name(f) for f in files if unit_of(module_name(f)) is None] == []


def test_no_import_runs_up_or_sideways() -> None:
    found = violations(edges())
    assert not found, f"{len(found)} imports against the layers:\n" + "\n".join(found)


def test_the_checker_flags_bad_edges(tmp_path: Path) -> None:
    legal = [
        ("tipcheck.verify.engine", "tipcheck.match.align", 1),
        ("tipcheck.audit.derived", "tipcheck.match.intervals", 2),
        ("tipcheck.match.align", "tipcheck.registry.load", 3),
        ("tipcheck.registry.load", "tipcheck.text.places", 4),
        ("tipcheck.text.document", "tipcheck.support.regex_cache", 5),
        ("tipcheck.verify.checks.value", "tipcheck.verify.engine", 6),  # its own folder
        ("tipcheck.verify.checks.value", "tipcheck.figures.numbers", 7),
        ("tipcheck.render.audit", "tipcheck.audit.base", 8),
        ("tipcheck.__main__", "tipcheck.cli", 9),
        ("tipcheck.registry.index", "tipcheck", 10),
        ("tipcheck.match.align", "re", 11),
    ]
    bad = [
        ("tipcheck.figures.extract", "tipcheck.match.lexicon", 12),  # upward
        ("tipcheck.audit.derived", "tipcheck.verify.checks.percent", 13),  # sideways
        ("tipcheck.verify.review", "tipcheck.audit", 14),  # sideways
        ("tipcheck.text.inline", "tipcheck.figures.numbers", 15),  # text imports only base and text
        ("tipcheck.match.align", "tipcheck.render.formats", 16),  # the core never imports render
        ("tipcheck.verify.batch", "tipcheck.cli", 17),  # ... nor cli
        ("tipcheck.verify.checks.percent", "tipcheck.figures.spans", 18),  # FORBIDDEN
        ("tipcheck.model", "tipcheck.text", 19),  # base imports nothing above it
        ("tipcheck.newstage.thing", "tipcheck.model", 20),  # in no layer
    ]
    assert violations(legal) == []
    found = violations(bad)
    assert [int(v.split("(line ")[1].split(")")[0]) for v in found] == [e[2] for e in bad]
    assert found[0] == (
        "tipcheck.figures.extract -> tipcheck.match.lexicon (line 12): upward (figures imports match)"
    )
    assert found[1] == (
        "tipcheck.audit.derived -> tipcheck.verify.checks.percent (line 13): sideways (audit and verify are siblings)"
    )
    assert "extractor's regexes" in found[6] and found[6].startswith("tipcheck.verify.checks.percent -> ")

    # and the reader: lazy and TYPE_CHECKING imports count, relative ones are resolved
    pkg = tmp_path / "tipcheck"
    (pkg / "audit").mkdir(parents=True)
    (pkg / "verify" / "checks").mkdir(parents=True)
    for name in ("__init__", "model", "audit/__init__", "verify/__init__", "verify/checks/__init__"):
        (pkg / f"{name}.py").write_text("")
    (pkg / "verify" / "checks" / "base.py").write_text("x = 1\n")
    (pkg / "audit" / "derived.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from ..model import Claim\n"
        "if TYPE_CHECKING:\n"
        "    from tipcheck.verify.checks import base\n"
        "def f():\n"
        "    from ..verify import checks\n"
        "    import tipcheck.verify.checks.base\n"
    )
    assert [e for e in edges(pkg) if e[0] == "tipcheck.audit.derived"] == [
        ("tipcheck.audit.derived", "typing", 1),
        ("tipcheck.audit.derived", "tipcheck.model", 2),
        ("tipcheck.audit.derived", "tipcheck.verify.checks.base", 4),
        ("tipcheck.audit.derived", "tipcheck.verify.checks", 6),
        ("tipcheck.audit.derived", "tipcheck.verify.checks.base", 7),
    ]
    assert len(violations(edges(pkg))) == 3
