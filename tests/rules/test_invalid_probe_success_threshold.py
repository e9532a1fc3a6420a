from tests.helpers import findings, messages

RULE = "invalid-probe-success-threshold"


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


def test_flags_liveness_success_threshold_at_its_value() -> None:
    text = daemonset(
        "          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n"
        "            successThreshold: 3"
    )
    assert findings(text, RULE) == ["17:31 invalid-probe-success-threshold"]
    assert messages(text, RULE) == [
        'container "agent" livenessProbe successThreshold is 3: '
        "spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: "
        "must be 1"
    ]


def test_flags_startup_probe_in_flow_style() -> None:
    text = daemonset("          startupProbe: {exec: {command: [x]}, successThreshold: 2}")
    assert findings(text, RULE) == ["15:66 invalid-probe-success-threshold"]


def test_readiness_and_defaults_pass() -> None:
    text = daemonset(
        "          readinessProbe: {exec: {command: [x]}, successThreshold: 3}\n"
        "          livenessProbe: {exec: {command: [x]}, successThreshold: 1}\n"
        "          startupProbe: {exec: {command: [x]}, successThreshold: 0}"
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
        - {name: a, image: a:1, livenessProbe: {successThreshold: 2}}
        - {name: b, image: b:1, restartPolicy: Always, livenessProbe: {successThreshold: 2}}
"""
    assert findings(text, RULE) == ["9:90 invalid-probe-success-threshold"]


def test_wrong_types_are_ignored() -> None:
    text = daemonset(
        "          livenessProbe: {exec: {command: [x]}, successThreshold: '3'}\n"
        "          startupProbe: {exec: {command: [x]}, successThreshold: true}"
    )
    assert findings(text, RULE) == []
    assert findings(daemonset("          livenessProbe: [1]"), RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: 1\n", RULE) == []


def test_the_threshold_is_fixed_to_one() -> None:
    from tests.fixing import fixed
    from tests.rules.pod_template import daemonset

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            livenessProbe:
              tcpSocket: {port: 80}
              successThreshold: 3   # as for readiness
            startupProbe: {tcpSocket: {port: 80}, successThreshold: 2}
        """
    )
    assert fixed(text, RULE) == text.replace("successThreshold: 3", "successThreshold: 1").replace(
        "successThreshold: 2", "successThreshold: 1"
    )
