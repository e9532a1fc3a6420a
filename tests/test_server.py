"""`dslint server` end to end: a real server process driven by a test client over stdio."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp_session import change, edit, open_document, start, until_version, wait_publish
from tests.test_plugins import write_rule

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
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "dslint", "server"])


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await start(lsp_client)
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".dslint.yaml").write_text(
        "select: [latest-image-tag]\nexclude: ['charts/']\n", encoding="utf-8"
    )
    (tmp_path / "charts").mkdir()
    return tmp_path


@pytest.mark.asyncio
async def test_open_change_save_close(client: LanguageClient, project: Path) -> None:
    path = project / "deploy.yaml"
    uri = path.as_uri()

    opened = await open_document(client, path, BAD)
    assert opened.uri == uri and opened.version == 1
    (diagnostic,) = opened.diagnostics
    assert diagnostic.code == "DS201"
    assert diagnostic.source == "dslint"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("/docs/rules/latest-image-tag.md")
    start_at = DEFECT_LINE.index('"busybox:latest"') + 2  # the list item is indented two more
    end_at = start_at + len('"busybox:latest"')
    prefix = "  " + DEFECT_LINE
    assert diagnostic.range.start == types.Position(DEFECT_LINE_INDEX, _utf16(prefix[:start_at]))
    assert diagnostic.range.end == types.Position(DEFECT_LINE_INDEX, _utf16(prefix[:end_at]))
    assert _utf16(prefix[:start_at]) == start_at + 1, "the line must hold one surrogate pair"

    # Typing: the last version's diagnostics are published, and none for a version made stale.
    change(client, path, BAD.replace("agent", "agent2"), 2)
    change(client, path, GOOD, 3)
    changed = await until_version(client, path, 3)
    assert list(changed.diagnostics) == []
    assert list(client.diagnostics[uri]) == []

    change(client, path, BAD, 4)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    saved = await until_version(client, path, 4)
    assert [d.code for d in saved.diagnostics] == ["DS201"]

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    closed = await until_version(client, path, None)
    assert list(closed.diagnostics) == []


@pytest.mark.asyncio
async def test_hover_over_a_finding_shows_the_rule_docs(
    client: LanguageClient, project: Path
) -> None:
    path = project / "hover.yaml"
    (diagnostic,) = (await open_document(client, path, BAD)).diagnostics
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
async def test_excluded_documents_get_no_diagnostics(client: LanguageClient, project: Path) -> None:
    published = await open_document(client, project / "charts" / "agent.yaml", BAD)
    assert list(published.diagnostics) == []


@pytest.mark.asyncio
async def test_invalid_config_shows_one_diagnostic_at_the_top_and_a_message(
    client: LanguageClient, project: Path
) -> None:
    broken = project / "broken"
    broken.mkdir()
    (broken / ".dslint.yaml").write_text("fail-on: sometimes\n", encoding="utf-8")
    first = await open_document(client, broken / "a.yaml", BAD)
    second = await open_document(client, broken / "b.yaml", GOOD)
    for published in (first, second):
        (diagnostic,) = published.diagnostics
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        assert diagnostic.code == "config-error"
        assert diagnostic.range.start == types.Position(0, 0)
        assert diagnostic.range.end == types.Position(0, len("apiVersion: apps/v1"))
        assert "fail-on" in diagnostic.message and "broken/.dslint.yaml" in diagnostic.message
    (shown,) = client.messages  # once, not once per document
    assert shown.type == types.MessageType.Error
    assert "fail-on" in shown.message


# A U+2028 in a comment, a U+2029 and a U+0085 in strings: one line each to YAML and Python,
# none to an LSP client, which must still see the finding on the line it is on.
SEPARATORS = BAD.replace(
    "metadata:\n  name: agent\n",
    "metadata:  # note\u2028# more\n"
    "  name: agent\n"
    "  annotations: {a: 'x\u2029y', b: \"p\u0085q\"}\n",
)


@pytest.mark.asyncio
async def test_line_separators_inside_comments_and_strings_do_not_shift_diagnostics(
    client: LanguageClient, project: Path
) -> None:
    path = project / "separators.yaml"
    defect_line = DEFECT_LINE_INDEX + 1  # one annotation line was added above the defect
    (diagnostic,) = (await open_document(client, path, SEPARATORS)).diagnostics
    assert diagnostic.range.start.line == defect_line
    assert diagnostic.range.end.line == defect_line

    # A ranged edit below the separators lands where the client means it, counted its way.
    text_line = SEPARATORS.split("\n")[defect_line]
    column = _utf16(text_line[: text_line.index("busybox:latest") + len("busybox")])
    edit(client, path, 2, (defect_line, column + 1), "1.36-")  # "busybox:1.36-latest"
    published = await until_version(client, path, 2)
    assert list(published.diagnostics) == []


@pytest.mark.asyncio
async def test_a_document_over_the_size_limit_is_reported_not_parsed(
    client: LanguageClient, project: Path
) -> None:
    huge = project / "huge.yaml"
    text = BAD + "# padding\n" * (2 * 1024 * 1024)  # 20 MiB
    published = await open_document(client, huge, text)
    (diagnostic,) = published.diagnostics
    # Input problems (DS0xx) are reported whatever is selected: never a silent pass.
    assert diagnostic.code == "DS004"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "over the limit of 4194304 bytes" in diagnostic.message
    assert diagnostic.range.start == types.Position(0, 0)
    # The server is not held up: a small document opened next is linted as usual.
    small = await open_document(client, project / "small.yaml", BAD)
    assert [d.code for d in small.diagnostics] == ["DS201"]


@pytest_lsp.fixture(config=SERVER)
async def configured(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await start(lsp_client, {"dslint": {"select": ["DS201", "missing-namespace"]}})
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_settings_from_initialization_options_and_configuration_changes(
    configured: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "agent.yaml"
    published = await open_document(configured, path, BAD)
    assert sorted(d.code for d in published.diagnostics) == ["DS201", "DS401"] or sorted(
        d.data["name"] for d in published.diagnostics
    ) == ["latest-image-tag", "missing-namespace"]

    configured.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"dslint": {"select": ["DS201"], "kubernetesVersion": "1.30"}}
        )
    )
    republished = await wait_publish(configured, path.as_uri())
    assert [d.code for d in republished.diagnostics] == ["DS201"]

    configured.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"dslint": {"kubernetesVersion": 1.3}})
    )
    await wait_publish(configured, path.as_uri())
    (shown,) = configured.messages
    assert "kubernetesVersion" in shown.message and shown.type == types.MessageType.Warning


@pytest.mark.asyncio
async def test_config_file_changes_are_picked_up_when_the_editor_reports_them(
    client: LanguageClient, project: Path
) -> None:
    path = project / "agent.yaml"
    assert [d.code for d in (await open_document(client, path, BAD)).diagnostics] == ["DS201"]
    config = project / ".dslint.yaml"
    config.write_text("select: [latest-image-tag]\nignore: [DS201]\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    reloaded = await wait_publish(client, path.as_uri())
    assert list(reloaded.diagnostics) == []


@pytest.mark.asyncio
async def test_the_server_asks_to_watch_config_files(client: LanguageClient, project: Path) -> None:
    await open_document(client, project / "agent.yaml", BAD)  # initialized has been handled
    (params,) = client.registrations  # type: ignore[attr-defined]
    (registration,) = params.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = registration.register_options
    globs = [
        w["globPattern"] if isinstance(w, dict) else w.glob_pattern for w in options["watchers"]
    ]
    assert globs == ["**/.dslint.yaml", "**/.dslint.yml", "**/pyproject.toml"]


def _local_rule_project(tmp_path: Path) -> Path:
    write_rule(tmp_path / "local", "no_forbidden.py", "ACME001", "no-forbidden")
    (tmp_path / ".dslint.yaml").write_text(
        "select: [ACME001, DS201]\nrules-dir: [local]\n", encoding="utf-8"
    )
    return tmp_path / "agent.yaml"


FORBIDDEN = BAD.replace("agént-🛰", "forbidden")


@pytest.mark.asyncio
async def test_rules_dir_is_not_loaded_in_an_untrusted_workspace(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = _local_rule_project(tmp_path)
    published = await open_document(client, path, FORBIDDEN)
    # ACME001 is selected but not loaded: the selection error is not a config error either.
    codes = [d.code for d in published.diagnostics]
    assert "ACME001" not in codes
    (notice,) = [m for m in client.messages if "rules-dir" in m.message]
    assert notice.type == types.MessageType.Warning
    assert "trustedWorkspace" in notice.message


@pytest_lsp.fixture(config=SERVER)
async def trusted(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await start(lsp_client, {"trustedWorkspace": True})
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_rules_dir_is_loaded_in_a_trusted_workspace(
    trusted: LanguageClient, tmp_path: Path
) -> None:
    path = _local_rule_project(tmp_path)
    published = await open_document(trusted, path, FORBIDDEN)
    assert sorted(d.code for d in published.diagnostics) == ["ACME001", "DS201"]
    assert not [m for m in trusted.messages if "rules-dir" in m.message]


HOVER_TEXT = BAD.replace(
    "  template:\n",
    "  updateStrategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n  template:\n",
).replace("    spec:\n      containers:\n", "    spec:\n      tolerations: []\n      containers:\n")


@pytest.mark.asyncio
async def test_hover_over_a_field_says_what_kubernetes_does_with_it(
    client: LanguageClient, project: Path
) -> None:
    path = project / "fields.yaml"
    await open_document(client, path, HOVER_TEXT)
    lines = HOVER_TEXT.split("\n")

    async def hover_on(word: str) -> types.Hover | None:
        line = next(n for n, text in enumerate(lines) if word in text)
        return await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
                position=types.Position(line, lines[line].index(word) + 1),
            )
        )

    surge = await hover_on("maxSurge")
    assert surge is not None and isinstance(surge.contents, types.MarkupContent)
    assert surge.contents.value.startswith("**maxSurge**")
    assert "`surge-with-host-port`" in surge.contents.value
    line = next(n for n, text in enumerate(lines) if "maxSurge" in text)
    start = lines[line].index("maxSurge")
    assert surge.range == types.Range(
        types.Position(line, start), types.Position(line, start + len("maxSurge"))
    )
    tolerations = await hover_on("tolerations")
    assert tolerations is not None and isinstance(tolerations.contents, types.MarkupContent)
    assert "node.kubernetes.io/not-ready" in tolerations.contents.value
    assert await hover_on("matchLabels") is None
