from tests.helpers import findings

RULE = "automounted-service-account-token"


def daemonset(pod: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
{pod}      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_unset_field_at_pod_spec() -> None:
    assert findings(daemonset(""), RULE) == ["11:5 automounted-service-account-token"]


def test_explicit_choice_passes_either_way() -> None:
    assert findings(daemonset("      automountServiceAccountToken: false\n"), RULE) == []
    assert findings(daemonset("      automountServiceAccountToken: true\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings("kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: 5}}\n", RULE) == []
    )
    assert findings("kind: DaemonSet\nmetadata: {name: x}\n", RULE) == []
    flow = "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {containers: []}}}\n"
    assert findings(flow, RULE) == ["3:19 automounted-service-account-token"]
