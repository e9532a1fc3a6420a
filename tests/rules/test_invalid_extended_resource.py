from tests.helpers import findings, messages

RULE = "invalid-extended-resource"


def daemonset(resources: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-agent
spec:
  selector:
    matchLabels: {{app: gpu-agent}}
  template:
    metadata:
      labels: {{app: gpu-agent}}
    spec:
      containers:
        - name: agent
          image: registry.example.com/gpu-agent:1.4.2
          resources:
{resources}
"""


def test_flags_request_without_limit() -> None:
    text = daemonset("            requests:\n              nvidia.com/gpu: 1")
    assert findings(text, RULE) == ["17:31 invalid-extended-resource"]
    assert messages(text, RULE) == [
        'container "agent" requests nvidia.com/gpu without a limit: '
        "spec.template.spec.containers[0].resources.limits: Required value: "
        "Limit must be set for non overcommitable resources"
    ]


def test_flags_request_different_from_limit() -> None:
    text = daemonset("            requests: {amd.com/gpu: 1}\n            limits: {amd.com/gpu: 2}")
    assert findings(text, RULE) == ["16:37 invalid-extended-resource"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].resources.requests: Invalid value: "1": '
        "must be equal to amd.com/gpu limit of 2"
    )


def test_flags_fractional_devices() -> None:
    text = daemonset("            limits: {nvidia.com/gpu: 500m}")
    assert findings(text, RULE) == ["16:38 invalid-extended-resource"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "
        '"500m": must be an integer'
    )


def test_hugepages_must_match_but_need_not_be_whole() -> None:
    text = daemonset(
        "            requests: {hugepages-2Mi: 2Mi, memory: 1Gi}\n"
        "            limits: {hugepages-2Mi: 4Mi, memory: 2Gi}"
    )
    assert findings(text, RULE) == ["16:39 invalid-extended-resource"]
    text = daemonset("            limits: {hugepages-2Mi: 4Mi, memory: 2Gi}")
    assert findings(text, RULE) == []


def test_limit_only_and_equal_values_pass() -> None:
    assert findings(daemonset("            limits: {nvidia.com/gpu: 1}"), RULE) == []
    text = daemonset(
        "            requests: {nvidia.com/gpu: 2, cpu: 1}\n"
        "            limits: {nvidia.com/gpu: '2', cpu: 2}"
    )
    assert findings(text, RULE) == []
    # kubernetes.io resources are not extended resources.
    assert findings(daemonset("            requests: {kubernetes.io/batch-cpu: 500m}"), RULE) == []


def test_init_containers_are_checked() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers: [{name: setup, resources: {requests: {example.com/dev: 1}}}]
"""
    assert findings(text, RULE) == ["7:78 invalid-extended-resource"]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(
        daemonset("            requests: {nvidia.com/gpu: 1}\n            limits: 7"), RULE
    ) == ["16:40 invalid-extended-resource"]
    assert (
        findings(
            daemonset(
                "            requests: {nvidia.com/gpu: x}\n            limits: {nvidia.com/gpu: 1}"
            ),
            RULE,
        )
        == []
    )
    assert findings(daemonset("            requests: [1]"), RULE) == []
    assert (
        findings(
            "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: 1}}}\n",
            RULE,
        )
        == []
    )


def test_huge_quantities_do_not_raise() -> None:
    text = daemonset(
        "            limits: {example.com/dev: 1e99}\n            requests: {example.com/dev: 1e99}"
    )
    assert findings(text, "invalid-extended-resource") == []
