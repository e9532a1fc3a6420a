from tests.helpers import findings, levels, messages

RULE = "missing-readiness-probe"

TWO_CONTAINERS = """\
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
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
        - name: exporter
          image: registry.example.com/exporter:0.9.0
"""


def test_flags_pod_without_any_readiness_probe_once() -> None:
    assert findings(TWO_CONTAINERS, RULE) == ["13:17 missing-readiness-probe"]
    assert levels(TWO_CONTAINERS, RULE) == ["warning"]
    assert messages(TWO_CONTAINERS, RULE) == [
        "no container has a readinessProbe, so pods count as available as soon as they start "
        'and a broken rollout does not pause; add one to container "agent"'
    ]


def test_one_probe_gates_the_pod() -> None:
    text = TWO_CONTAINERS.replace(
        "          image: registry.example.com/exporter:0.9.0\n",
        "          image: registry.example.com/exporter:0.9.0\n"
        "          readinessProbe: {httpGet: {path: /ready, port: 9100}}\n",
    )
    assert findings(text, RULE) == []


def test_every_container_option() -> None:
    config = {"rules": {RULE: {"every-container": True}}}
    assert findings(TWO_CONTAINERS, RULE, config=config) == [
        "13:17 missing-readiness-probe",
        "15:17 missing-readiness-probe",
    ]
    assert messages(TWO_CONTAINERS, RULE, config=config)[1] == (
        'container "exporter" has no readinessProbe'
    )


def test_pause_is_exempt_and_the_option_changes_that() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: installer}
spec:
  template:
    spec:
      initContainers: [{name: install, image: installer:1.0}]
      containers: [{name: pause, image: "registry.k8s.io/pause:3.9"}]
"""
    assert findings(text, RULE) == []
    config = {"rules": {RULE: {"exempt-images": []}}}
    assert findings(text, RULE, config=config) == ["8:27 missing-readiness-probe"]


def test_sidecars_count_and_plain_init_containers_do_not() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: proxy:1.0, restartPolicy: Always}
      containers: []
"""
    assert findings(text, RULE) == ["8:18 missing-readiness-probe"]
    assert 'add one to sidecar "proxy"' in messages(text, RULE)[0]


def test_odd_shapes_do_not_raise() -> None:
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {}\n", RULE) == []
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: [5, {}]}}}\n"
    assert findings(text, RULE) == ["3:42 missing-readiness-probe"]
