from tests.helpers import findings, levels, messages

RULE = "identical-liveness-and-readiness-probes"


def daemonset(probes: str) -> str:
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
{probes}
"""


def test_flags_identical_probes_at_the_liveness_key() -> None:
    text = daemonset(
        "          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n"
        "            periodSeconds: 5\n"
        "          readinessProbe:\n            periodSeconds: 5\n"
        "            httpGet: {port: 8080, path: /healthz}"
    )
    assert findings(text, RULE) == ["15:11 identical-liveness-and-readiness-probes"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE)[0].startswith(
        'container "agent" livenessProbe is identical to its readinessProbe'
    )


def test_probes_that_differ_in_any_field_pass() -> None:
    text = daemonset(
        "          livenessProbe: {httpGet: {path: /healthz, port: 8080}, failureThreshold: 6}\n"
        "          readinessProbe: {httpGet: {path: /healthz, port: 8080}}"
    )
    assert findings(text, RULE) == []
    text = daemonset(
        "          livenessProbe: {httpGet: {path: /livez, port: 8080}}\n"
        "          readinessProbe: {httpGet: {path: /readyz, port: 8080}}"
    )
    assert findings(text, RULE) == []


def test_one_probe_only_or_empty_probes_pass() -> None:
    assert findings(daemonset("          livenessProbe: {exec: {command: [x]}}"), RULE) == []
    assert (
        findings(daemonset("          livenessProbe: {}\n          readinessProbe: {}"), RULE) == []
    )


def test_sidecars_are_checked() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers:
        - name: s
          restartPolicy: Always
          livenessProbe: {tcpSocket: {port: 1}}
          readinessProbe: {tcpSocket: {port: 1}}
"""
    assert findings(text, RULE) == ["10:11 identical-liveness-and-readiness-probes"]


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings(daemonset("          livenessProbe: 5\n          readinessProbe: 5"), RULE) == []
    )
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: 3}}}\n"
    assert findings(text, RULE) == []
