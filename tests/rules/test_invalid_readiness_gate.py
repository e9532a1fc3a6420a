from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-readiness-gate"


def test_flags_invalid_condition_types() -> None:
    text = daemonset("""\
        readinessGates:
          - conditionType: "example.com/load balancer ready"
          - {}
          - conditionType: a/b/c
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "13:26 invalid-readiness-gate",
        "14:11 invalid-readiness-gate",
        "15:26 invalid-readiness-gate",
    ]
    found = messages(text, RULE)
    assert (
        'readinessGates[0].conditionType: Invalid value: "example.com/load balancer ready"'
        in (found[0])
    )
    assert found[1].endswith('Invalid value: "": name part must be non-empty')
    assert 'Invalid value: "a/b/c": a qualified name must consist of' in found[2]


def test_valid_gates_pass() -> None:
    text = daemonset("""\
        readinessGates:
          - conditionType: example.com/feature-1
          - conditionType: Ready_Extra
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("readinessGates: [5, {conditionType: 3}]\n"), RULE) == []
    assert findings(daemonset("readinessGates: {a: b}\n"), RULE) == []
