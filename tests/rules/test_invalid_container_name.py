from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-container-name"


def test_flags_name_that_is_not_a_label() -> None:
    text = daemonset("""\
        containers:
          - name: node_agent
            image: agent:1
    """)
    assert findings(text, RULE) == ["13:17 invalid-container-name"]
    assert messages(text, RULE)[0].startswith(
        'container "node_agent" name "node_agent" is not an RFC 1123 label; '
        'spec.template.spec.containers[0].name: Invalid value: "node_agent": '
        "a lowercase RFC 1123 label must consist of"
    )


def test_flags_dots_and_missing_names_in_init_containers() -> None:
    text = daemonset("""\
        initContainers:
          - name: setup.v1
            image: setup:1
          - image: other:1
        containers: [{name: agent, image: "agent:1"}]
    """)
    assert findings(text, RULE) == ["13:17 invalid-container-name", "15:11 invalid-container-name"]
    assert messages(text, RULE)[0].endswith('Invalid value: "setup.v1": must not contain dots')
    assert messages(text, RULE)[1].endswith(
        "spec.template.spec.initContainers[1].name: Required value"
    )


def test_valid_names_pass() -> None:
    text = daemonset(f"""\
        containers:
          - {{name: agent-2, image: "agent:1"}}
          - {{name: {"a" * 63}, image: "agent:1"}}
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers: [{name: 5, image: x}, "agent", null]
        initContainers: {name: X}
    """)
    assert findings(text, RULE) == []
