"""Plain scalars are read as Kubernetes reads them: each row of docs/yaml-scalars.md is checked."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from dslint.document import parse_document
from tests.helpers import findings

TABLE = Path(__file__).resolve().parents[1] / "docs" / "yaml-scalars.md"
ROW = re.compile(r"^\| `(?P<written>[^`]+)` \| `(?P<kubernetes>[^`]+)` \|", re.MULTILINE)
ROWS = [(m["written"], m["kubernetes"]) for m in ROW.finditer(TABLE.read_text(encoding="utf-8"))]


def _read(text: str) -> object:
    document = parse_document(f"value: {text}\n")
    assert document.problems == []
    assert isinstance(document.data, dict)
    return document.data["value"]


def test_the_table_covers_the_yaml_1_1_boolean_spellings() -> None:
    written = {row[0] for row in ROWS}
    for word in ("y", "yes", "true", "on", "n", "no", "false", "off"):
        assert {word, word.capitalize(), word.upper()} <= written
    assert len(ROWS) > 50


@pytest.mark.parametrize(("written", "expected"), ROWS)
def test_each_plain_scalar_reads_as_the_table_says(written: str, expected: str) -> None:
    value = _read(written)
    wanted = json.loads(expected)
    assert type(value) is type(wanted)
    if isinstance(wanted, float) and math.isnan(wanted):
        assert isinstance(value, float) and math.isnan(value)
    else:
        assert value == wanted


@pytest.mark.parametrize("written", ["y", "Y", "n", "1:30", "1e3", "0o17"])
def test_quoted_scalars_stay_text(written: str) -> None:
    assert _read(f'"{written}"') == written
    assert _read(f"'{written}'") == written


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("!!bool y", True),
        ("!!bool N", False),
        ("!!int 0o17", 15),
        ("!!float 1", 1.0),
        ("!!str y", "y"),
    ],
)
def test_explicit_tags_use_the_same_table(written: str, expected: object) -> None:
    value = _read(written)
    assert type(value) is type(expected) and value == expected


@pytest.mark.parametrize("written", ["!!int 1.5", "!!int 1:30", "!!bool maybe", "!!float 1e999"])
def test_a_value_that_does_not_fit_its_tag_is_invalid_yaml(written: str) -> None:
    document = parse_document(f"kind: Pod\nvalue: {written}\n")
    assert [(p.rule, p.line, p.column) for p in document.problems] == [("invalid-yaml", 2, 8)]


def test_keys_stay_text_whatever_their_spelling() -> None:
    document = parse_document("y: 1\nN: 2\n1:30: 3\n")
    assert document.data == {"y": 1, "N": 2, "1:30": 3}


HOST_NETWORK = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: y
      containers: [{name: agent, image: "registry.example.com/agent:1.0"}]
"""


def test_host_network_y_is_host_network_true() -> None:
    assert findings(HOST_NETWORK, "host-network") == ["9:20 host-network"]
    assert findings(HOST_NETWORK.replace("hostNetwork: y", "hostNetwork: n"), "host-network") == []


def test_node_selector_value_y_is_a_boolean_the_api_server_rejects() -> None:
    text = HOST_NETWORK.replace("hostNetwork: y", "nodeSelector: {gpu: Y}")
    assert findings(text, "schema-violation") == ["9:27 schema-violation"]
