from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-container-port"


def with_ports(ports: str) -> str:
    return daemonset(f"""\
        containers:
          - name: agent
            image: agent:1
            ports:
{ports}
    """)


def test_flags_port_name_with_capitals() -> None:
    text = with_ports("              - {name: Metrics, containerPort: 9100}")
    assert findings(text, RULE) == ["16:22 invalid-container-port"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].ports[0].name: Invalid value: "Metrics": '
        "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
    )


def test_flags_each_port_name_rule() -> None:
    cases = {
        "prometheus-metrics": "must be no more than 15 characters",
        "9100": "must contain at least one letter (a-z)",
        "http--alt": "must not contain consecutive hyphens",
        "-http": "must not begin or end with a hyphen",
    }
    for name, detail in cases.items():
        text = with_ports(f'              - {{name: "{name}", containerPort: 9100}}')
        assert detail in messages(text, RULE)[0], name


def test_flags_missing_and_out_of_range_ports() -> None:
    text = with_ports(
        "              - {name: a}\n"
        "              - {containerPort: 70000, hostPort: -1}\n"
        "              - {containerPort: 0}"
    )
    assert findings(text, RULE) == [
        "16:16 invalid-container-port",
        "17:31 invalid-container-port",
        "17:48 invalid-container-port",
        "18:31 invalid-container-port",
    ]
    all_messages = messages(text, RULE)
    assert all_messages[0].endswith("ports[0].containerPort: Required value")
    assert all_messages[1].endswith(
        "ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
    )
    assert "ports[1].hostPort: Invalid value: -1" in all_messages[2]


def test_flags_protocol_in_wrong_case() -> None:
    text = with_ports("              - {containerPort: 53, protocol: udp}")
    assert findings(text, RULE) == ["16:45 invalid-container-port"]
    assert messages(text, RULE)[0].endswith(
        'ports[0].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"'
    )


def test_valid_ports_pass() -> None:
    text = with_ports(
        "              - {name: metrics, containerPort: 9100, hostPort: 9100, protocol: TCP}\n"
        "              - {name: dns-udp, containerPort: 53, protocol: UDP, hostPort: 0}\n"
        '              - {containerPort: 65535, protocol: ""}'
    )
    assert findings(text, RULE) == []


def test_init_containers_are_checked() -> None:
    text = daemonset("""\
        initContainers:
          - {name: setup, image: "s:1", ports: [{containerPort: 99999}]}
        containers: []
    """)
    assert findings(text, RULE) == ["13:63 invalid-container-port"]
    assert messages(text, RULE)[0].startswith('init container "setup"')


def test_odd_shapes_do_not_raise() -> None:
    text = with_ports(
        '              - {containerPort: "8080", hostPort: "x", protocol: 6, name: 7}\n'
        "              - 8080"
    )
    assert findings(text, RULE) == []
    assert findings(daemonset("containers: [{name: a, ports: 5}]\n"), RULE) == []
