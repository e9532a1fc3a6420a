"""The locator: a path maps to the place a user should look."""

from __future__ import annotations

from dslint.document import parse_stream, split_documents

TEXT = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: "nginx"
          ports: [{containerPort: 80}]
---
# second document
kind: DaemonSet
metadata: {name: two}
"""


def documents() -> list:  # type: ignore[type-arg]
    return list(parse_stream(TEXT))


def test_scalar_is_located_at_its_value() -> None:
    region = documents()[0].locate(("spec", "template", "spec", "containers", 0, "image"))
    assert (region.line, region.column, region.end_line, region.end_column) == (10, 18, 10, 25)


def test_mapping_is_located_at_its_key() -> None:
    region = documents()[0].locate(("spec", "template"))
    assert (region.line, region.column) == (6, 3)


def test_sequence_item_is_located_at_its_first_key() -> None:
    region = documents()[0].locate(("spec", "template", "spec", "containers", 0))
    assert (region.line, region.column) == (9, 11)


def test_flow_style_value() -> None:
    region = documents()[0].locate(
        ("spec", "template", "spec", "containers", 0, "ports", 0, "containerPort")
    )
    assert (region.line, region.column) == (11, 35)


def test_missing_path_falls_back_to_deepest_existing_key() -> None:
    region = documents()[0].locate(("spec", "template", "spec", "securityContext", "x"))
    assert (region.line, region.column) == (7, 5)
    region = documents()[0].locate(("spec", "template", "spec", "containers", 7))
    assert (region.line, region.column) == (8, 7)


def test_second_document_lines_count_from_file_start() -> None:
    second = documents()[1]
    assert second.locate(("metadata", "name")).line == 15
    assert second.locate(("metadata", "name")).column == 18


def test_split_keeps_line_offsets() -> None:
    parts = list(split_documents(TEXT))
    assert [offset for offset, _ in parts] == [0, 11]
    assert "".join(chunk for _, chunk in parts) == TEXT


def test_document_markers_inside_a_block_scalar_do_not_split() -> None:
    text = "a: |\n  ---\n  x\nb: 1\n"
    assert len(list(split_documents(text))) == 1


def test_at_key_reports_a_scalar_at_its_key() -> None:
    path = ("spec", "template", "spec", "containers", 0, "image")
    region = documents()[0].locate(path, at_key=True)
    assert (region.line, region.column, region.end_column) == (10, 11, 16)
