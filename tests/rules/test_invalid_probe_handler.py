from tests.helpers import findings, messages

RULE = "invalid-probe-handler"


def daemonset(probe: str) -> str:
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
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
{probe}
"""


def test_flags_second_handler_at_its_key() -> None:
    text = daemonset(
        "          livenessProbe:\n            exec:\n              command: [check]\n"
        "            httpGet:\n              path: /healthz\n              port: 8080"
    )
    assert findings(text, RULE) == ["18:13 invalid-probe-handler"]
    assert messages(text, RULE) == [
        'container "agent" livenessProbe has both exec and httpGet: '
        "spec.template.spec.containers[0].livenessProbe.httpGet: Forbidden: "
        "may not specify more than 1 handler type"
    ]


def test_three_handlers_give_two_findings() -> None:
    text = daemonset(
        "          readinessProbe: {tcpSocket: {port: 80}, grpc: {port: 90}, exec: {command: [x]}}"
    )
    assert findings(text, RULE) == ["15:28 invalid-probe-handler", "15:51 invalid-probe-handler"]


def test_flags_probe_without_handler() -> None:
    text = daemonset("          startupProbe:\n            periodSeconds: 5")
    assert findings(text, RULE) == ["15:11 invalid-probe-handler"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.containers[0].startupProbe: Required value: must specify a handler type"
    )
    assert findings(daemonset("          livenessProbe: {}"), RULE) == [
        "15:11 invalid-probe-handler"
    ]


def test_single_handler_passes() -> None:
    text = daemonset(
        "          livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n"
        "          readinessProbe: {exec: {command: [check]}, httpGet: null}"
    )
    assert findings(text, RULE) == []


def test_sidecars_are_checked_and_plain_init_containers_are_not() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers:
        - {name: setup, image: busybox:1.36, livenessProbe: {}}
        - {name: proxy, image: proxy:1.0, restartPolicy: Always, livenessProbe: {}}
      containers: []
"""
    assert findings(text, RULE) == ["9:66 invalid-probe-handler"]
    assert messages(text, RULE)[0].startswith('sidecar "proxy" livenessProbe has no handler')


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings(daemonset("          livenessProbe: 5\n          readinessProbe: [x]"), RULE) == []
    )
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: {}}}}\n"
    assert findings(text, RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\n", RULE) == []


def test_empty_lifecycle_hook_has_no_handler() -> None:
    text = daemonset("          lifecycle:\n            preStop: {}")
    assert findings(text, RULE) == ["16:13 invalid-probe-handler"]
    assert messages(text, RULE) == [
        'container "agent" preStop has no handler (one of exec, httpGet, tcpSocket, sleep): '
        "spec.template.spec.containers[0].lifecycle.preStop: Required value: "
        "must specify a handler type"
    ]


def test_lifecycle_hook_with_two_handlers_is_flagged_at_the_second() -> None:
    text = daemonset(
        "          lifecycle:\n            postStart:\n              sleep: {seconds: 5}\n"
        "              exec: {command: [warm]}"
    )
    assert findings(text, RULE) == ["17:15 invalid-probe-handler"]
    assert "postStart has both exec and sleep" in messages(text, RULE)[0]


def test_lifecycle_hooks_with_one_handler_pass() -> None:
    text = daemonset(
        "          lifecycle:\n            postStart:\n              exec: {command: [warm]}\n"
        "            preStop:\n              sleep: {seconds: 5}"
    )
    assert findings(text, RULE) == []
