"""The language server: pygls over stdio, `tipcheck verify`'s findings as diagnostics.

Each open draft is checked on open, on every change (the whole text: full sync, since a
check reads the whole draft anyway) and on save, with the configuration found from the
draft's own folder as the command line finds it. One `Checker` is kept per configuration
file, so the registry index is opened once and every later keystroke costs only the check.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from tipcheck import __version__
from tipcheck.api import Checker
from tipcheck.errors import TipcheckError
from tipcheck.lsp import features
from tipcheck.lsp.features import Checked
from tipcheck.lsp.positions import Lines
from tipcheck.model import Claim
from tipcheck.verify import config as configuration
from tipcheck.verify.batch import DRAFT_SUFFIXES

DRAFT_LANGUAGES = ("markdown", "plaintext", "text")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """The command line's overrides, applied to every configuration found (as `verify`
    applies its flags over each draft's file)."""

    registries: tuple[str, ...] = ()
    bundled: bool | None = None
    config: str | None = None
    isolated: bool = False
    strict: bool = False
    severity: tuple[tuple[str, str], ...] = ()


class _Setup:
    """A configuration's checker, with what the server asks of it besides checking: the
    registries' source documents (never drafts, and where evidence points)."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.sources = checker.source_files()
        from tipcheck.registry import load as registries

        cfg = checker.config
        named = [Path(p) for p in cfg.registries] + ([registries.default_root()] if cfg.bundled else [])
        self.roots = [registries.locate(p)[0].resolve() for p in named]

    def source_of(self, file: str) -> Path | None:
        """A claim's source document on disk. A claim names it relative to its registry's
        root, prefixed by the registry's label where two registries' names collide, so the
        name is tried whole and then without its leading folders."""
        parts = PurePosixPath(file).parts
        for i in range(len(parts)):
            for root in self.roots:
                candidate = root.joinpath(*parts[i:]).resolve()
                if candidate in self.sources:
                    return candidate
        return None


class TipcheckServer(LanguageServer):
    def __init__(self, settings: Settings) -> None:
        super().__init__("tipcheck", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.settings = settings
        # keyed by the configuration file and its modification time: an edited tipcheck.yaml
        # gets a new checker on the next change, without restarting the editor's server
        self.setups: dict[tuple[str | None, int], _Setup] = {}
        self.drafts: dict[str, Checked] = {}
        self._sources: dict[Path, tuple[int, str, Lines]] = {}

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def setup_for(self, folder: Path) -> _Setup:
        s = self.settings
        located = configuration.locate(folder, None if s.config is None else Path(s.config), s.isolated)
        try:
            stamp = located.stat().st_mtime_ns if located is not None else 0
        except OSError:
            stamp = 0  # a missing --config: the checker says so, as the command line does
        key = (None if located is None else str(located), stamp)
        if key not in self.setups:
            for old in [k for k in self.setups if k[0] == key[0]]:
                del self.setups[old]
            checker = Checker(
                registries=s.registries, bundled=s.bundled, config=located, root=folder,
                isolated=located is None, strict=s.strict, severity=dict(s.severity),
            )  # fmt: skip
            self.setups[key] = _Setup(checker)
        return self.setups[key]

    def check(self, uri: str, text: str, version: int | None) -> None:
        """Check one version of a draft and publish its diagnostics."""
        lines = Lines(text, self.encoding)
        path = _path_of(uri)
        name = str(path) if path is not None else uri
        report, found = None, []
        try:
            setup = self.setup_for(path.parent if path is not None else Path.cwd())
            skipped = path is not None and (
                setup.checker.config.excludes(path) or path.resolve() in setup.sources
            )
            if not skipped:
                report = setup.checker.check(text, path=name)
                checked = Checked(uri, lines, report)
                found = features.diagnostics(checked, lambda claim: self.locate(setup, claim))
        except TipcheckError as exc:
            found = [features.failure(str(exc), lines, name)]
        self.drafts[uri] = Checked(uri, lines, report)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        )

    def locate(self, setup: _Setup, claim: Claim) -> tuple[str, Lines] | None:
        """A claim's source document as a URI and its lines, read once per version of it."""
        path = setup.source_of(claim.file)
        if path is None:
            return None
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return None
        kept = self._sources.get(path)
        if kept is None or kept[0] != stamp:
            from tipcheck.registry import load as registries

            try:
                text = registries.read(path)
            except TipcheckError:
                return None
            kept = self._sources[path] = (
                stamp,
                from_fs_path(str(path)) or path.as_uri(),
                Lines(text, self.encoding),
            )
        return kept[1], kept[2]


def _path_of(uri: str) -> Path | None:
    """The file behind a file:// URI; None for an unsaved buffer (untitled:), which is then
    checked with the configuration of the server's own folder."""
    if not uri.startswith("file:"):
        return None
    found = to_fs_path(uri)
    return Path(found) if found else None


def is_draft(uri: str, language: str | None) -> bool:
    return (language or "").lower() in DRAFT_LANGUAGES or PurePosixPath(uri).suffix.lower() in DRAFT_SUFFIXES


def build(settings: Settings) -> TipcheckServer:
    server = TipcheckServer(settings)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TipcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        if is_draft(doc.uri, doc.language_id):
            ls.check(doc.uri, doc.text, doc.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TipcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in ls.drafts:  # only the drafts opened as Markdown or text
            ls.check(uri, ls.workspace.get_text_document(uri).source, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TipcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # a save can change the outcome without changing the text: a configuration or
        # claims file saved beside it is read again when its checker is
        uri = params.text_document.uri
        if uri in ls.drafts:
            doc = ls.workspace.get_text_document(uri)
            ls.check(uri, params.text if params.text is not None else doc.source, doc.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TipcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.drafts.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
    )
    def code_action(ls: TipcheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = ls.drafts.get(params.text_document.uri)
        return features.actions(doc, params) if doc is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: TipcheckServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.drafts.get(params.text_document.uri)
        return features.hover(doc, params.position.line, params.position.character) if doc else None

    return server


def serve(settings: Settings) -> None:
    """Speak LSP on standard input and output until the client says exit."""
    build(settings).start_io()
