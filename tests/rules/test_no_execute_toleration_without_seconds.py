from tests.helpers import findings, messages

RULE = "no-execute-toleration-without-seconds"


def daemonset(tolerations: str) -> str:
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
      tolerations:
{tolerations}"""


def test_flags_keyed_no_execute_toleration_at_effect() -> None:
    text = daemonset("        - {key: example.com/maint, operator: Exists, effect: NoExecute}\n")
    assert findings(text, RULE) == ["13:62 no-execute-toleration-without-seconds"]
    assert '"example.com/maint"' in messages(text, RULE)[0]


def test_flags_blanket_exists_at_operator() -> None:
    text = daemonset("        - operator: Exists\n")
    assert findings(text, RULE) == ["13:21 no-execute-toleration-without-seconds"]
    assert "every NoExecute taint" in messages(text, RULE)[0]


def test_empty_effect_with_key_is_flagged_at_key() -> None:
    text = daemonset("        - key: CriticalAddonsOnly\n          operator: Exists\n")
    assert findings(text, RULE) == ["13:16 no-execute-toleration-without-seconds"]
    assert "every effect" in messages(text, RULE)[0]


def test_passes_with_seconds_no_schedule_or_controller_keys() -> None:
    text = daemonset("""\
        - {key: example.com/maint, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
        - {key: example.com/maint, operator: Exists, effect: NoSchedule}
        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
        - {key: node.kubernetes.io/unreachable, operator: Exists}
        - {operator: Equal}
""")
    assert findings(text, RULE) == []


def test_ignored_keys_option() -> None:
    text = daemonset("        - {key: example.com/maint, operator: Exists, effect: NoExecute}\n")
    config = {"rules": {RULE: {"ignored-keys": ["example.com/maint"]}}}
    assert findings(text, RULE, config=config) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          5\n"), RULE) == []
    assert findings(daemonset("        - [1]\n        - null\n"), RULE) == []
    assert findings(daemonset("        - {key: 5, effect: NoExecute}\n"), RULE) == [
        "13:28 no-execute-toleration-without-seconds"
    ]
    assert (
        findings(daemonset("        - {key: {x: 1}, operator: Exists, effect: NoExecute}\n"), RULE)
        == []
    )
