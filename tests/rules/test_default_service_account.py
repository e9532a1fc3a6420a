from tests.helpers import findings, messages

RULE = "default-service-account"


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


def test_flags_missing_service_account_at_pod_spec() -> None:
    assert findings(daemonset(""), RULE) == ["11:5 default-service-account"]
    assert "names no service account" in messages(daemonset(""), RULE)[0]


def test_flags_explicit_default_at_its_value() -> None:
    text = daemonset("      serviceAccountName: default\n")
    assert findings(text, RULE) == ["12:27 default-service-account"]
    old = daemonset("      serviceAccount: default\n")
    assert findings(old, RULE) == ["12:23 default-service-account"]


def test_own_service_account_or_no_token_passes() -> None:
    assert findings(daemonset("      serviceAccountName: agent\n"), RULE) == []
    assert findings(daemonset("      serviceAccount: agent\n"), RULE) == []
    assert findings(daemonset("      automountServiceAccountToken: false\n"), RULE) == []


def test_service_account_name_wins_over_deprecated_field() -> None:
    text = daemonset("      serviceAccountName: agent\n      serviceAccount: default\n")
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("      serviceAccountName: 5\n"), RULE) == [
        "12:27 default-service-account"
    ]
    assert findings(daemonset("      serviceAccountName: ''\n"), RULE) == [
        "12:27 default-service-account"
    ]
    assert findings("kind: DaemonSet\nmetadata: {name: x}\nspec: []\n", RULE) == []
