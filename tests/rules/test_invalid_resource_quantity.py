from tests.helpers import findings, messages

RULE = "invalid-resource-quantity"


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


def test_flags_byte_units_at_the_value_with_a_suggestion() -> None:
    text = daemonset(
        "            requests:\n              memory: 128MB\n            limits:\n"
        "              memory: 1.5Gb"
    )
    assert findings(text, RULE) == [
        "17:23 invalid-resource-quantity",
        "19:23 invalid-resource-quantity",
    ]
    first, second = messages(text, RULE)
    assert first == (
        'container "agent" memory request "128MB" is not a quantity (did you mean "128M" or '
        '"128Mi"?): quantities must match the regular expression '
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )
    assert '(did you mean "1.5G" or "1.5Gi"?)' in second


def test_binary_units_and_spaces() -> None:
    text = daemonset("            limits: {memory: 1GiB, cpu: '500 m', ephemeral-storage: 2 Ki}")
    assert findings(text, RULE) == [
        "16:30 invalid-resource-quantity",
        "16:41 invalid-resource-quantity",
        "16:69 invalid-resource-quantity",
    ]
    memory, cpu, storage = messages(text, RULE)
    assert '(did you mean "1Gi"?)' in memory
    assert '(did you mean "500m"?)' in cpu
    assert '(did you mean "2Ki"?)' in storage


def test_flags_negative_quantities() -> None:
    text = daemonset("            requests: {cpu: -100m}")
    assert findings(text, RULE) == ["16:29 invalid-resource-quantity"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "-100m": '
        "must be greater than or equal to 0"
    )


def test_flags_values_that_are_not_quantities_at_all() -> None:
    text = daemonset("            requests: {cpu: true, memory: [1]}")
    assert findings(text, RULE) == [
        "16:29 invalid-resource-quantity",
        "16:35 invalid-resource-quantity",
    ]


def test_valid_quantities_pass() -> None:
    text = daemonset(
        "            requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 1G}\n"
        "            limits: {cpu: 0.5, memory: 1e9, hugepages-2Mi: 4Mi, example.com/dev: '2'}\n"
        "            claims: null"
    )
    assert findings(text, RULE) == []


def test_init_containers_are_checked() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers: [{name: setup, resources: {limits: {memory: 64mb}}}]
"""
    assert findings(text, RULE) == ["7:67 invalid-resource-quantity"]
    assert messages(text, RULE)[0].startswith('init container "setup" memory limit "64mb"')


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("            requests: [cpu]\n            limits: 5"), RULE) == []
    text = (
        "apiVersion: apps/v1\nkind: DaemonSet\n"
        "spec: {template: {spec: {containers: [{resources: 1}]}}}\n"
    )
    assert findings(text, RULE) == []


def test_spellings_with_one_meaning_are_fixed_and_others_are_not() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        "            requests: {memory: 512mib, cpu: '250 m'}\n"
        '            limits:\n              memory: "1GiB"   # per node'
    )
    assert fixed(text, RULE) == text.replace("512mib", "512Mi").replace(
        "'250 m'", "'250m'"
    ).replace('"1GiB"', '"1Gi"')
    # 128MB is 128M (decimal) to some tools and 128Mi to others: no single answer.
    no_fix(daemonset("            requests: {memory: 128MB}"), RULE)
