from tests.helpers import findings, messages

RULE = "missing-os-node-selector"


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


def test_flags_missing_selector_at_pod_spec() -> None:
    assert findings(daemonset(""), RULE) == ["11:5 missing-os-node-selector"]
    assert "nodeSelector or node affinity" in messages(daemonset(""), RULE)[0]


def test_flags_node_selector_without_os_at_the_selector() -> None:
    text = daemonset("      nodeSelector:\n        pool: agents\n")
    assert findings(text, RULE) == ["12:7 missing-os-node-selector"]


def test_node_selector_with_os_passes() -> None:
    assert findings(daemonset("      nodeSelector: {kubernetes.io/os: linux}\n"), RULE) == []
    assert findings(daemonset("      nodeSelector: {beta.kubernetes.io/os: linux}\n"), RULE) == []


AFFINITY = """\
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - {key: kubernetes.io/os, operator: In, values: [linux]}
"""


def test_required_affinity_with_os_in_every_term_passes() -> None:
    assert findings(daemonset(AFFINITY), RULE) == []


def test_affinity_term_without_os_is_flagged() -> None:
    text = daemonset(
        AFFINITY + "              - matchExpressions: [{key: pool, operator: Exists}]\n"
    )
    assert findings(text, RULE) == ["11:5 missing-os-node-selector"]


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("      nodeSelector: [a]\n      affinity: {nodeAffinity: 5}\n")
    assert findings(text, RULE) == ["12:7 missing-os-node-selector"]
    terms = (
        "      affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
        " {nodeSelectorTerms: [5, {matchExpressions: 3}]}}}\n"
    )
    assert findings(daemonset(terms), RULE) == ["11:5 missing-os-node-selector"]
    assert findings("kind: DaemonSet\nmetadata: {name: x}\n", RULE) == []
