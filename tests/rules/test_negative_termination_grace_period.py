from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "negative-termination-grace-period"


def test_flags_negative_value() -> None:
    text = daemonset("""\
        terminationGracePeriodSeconds: -5
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:38 negative-termination-grace-period"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; "
        "negative values are invalid and will be treated as 1)"
    )


def test_zero_and_positive_pass() -> None:
    assert findings(daemonset("terminationGracePeriodSeconds: 0\n"), RULE) == []
    assert findings(daemonset("terminationGracePeriodSeconds: 60\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset('terminationGracePeriodSeconds: "-5"\n'), RULE) == []
    assert findings(daemonset("terminationGracePeriodSeconds: true\n"), RULE) == []
