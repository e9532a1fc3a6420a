"""What Kubernetes does with a field: the hover texts and finding the key under the cursor."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from dslint.lsp.fields import FIELDS, field_doc, key_at
from dslint.registry import load_registry

TEXT = """\
kind: ConfigMap
---
apiVersion: apps/v1
kind: DaemonSet
spec:
  updateStrategy:
    rollingUpdate: {maxSurge: 1}
  template:
    spec:
      tolerations:
        - operator: Exists
      containers:
        - name: a
          readinessProbe:
            successThreshold: 2
"""


def test_every_rule_a_field_names_exists() -> None:
    names = {rule.name for rule in load_registry()}
    for doc in FIELDS:
        assert set(doc.rules) <= names, doc.pattern


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("maxSurge", ("spec", "updateStrategy", "rollingUpdate", "maxSurge")),
        ("operator", ("spec", "template", "spec", "tolerations", 0, "operator")),
        (
            "successThreshold",
            ("spec", "template", "spec", "containers", 0, "readinessProbe", "successThreshold"),
        ),
        ("kind: DaemonSet", ("kind",)),
    ],
)
def test_the_key_under_the_cursor_and_its_path(key: str, path: tuple[object, ...]) -> None:
    offset = TEXT.index(key) + 2
    found = key_at(TEXT, offset)
    assert found is not None
    assert found.path == path
    assert TEXT[found.start : found.end] == str(path[-1])


def test_values_and_other_places_have_no_key() -> None:
    assert key_at(TEXT, TEXT.index("Exists") + 1) is None
    assert key_at(TEXT, TEXT.index("---")) is None


def test_field_docs_name_the_rules_that_check_them() -> None:
    names = {rule.name for rule in load_registry()}
    surge = field_doc(("spec", "updateStrategy", "rollingUpdate", "maxSurge"), names)
    assert surge is not None and "hostPort" in surge and "`surge-with-host-port`" in surge
    probe = ("spec", "template", "spec", "containers", 1, "livenessProbe", "successThreshold")
    text = field_doc(probe, names)
    assert text is not None and "Must be 1 for liveness" in text
    listed = field_doc(("items", 0, "spec", "template", "spec", "tolerations"), names)
    assert listed is not None and "not-ready" in listed
    assert field_doc(("spec", "selector"), names) is None
    assert field_doc(("spec", "minReadySeconds"), set()) is not None
    assert "Checked by" not in (field_doc(("spec", "minReadySeconds"), set()) or "")
