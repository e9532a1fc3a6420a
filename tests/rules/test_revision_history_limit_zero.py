from tests.helpers import findings

RULE = "revision-history-limit-zero"


def daemonset(limit: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  revisionHistoryLimit: {limit}
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_zero_at_its_value() -> None:
    assert findings(daemonset("0"), RULE) == ["6:25 revision-history-limit-zero"]


def test_other_values_pass() -> None:
    assert findings(daemonset("10"), RULE) == []
    assert findings(daemonset("1"), RULE) == []
    assert findings(daemonset("null"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("false"), RULE) == []
    assert findings(daemonset('"0"'), RULE) == []
    assert findings(daemonset("[0]"), RULE) == []
    assert findings("kind: DaemonSet\nmetadata: {name: x}\nspec: [1]\n", RULE) == []


def test_unsafe_fix_restores_the_default_history() -> None:
    from tests.fixing import fixed

    assert fixed(daemonset("0  # none"), RULE) == daemonset("0").replace(
        "  revisionHistoryLimit: 0\n", ""
    )
