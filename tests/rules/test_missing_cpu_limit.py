from tests.helpers import findings, levels, messages

RULE = "missing-cpu-limit"


def daemonset(resources: str) -> str:
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
{resources}
"""


def test_flags_limits_without_cpu_at_the_limits_key() -> None:
    text = daemonset(
        "          resources:\n            requests: {cpu: 50m}\n            limits: {memory: 1Gi}"
    )
    assert findings(text, RULE) == ["17:13 missing-cpu-limit"]
    assert levels(text, RULE) == ["info"]
    assert messages(text, RULE) == [
        'container "agent" has no CPU limit, so a busy loop can take every idle core of every node'
    ]


def test_flags_missing_limits_at_resources_or_name() -> None:
    assert findings(daemonset("          resources:\n            requests: {cpu: 50m}"), RULE) == [
        "15:11 missing-cpu-limit"
    ]
    assert findings(daemonset(""), RULE) == ["13:17 missing-cpu-limit"]
    assert findings(daemonset("          resources: {limits: {cpu: null}}"), RULE) == [
        "15:23 missing-cpu-limit"
    ]


def test_cpu_limit_passes() -> None:
    assert findings(daemonset("          resources: {limits: {cpu: 200m}}"), RULE) == []
    assert findings(daemonset("          resources: {limits: {cpu: 1}}"), RULE) == []


def test_sidecars_checked_init_skipped() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: installer}
spec:
  template:
    spec:
      initContainers:
        - {name: install, image: installer:1.0}
        - {name: proxy, image: proxy:1.0, restartPolicy: Always}
      containers: [{name: agent, image: agent:1.0, resources: {limits: {cpu: 1}}}]
"""
    assert findings(text, RULE) == ["9:18 missing-cpu-limit"]
    assert messages(text, RULE)[0].startswith('sidecar "proxy" has no CPU limit')


def test_off_by_default_and_in_strict() -> None:
    text = daemonset("")
    assert findings(text, RULE, config={"extends": "strict"}) == ["13:17 missing-cpu-limit"]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          resources: [1]"), RULE) == ["15:11 missing-cpu-limit"]
    assert findings(daemonset("          resources: {limits: 5}"), RULE) == [
        "15:31 missing-cpu-limit"
    ]
    assert (
        findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: 3}}\n", RULE) == []
    )
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: {}}}}\n"
    assert findings(text, RULE) == []
    text = "apiVersion: v1\nkind: List\nitems:\n  - " + daemonset("").replace("\n", "\n    ")
    assert findings(text, RULE) == ["16:21 missing-cpu-limit"]
