from tests.helpers import findings, levels, messages

RULE = "tolerates-all-taints"


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
{tolerations}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


def test_flags_blanket_toleration_as_info_at_the_operator() -> None:
    text = daemonset("        - operator: Exists")
    assert findings(text, RULE) == ["13:21 tolerates-all-taints"]
    assert levels(text, RULE) == ["info"]
    assert messages(text, RULE) == [
        "toleration {operator: Exists} without a key tolerates every taint: the pods run on "
        "every node, control-plane and dedicated nodes included, and no NoExecute taint ever "
        "evicts them; list the taints the agent needs if that is not intended"
    ]


def test_effect_specific_blanket_tolerations() -> None:
    text = daemonset(
        "        - {operator: Exists, effect: NoSchedule}\n"
        "        - {key: '', operator: Exists, effect: NoExecute}\n"
        "        - {operator: Exists, effect: PreferNoSchedule}"
    )
    assert findings(text, RULE) == ["13:22 tolerates-all-taints", "14:31 tolerates-all-taints"]
    no_schedule, no_execute = messages(text, RULE)
    assert "tolerates every NoSchedule taint" in no_schedule
    assert "tolerates every NoExecute taint: no taint ever evicts the pods" in no_execute


def test_keyed_and_equal_tolerations_pass() -> None:
    text = daemonset(
        "        - {key: node-role.kubernetes.io/control-plane, operator: Exists}\n"
        "        - {key: dedicated, operator: Equal, value: agents}\n"
        "        - {operator: exists}\n"
        "        - {operator: Exists, effect: Sometimes}"
    )
    assert findings(text, RULE) == []


def test_list_items_and_odd_shapes() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      template:
        spec:
          tolerations: [5, {operator: Exists, effect: [x]}, {operator: Exists}]
"""
    assert findings(text, RULE) == ["10:72 tolerates-all-taints"]
    assert (
        findings(
            "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {tolerations: 1}}}\n",
            RULE,
        )
        == []
    )
