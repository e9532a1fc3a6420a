"""`dslint server` end to end: a real server process driven by a test client over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

PUBLISH = "textDocument/publishDiagnostics"
# The name holds a character outside the Basic Multilingual Plane (two UTF-16 code units, one
# code point) and one inside it, both before the defect on the same line.
DEFECT_LINE = '    - {name: "agént-🛰", image: "busybox:latest"}'
TEMPLATE = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
{line}
"""
BAD = TEMPLATE.format(line="  " + DEFECT_LINE)
GOOD = TEMPLATE.format(line="  " + DEFECT_LINE.replace("busybox:latest", "busybox:1.36"))
DEFECT_LINE_INDEX = 12


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "dslint", "server"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    assert result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".dslint.yaml").write_text(
        "select: [latest-image-tag]\nexclude: ['charts/']\n", encoding="utf-8"
    )
    (tmp_path / "charts").mkdir()
    return tmp_path


async def _open(client: LanguageClient, path: Path, text: str) -> types.PublishDiagnosticsParams:
    waiting = client.wait_for_notification(PUBLISH)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="yaml", version=1, text=text
            )
        )
    )
    params: types.PublishDiagnosticsParams = await asyncio.wait_for(waiting, 10)
    return params


def _change(client: LanguageClient, path: Path, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@pytest.mark.asyncio
async def test_open_change_save_close(client: LanguageClient, project: Path) -> None:
    path = project / "deploy.yaml"
    uri = path.as_uri()

    opened = await _open(client, path, BAD)
    assert opened.uri == uri and opened.version == 1
    (diagnostic,) = opened.diagnostics
    assert diagnostic.code == "DS201"
    assert diagnostic.source == "dslint"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("/docs/rules/latest-image-tag.md")
    start = DEFECT_LINE.index('"busybox:latest"') + 2  # the list item is indented two more
    end = start + len('"busybox:latest"')
    prefix = "  " + DEFECT_LINE
    assert diagnostic.range.start == types.Position(DEFECT_LINE_INDEX, _utf16(prefix[:start]))
    assert diagnostic.range.end == types.Position(DEFECT_LINE_INDEX, _utf16(prefix[:end]))
    assert _utf16(prefix[:start]) == start + 1, "the line must hold one surrogate pair"

    # Typing: several quick changes give one publication, for the last version.
    waiting = client.wait_for_notification(PUBLISH)
    _change(client, path, BAD.replace("agent", "agent2"), 2)
    _change(client, path, GOOD, 3)
    changed: types.PublishDiagnosticsParams = await asyncio.wait_for(waiting, 10)
    assert (changed.version, list(changed.diagnostics)) == (3, [])
    assert list(client.diagnostics[uri]) == []

    waiting = client.wait_for_notification(PUBLISH)
    _change(client, path, BAD, 4)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    saved: types.PublishDiagnosticsParams = await asyncio.wait_for(waiting, 10)
    assert saved.version == 4 and [d.code for d in saved.diagnostics] == ["DS201"]

    waiting = client.wait_for_notification(PUBLISH)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    closed: types.PublishDiagnosticsParams = await asyncio.wait_for(waiting, 10)
    assert list(closed.diagnostics) == []


@pytest.mark.asyncio
async def test_hover_over_a_finding_shows_the_rule_docs(
    client: LanguageClient, project: Path
) -> None:
    path = project / "hover.yaml"
    (diagnostic,) = (await _open(client, path, BAD)).diagnostics
    inside = types.Position(DEFECT_LINE_INDEX, diagnostic.range.start.character + 3)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=inside
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**DS201 latest-image-tag**")
    assert "## Why is this bad?" in hover.contents.value
    assert hover.range == diagnostic.range
    elsewhere = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(0, 0),
        )
    )
    assert elsewhere is None


@pytest.mark.asyncio
async def test_excluded_documents_and_bad_configs_get_no_diagnostics(
    client: LanguageClient, project: Path
) -> None:
    published = await _open(client, project / "charts" / "agent.yaml", BAD)
    assert list(published.diagnostics) == []

    broken = project / "broken"
    broken.mkdir()
    (broken / ".dslint.yaml").write_text("fail-on: sometimes\n", encoding="utf-8")
    published = await _open(client, broken / "agent.yaml", BAD)
    assert list(published.diagnostics) == []
    (shown,) = client.messages  # sent before the diagnostics
    assert shown.type == types.MessageType.Error
    assert "fail-on" in shown.message


@pytest.mark.parametrize(
    ("encoding", "units"),
    [
        (types.PositionEncodingKind.Utf16, _utf16),
        (types.PositionEncodingKind.Utf8, lambda text: len(text.encode("utf-8"))),
        (types.PositionEncodingKind.Utf32, len),
    ],
)
def test_columns_are_converted_to_the_negotiated_encoding(encoding: str, units: object) -> None:
    from pygls.workspace import PositionCodec, TextDocument

    from dslint.results import Diagnostic
    from dslint.server import to_client_range

    text = "a: 1\r\nb: 'é🛰' # x\n"
    line = "b: 'é🛰' # x"
    start, end = line.index("#"), len(line)
    document = TextDocument("file:///a.yaml", text, position_codec=PositionCodec(encoding))
    diagnostic = Diagnostic("a.yaml", 2, start + 1, 2, end + 1, "DS201", "x", "info", "m")
    lines = ["a: 1", line, ""]
    client_range = to_client_range(document, lines, diagnostic)
    assert callable(units)
    assert client_range.start == types.Position(1, units(line[:start]))
    assert client_range.end == types.Position(1, units(line[:end]))
