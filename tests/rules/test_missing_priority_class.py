from tests.helpers import findings, levels, messages

RULE = "missing-priority-class"


def daemonset(namespace: str, pod: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: cni
  namespace: {namespace}
spec:
  selector:
    matchLabels: {{app: cni}}
  template:
    metadata:
      labels: {{app: cni}}
    spec:
{pod}"""


HOST_NETWORK = """\
      hostNetwork: true
      containers:
        - {name: cni, image: "example.com/cni:1.0"}
"""


def test_flags_node_agent_in_kube_system_as_warning() -> None:
    text = daemonset("kube-system", HOST_NETWORK)
    assert findings(text, RULE) == ["12:5 missing-priority-class"]
    assert levels(text, RULE) == ["warning"]
    assert '"system-node-critical"' in messages(text, RULE)[0]
    assert "hostNetwork: true" in messages(text, RULE)[0]


def test_other_namespaces_get_advice_about_quota() -> None:
    text = daemonset("logging", HOST_NETWORK)
    assert levels(text, RULE) == ["info"]
    assert "ResourceQuota" in messages(text, RULE)[0]


def test_host_path_and_host_pid_make_a_node_agent() -> None:
    host_path = """\
      volumes:
        - {name: logs, hostPath: {path: /var/log}}
      containers: []
"""
    assert "hostPath volumes" in messages(daemonset("kube-system", host_path), RULE)[0]
    assert findings(daemonset("kube-system", "      hostPID: true\n"), RULE) == [
        "12:5 missing-priority-class"
    ]


def test_priority_class_or_explicit_priority_passes() -> None:
    with_class = "      priorityClassName: system-node-critical\n" + HOST_NETWORK
    assert findings(daemonset("kube-system", with_class), RULE) == []
    assert findings(daemonset("kube-system", "      priority: 1000\n" + HOST_NETWORK), RULE) == []


def test_plain_daemonset_needs_the_option() -> None:
    plain = "      containers:\n        - {name: a, image: a}\n"
    assert findings(daemonset("apps", plain), RULE) == []
    config = {"rules": {RULE: {"all-daemonsets": True}}}
    assert findings(daemonset("apps", plain), RULE, config=config) == [
        "12:5 missing-priority-class"
    ]
    assert messages(daemonset("apps", plain), RULE, config=config)[0].startswith('DaemonSet "cni"')


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings(daemonset("kube-system", "      volumes: 5\n      hostNetwork: yes-ish\n"), RULE)
        == []
    )
    assert findings("kind: DaemonSet\napiVersion: apps/v1\nmetadata: {name: x}\n", RULE) == []
    flow = "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {hostIPC: true}}}\n"
    assert findings(flow, RULE) == ["3:19 missing-priority-class"]
    empty_class = daemonset("kube-system", "      priorityClassName: ''\n" + HOST_NETWORK)
    assert findings(empty_class, RULE) == ["13:26 missing-priority-class"]
