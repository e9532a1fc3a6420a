from tests.helpers import findings, messages

RULE = "missing-namespace"


def daemonset(metadata: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
{metadata}spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_default_namespace_at_its_value() -> None:
    text = daemonset("  namespace: default\n")
    assert findings(text, RULE) == ["5:14 missing-namespace"]
    assert '"default"' in messages(text, RULE)[0]


def test_flags_missing_namespace_at_metadata() -> None:
    assert findings(daemonset(""), RULE) == ["3:1 missing-namespace"]
    assert findings(daemonset("  namespace: ''\n"), RULE) == ["5:14 missing-namespace"]


def test_own_namespace_passes() -> None:
    assert findings(daemonset("  namespace: monitoring\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("  namespace: [a]\n"), RULE) == []
    assert findings("kind: DaemonSet\nmetadata: 5\n", RULE) == ["2:11 missing-namespace"]
    assert findings("kind: DaemonSet\n", RULE) == ["1:1 missing-namespace"]
