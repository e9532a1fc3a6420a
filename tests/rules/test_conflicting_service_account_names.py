from tests.helpers import findings, messages

RULE = "conflicting-service-account-names"


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


def test_flags_different_values_at_the_deprecated_field() -> None:
    text = daemonset("      serviceAccountName: agent-v2\n      serviceAccount: agent\n")
    assert findings(text, RULE) == ["13:23 conflicting-service-account-names"]
    assert 'runs as "agent-v2"' in messages(text, RULE)[0]


def test_same_value_or_single_field_passes() -> None:
    assert findings(daemonset("      serviceAccountName: a\n      serviceAccount: a\n"), RULE) == []
    assert findings(daemonset("      serviceAccount: a\n"), RULE) == []
    assert findings(daemonset("      serviceAccountName: a\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("      serviceAccountName: 5\n      serviceAccount: a\n"), RULE) == []
    assert (
        findings(daemonset("      serviceAccountName: ''\n      serviceAccount: a\n"), RULE) == []
    )
    assert (
        findings("kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: 1}}\n", RULE) == []
    )


def test_fix_removes_the_ignored_field() -> None:
    from tests.fixing import fixed

    text = daemonset("      serviceAccount: old\n      serviceAccountName: new\n")
    assert fixed(text, RULE) == daemonset("      serviceAccountName: new\n")
