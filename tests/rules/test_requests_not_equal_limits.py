from tests.helpers import findings, levels, messages

RULE = "requests-not-equal-limits"


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


def test_flags_request_that_differs_from_limit() -> None:
    text = daemonset(
        "          resources:\n"
        "            requests: {cpu: 100m, memory: 128Mi}\n"
        "            limits: {cpu: 500m, memory: 128Mi}"
    )
    assert findings(text, RULE) == ["16:29 requests-not-equal-limits"]
    assert levels(text, RULE) == ["info"]
    assert messages(text, RULE) == [
        'container "agent" requests cpu "100m" but its limit is "500m", so the pod is not in '
        "the Guaranteed QoS class"
    ]


def test_flags_missing_limits_once_per_container() -> None:
    text = daemonset("          resources:\n            requests: {cpu: 1, memory: 1Gi}")
    assert findings(text, RULE) == ["15:11 requests-not-equal-limits"]
    assert messages(text, RULE) == [
        'container "agent" has no cpu and memory limits, so the pod is not in the Guaranteed '
        "QoS class"
    ]
    text = daemonset("          resources: {limits: {cpu: 1}}")
    assert findings(text, RULE) == ["15:23 requests-not-equal-limits"]
    assert messages(text, RULE)[0].startswith('container "agent" has no memory limit,')
    assert findings(daemonset(""), RULE) == ["13:17 requests-not-equal-limits"]


def test_equal_by_value_or_defaulted_request_passes() -> None:
    equal = "          resources:\n            requests: {cpu: 1000m, memory: 1Gi}\n"
    equal += "            limits: {cpu: 1, memory: 1024Mi}"
    assert findings(daemonset(equal), RULE) == []
    defaulted = "          resources: {limits: {cpu: 500m, memory: 128Mi}}"
    assert findings(daemonset(defaulted), RULE) == []


def test_init_containers_and_sidecars_count() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers:
        - {name: install, image: installer:1.0}
        - name: proxy
          restartPolicy: Always
          resources: {limits: {cpu: 1, memory: 1Gi}}
      containers: [{name: agent, image: agent:1.0, resources: {limits: {cpu: 1, memory: 1Gi}}}]
"""
    assert findings(text, RULE) == ["8:18 requests-not-equal-limits"]
    assert messages(text, RULE)[0].startswith('init container "install" has no cpu and memory')


def test_off_by_default_and_in_strict() -> None:
    assert findings(daemonset(""), RULE, config={"extends": "strict"}) == [
        "13:17 requests-not-equal-limits"
    ]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          resources: [1]"), RULE) == [
        "15:11 requests-not-equal-limits"
    ]
    invalid = "          resources: {requests: {cpu: lots, memory: 5}, limits: {cpu: 1, memory: 6}}"
    assert findings(daemonset(invalid), RULE) == ["15:53 requests-not-equal-limits"]
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: {}}}}\n"
    assert findings(text, RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\n", RULE) == []
