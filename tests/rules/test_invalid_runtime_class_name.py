from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-runtime-class-name"


def test_flags_invalid_and_empty_names() -> None:
    text = daemonset("""\
        runtimeClassName: Nvidia
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:25 invalid-runtime-class-name"]
    assert (
        'spec.template.spec.runtimeClassName: Invalid value: "Nvidia": a lowercase'
        in (messages(text, RULE)[0])
    )
    assert findings(daemonset('runtimeClassName: ""\n'), RULE) == [
        "12:25 invalid-runtime-class-name"
    ]


def test_valid_or_absent_names_pass() -> None:
    assert findings(daemonset("runtimeClassName: nvidia\n"), RULE) == []
    assert findings(daemonset("runtimeClassName: null\n"), RULE) == []
    assert findings(daemonset("hostNetwork: true\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("runtimeClassName: 5\n"), RULE) == []
