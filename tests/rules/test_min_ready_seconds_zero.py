from tests.helpers import findings, messages

RULE = "min-ready-seconds-zero"


def daemonset(spec: str, probe: str = "          readinessProbe: {tcpSocket: {port: 80}}\n") -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
{spec}  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: example.com/agent:1.0
{probe}"""


def test_flags_missing_min_ready_seconds_at_spec() -> None:
    assert findings(daemonset(""), RULE) == ["5:1 min-ready-seconds-zero"]
    assert "minReadySeconds 0" in messages(daemonset(""), RULE)[0]


def test_flags_explicit_zero_at_its_value() -> None:
    assert findings(daemonset("  minReadySeconds: 0\n"), RULE) == ["6:20 min-ready-seconds-zero"]


def test_passes_with_min_ready_seconds_or_without_readiness_probe() -> None:
    assert findings(daemonset("  minReadySeconds: 10\n"), RULE) == []
    assert findings(daemonset("", probe=""), RULE) == []
    liveness_only = "          livenessProbe: {tcpSocket: {port: 80}}\n"
    assert findings(daemonset("", probe=liveness_only), RULE) == []


def test_on_delete_is_skipped() -> None:
    assert findings(daemonset("  updateStrategy: {type: OnDelete}\n"), RULE) == []


def test_init_container_probe_does_not_count() -> None:
    text = """\
kind: DaemonSet
metadata: {name: x}
spec:
  template:
    spec:
      initContainers:
        - {name: init, image: a, readinessProbe: {exec: {command: [x]}}}
      containers:
        - {name: main, image: a}
"""
    assert findings(text, RULE) == []
    sidecar = text.replace("{name: init,", "{name: init, restartPolicy: Always,")
    assert findings(sidecar, RULE) == ["3:1 min-ready-seconds-zero"]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("  minReadySeconds: false\n"), RULE) == []
    assert findings(daemonset("", probe="          readinessProbe: yes\n"), RULE) == []
    assert (
        findings(
            "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {containers: {}}}}\n",
            RULE,
        )
        == []
    )
