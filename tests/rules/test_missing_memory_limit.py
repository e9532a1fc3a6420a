from tests.helpers import findings, levels, messages

RULE = "missing-memory-limit"


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


def test_flags_limits_without_memory_at_the_limits_key() -> None:
    text = daemonset(
        "          resources:\n            requests: {memory: 64Mi}\n            limits: {cpu: 1}"
    )
    assert findings(text, RULE) == ["17:13 missing-memory-limit"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE) == [
        'container "agent" has no memory limit, so a leak can exhaust the memory of every node'
    ]


def test_flags_missing_limits_at_resources_or_name() -> None:
    assert findings(
        daemonset("          resources:\n            requests: {memory: 64Mi}"), RULE
    ) == ["15:11 missing-memory-limit"]
    assert findings(daemonset(""), RULE) == ["13:17 missing-memory-limit"]
    assert findings(daemonset("          resources: {limits: {memory: null}}"), RULE) == [
        "15:23 missing-memory-limit"
    ]


def test_memory_limit_passes() -> None:
    assert findings(daemonset("          resources: {limits: {memory: 128Mi}}"), RULE) == []


def test_pause_is_exempt_sidecars_checked_init_skipped() -> None:
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
      containers: [{name: pause, image: "gcr.io/google-containers/pause:3.2"}]
"""
    assert findings(text, RULE) == ["9:18 missing-memory-limit"]
    config = {"rules": {RULE: {"exempt-images": []}}}
    assert findings(text, RULE, config=config) == [
        "9:18 missing-memory-limit",
        "10:27 missing-memory-limit",
    ]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          resources: [1]"), RULE) == ["15:11 missing-memory-limit"]
    assert findings(daemonset("          resources: {limits: 5}"), RULE) == [
        "15:31 missing-memory-limit"
    ]
    assert (
        findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: 3}}\n", RULE) == []
    )


def test_unsafe_fix_limits_memory_to_the_request() -> None:
    from tests.fixing import fixed, no_fix

    flow = daemonset(
        "          resources:\n            requests: {memory: 64Mi}\n            limits: {cpu: 1}"
    )
    assert fixed(flow, RULE) == flow.replace("{cpu: 1}", "{cpu: 1, memory: 64Mi}")
    block = daemonset("          resources:\n            requests:\n              memory: 64Mi")
    assert fixed(block, RULE) == block + "            limits:\n              memory: 64Mi\n"
    no_fix(daemonset("          resources:\n            requests: {cpu: 100m}"), RULE)
