from tests.helpers import findings, lint, messages

RULE = "invalid-image-pull-policy"


def daemonset(policy: str) -> str:
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
          imagePullPolicy: {policy}
"""


def test_flags_wrong_case_at_the_value_with_the_api_text() -> None:
    assert findings(daemonset("always"), RULE) == ["15:28 invalid-image-pull-policy"]
    assert messages(daemonset("always"), RULE) == [
        'container "agent" imagePullPolicy "always" is not a pull policy (did you mean "Always"?): '
        'spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "always": '
        'supported values: "Always", "IfNotPresent", "Never"'
    ]


def test_wrong_case_has_a_fix_and_unknown_values_do_not() -> None:
    (diagnostic,) = lint(daemonset("ifnotpresent"), select=RULE)
    assert [(e.path, e.value) for e in diagnostic.fix] == [
        (("spec", "template", "spec", "containers", 0, "imagePullPolicy"), "IfNotPresent")
    ]
    (diagnostic,) = lint(daemonset("Sometimes"), select=RULE)
    assert diagnostic.fix == ()
    assert "did you mean" not in diagnostic.message


def test_valid_and_empty_policies_pass() -> None:
    for policy in ("Always", "IfNotPresent", "Never", "''", "null"):
        assert findings(daemonset(policy), RULE) == [], policy


def test_wrong_types_are_flagged() -> None:
    assert findings(daemonset("true"), RULE) == ["15:28 invalid-image-pull-policy"]
    assert findings(daemonset("[Always]"), RULE) == ["15:11 invalid-image-pull-policy"]


def test_init_containers_in_flow_style() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec: {template: {spec: {initContainers: [{name: a, imagePullPolicy: never}]}}}
"""
    assert findings(text, RULE) == ["4:70 invalid-image-pull-policy"]
    assert messages(text, RULE)[0].startswith('init container "a"')


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings(
            "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: x}}}\n",
            RULE,
        )
        == []
    )
