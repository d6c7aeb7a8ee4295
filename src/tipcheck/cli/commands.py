"""The commands that read the registry or a configuration: config, audit, list, show,
extract, check-registry and reanchor. Each takes the parsed options and returns its exit
status; errors the user can fix are raised as `TipcheckError`."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tipcheck.cli.console import emit, err, out, resolved, rich_console
from tipcheck.errors import ConfigError, InputError, TipcheckError


def show_config(args: SimpleNamespace) -> int:
    from tipcheck.registry import yamlio
    from tipcheck.verify import config

    if args.path is not None and not args.path.exists():
        raise InputError(f"{args.path}: no such file or folder")
    cfg = config.for_path(args.path or Path.cwd(), args.config_file, args.isolated)
    cfg = config.override(cfg, registries=args.registry_paths, bundled=args.bundled, strict=args.strict)
    out(f"# configuration file: {cfg.file or 'none (defaults)'}")
    for key in sorted(cfg.origins):
        out(f"# {key}: from {cfg.origins[key]}")
    out(yamlio.dump({k: v for k, v in cfg.as_dict().items() if k != "file"}), end="")
    return 0


def audit(args: SimpleNamespace) -> int:
    from tipcheck import audit as auditing
    from tipcheck.render import audit as render

    known = [c.id for c in auditing.ALL]
    for name in args.check or []:
        if name not in known:
            raise ConfigError(f"--check: unknown check {name!r} (one of: {', '.join(known)})")
    reg = _registry(args)
    issues = auditing.run(reg, tuple(args.check or ()))
    emit(
        resolved(args.fmt or "text"),
        as_json=lambda: render.as_json(issues, reg),
        rows=lambda: (render.rows(issues, reg), render.rules()),
        text=lambda: render.as_text(issues, reg),
        summary=lambda: render.summary(issues),
    )
    failing = {"error"} | ({"warning"} if args.strict else set())
    return 1 if any(i.severity in failing for i in issues) else 0


def list_claims(args: SimpleNamespace) -> int:
    from datetime import date

    from tipcheck.render import output

    reg = _registry(args)
    claims = list(reg.claims)
    if args.year is not None:
        first, last = date(args.year, 1, 1), date(args.year, 12, 31)
        claims = [c for c in claims if (w := c.when()) is not None and w[0] <= last and first <= w[1]]
    if args.metric:
        words = args.metric.lower().split()
        claims = [c for c in claims if all(w in c.metric.lower() for w in words)]
    if args.source:
        claims = [c for c in claims if args.source in c.file]
    if args.kind:
        claims = [c for c in claims if c.kind == args.kind]
    if args.fmt == "json":
        out(output.claims_json(claims))
    elif args.fmt == "yaml":
        out(output.claims_yaml(claims), end="")
    elif args.fmt == "csv":
        out(output.claims_csv(claims), end="")
    else:
        console = rich_console()
        console.print(output.claims_table(claims))
        console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")
    return 0


def show(args: SimpleNamespace) -> int:
    from tipcheck.render import output

    reg = _registry(args)
    claim = reg.get(args.claim_id)
    if claim is None:
        close = [c.id for c in reg.claims if args.claim_id in c.id][:5]
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise TipcheckError(f"no claim with id {args.claim_id!r}{hint}")
    if args.fmt == "json":
        from tipcheck.support.stable_json import dump_json

        out(dump_json(output.claim_dict(claim)))
        return 0
    console = rich_console()
    for renderable in output.claim_detail(reg, claim):
        console.print(renderable)
    return 0


def extract(args: SimpleNamespace) -> int:
    from tipcheck.figures import extract as extractor
    from tipcheck.render import output
    from tipcheck.support.files import read_text

    text = read_text(args.file)
    published = args.published
    if published is None:
        from tipcheck.text import datelines, document

        published = document.mask(text)[1] or datelines.dateline(text)
        if published is not None:
            err(f"note: {args.file} is dated {published} by its own text; give --published to say otherwise")
    figures = extractor.figures(text, published)
    source = str(args.file)
    if args.out is not None and source != "-" and args.out.resolve().parent.name == "claims":
        # a claims file names its source relative to its registry's root (the folder above
        # claims/), wherever the command is run from
        root = args.out.resolve().parent.parent
        source = Path(os.path.relpath(Path(args.file).resolve(), root)).as_posix()
        if source.startswith("../"):
            err(
                f"note: {args.file} is outside the registry {root}; put the source under it before check-registry"
            )
    result = output.proposal(figures, source, text, published, args.fmt)
    if args.out is None:
        out(result, end="")
        return 0
    from tipcheck.support.files import write_atomic

    folder = args.out.parent
    if folder.name == "claims" and not folder.exists() and folder.parent.is_dir():
        # a new registry's first source: its claims/ folder is part of what was asked for
        # (any other missing folder is more likely a typing slip, and an error below)
        try:
            folder.mkdir()
        except OSError as exc:
            raise TipcheckError(f"{folder}: cannot create: {exc.strerror}") from None
        err(f"note: created {folder}/")
    try:
        write_atomic(args.out, result.encode("utf-8"), durable=True, replace=False)
    except FileExistsError:
        raise TipcheckError(f"{args.out}: already exists; tipcheck never overwrites a claims file") from None
    except OSError as exc:
        raise TipcheckError(f"{args.out}: cannot write: {exc.strerror}") from None
    err(f"wrote {len(figures)} proposed claim{'s' if len(figures) != 1 else ''} to {args.out}")
    return 0


def check_registry(args: SimpleNamespace) -> int:
    from tipcheck.errors import RegistryError
    from tipcheck.registry import check as checks
    from tipcheck.registry import load as registry
    from tipcheck.verify import config

    cfg = config.override(config.for_path(Path.cwd(), args.config_file), registries=args.registry_paths,
                          bundled=args.bundled)  # fmt: skip
    paths = [Path(p) for p in cfg.registries]
    for path in paths:
        registry.locate(path)  # a missing registry is a usage error (2)
    problems: list[object]
    try:
        reg = registry.load_all(paths, cfg.bundled)
        problems = list(checks.check(reg))
    except RegistryError as exc:
        problems = exc.problems or [exc]
        reg = None

    from tipcheck.match import lexicon

    words = lexicon.files([registry.locate(p)[0] for p in paths], cfg.vocabulary)
    try:
        added = lexicon.build(words).extra
    except RegistryError as exc:
        problems, added = [*problems, exc], ()
    from tipcheck.render.ansi import printable

    roots = [registry.locate(p)[0] for p in paths]
    for problem in problems:
        out(printable(_from_here(problem, roots)))
    if problems:
        err(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the registry")
        return 1
    count = len(reg.claims) if reg else 0
    concepts = sum(len(lines) for _, lines in added)
    extra = f"; {concepts} vocabulary line{'s' if concepts != 1 else ''} of its own" if added else ""
    err(f"registry ok: {count} claims in {len(reg.docs) if reg else 0} source documents{extra}")
    return 0


def _from_here(problem: object, roots: list[Path]) -> str:
    """A registry problem with its file named from where the user is ('newsroom/claims/a.yaml:6'),
    not from the registry's root, when the file is one of these registries'."""
    file = getattr(problem, "file", None)
    if isinstance(file, str) and not os.path.isabs(file):
        for root in roots:
            if (root / file).is_file():
                shown = os.path.relpath(root / file)
                return (
                    f"{shown if not shown.startswith('../../') else root / file}{str(problem)[len(file) :]}"
                )
    return str(problem)


def reanchor(args: SimpleNamespace) -> int:
    from tipcheck.registry import reanchor as anchors
    from tipcheck.support.files import write_atomic

    reg = _registry(args)
    found = anchors.plan(reg)
    for move in found.moves:
        c = move.claim
        out(f"{c.defined_in}:{c.defined_line}: claim {c.id!r}: quote {c.quote!r} moves from offset "
            f"{c.start} to {move.start} (line {move.line})")  # fmt: skip
    for left in found.stale:
        c = left.claim
        out(f"{c.defined_in}:{c.defined_line}: claim {c.id!r}: stays stale: {left.why}")
    if args.write and found.moves:
        root = Path(reg.root)
        names = {m.claim.defined_in for m in found.moves}
        texts = {name: (root / name).read_text(encoding="utf-8") for name in names}
        for name, text in anchors.apply(found, texts).items():
            write_atomic(root / name, text.encode("utf-8"), durable=True)
        err(f"moved {len(found.moves)} claim{'s' if len(found.moves) != 1 else ''}; "
            f"{len(found.stale)} left stale")  # fmt: skip
    elif found.moves:
        err(f"would move {len(found.moves)} claim{'s' if len(found.moves) != 1 else ''} (run with --write); "
            f"{len(found.stale)} left stale")  # fmt: skip
    else:
        err(f"nothing to move; {len(found.stale)} left stale")
    return 1 if found.stale or (found.moves and not args.write) else 0


def _registry(args: SimpleNamespace) -> Any:
    """The registry the configuration found from here (or the flags) asks for."""
    from tipcheck.registry import load as registry
    from tipcheck.verify import config

    cfg = config.override(config.for_path(Path.cwd(), args.config_file), registries=args.registry_paths,
                          bundled=args.bundled)  # fmt: skip
    return registry.load_all([Path(p) for p in cfg.registries], cfg.bundled)
