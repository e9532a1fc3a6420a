from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-sysctl"


def test_flags_bad_missing_and_repeated_names() -> None:
    text = daemonset("""\
        securityContext:
          sysctls:
            - {name: Net.Core.Somaxconn, value: "1"}
            - {value: "1"}
            - {name: kernel.shm_rmid_forced, value: "1"}
            - {name: kernel.shm_rmid_forced, value: "0"}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "14:20 invalid-sysctl",
        "15:14 invalid-sysctl",
        "17:20 invalid-sysctl",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        'sysctls[0].name: Invalid value: "Net.Core.Somaxconn": must have at most 253 characters '
        "and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"
    )
    assert found[1].endswith("spec.template.spec.securityContext.sysctls[1].name: Required value")
    assert found[2].endswith('sysctls[3].name: Duplicate value: "kernel.shm_rmid_forced"')


def test_flags_namespaced_sysctls_in_host_namespaces() -> None:
    text = daemonset("""\
        hostNetwork: true
        hostIPC: true
        securityContext:
          sysctls:
            - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
            - {name: net/ipv4/tcp_syncookies, value: "1"}
            - {name: kernel.msgmax, value: "65536"}
            - {name: fs.mqueue.msg_max, value: "10"}
            - {name: kernel.sem, value: "250 32000 32 128"}
            - {name: vm.max_map_count, value: "262144"}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "16:20 invalid-sysctl",
        "17:20 invalid-sysctl",
        "18:20 invalid-sysctl",
        "19:20 invalid-sysctl",
        "20:20 invalid-sysctl",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        'sysctls[0].name: Invalid value: "net.ipv4.ip_local_port_range": '
        "may not be specified when 'hostNetwork' is true"
    )
    assert found[2].endswith(
        'sysctls[2].name: Invalid value: "kernel.msgmax": '
        "may not be specified when 'hostIPC' is true"
    )


def test_namespaced_sysctls_without_host_namespaces_pass() -> None:
    text = daemonset("""\
        hostPID: true
        securityContext:
          sysctls:
            - {name: net.core.somaxconn, value: "1024"}
            - {name: kernel.shm_rmid_forced, value: "1"}
            - {name: net/ipv4/conf/eth0.100/forwarding, value: "1"}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("securityContext: {sysctls: {name: x}}\n"), RULE) == []
    assert findings(daemonset("securityContext: {sysctls: [5, {name: 7}]}\n"), RULE) == []
    assert findings(daemonset("securityContext: 3\n"), RULE) == []
