from tests.helpers import findings, messages

RULE = "invalid-label"


def manifest(labels: str, template_labels: str = "{app: agent}") -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {labels}
spec:
  template:
    metadata:
      labels: {template_labels}
    spec:
      containers: [{{name: agent, image: "agent:1"}}]
"""


def test_flags_invalid_value() -> None:
    text = manifest('{version: "v1.2 (beta)"}')
    assert findings(text, RULE) == ["5:21 invalid-label"]
    assert messages(text, RULE)[0].startswith(
        'DaemonSet label "version" has an invalid value "v1.2 (beta)"; metadata.labels: '
        'Invalid value: "v1.2 (beta)": a valid label must be an empty string'
    )


def test_flags_too_long_value_in_template() -> None:
    text = manifest("{app: agent}", "{app: " + "a" * 64 + "}")
    assert findings(text, RULE) == ["9:21 invalid-label"]
    assert "spec.template.metadata.labels: Invalid value" in messages(text, RULE)[0]
    assert "must be no more than 63 characters" in messages(text, RULE)[0]


def test_flags_invalid_keys() -> None:
    text = manifest('{"team lead": x, "example.com/": y, "Bad_Prefix/app": z, "a/b/c": w}')
    assert len(findings(text, RULE)) == 4
    joined = " | ".join(messages(text, RULE))
    assert "name part must consist of alphanumeric characters" in joined
    assert "name part must be non-empty" in joined
    assert "prefix part a lowercase RFC 1123 subdomain" in joined
    assert "a qualified name must consist of" in joined


def test_valid_labels_pass() -> None:
    text = manifest('{app.kubernetes.io/name: agent, "example.com/tier": "", version: v1.2.3}')
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest("[a, b]", "5"), RULE) == []
    assert findings(manifest("{1: x, enabled: true, empty: null}"), RULE) == []
