"""`dslint server`: a language server that lints DaemonSet manifests as they are edited.

Diagnostics are published when a document opens, shortly after it changes and when it is saved;
closing a document clears them. Linting runs in one worker thread, so the event loop keeps
reading the client's messages while a lint runs: a newer version makes the running lint stale
(it stops at the next document of the stream and its result is dropped). The pause before a lint
adapts to what the last lint of that document cost: a cheap lint runs at once, an expensive one
waits a little for the next keystroke. Each document is linted with the configuration found
walking up from its own path, with the editor's settings on top (see dslint.lsp.settings).

Hovering over a finding shows its rule's documentation, and hovering over a field that rules
reason about shows what Kubernetes does with it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from dslint import __version__
from dslint.lsp.actions import FIX_ALL_COMMAND, FIX_ALL_KIND, ActionContext
from dslint.lsp.documents import Documents, OpenDocument
from dslint.lsp.fields import field_doc, key_at
from dslint.lsp.linting import Outcome, lint_version
from dslint.lsp.settings import Configurations, parse_settings
from dslint.lsp.text import TextIndex
from dslint.results import Diagnostic

# The pause before linting a changed document is what its last lint cost, within these bounds:
# the lint that would be thrown away by the next keystroke is the one not worth starting.
MIN_PAUSE_SECONDS = 0.0
MAX_PAUSE_SECONDS = 0.2
CONFIG_FILE_GLOBS = ("**/.dslint.yaml", "**/.dslint.yml", "**/pyproject.toml")

logger = logging.getLogger(__name__)


def _user_handler_only(method: str) -> Callable[..., Generator[Any, Any, None]]:
    """A built-in notification handler that leaves the document store to dslint."""

    @lsp_method(method)
    def handler(self: LanguageServerProtocol, params: Any) -> Generator[Any, Any, None]:
        user_handler = self.fm.features.get(method)
        if user_handler is not None:
            yield user_handler, (params,), None

    return handler


class EditorProtocol(LanguageServerProtocol):
    """pygls' protocol without its own copy of open documents (see dslint.lsp.documents)."""

    lsp_text_document__did_open = _user_handler_only(types.TEXT_DOCUMENT_DID_OPEN)
    lsp_text_document__did_change = _user_handler_only(types.TEXT_DOCUMENT_DID_CHANGE)
    lsp_text_document__did_close = _user_handler_only(types.TEXT_DOCUMENT_DID_CLOSE)


class Published:
    """What was last published for a document, for hover and code actions."""

    __slots__ = ("outcome", "text")

    def __init__(self, outcome: Outcome, text: str) -> None:
        self.outcome = outcome
        self.text = text


class DslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("dslint", __version__, protocol_cls=EditorProtocol)
        self.documents = Documents()
        self.configurations = Configurations()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dslint-lint")
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.running: dict[str, threading.Event] = {}  # uri -> stop flag of its lint in flight
        self.cost: dict[str, float] = {}  # uri -> seconds its last lint took
        self.published: dict[str, Published] = {}
        self.shown: set[str] = set()  # messages already shown, so each appears once

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(encoding) if encoding else types.PositionEncodingKind.Utf16

    # --- when to lint -----------------------------------------------------------------------

    def schedule(self, uri: str, pause: float | None = None) -> None:
        """Lint `uri` after `pause` seconds (default: adapted to its cost); a newer call wins."""
        self._stop(uri)
        if pause is None:
            pause = min(MAX_PAUSE_SECONDS, max(MIN_PAUSE_SECONDS, self.cost.get(uri, 0.0)))
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(pause, self.start_lint, uri)

    def _stop(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        running = self.running.pop(uri, None)
        if running is not None:
            running.set()

    def start_lint(self, uri: str) -> None:
        self.timers.pop(uri, None)
        document = self.documents.get(uri)
        if document is None:
            return
        stop = threading.Event()
        self.running[uri] = stop
        future = self.worker.submit(
            lint_version, self.configurations, document, self.encoding, stop.is_set
        )
        loop = asyncio.get_running_loop()
        future.add_done_callback(
            lambda done: loop.call_soon_threadsafe(self.finish_lint, document, stop, done)
        )

    def finish_lint(
        self, document: OpenDocument, stop: threading.Event, done: Future[Outcome]
    ) -> None:
        if self.running.get(document.uri) is stop:
            del self.running[document.uri]
        if stop.is_set():
            return  # a newer version is on its way
        current = self.documents.get(document.uri)
        if current is None or current.version != document.version:
            return
        try:
            outcome = done.result()
        except Exception as error:  # never lose the server to one document
            logger.exception("linting %s failed", document.uri)
            self.show_once(types.MessageType.Error, f"dslint: linting failed: {error}")
            return
        self.cost[document.uri] = outcome.seconds
        if outcome.error is not None:
            self.show_once(types.MessageType.Error, f"dslint: {outcome.error}")
        if outcome.notice is not None:
            self.show_once(types.MessageType.Warning, f"dslint: {outcome.notice}")
        self.published[document.uri] = Published(outcome, document.text)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=document.uri, version=document.version, diagnostics=outcome.published
            )
        )

    def relint_all(self) -> None:
        self.shown.clear()
        for document in self.documents:
            self.schedule(document.uri, 0.0)

    def show_once(self, kind: types.MessageType, message: str) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def clear(self, uri: str) -> None:
        self._stop(uri)
        self.documents.close(uri)
        self.published.pop(uri, None)
        self.cost.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def current(self, uri: str) -> Published | None:
        """What was published for `uri`, if it still describes the open text."""
        published = self.published.get(uri)
        document = self.documents.get(uri)
        if published is None or document is None or document.text != published.text:
            return None
        return published

    async def context_for(self, uri: str) -> ActionContext | None:
        """The open document with what its lint found, linting it now if that is not known."""
        document = self.documents.get(uri)
        if document is None:
            return None
        published = self.current(uri)
        if published is not None:
            outcome = published.outcome
        else:
            loop = asyncio.get_running_loop()
            outcome = await loop.run_in_executor(
                self.worker, lint_version, self.configurations, document, self.encoding, _never
            )
            if self.documents.get(uri) != document:
                return None  # changed meanwhile: an edit for the old text would be refused
        found = list(zip(outcome.diagnostics, outcome.published, strict=False))
        return ActionContext(
            uri, document.version, document.text, self.encoding, found, outcome.registry
        )

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        context = await self.context_for(params.text_document.uri)
        if context is None:
            return []
        return context.actions(params.range, params.context.only)

    async def fix_all(self, uri: str) -> bool:
        """Ask the client to apply every safe fix of `uri`; whether there was anything to fix."""
        context = await self.context_for(uri)
        edit = context.fix_all_edit() if context is not None else None
        if edit is None:
            return False
        await self.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(edit=edit, label="dslint: fix all")
        )
        return True

    # --- settings ---------------------------------------------------------------------------

    def apply_settings(self, raw: Any) -> None:
        settings, problems = parse_settings(raw)
        for problem in problems:
            self.show_once(types.MessageType.Warning, problem)
        self.configurations.update(settings)

    def watch_config_files(self) -> None:
        capabilities = self.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is None or not watched.dynamic_registration:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_FILE_GLOBS]
        )
        self.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="dslint-config-files",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=options,
                    )
                ]
            )
        )

    # --- hover ------------------------------------------------------------------------------

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        published = self.current(uri)
        if published is None:
            return None
        outcome = published.outcome
        for diagnostic, lsp in zip(outcome.diagnostics, outcome.published, strict=False):
            if _contains(lsp.range, position):
                return types.Hover(
                    contents=types.MarkupContent(
                        kind=types.MarkupKind.Markdown, value=self.rule_doc(outcome, diagnostic)
                    ),
                    range=lsp.range,
                )
        return self.field_hover(published, position)

    def field_hover(self, published: Published, position: types.Position) -> types.Hover | None:
        index = TextIndex(published.text, self.encoding)
        key = key_at(published.text, index.offset(position))
        registry = published.outcome.registry
        if key is None or registry is None:
            return None
        text = field_doc(key.path, {rule.name for rule in registry})
        if text is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=types.Range(start=index.position(key.start), end=index.position(key.end)),
        )

    @staticmethod
    def rule_doc(outcome: Outcome, diagnostic: Diagnostic) -> str:
        heading = f"**{diagnostic.code} {diagnostic.name}**: {diagnostic.message}"
        rule = outcome.registry.get(diagnostic.code) if outcome.registry else None
        if rule is None:
            return heading
        page = f"\n\n[Rule page]({rule.help_uri})" if rule.help_uri else ""
        return f"{heading}\n\n---\n\n{rule.doc.strip()}{page}"


def _never() -> bool:
    return False


def _contains(client_range: types.Range, position: types.Position) -> bool:
    start = (client_range.start.line, client_range.start.character)
    end = (client_range.end.line, client_range.end.character)
    return start <= (position.line, position.character) <= end


def create_server() -> DslintServer:
    server = DslintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: DslintServer, params: types.InitializeParams) -> None:
        ls.apply_settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: DslintServer, params: types.InitializedParams) -> None:
        ls.watch_config_files()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.documents.open(params.text_document)
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DslintServer, params: types.DidChangeTextDocumentParams) -> None:
        identifier = params.text_document
        changes = params.content_changes
        if ls.documents.change(identifier.uri, identifier.version, changes, ls.encoding):
            ls.schedule(identifier.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.current(uri) is None or uri in ls.timers or uri in ls.running:
            ls.schedule(uri, 0.0)  # unless what is published already describes the saved text

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DslintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.clear(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: DslintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        ls.apply_settings(params.settings)
        ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: DslintServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        ls.configurations.forget()
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DslintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    async def code_action(
        ls: DslintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        return await ls.code_actions(params)

    @server.command(FIX_ALL_COMMAND)
    async def fix_all(ls: DslintServer, *arguments: Any) -> bool:
        """Arguments: the document's URI (or `{"uri": ...}`)."""
        uri = arguments[0] if arguments else None
        if isinstance(uri, dict):
            uri = uri.get("uri")
        if not isinstance(uri, str):
            raise ValueError(f"{FIX_ALL_COMMAND}: expected the URI of an open document")
        return await ls.fix_all(uri)

    return server


def start() -> None:
    """Serve over standard input and output until the client exits."""
    create_server().start_io()


__all__ = ["DslintServer", "TextIndex", "create_server", "start"]
