from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-scheduler-name"


def test_flags_invalid_name() -> None:
    text = daemonset("""\
        schedulerName: Custom_Scheduler
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:22 invalid-scheduler-name"]
    assert (
        'spec.template.spec.schedulerName: Invalid value: "Custom_Scheduler": a lowercase'
        in (messages(text, RULE)[0])
    )


def test_valid_and_empty_names_pass() -> None:
    assert findings(daemonset("schedulerName: default-scheduler\n"), RULE) == []
    assert findings(daemonset("schedulerName: my.scheduler\n"), RULE) == []
    assert findings(daemonset('schedulerName: ""\n'), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("schedulerName: {a: b}\n"), RULE) == []
