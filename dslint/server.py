"""`dslint server`: a language server that lints DaemonSet manifests as they are edited.

Diagnostics are published when a document opens, shortly after it changes (the change is
debounced so that typing does not lint every keystroke), and when it is saved; closing a document
clears them. Hovering over a finding shows its rule's documentation. Each document is linted with
the configuration found walking up from its own path, and documents the configuration excludes
get no diagnostics. dslint reports columns in Unicode code points; LSP counts in UTF-16 code units
unless the client negotiates otherwise, so every position is converted line by line.

Needs the `lsp` extra (pygls and lsprotocol).
"""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from dslint import __version__
from dslint.config import Config, ConfigError, find_config, load_config
from dslint.engine import Linter
from dslint.registry import RuleLoadError
from dslint.results import Diagnostic

DEBOUNCE_SECONDS = 0.3
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
# LSP ends lines at \n, \r\n and \r only (Python's splitlines also splits at other characters).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Published:
    """What was last published for a document, kept for hover."""

    diagnostics: list[Diagnostic]
    ranges: list[types.Range]


class DslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("dslint", __version__)
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, Published] = {}
        # Linters by config file and its modification time, so that config edits take effect.
        self.linters: dict[tuple[str | None, float], Linter] = {}
        self.last_error: str | None = None

    def linter_for(self, path: str) -> Linter:
        config_path = find_config(os.path.dirname(os.path.abspath(path)))
        mtime = os.path.getmtime(config_path) if config_path else 0.0
        key = (config_path, mtime)
        if key not in self.linters:
            config: Config = load_config(config_path)
            self.linters[key] = Linter(config)
        return self.linters[key]

    def schedule(self, uri: str) -> None:
        """Lint after a quiet moment; each change restarts the wait."""
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.lint, uri)

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def lint(self, uri: str) -> None:
        self.cancel(uri)
        document = self.workspace.get_text_document(uri)
        diagnostics = self.diagnose(document)
        lines = _LINE_BREAK.split(document.source)
        ranges = [to_client_range(document, lines, d) for d in diagnostics]
        self.published[uri] = Published(diagnostics, ranges)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=[
                    to_lsp(d, r, self.help_uri(d)) for d, r in zip(diagnostics, ranges, strict=True)
                ],
            )
        )

    def diagnose(self, document: TextDocument) -> list[Diagnostic]:
        path = document.path
        try:
            linter = self.linter_for(path)
        except (ConfigError, RuleLoadError) as error:
            message = f"dslint: {error}"
            if message != self.last_error:  # once, not on every keystroke
                self.last_error = message
                self.window_show_message(
                    types.ShowMessageParams(type=types.MessageType.Error, message=message)
                )
            return []
        self.last_error = None
        if linter.config.is_excluded(path):
            return []
        result = linter.lint_text(document.source, path)
        return [d for d in result.diagnostics if d.suppressed is None]

    def help_uri(self, diagnostic: Diagnostic) -> str | None:
        for linter in self.linters.values():
            rule = linter.registry.get(diagnostic.code)
            if rule is not None:
                return rule.help_uri
        return None

    def clear(self, uri: str) -> None:
        self.cancel(uri)
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        published = self.published.get(uri)
        if published is None:
            return None
        for diagnostic, client_range in zip(published.diagnostics, published.ranges, strict=True):
            if _contains(client_range, position):
                return types.Hover(
                    contents=types.MarkupContent(
                        kind=types.MarkupKind.Markdown, value=self.rule_doc(diagnostic)
                    ),
                    range=client_range,
                )
        return None

    def rule_doc(self, diagnostic: Diagnostic) -> str:
        heading = f"**{diagnostic.code} {diagnostic.name}**: {diagnostic.message}"
        for linter in self.linters.values():
            rule = linter.registry.get(diagnostic.code)
            if rule is not None:
                page = f"\n\n[Rule page]({rule.help_uri})" if rule.help_uri else ""
                return f"{heading}\n\n---\n\n{rule.doc.strip()}{page}"
        return heading


def to_client_range(document: TextDocument, lines: list[str], d: Diagnostic) -> types.Range:
    """dslint's 1-based code-point columns as a 0-based range in the client's units."""
    codec = document.position_codec

    def position(line: int, column: int) -> types.Position:
        index = max(0, min(line - 1, len(lines) - 1))
        server = types.Position(line=index, character=max(0, column - 1))
        return codec.position_to_client_units(lines, server)

    return types.Range(start=position(d.line, d.column), end=position(d.end_line, d.end_column))


def to_lsp(d: Diagnostic, client_range: types.Range, help_uri: str | None) -> types.Diagnostic:
    return types.Diagnostic(
        range=client_range,
        severity=SEVERITIES[d.level],
        code=d.code,
        code_description=types.CodeDescription(href=help_uri) if help_uri else None,
        source="dslint",
        message=f"{d.message} [{d.name}]",
        data={"name": d.name, "pointer": d.pointer},
    )


def _contains(client_range: types.Range, position: types.Position) -> bool:
    start = (client_range.start.line, client_range.start.character)
    end = (client_range.end.line, client_range.end.character)
    return start <= (position.line, position.character) <= end


def create_server() -> DslintServer:
    server = DslintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DslintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DslintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.clear(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DslintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    return server


def start() -> None:
    """Serve over standard input and output until the client exits."""
    create_server().start_io()
