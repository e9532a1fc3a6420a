from tests.helpers import findings, messages

RULE = "invalid-object-name"


def manifest(metadata: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
{metadata}
spec:
  template:
    spec:
      containers: [{{name: agent, image: "agent:1"}}]
"""


def test_flags_name_that_is_not_a_subdomain() -> None:
    text = manifest("  name: Node_Exporter")
    assert findings(text, RULE) == ["4:9 invalid-object-name"]
    assert (
        'metadata.name: Invalid value: "Node_Exporter": a lowercase RFC 1123 subdomain'
        in (messages(text, RULE)[0])
    )


def test_flags_missing_name() -> None:
    text = manifest("  labels: {app: agent}")
    assert findings(text, RULE) == ["3:1 invalid-object-name"]
    assert messages(text, RULE)[0].endswith(
        "metadata.name: Required value: name or generateName is required"
    )
    assert findings(manifest('  name: ""'), RULE) == ["4:9 invalid-object-name"]


def test_flags_too_long_name() -> None:
    text = manifest(f"  name: {'a' * 254}")
    assert "must be no more than 253 characters" in messages(text, RULE)[0]


def test_flags_namespace_with_dots() -> None:
    text = manifest("  name: agent\n  namespace: kube.system")
    assert findings(text, RULE) == ["5:14 invalid-object-name"]
    assert "must not contain dots" in messages(text, RULE)[0]


def test_valid_names_pass() -> None:
    assert findings(manifest("  name: node-exporter.v2\n  namespace: monitoring"), RULE) == []


def test_generate_name_may_end_with_dash() -> None:
    assert findings(manifest("  generateName: agent-"), RULE) == []
    assert findings(manifest("  generateName: Agent-"), RULE) == ["4:17 invalid-object-name"]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest("  name: 123"), RULE) == []
    text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: []\n"
    assert findings(text, RULE) == ["3:1 invalid-object-name"]
    assert findings("kind: DaemonSet\n", RULE) == ["1:1 invalid-object-name"]


def test_list_items_are_checked() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: Bad}, spec: {}}
"""
    assert findings(text, RULE) == ["4:61 invalid-object-name"]
