from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-priority"


def test_flags_class_name_and_policy() -> None:
    text = daemonset("""\
        priorityClassName: System-Node-Critical
        preemptionPolicy: never
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:26 invalid-priority", "13:25 invalid-priority"]
    found = messages(text, RULE)
    assert (
        'priorityClassName: Invalid value: "System-Node-Critical": a lowercase RFC 1123'
        in (found[0])
    )
    assert found[1] == (
        'preemptionPolicy "never" is unknown; spec.template.spec.preemptionPolicy: '
        'Unsupported value: "never": supported values: "PreemptLowerPriority", "Never"'
    )


def test_valid_values_pass() -> None:
    text = daemonset("""\
        priorityClassName: system-node-critical
        preemptionPolicy: PreemptLowerPriority
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset('priorityClassName: ""\n'), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("priorityClassName: 5\npreemptionPolicy: [a]\n"), RULE) == []
