"""Several cores give exactly what one core gives, for many files and for one long stream."""

from __future__ import annotations

from pathlib import Path

from dslint.engine import Linter
from dslint.source import Source

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-{index}
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: {image}
"""


def document(index: int) -> str:
    image = "app:latest" if index % 3 == 0 else f"app:1.{index}"
    text = DAEMONSET.format(index=index, image=image)
    if index % 10 == 5:
        text = text.replace("kind: DaemonSet", "kind: ConfigMap")
    if index % 17 == 0:
        text += "  broken: [\n"  # a syntax error in this document only
    return text


def test_one_long_stream_on_two_cores_matches_one_core() -> None:
    stream = "---\n".join(document(i) for i in range(200))
    stream += "# dslint: disable-file=DS203\n"
    linter = Linter()
    one = linter.lint_source(Source("s.yaml", stream), jobs=1)
    two = linter.lint_source(Source("s.yaml", stream), jobs=2)
    assert one.diagnostics == two.diagnostics
    assert (one.documents, one.daemonsets, one.skipped_objects) == (
        two.documents,
        two.daemonsets,
        two.skipped_objects,
    )
    assert one.daemonsets > 150 and any(d.name == "invalid-yaml" for d in one.diagnostics)
    assert any(d.suppressed for d in two.diagnostics)


def test_many_files_on_two_cores_match_one_core(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"ds-{i:03}.yaml").write_text(document(i))
    linter = Linter()
    one = list(linter.lint_paths([str(tmp_path)], jobs=1))
    two = list(linter.lint_paths([str(tmp_path)], jobs=2))
    assert [r.file for r in one] == [r.file for r in two]
    assert [r.diagnostics for r in one] == [r.diagnostics for r in two]
