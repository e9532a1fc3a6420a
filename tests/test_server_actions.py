"""Code actions of `dslint server` end to end: fixes, suppression comments, fix all on save."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp_session import (
    apply_workspace_edit,
    change,
    open_document,
    start,
    until_version,
)

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "dslint", "server"])
# Two findings with a safe fix (the kind, the pull policy) and one without (the tag).
TEXT = """\
apiVersion: apps/v1
kind: Daemonset   # sic
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: busybox:latest
          imagePullPolicy: always
"""
CONFIG = "select: [misspelled-kind, invalid-image-pull-policy, latest-image-tag]\n"


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[LanguageClient]:
    await start(lsp_client)
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    (tmp_path / ".dslint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path / "agent.yaml"


async def _actions(
    client: LanguageClient, path: Path, at: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=at,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    assert result is not None
    return [a for a in result if isinstance(a, types.CodeAction)]


def _named(found: dict[str, types.Diagnostic], name: str) -> types.Diagnostic:
    (diagnostic,) = [d for d in found.values() if d.data["name"] == name]
    return diagnostic


async def _open(
    client: LanguageClient, path: Path, text: str = TEXT
) -> dict[str, types.Diagnostic]:
    published = await open_document(client, path, text)
    return {str(d.code): d for d in published.diagnostics}


def _found(published: types.PublishDiagnosticsParams) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in published.diagnostics}


@pytest.mark.asyncio
async def test_quick_fix_applies_the_rules_fix_and_nothing_else(
    client: LanguageClient, path: Path
) -> None:
    found = await _open(client, path)
    pull_policy = _named(found, "invalid-image-pull-policy")
    actions = await _actions(client, path, pull_policy.range)
    titles = [a.title for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert titles == [
        f"Fix {pull_policy.code} invalid-image-pull-policy",
        "Disable invalid-image-pull-policy for this line",
        "Disable invalid-image-pull-policy for this file",
    ]
    # Unfiltered requests also list the source action that fixes everything.
    assert [a.kind for a in actions][-1] == "source.fixAll.dslint"
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics is not None and fix.diagnostics[0].code == pull_policy.code
    assert fix.edit is not None
    fixed = apply_workspace_edit(TEXT, fix.edit, path.as_uri(), 1)
    assert fixed == TEXT.replace("imagePullPolicy: always", "imagePullPolicy: Always")

    # A finding without a fix offers only the suppressions.
    tag = _named(found, "latest-image-tag")
    titles = [a.title for a in await _actions(client, path, tag.range, only=["quickfix"])]
    assert titles == [
        "Disable latest-image-tag for this line",
        "Disable latest-image-tag for this file",
    ]


@pytest.mark.asyncio
async def test_disable_for_this_line_inserts_an_indented_comment_that_mutes_the_finding(
    client: LanguageClient, path: Path
) -> None:
    found = await _open(client, path)
    tag = _named(found, "latest-image-tag")
    (action,) = [a for a in await _actions(client, path, tag.range) if "line" in a.title]
    assert action.edit is not None
    muted = apply_workspace_edit(TEXT, action.edit, path.as_uri(), 1)
    assert muted == TEXT.replace(
        "          image: busybox:latest\n",
        "          # dslint: disable-next-line=latest-image-tag\n          image: busybox:latest\n",
    )
    change(client, path, muted, 2)
    republished = await until_version(client, path, 2)
    names = sorted(d.data["name"] for d in republished.diagnostics)
    assert names == ["invalid-image-pull-policy", "misspelled-kind"]

    # A second rule on the same line joins the comment already there.
    policy = _named(_found(republished), "invalid-image-pull-policy")
    (again,) = [a for a in await _actions(client, path, policy.range) if "line" in a.title]
    assert again.edit is not None
    both = apply_workspace_edit(muted, again.edit, path.as_uri(), 2)
    assert both == muted.replace(
        "          imagePullPolicy: always\n",
        "          # dslint: disable-next-line=invalid-image-pull-policy\n"
        "          imagePullPolicy: always\n",
    )


@pytest.mark.asyncio
async def test_disable_for_this_file_puts_one_comment_on_the_first_line(
    client: LanguageClient, path: Path
) -> None:
    found = await _open(client, path)
    kind = _named(found, "misspelled-kind")
    (action,) = [a for a in await _actions(client, path, kind.range) if "file" in a.title]
    assert action.edit is not None
    muted = apply_workspace_edit(TEXT, action.edit, path.as_uri(), 1)
    assert muted == "# dslint: disable-file=misspelled-kind\n" + TEXT
    change(client, path, muted, 2)
    republished = await until_version(client, path, 2)
    tag = _named(_found(republished), "latest-image-tag")
    (second,) = [a for a in await _actions(client, path, tag.range) if "file" in a.title]
    assert second.edit is not None
    both = apply_workspace_edit(muted, second.edit, path.as_uri(), 2)
    assert both == "# dslint: disable-file=misspelled-kind,latest-image-tag\n" + TEXT


FIXED = TEXT.replace("kind: Daemonset", "kind: DaemonSet").replace(
    "imagePullPolicy: always", "imagePullPolicy: Always"
)


@pytest.mark.asyncio
async def test_fix_all_on_save(client: LanguageClient, path: Path) -> None:
    await _open(client, path)
    # What an editor does with "source.fixAll.dslint" in its code-actions-on-save setting.
    whole = types.Range(types.Position(0, 0), types.Position(0, 0))
    (action,) = await _actions(client, path, whole, only=[types.CodeActionKind.SourceFixAll])
    assert action.kind == "source.fixAll.dslint"
    assert action.edit is not None
    fixed = apply_workspace_edit(TEXT, action.edit, path.as_uri(), 1)
    assert fixed == FIXED
    change(client, path, fixed, 2)
    path.write_text(fixed, encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(path.as_uri()))
    )
    saved = await until_version(client, path, 2)
    assert [d.data["name"] for d in saved.diagnostics] == ["latest-image-tag"]
    # Nothing left to fix: no fix-all action.
    assert await _actions(client, path, whole, only=["source.fixAll.dslint"]) == []


@pytest.mark.asyncio
async def test_fix_all_command_asks_the_client_to_apply_the_edit(
    client: LanguageClient, path: Path
) -> None:
    applied: list[types.ApplyWorkspaceEditParams] = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        applied.append(params)
        return types.ApplyWorkspaceEditResult(applied=True)

    await _open(client, path)
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="dslint.fixAll", arguments=[path.as_uri()])
    )
    assert result is True
    (params,) = applied
    assert apply_workspace_edit(TEXT, params.edit, path.as_uri(), 1) == FIXED


PRIVILEGED = TEXT.replace(
    "          imagePullPolicy: always\n",
    "          imagePullPolicy: always\n          securityContext: {privileged: true}\n",
)


@pytest.mark.asyncio
async def test_unsafe_fixes_are_labelled_and_left_out_of_fix_all(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".dslint.yaml").write_text(
        "select: [privileged-container, invalid-image-pull-policy]\n", encoding="utf-8"
    )
    path = tmp_path / "agent.yaml"
    found = await _open(client, path, PRIVILEGED)
    privileged = _named(found, "privileged-container")
    quick_fixes = await _actions(client, path, privileged.range, only=["quickfix"])
    (fix,) = [a for a in quick_fixes if a.title.startswith("Fix")]
    assert fix.title == "Fix DS300 privileged-container (unsafe: changes what the object does)"
    assert not fix.is_preferred and fix.edit is not None
    assert apply_workspace_edit(PRIVILEGED, fix.edit, path.as_uri(), 1) == PRIVILEGED.replace(
        "privileged: true", "privileged: false"
    )
    whole = types.Range(types.Position(0, 0), types.Position(0, 0))
    (fix_all,) = await _actions(client, path, whole, only=["source.fixAll"])
    assert fix_all.edit is not None
    fixed = apply_workspace_edit(PRIVILEGED, fix_all.edit, path.as_uri(), 1)
    assert fixed == PRIVILEGED.replace("imagePullPolicy: always", "imagePullPolicy: Always")
