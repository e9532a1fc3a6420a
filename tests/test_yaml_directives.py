"""`%YAML` and `%TAG` directives stay with the document after them: no lost findings."""

from __future__ import annotations

from dslint.document import parse_stream, split_documents
from tests.helpers import findings, lint

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "nginx:latest"}]
"""


def test_a_yaml_directive_does_not_make_a_document_of_its_own() -> None:
    text = "%YAML 1.2\n---\n" + DAEMONSET
    assert [name for name in (d.name for d in lint(text)) if name == "invalid-yaml"] == []
    assert findings(text, "latest-image-tag") == ["11:41 latest-image-tag"]


def test_a_tag_directive_keeps_the_findings_of_its_document() -> None:
    text = "%TAG !k! tag:example.com,2026:\n---\n" + DAEMONSET
    assert findings(text, "latest-image-tag") == ["11:41 latest-image-tag"]
    assert findings(text, "invalid-yaml") == []


def test_directives_after_an_end_marker_belong_to_the_next_document() -> None:
    text = "a: 1\n...\n%YAML 1.1\n# the agent\n---\n" + DAEMONSET
    assert list(split_documents(text)) == [
        (0, "a: 1\n"),
        (1, "   \n%YAML 1.1\n# the agent\n---\n" + DAEMONSET),
    ]
    assert findings(text, "latest-image-tag") == ["14:41 latest-image-tag"]
    assert [d.line_offset for d in parse_stream(text)] == [0, 1]


def test_directives_with_no_document_after_them_stay_where_they_are() -> None:
    text = DAEMONSET + "...\n%YAML 1.1\n"
    assert list(split_documents(text))[-1] == (9, "   \n%YAML 1.1\n")
    assert findings(text, "latest-image-tag") == ["9:41 latest-image-tag"]
