from tests.helpers import findings, levels, lint, messages
from tests.rules.pod_template import daemonset

RULE = "dangerous-capability"

TEXT = daemonset("""\
    containers:
      - name: agent
        image: a:1
        securityContext:
          capabilities:
            add: [SYS_ADMIN, NET_ADMIN, CHOWN, cap_sys_module]
    """)


def test_grades_each_added_capability_at_its_item() -> None:
    assert findings(TEXT, RULE) == [
        "17:21 dangerous-capability",
        "17:32 dangerous-capability",
        "17:50 dangerous-capability",
    ]
    assert levels(TEXT, RULE) == ["warning", "info", "warning"]
    assert messages(TEXT, RULE)[2].startswith('container "agent" adds capability "cap_sys_module"')


def test_allowed_capabilities_option() -> None:
    config = {"rules": {RULE: {"allowed-capabilities": ["CAP_SYS_ADMIN", "net_admin"]}}}
    assert findings(TEXT, RULE, config=config) == ["17:50 dangerous-capability"]


def test_node_agent_preset_accepts_network_capabilities() -> None:
    found = [d for d in lint(TEXT, config={"extends": "node-agent"}) if d.name == RULE]
    assert [d.message.split('"')[3] for d in found] == ["SYS_ADMIN", "cap_sys_module"]


def test_privileged_containers_are_skipped() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            securityContext: {privileged: true, capabilities: {add: [ALL]}}
        """)
    assert findings(text, RULE) == []


def test_default_capabilities_and_odd_shapes() -> None:
    text = daemonset("""\
        initContainers:
          - {name: i, image: a:1, securityContext: {capabilities: {add: [NET_BIND_SERVICE, 5]}}}
        containers:
          - {name: a, image: a:1, securityContext: {capabilities: {add: SYS_ADMIN}}}
          - {name: b, image: a:1, securityContext: {capabilities: [SYS_ADMIN]}}
        """)
    assert findings(text, RULE) == []
