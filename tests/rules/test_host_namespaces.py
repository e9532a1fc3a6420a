"""host-network, host-pid and host-ipc: one flag each on the pod spec."""

import pytest

from tests.helpers import findings, levels, lint, messages
from tests.rules.pod_template import daemonset


@pytest.mark.parametrize(
    ("rule", "field", "level"),
    [
        ("host-network", "hostNetwork", "info"),
        ("host-pid", "hostPID", "warning"),
        ("host-ipc", "hostIPC", "warning"),
    ],
)
def test_flags_true_at_the_value(rule: str, field: str, level: str) -> None:
    text = daemonset(f"{field}: true\ncontainers: [{{name: a, image: a:1}}]")
    assert findings(text, rule) == [f"12:{len(field) + 9} {rule}"]
    assert levels(text, rule) == [level]


@pytest.mark.parametrize("rule", ["host-network", "host-pid", "host-ipc"])
def test_false_strings_and_odd_shapes_are_not_flagged(rule: str) -> None:
    for spec in (
        "hostNetwork: false\nhostPID: false\nhostIPC: false",
        'hostNetwork: "true"\nhostPID: 1',
        "[]",
    ):
        assert findings(daemonset(spec), rule) == []
    assert findings("kind: DaemonSet\nspec: {template: 5}\n", rule) == []


def test_node_agent_preset() -> None:
    text = daemonset("hostNetwork: true\nhostPID: true\nhostIPC: true\ncontainers: [{name: a}]")
    found = {d.name: d.level for d in lint(text, config={"extends": "node-agent"})}
    assert "host-network" not in found
    assert found["host-pid"] == "info"
    assert found["host-ipc"] == "warning"


def test_host_pid_is_info_when_no_container_can_act_on_host_processes() -> None:
    text = daemonset("""\
        hostPID: true
        securityContext: {runAsNonRoot: true}
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1, securityContext: {runAsUser: 1000}}
        """)
    assert levels(text, "host-pid") == ["info"]


def test_host_pid_names_the_container_that_can_act_on_host_processes() -> None:
    cases = {
        "{runAsUser: 0}": "runs as root",
        "{privileged: true}": "is privileged",
        "{capabilities: {add: [CAP_SYS_PTRACE]}}": 'adds "CAP_SYS_PTRACE"',
    }
    for context, reason in cases.items():
        text = daemonset(f"""\
            hostPID: true
            securityContext: {{runAsNonRoot: true}}
            containers:
              - {{name: a, image: a:1, securityContext: {context}}}
            """)
        assert levels(text, "host-pid") == ["warning"]
        assert f'container "a" {reason}' in messages(text, "host-pid")[0]


@pytest.mark.parametrize(("rule", "field"), [("host-pid", "hostPID"), ("host-ipc", "hostIPC")])
def test_unsafe_fix_removes_the_flag(rule: str, field: str) -> None:
    from tests.fixing import fixed

    text = daemonset(f"{field}: true   # shares the node's\ncontainers: [{{name: a, image: a:1}}]")
    assert fixed(text, rule) == daemonset("containers: [{name: a, image: a:1}]")
