from tests.helpers import findings, messages

RULE = "requests-exceed-limits"


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
          resources:
{resources}
"""


def test_flags_request_above_limit_at_the_request() -> None:
    text = daemonset(
        "            requests:\n              cpu: '2'\n              memory: 256Mi\n"
        "            limits:\n              cpu: 1\n              memory: 128Mi"
    )
    assert findings(text, RULE) == ["17:20 requests-exceed-limits", "18:23 requests-exceed-limits"]
    cpu, memory = messages(text, RULE)
    assert cpu == (
        'container "agent" requests 2 cpu but its limit is 1: '
        'spec.template.spec.containers[0].resources.requests: Invalid value: "2": '
        "must be less than or equal to cpu limit of 1"
    )
    assert memory.endswith("must be less than or equal to memory limit of 128Mi")


def test_compares_across_units() -> None:
    assert (
        findings(
            daemonset("            requests: {memory: 1G}\n            limits: {memory: 1Gi}"), RULE
        )
        == []
    )
    assert findings(
        daemonset("            requests: {memory: 1Gi}\n            limits: {memory: 1G}"), RULE
    ) == ["16:32 requests-exceed-limits"]
    assert (
        findings(
            daemonset("            requests: {cpu: 1500m}\n            limits: {cpu: 1.5}"), RULE
        )
        == []
    )


def test_request_without_limit_and_equal_values_pass() -> None:
    assert (
        findings(
            daemonset("            requests: {cpu: 4}\n            limits: {memory: 1Gi}"), RULE
        )
        == []
    )
    assert (
        findings(daemonset("            requests: {cpu: 1}\n            limits: {cpu: '1'}"), RULE)
        == []
    )


def test_non_overcommitable_resources_are_another_rule() -> None:
    text = daemonset(
        "            requests: {nvidia.com/gpu: 2, hugepages-2Mi: 4Mi}\n"
        "            limits: {nvidia.com/gpu: 1, hugepages-2Mi: 2Mi}"
    )
    assert findings(text, RULE) == []


def test_init_containers_and_invalid_quantities() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers: [{name: setup, resources: {requests: {cpu: 2}, limits: {cpu: 1}}}]
"""
    assert findings(text, RULE) == ["7:66 requests-exceed-limits"]
    assert (
        findings(daemonset("            requests: {cpu: 2x}\n            limits: {cpu: 1}"), RULE)
        == []
    )


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings(daemonset("            requests: {cpu: 2}\n            limits: [cpu]"), RULE) == []
    )
    assert findings(daemonset("            requests: 5\n            limits: {cpu: 1}"), RULE) == []
    assert (
        findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: 1}}\n", RULE) == []
    )
