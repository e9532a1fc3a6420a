from tests.helpers import findings, messages

RULE = "invalid-pod-annotation"


def manifest(annotations: str, extra: str = "") -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    metadata:
      annotations:
        {annotations}
    spec:{extra}
      containers: [{{name: agent, image: "agent:1"}}]
"""


def test_flags_deletion_cost_that_is_not_int32() -> None:
    text = manifest('controller.kubernetes.io/pod-deletion-cost: "high"')
    assert findings(text, RULE) == ["9:53 invalid-pod-annotation"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: "
        'Invalid value: "high": must be a 32bit integer'
    )
    for value in ('"2147483648"', '"+5"', '"007"', '""'):
        text = manifest(f"controller.kubernetes.io/pod-deletion-cost: {value}")
        assert findings(text, RULE) == ["9:53 invalid-pod-annotation"], value


def test_valid_deletion_cost_passes() -> None:
    for value in ('"0"', '"-100"', '"2147483647"', '"-2147483648"'):
        assert (
            findings(manifest(f"controller.kubernetes.io/pod-deletion-cost: {value}"), RULE) == []
        )


def test_flags_seccomp_annotations() -> None:
    text = manifest("seccomp.security.alpha.kubernetes.io/pod: runtime/defaults")
    assert findings(text, RULE) == ["9:51 invalid-pod-annotation"]
    assert (
        "spec.template.metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: "
        'Invalid value: "runtime/defaults": must be a valid seccomp profile'
    ) in messages(text, RULE)[0]
    text = manifest("container.seccomp.security.alpha.kubernetes.io/agent: localhost/../x.json")
    assert "must not contain '..'" in messages(text, RULE)[0]
    text = manifest("seccomp.security.alpha.kubernetes.io/pod: localhost//etc/x.json")
    assert "must be a relative path" in messages(text, RULE)[0]


def test_valid_seccomp_annotations_pass() -> None:
    for value in ("runtime/default", "docker/default", "unconfined", "localhost/profiles/a.json"):
        assert findings(manifest(f"seccomp.security.alpha.kubernetes.io/pod: {value}"), RULE) == []


def test_flags_apparmor_for_missing_container_and_bad_profile() -> None:
    text = manifest("container.apparmor.security.beta.kubernetes.io/collector: runtime/default")
    assert findings(text, RULE) == ["9:67 invalid-pod-annotation"]
    assert 'Invalid value: "collector": container not found' in messages(text, RULE)[0]
    text = manifest("container.apparmor.security.beta.kubernetes.io/agent: RuntimeDefault")
    assert 'invalid AppArmor profile name: "RuntimeDefault"' in messages(text, RULE)[0]


def test_apparmor_for_existing_container_passes() -> None:
    text = manifest("container.apparmor.security.beta.kubernetes.io/agent: localhost/agent")
    assert findings(text, RULE) == []


def test_flags_mirror_annotation_without_node_name() -> None:
    text = manifest('kubernetes.io/config.mirror: "abc"')
    assert "must set spec.nodeName if mirror pod annotation is set" in messages(text, RULE)[0]
    assert (
        findings(manifest('kubernetes.io/config.mirror: "abc"', "\n      nodeName: n1"), RULE) == []
    )


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest("controller.kubernetes.io/pod-deletion-cost: 5"), RULE) == []
    text = """\
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    metadata: {annotations: {container.apparmor.security.beta.kubernetes.io/agent: x}}
    spec: {containers: 5, initContainers: [3, {name: 7}]}
"""
    assert findings(text, RULE) == ["5:84 invalid-pod-annotation", "5:84 invalid-pod-annotation"]
