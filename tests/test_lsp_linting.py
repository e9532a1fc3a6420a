"""The language server's lint of one document version: reuse of unchanged documents, stale lints."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from dslint.config import Config
from dslint.engine import Linter
from dslint.lsp.linting import EditorLinter, Stale
from tests.helpers import REAL_WORLD

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-{n}
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: busybox:latest
          securityContext: {{privileged: true}}
"""


def _stream(count: int) -> str:
    return "---\n".join(DAEMONSET.format(n=n) for n in range(count))


def _found(linter: Linter, text: str) -> list[tuple[int, int, int, int, str, str]]:
    result = linter.lint_text(text, "stream.yaml")
    return [
        (d.line, d.column, d.end_line, d.end_column, d.code, d.message) for d in result.diagnostics
    ]


def test_reused_documents_give_what_a_fresh_lint_gives_after_lines_move() -> None:
    editor = EditorLinter(Config())
    fresh = Linter(Config())
    text = _stream(4)
    assert _found(editor, text) == _found(fresh, text)
    # Two lines added to the first document move every later document down.
    edited = text.replace(
        "  name: agent-0\n", "  name: agent-0\n  labels: {a: b}\n  namespace: x\n", 1
    )
    before = editor.lint_document
    parsed: list[str] = []

    def counting(file: str, chunk: str, line_offset: int):  # type: ignore[no-untyped-def]
        if (file, chunk) not in editor._documents:
            parsed.append(chunk)
        return before(file, chunk, line_offset)

    editor.lint_document = counting  # type: ignore[method-assign]
    assert _found(editor, edited) == _found(fresh, edited)
    assert len(parsed) == 1 and "agent-0" in parsed[0]


def test_a_stale_lint_stops() -> None:
    editor = EditorLinter(Config())
    editor.stale = lambda: True
    with pytest.raises(Stale):
        editor.lint_text(_stream(2), "stream.yaml")


@pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="the shared corpus is not available")
def test_the_editor_linter_agrees_with_the_linter_over_the_corpus() -> None:
    editor = EditorLinter(Config())
    fresh = Linter(Config())
    for path in sorted(REAL_WORLD.glob("*.yaml"))[:40]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _found(editor, text) == _found(fresh, text), path.name
        assert _found(editor, "# moved\n" + text) == _found(fresh, "# moved\n" + text), path.name
