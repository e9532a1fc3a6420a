"""host-network, host-pid and host-ipc: one flag each on the pod spec."""

import pytest

from tests.helpers import findings, levels, lint
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
