from tests.helpers import findings, levels
from tests.rules.pod_template import daemonset

RULE = "host-network-without-cluster-dns"


def test_explicit_cluster_first_is_a_warning() -> None:
    text = daemonset("hostNetwork: true\ndnsPolicy: ClusterFirst\ncontainers: [{name: a}]")
    assert findings(text, RULE) == ["13:18 host-network-without-cluster-dns"]
    assert levels(text, RULE) == ["warning"]


def test_unset_policy_only_with_the_option() -> None:
    text = daemonset("hostNetwork: true\ncontainers: [{name: a}]")
    assert findings(text, RULE) == []
    config = {"rules": {RULE: {"report-unset": True}}}
    assert findings(text, RULE, config=config) == ["12:20 host-network-without-cluster-dns"]
    assert levels(text, RULE, config=config) == ["info"]


def test_deliberate_policies_and_pod_network_pass() -> None:
    config = {"rules": {RULE: {"report-unset": True}}}
    for spec in (
        "hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet",
        "hostNetwork: true\ndnsPolicy: Default",
        "hostNetwork: true\ndnsPolicy: None",
        "dnsPolicy: ClusterFirst",
        "hostNetwork: 'true'",
    ):
        assert findings(daemonset(spec), RULE, config=config) == []
