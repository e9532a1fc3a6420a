from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-dns-config"


def test_flags_unknown_policy() -> None:
    text = daemonset("""\
        dnsPolicy: clusterFirst
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:18 invalid-dns-config"]
    assert messages(text, RULE) == [
        "pod DNS settings are invalid; spec.template.spec.dnsPolicy: Unsupported value: "
        '"clusterFirst": supported values: "ClusterFirstWithHostNet", "ClusterFirst", '
        '"Default", "None"'
    ]


def test_flags_none_without_config_or_nameservers() -> None:
    text = daemonset("""\
        dnsPolicy: None
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:18 invalid-dns-config"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.dnsConfig: Required value: "
        "must provide `dnsConfig` when `dnsPolicy` is None"
    )
    text = daemonset("""\
        dnsPolicy: None
        dnsConfig:
          searches: [cluster.local]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["13:7 invalid-dns-config"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.dnsConfig.nameservers: Required value: "
        "must provide at least one DNS nameserver when `dnsPolicy` is None"
    )


def test_flags_config_limits() -> None:
    text = daemonset("""\
        dnsConfig:
          nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, dns.example.com]
          searches: [Example.com, svc.cluster.local., "a..b"]
          options:
            - {value: "2"}
            - {name: ndots, value: "2"}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "13:9 invalid-dns-config",
        "13:50 invalid-dns-config",
        "14:20 invalid-dns-config",
        "14:53 invalid-dns-config",
        "16:14 invalid-dns-config",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        'dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "8.8.8.8", "9.9.9.9", '
        '"dns.example.com"}: must not have more than 3 nameservers'
    )
    assert found[1].endswith(
        'nameservers[3]: Invalid value: "dns.example.com": '
        "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    )
    assert 'searches[0]: Invalid value: "Example.com": a lowercase RFC 1123 subdomain' in found[2]
    assert 'searches[2]: Invalid value: "a..b"' in found[3]
    assert found[4].endswith("dnsConfig.options[0]: Required value: must not be empty")


def test_flags_too_many_searches() -> None:
    searches = ", ".join(f"d{i}.example.com" for i in range(33))
    text = daemonset(f"""\
        dnsConfig:
          searches: [{searches}]
        containers: [{{name: a, image: "a:1"}}]
        """)
    assert findings(text, RULE) == ["13:9 invalid-dns-config"]
    assert messages(text, RULE)[0].endswith("must not have more than 32 search paths")


def test_valid_settings_pass() -> None:
    text = daemonset("""\
        hostNetwork: true
        dnsPolicy: ClusterFirstWithHostNet
        dnsConfig:
          nameservers: ["2001:db8::1", 10.96.0.10]
          searches: [svc.cluster.local., _tcp.example.com, "."]
          options: [{name: ndots, value: "1"}, {name: edns0}]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        dnsPolicy: 5
        dnsConfig: {nameservers: 3, searches: {}, options: [5, null]}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("dnsPolicy: None\ndnsConfig: [1]\n"), RULE) == []
