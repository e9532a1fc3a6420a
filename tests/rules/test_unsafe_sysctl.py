from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "unsafe-sysctl"


def sysctls(*names: str, extra: str = "") -> str:
    items = "\n".join(f"    - {{name: {n}, value: '1'}}" for n in names)
    return daemonset(f"{extra}securityContext:\n  sysctls:\n{items}\ncontainers: [{{name: a}}]\n")


def test_grades_unsafe_and_impossible_sysctls() -> None:
    text = sysctls("net.core.somaxconn", "vm.max_map_count", "kernel.shm_rmid_forced")
    assert findings(text, RULE) == ["14:20 unsafe-sysctl", "15:20 unsafe-sysctl"]
    assert levels(text, RULE) == ["warning", "error"]
    assert "SysctlForbidden" in messages(text, RULE)[1]


def test_host_namespaces_forbid_their_sysctls() -> None:
    text = sysctls(
        "net.ipv4.tcp_syncookies", "kernel.msgmax", extra="hostNetwork: true\nhostIPC: true\n"
    )
    assert levels(text, RULE) == ["error", "error"]
    assert "not allowed with host net enabled" in messages(text, RULE)[0]


def test_safe_set_depends_on_version() -> None:
    text = sysctls("net.ipv4.tcp_keepalive_time", "net/ipv4/tcp_rmem")
    assert findings(text, RULE) == []
    assert findings(text, RULE, config={"kubernetes-version": "1.28"}) == [
        "14:20 unsafe-sysctl",
        "15:20 unsafe-sysctl",
    ]


def test_allowed_sysctls_option() -> None:
    text = sysctls("net.core.somaxconn", "kernel.msgmax", "vm.swappiness")
    config = {
        "rules": {RULE: {"allowed-sysctls": ["net.core.*", "kernel/msgmax", "vm.swappiness"]}}
    }
    assert levels(text, RULE, config=config) == ["error"]  # not namespaced: no kubelet allows it


def test_odd_shapes() -> None:
    text = daemonset("securityContext: {sysctls: [5, {name: 3}, {value: x}, {name: ''}]}")
    assert findings(text, RULE) == []
    assert findings(daemonset("securityContext: {sysctls: {name: vm.x}}"), RULE) == []
