"""The editor set-ups in docs/integrations.md start a working language server, as written.

Each snippet is read from the page (so the test and the page cannot disagree): the command it
starts is run, with `dslint` resolved to this environment's script, and driven through
`initialize` with the snippet's initialization options, a `didOpen` and a clean `exit`.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
from benchmarks.lsp_latency import Client
from dslint.lsp.actions import FIX_ALL_KIND
from dslint.lsp.settings import parse_settings

tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
BAD = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "busybox:latest"}]
"""


def _block(language: str, marker: str) -> str:
    found = [b for b in re.findall(rf"```{language}\n(.*?)```", PAGE, re.DOTALL) if marker in b]
    assert len(found) == 1, f"one ```{language} block with {marker!r}"
    return found[0]


def vscode() -> tuple[list[str], Any]:
    settings = json.loads(_block("json", "glspc.server.command"))
    assert settings["[yaml]"]["editor.codeActionsOnSave"] == {FIX_ALL_KIND: "explicit"}
    command = [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]]
    return command, settings["glspc.server.initializationOptions"]


def _lua_value(text: str) -> Any:
    return {"true": True, "false": False}.get(text, text.strip('"'))


def neovim() -> tuple[list[str], Any]:
    lua = _block("lua", 'vim.lsp.config("dslint"')
    assert f'only = {{ "{FIX_ALL_KIND}" }}' in lua
    cmd = re.search(r"cmd = \{(.*?)\}", lua)
    options = re.search(r"init_options = \{(.*?)\}", lua)
    assert cmd and options
    pairs = re.findall(r"(\w+) = (\w+|\"[^\"]*\")", options.group(1))
    return re.findall(r'"([^"]*)"', cmd.group(1)), {k: _lua_value(v) for k, v in pairs}


def helix() -> tuple[list[str], Any]:
    server = tomllib.loads(_block("toml", "[language-server.dslint]"))["language-server"]["dslint"]
    return [server["command"], *server["args"]], server["config"]


def emacs() -> tuple[list[str], Any]:
    elisp = _block("elisp", "eglot-server-programs")
    contact = re.search(r'\. \(("dslint".*?) :initializationOptions \((.*?)\)\)', elisp)
    assert contact
    plist = contact.group(2).split()
    values = {":json-false": False, "t": True}
    options = {
        key.lstrip(":"): values[value] for key, value in zip(plist[::2], plist[1::2], strict=True)
    }
    return re.findall(r'"([^"]*)"', contact.group(1)), options


EDITORS = {"vscode": vscode, "neovim": neovim, "helix": helix, "emacs": emacs}


@pytest.mark.parametrize("editor", EDITORS)
def test_the_documented_set_up_starts_the_server(editor: str, tmp_path: Path) -> None:
    command, options = EDITORS[editor]()
    assert command == ["dslint", "server"]
    assert parse_settings(options)[1] == [], "the documented options are all understood"
    script = shutil.which("dslint", path=str(Path(sys.executable).parent))
    assert script is not None
    client = Client([script, *command[1:]])
    result = client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": tmp_path.as_uri(),
            "capabilities": {},
            "initializationOptions": options,
        },
    )
    assert result["serverInfo"]["name"] == "dslint"
    assert FIX_ALL_KIND in result["capabilities"]["codeActionProvider"]["codeActionKinds"]
    client.notify("initialized", {})
    uri = (tmp_path / "agent.yaml").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": BAD}},
    )
    client.published(uri, 1)
    client.close()
    assert client.process.returncode == 0
