from tests.helpers import findings, levels

RULE = "daemonset-pod-anti-affinity"


def daemonset(anti_affinity: str) -> str:
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
      affinity:
        podAntiAffinity:
{anti_affinity}"""


REQUIRED = """\
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: {matchLabels: {app: agent}}
              topologyKey: kubernetes.io/hostname
"""
PREFERRED = """\
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector: {matchLabels: {app: agent}}
                topologyKey: kubernetes.io/hostname
"""


def test_required_is_a_warning() -> None:
    assert findings(daemonset(REQUIRED), RULE) == ["14:11 daemonset-pod-anti-affinity"]
    assert levels(daemonset(REQUIRED), RULE) == ["warning"]


def test_preferred_is_advice() -> None:
    assert findings(daemonset(PREFERRED), RULE) == ["14:11 daemonset-pod-anti-affinity"]
    assert levels(daemonset(PREFERRED), RULE) == ["info"]


def test_both_are_reported() -> None:
    assert len(findings(daemonset(REQUIRED + PREFERRED), RULE)) == 2


def test_pod_affinity_and_empty_anti_affinity_pass() -> None:
    assert findings(daemonset("          {}\n"), RULE) == []
    text = daemonset("          requiredDuringSchedulingIgnoredDuringExecution: []\n")
    assert findings(text, RULE) == []
    node_only = daemonset("          null\n").replace("podAntiAffinity", "podAffinity")
    assert findings(node_only, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          5\n"), RULE) == []
    assert (
        findings(daemonset("          requiredDuringSchedulingIgnoredDuringExecution: 3\n"), RULE)
        == []
    )
    flow = "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {affinity: 7}}}\n"
    assert findings(flow, RULE) == []
