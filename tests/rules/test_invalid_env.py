from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-env"


def with_env(env: str) -> str:
    return daemonset(f"""\
        containers:
          - name: agent
            image: agent:1
            env:
{env}
    """)


def test_flags_value_together_with_value_from() -> None:
    text = with_env(
        "              - name: NODE\n"
        "                value: n1\n"
        "                valueFrom: {fieldRef: {fieldPath: spec.nodeName}}"
    )
    assert findings(text, RULE) == ["18:15 invalid-env"]
    assert messages(text, RULE)[0] == (
        'container "agent" env "NODE" sets both value and valueFrom; '
        'spec.template.spec.containers[0].env[0].valueFrom: Invalid value: "": '
        "may not be specified when `value` is not empty"
    )


def test_flags_value_from_with_no_or_two_sources() -> None:
    text = with_env(
        "              - {name: A, valueFrom: {}}\n"
        "              - name: B\n"
        "                valueFrom:\n"
        "                  secretKeyRef: {name: s, key: k}\n"
        "                  configMapKeyRef: {name: c, key: k}"
    )
    assert findings(text, RULE) == ["16:25 invalid-env", "18:15 invalid-env"]
    assert "must specify one of: `fieldRef`, `resourceFieldRef`" in messages(text, RULE)[0]
    assert "may not have more than one field specified at a time" in messages(text, RULE)[1]


def test_flags_unknown_field_paths() -> None:
    text = with_env(
        "              - {name: N, valueFrom: {fieldRef: {fieldPath: status.nodeName}}}"
    )
    assert findings(text, RULE) == ["16:59 invalid-env"]
    assert messages(text, RULE)[0].endswith(
        'env[0].valueFrom.fieldRef.fieldPath: Invalid value: "status.nodeName": '
        "error converting fieldPath: field label not supported: status.nodeName"
    )
    text = with_env("              - {name: N, valueFrom: {fieldRef: {fieldPath: status.phase}}}")
    assert (
        'fieldPath: Unsupported value: "status.phase": supported values: '
        in (messages(text, RULE)[0])
    )
    text = with_env(
        "              - {name: N, valueFrom: {fieldRef: {fieldPath: \"metadata.labels['a b']\"}}}"
    )
    assert "name part must consist of alphanumeric characters" in messages(text, RULE)[0]


def test_valid_field_paths_pass() -> None:
    paths = (
        "spec.nodeName",
        "status.hostIP",
        "metadata.namespace",
        "\"metadata.labels['app.kubernetes.io/name']\"",
        "\"metadata.annotations['Example.com/Owner']\"",
    )
    for path in paths:
        text = with_env(
            f"              - {{name: N, valueFrom: {{fieldRef: {{fieldPath: {path}}}}}}}"
        )
        assert findings(text, RULE) == [], path


def test_flags_resource_field_refs() -> None:
    text = with_env(
        "              - {name: C, valueFrom: {resourceFieldRef: {resource: limit.cpu}}}\n"
        "              - {name: M, valueFrom: {resourceFieldRef: {resource: limits.memory, "
        "divisor: 1m}}}"
    )
    assert findings(text, RULE) == ["16:66 invalid-env", "17:90 invalid-env"]
    assert 'resource: Unsupported value: "limit.cpu"' in messages(text, RULE)[0]
    assert (
        'divisor: Invalid value: "limits.memory": only divisor\'s values 1, 1k, 1M'
        in messages(text, RULE)[1]
    )
    text = with_env(
        "              - {name: C, valueFrom: {resourceFieldRef: {resource: requests.cpu, "
        "divisor: 1m}}}\n"
        "              - {name: H, valueFrom: {resourceFieldRef: {resource: limits.hugepages-2Mi, "
        "divisor: 1Mi}}}"
    )
    assert findings(text, RULE) == []


def test_flags_key_refs() -> None:
    text = with_env(
        "              - {name: A, valueFrom: {configMapKeyRef: {name: My_Config, key: k}}}\n"
        "              - {name: B, valueFrom: {secretKeyRef: {key: 'a b'}}}\n"
        "              - {name: C, valueFrom: {secretKeyRef: {name: s}}}"
    )
    assert findings(text, RULE) == [
        "16:61 invalid-env",
        "17:37 invalid-env",
        "17:57 invalid-env",
        "18:37 invalid-env",
    ]
    all_messages = messages(text, RULE)
    assert 'configMapKeyRef.name: Invalid value: "My_Config"' in all_messages[0]
    assert (
        'secretKeyRef.name: Invalid value: "": a lowercase RFC 1123 subdomain' in (all_messages[1])
    )
    assert "a valid config key must consist of alphanumeric characters" in all_messages[2]
    assert all_messages[3].endswith("env[2].valueFrom.secretKeyRef.key: Required value")


def test_flags_names_by_kubernetes_version() -> None:
    text = with_env('              - {name: "1ST=A", value: x}\n              - {value: y}')
    assert findings(text, RULE) == ["16:22 invalid-env", "17:16 invalid-env"]
    assert "printable ASCII characters other than '='" in messages(text, RULE)[0]
    assert messages(text, RULE)[1].endswith("env[1].name: Required value")
    relaxed = with_env('              - {name: "1ST NAME", value: x}')
    assert findings(relaxed, RULE) == []
    old = {"kubernetes-version": "1.31"}
    assert findings(relaxed, RULE, config=old) == ["16:22 invalid-env"]
    assert "must not start with a digit" in messages(relaxed, RULE, config=old)[0]


def test_odd_shapes_do_not_raise() -> None:
    text = with_env(
        "              - {name: 5, valueFrom: [x]}\n"
        "              - {name: A, valueFrom: {fieldRef: x, resourceFieldRef: {resource: 5}}}\n"
        "              - {name: B, valueFrom: {configMapKeyRef: {name: 5, key: 6}}}\n"
        "              - nope"
    )
    assert findings(text, RULE) == ["17:25 invalid-env"]
    assert findings(daemonset("containers: [{name: a, env: {A: b}}]\n"), RULE) == []
