from tests.helpers import findings, levels, messages

RULE = "missing-resource-requests"


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


def test_flags_container_without_resources_at_its_name() -> None:
    text = daemonset("")
    assert findings(text, RULE) == ["13:17 missing-resource-requests"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE) == [
        'container "agent" has no cpu or memory request, so the scheduler reserves nothing for '
        "it and it is among the first pods evicted under pressure"
    ]


def test_flags_missing_memory_at_the_requests_key() -> None:
    text = daemonset("          resources:\n            requests:\n              cpu: 50m")
    assert findings(text, RULE) == ["16:13 missing-resource-requests"]
    assert messages(text, RULE)[0].startswith('container "agent" has no memory request')


def test_flags_empty_resources_at_its_key() -> None:
    assert findings(daemonset("          resources: {}"), RULE) == [
        "15:11 missing-resource-requests"
    ]


def test_a_limit_counts_as_a_request() -> None:
    text = daemonset(
        "          resources:\n"
        "            requests: {cpu: 50m}\n"
        "            limits: {memory: 128Mi}"
    )
    assert findings(text, RULE) == []


def test_resources_option() -> None:
    text = daemonset("          resources:\n            requests: {cpu: 50m, memory: 64Mi}")
    config = {"rules": {RULE: {"resources": ["cpu", "memory", "ephemeral-storage"]}}}
    assert findings(text, RULE, config=config) == ["16:13 missing-resource-requests"]
    assert "no ephemeral-storage request" in messages(text, RULE, config=config)[0]
    config = {"rules": {RULE: {"resources": ["memory"]}}}
    assert (
        findings(daemonset("          resources: {requests: {memory: 1Gi}}"), RULE, config=config)
        == []
    )


def test_pause_is_exempt_and_plain_init_containers_are_skipped() -> None:
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
      containers: [{name: pause, image: "registry.k8s.io/pause:3.9"}]
"""
    assert findings(text, RULE) == ["9:18 missing-resource-requests"]
    config = {"rules": {RULE: {"exempt-images": ["proxy"]}}}
    assert findings(text, RULE, config=config) == ["10:27 missing-resource-requests"]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          resources: 5"), RULE) == [
        "15:22 missing-resource-requests"
    ]
    text = daemonset("          resources: {requests: [cpu], limits: [memory]}")
    assert findings(text, RULE) == ["15:23 missing-resource-requests"]
    assert (
        findings(
            "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: 2}}}\n",
            RULE,
        )
        == []
    )
