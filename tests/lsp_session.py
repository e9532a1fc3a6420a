"""Helpers for end-to-end language server tests: a real `dslint server` process over stdio."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

PUBLISH = "textDocument/publishDiagnostics"
TIMEOUT = 20


async def start(client: LanguageClient, options: Any = None) -> list[types.RegistrationParams]:
    """Initialize a session as VS Code would; returns the registrations the server asks for."""
    registrations: list[types.RegistrationParams] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # editors accept registrations
        registrations.append(params)

    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options=options,
        )
    )
    assert result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    client.registrations = registrations  # type: ignore[attr-defined]
    return registrations


async def wait_publish(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    """The next diagnostics published for `uri` (others are skipped)."""
    while True:
        params: types.PublishDiagnosticsParams = await asyncio.wait_for(
            client.wait_for_notification(PUBLISH), TIMEOUT
        )
        if params.uri == uri:
            return params


async def open_document(
    client: LanguageClient, path: Path, text: str, version: int = 1
) -> types.PublishDiagnosticsParams:
    waiting = asyncio.ensure_future(wait_publish(client, path.as_uri()))
    await asyncio.sleep(0)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="yaml", version=version, text=text
            )
        )
    )
    return await waiting


def change(client: LanguageClient, path: Path, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def edit(
    client: LanguageClient, path: Path, version: int, start: tuple[int, int], new_text: str
) -> None:
    """A ranged change: insert `new_text` at (line, character)."""
    position = types.Position(*start)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=position, end=position), text=new_text
                )
            ],
        )
    )


async def until_version(
    client: LanguageClient, path: Path, version: int | None
) -> types.PublishDiagnosticsParams:
    """Publications for `path` until the one for `version`."""
    while True:
        published = await wait_publish(client, path.as_uri())
        if published.version == version:
            return published


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply edits from the server to a text whose lines end with \\n (UTF-16 columns)."""

    def offset(position: types.Position) -> int:
        lines = text.split("\n")
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += len(char.encode("utf-16-le")) // 2
        return before + len(line)

    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))
    for edit in reversed(ordered):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def apply_workspace_edit(text: str, edit: types.WorkspaceEdit, uri: str, version: int) -> str:
    assert edit.document_changes is not None
    (change,) = edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.uri == uri and change.text_document.version == version
    return apply_text_edits(text, [e for e in change.edits if isinstance(e, types.TextEdit)])
