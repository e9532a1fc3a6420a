from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-host-aliases"


def test_flags_bad_ip_and_hostname() -> None:
    text = daemonset("""\
        hostAliases:
          - ip: registry.local
            hostnames: [Registry, ok.local]
          - hostnames: [a.local]
          - {ip: "300.1.1.1", hostnames: []}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "13:15 invalid-host-aliases",
        "14:23 invalid-host-aliases",
        "15:11 invalid-host-aliases",
        "16:16 invalid-host-aliases",
    ]
    found = messages(text, RULE)
    assert found[0] == (
        'host alias address "registry.local" is not an IP address; '
        'spec.template.spec.hostAliases[0].ip: Invalid value: "registry.local": '
        "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    )
    assert (
        'hostAliases[0].hostnames[0]: Invalid value: "Registry": a lowercase RFC 1123' in (found[1])
    )
    assert found[2].endswith(
        'hostAliases[1].ip: Invalid value: "": '
        "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    )


def test_valid_aliases_pass() -> None:
    text = daemonset("""\
        hostAliases:
          - {ip: 127.0.0.1, hostnames: [foo.local, bar.local]}
          - {ip: "::1", hostnames: [ip6.local]}
          - {ip: 010.001.002.003, hostnames: [legacy.local]}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        hostAliases: [5, {ip: 7, hostnames: a}, {ip: 1.2.3.4, hostnames: [5]}]
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("hostAliases: {ip: x}\n"), RULE) == []
