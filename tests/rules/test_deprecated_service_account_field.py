from tests.helpers import findings, messages

RULE = "deprecated-service-account-field"


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


def test_flags_deprecated_field_at_its_value() -> None:
    text = daemonset("      serviceAccount: agent\n")
    assert findings(text, RULE) == ["12:23 deprecated-service-account-field"]
    assert '"agent"' in messages(text, RULE)[0]


def test_the_copy_the_api_server_writes_is_not_reported() -> None:
    # `kubectl get -o yaml` returns both fields with the same value.
    text = daemonset("      serviceAccountName: agent\n      serviceAccount: agent\n")
    assert findings(text, RULE) == []
    empty = daemonset("      serviceAccountName: ''\n      serviceAccount: agent\n")
    assert findings(empty, RULE) == ["13:23 deprecated-service-account-field"]


def test_conflict_is_left_to_the_conflict_rule() -> None:
    text = daemonset("      serviceAccountName: agent\n      serviceAccount: other\n")
    assert findings(text, RULE) == []


def test_service_account_name_alone_passes() -> None:
    assert findings(daemonset("      serviceAccountName: agent\n"), RULE) == []
    assert findings(daemonset(""), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("      serviceAccount: [a]\n"), RULE) == [
        "12:7 deprecated-service-account-field"
    ]
    assert findings("kind: DaemonSet\nmetadata: {name: x}\nspec: {template: 1}\n", RULE) == []


def test_fix_moves_the_name_to_service_account_name() -> None:
    from tests.fixing import fixed

    text = daemonset("      serviceAccount: agent  # legacy\n      hostNetwork: true\n")
    # The new key goes at the end of the pod spec; nothing else moves.
    assert (
        fixed(text, RULE)
        == daemonset("      hostNetwork: true\n") + "      serviceAccountName: agent\n"
    )
    empty = daemonset("      serviceAccount: agent\n      serviceAccountName: ''\n")
    # The empty name is set in place, in its own quoting style.
    assert fixed(empty, RULE) == daemonset("      serviceAccountName: 'agent'\n")
