from tests.helpers import findings, levels, messages

RULE = "duplicate-daemon-toleration"


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
{pod}"""


def test_lost_toleration_seconds_is_a_warning_at_the_seconds() -> None:
    text = daemonset("""\
      tolerations:
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
          tolerationSeconds: 300
""")
    assert findings(text, RULE) == ["16:30 duplicate-daemon-toleration"]
    assert levels(text, RULE) == ["warning"]
    assert "tolerationSeconds 300 is ignored" in messages(text, RULE)[0]


def test_plain_duplicate_is_advice_at_the_key() -> None:
    text = daemonset("""\
      tolerations:
        - {key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}
""")
    assert findings(text, RULE) == ["13:17 duplicate-daemon-toleration"]
    assert levels(text, RULE) == ["info"]


def test_network_unavailable_only_with_host_network() -> None:
    toleration = """\
      tolerations:
        - {key: node.kubernetes.io/network-unavailable, operator: Exists, effect: NoSchedule}
"""
    assert findings(daemonset(toleration), RULE) == []
    with_host = daemonset("      hostNetwork: true\n" + toleration)
    assert findings(with_host, RULE) == ["14:17 duplicate-daemon-toleration"]


def test_tolerations_that_differ_are_not_replaced() -> None:
    text = daemonset("""\
      tolerations:
        - key: node.kubernetes.io/not-ready
          operator: Equal
          effect: NoExecute
          tolerationSeconds: 60
        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoSchedule}
        - {key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 60}
        - {key: example.com/dedicated, operator: Exists, effect: NoExecute}
        - {operator: Exists}
""")
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("      tolerations: {a: 1}\n"), RULE) == []
    assert findings(daemonset("      tolerations: [5, null, [1]]\n"), RULE) == []
    assert findings("kind: DaemonSet\nmetadata: {name: x}\nspec: 3\n", RULE) == []
    text = daemonset(
        "      tolerations: [{key: node.kubernetes.io/pid-pressure, operator: Exists,"
        " effect: NoSchedule, value: ''}]\n"
    )
    assert findings(text, RULE) == ["12:27 duplicate-daemon-toleration"]


def test_fix_removes_the_tolerations_the_controller_replaces() -> None:
    from tests.fixing import fixed

    text = daemonset("""\
      tolerations:
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
          tolerationSeconds: 300
        - key: dedicated   # ours
          operator: Exists
        - {key: node.kubernetes.io/disk-pressure, operator: Exists, effect: NoSchedule}
      containers: [{name: a, image: a:1}]
""")
    assert fixed(text, RULE) == daemonset("""\
      tolerations:
        - key: dedicated   # ours
          operator: Exists
      containers: [{name: a, image: a:1}]
""")
