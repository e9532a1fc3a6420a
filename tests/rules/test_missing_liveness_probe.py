from tests.helpers import findings, levels, messages

RULE = "missing-liveness-probe"

TEXT = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
        - name: exporter
          image: registry.example.com/exporter:0.9.0
          readinessProbe:
            httpGet: {path: /ready, port: 9100}
"""


def test_flags_each_container_without_liveness_at_its_name() -> None:
    assert findings(TEXT, RULE) == ["20:17 missing-liveness-probe"]
    assert levels(TEXT, RULE) == ["info"]
    assert messages(TEXT, RULE) == [
        'container "exporter" has no livenessProbe, so a hung process is never restarted'
    ]


def test_probed_containers_pass() -> None:
    text = TEXT.replace(
        "          readinessProbe:\n            httpGet: {path: /ready",
        ("          livenessProbe:\n            httpGet: {path: /ready"),
    )
    assert findings(text, RULE) == []


def test_sidecars_are_checked_and_pause_is_exempt() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: proxy:1.0, restartPolicy: Always}
      containers:
        - {name: pause, image: "gke.gcr.io/pause:3.8"}
"""
    assert findings(text, RULE) == ["8:18 missing-liveness-probe"]
    config = {"rules": {RULE: {"exempt-images": ["proxy"]}}}
    assert findings(text, RULE, config=config) == ["10:18 missing-liveness-probe"]


def test_container_without_name_is_reported_at_the_container() -> None:
    text = (
        "apiVersion: apps/v1\nkind: DaemonSet\n"
        "spec: {template: {spec: {containers: [{image: a}]}}}\n"
    )
    assert findings(text, RULE) == ["3:40 missing-liveness-probe"]
    assert messages(text, RULE)[0].startswith('container "#0"')


def test_odd_shapes_do_not_raise() -> None:
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: 1}\n", RULE) == []
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: {a: b}}}}\n"
    assert findings(text, RULE) == []
