from tests.helpers import findings, messages

RULE = "probe-on-init-container"

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
          livenessProbe:
            exec: {command: [true]}
          readinessProbe: {}
        - name: proxy
          image: registry.example.com/proxy:2.0.1
          restartPolicy: Always
          readinessProbe:
            tcpSocket: {port: 15001}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
"""


def test_flags_probes_on_plain_init_containers_at_their_key() -> None:
    assert findings(TEXT, RULE) == [
        "15:11 probe-on-init-container",
        "17:11 probe-on-init-container",
    ]
    assert messages(TEXT, RULE)[0] == (
        'init container "setup" has a livenessProbe, but it runs to completion before the others '
        "start (add restartPolicy: Always to make it a sidecar): "
        "spec.template.spec.initContainers[0].livenessProbe: Forbidden: may not be set for init "
        "containers without restartPolicy=Always"
    )


def test_sidecars_and_regular_containers_pass() -> None:
    text = TEXT.replace(
        "          livenessProbe:\n            exec: {command: [true]}\n"
        "          readinessProbe: {}\n",
        "",
    )
    assert findings(text, RULE) == []


def test_init_restart_policy_other_than_always_is_not_a_sidecar() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers: [{name: a, restartPolicy: OnFailure, startupProbe: {exec: {command: [x]}}}]
"""
    assert findings(text, RULE) == ["7:60 probe-on-init-container"]


def test_null_probe_and_odd_shapes() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers: [{name: a, livenessProbe: null}, 5, [x]]
"""
    assert findings(text, RULE) == []
    assert findings(text.replace("initContainers: [", "initContainers: {x: ["), RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: 1}\n", RULE) == []
