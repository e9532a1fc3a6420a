from tests.helpers import findings, messages

RULE = "termination-grace-period-zero"


def daemonset(seconds: str) -> str:
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
      terminationGracePeriodSeconds: {seconds}
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_zero_at_its_value() -> None:
    assert findings(daemonset("0"), RULE) == ["12:38 termination-grace-period-zero"]
    assert '"agent"' in messages(daemonset("0"), RULE)[0]


def test_other_values_pass() -> None:
    assert findings(daemonset("30"), RULE) == []
    assert findings(daemonset("1"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("false"), RULE) == []
    assert findings(daemonset("'0'"), RULE) == []
    assert findings(daemonset("{a: 0}"), RULE) == []
    flow = (
        "kind: DaemonSet\nmetadata: {name: x}\n"
        "spec: {template: {spec: {terminationGracePeriodSeconds: 0}}}\n"
    )
    assert findings(flow, RULE) == ["3:57 termination-grace-period-zero"]


def test_unsafe_fix_restores_the_default_grace_period() -> None:
    from tests.fixing import fixed

    assert fixed(daemonset("0"), RULE) == daemonset("0").replace(
        "      terminationGracePeriodSeconds: 0\n", ""
    )
