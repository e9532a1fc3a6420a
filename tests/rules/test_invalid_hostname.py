from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-hostname"


def test_flags_hostname_and_subdomain() -> None:
    text = daemonset("""\
        hostname: node.agent
        subdomain: Agents
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:17 invalid-hostname", "13:18 invalid-hostname"]
    found = messages(text, RULE)
    assert found[0] == (
        'pod hostname "node.agent" is not a valid RFC 1123 label; '
        'spec.template.spec.hostname: Invalid value: "node.agent": must not contain dots'
    )
    assert (
        'spec.template.spec.subdomain: Invalid value: "Agents": a lowercase RFC 1123 label'
        in (found[1])
    )


def test_flags_too_long_hostname() -> None:
    text = daemonset(f"hostname: {'a' * 64}\n")
    assert findings(text, RULE) == ["12:17 invalid-hostname"]
    assert messages(text, RULE)[0].endswith("must be no more than 63 characters")


def test_valid_and_empty_values_pass() -> None:
    text = daemonset("""\
        hostname: agent-0
        subdomain: ""
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("hostname: 5\nsubdomain: [a]\n"), RULE) == []
