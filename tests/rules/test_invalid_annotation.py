from tests.helpers import findings, messages

RULE = "invalid-annotation"


def manifest(annotations: str, template_annotations: str = "{}") -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  annotations: {annotations}
spec:
  template:
    metadata:
      annotations: {template_annotations}
    spec:
      containers: [{{name: agent, image: "agent:1"}}]
"""


def test_flags_invalid_key_in_template() -> None:
    text = manifest("{}", '{"checksum config": abc}')
    assert findings(text, RULE) == ["9:40 invalid-annotation"]
    assert (
        'spec.template.metadata.annotations: Invalid value: "checksum config"'
        in (messages(text, RULE)[0])
    )


def test_key_case_does_not_matter() -> None:
    assert findings(manifest("{Example.COM/Owner: team}"), RULE) == []


def test_flags_total_size() -> None:
    text = manifest("{big: " + "x" * (256 * 1024) + "}")
    assert findings(text, RULE) == ["5:3 invalid-annotation"]
    assert (
        "metadata.annotations: Too long: may not be more than 262144 bytes"
        in (messages(text, RULE)[0])
    )
    assert findings(manifest("{big: " + "x" * (256 * 1024 - 3) + "}"), RULE) == []


def test_flags_template_generation_that_is_not_an_integer() -> None:
    text = manifest('{deprecated.daemonset.template.generation: "two"}')
    assert findings(text, RULE) == ["5:59 invalid-annotation"]
    assert 'parsing "two": invalid syntax' in messages(text, RULE)[0]
    text = manifest('{deprecated.daemonset.template.generation: "-1"}')
    assert "spec.templateGeneration: Invalid value: -1" in messages(text, RULE)[0]
    assert findings(manifest('{deprecated.daemonset.template.generation: "3"}'), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest("[x]", "text"), RULE) == []
    assert findings(manifest("{port: 9102, 5: x}"), RULE) == []
