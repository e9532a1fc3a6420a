from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "windows-host-process"


def test_pod_and_container_level() -> None:
    text = daemonset("""\
        securityContext:
          windowsOptions: {hostProcess: true}
        containers:
          - {name: a, image: a:1, securityContext: {windowsOptions: {hostProcess: true}}}
          - {name: b, image: a:1, securityContext: {windowsOptions: {hostProcess: false}}}
        """)
    assert findings(text, RULE) == ["13:39 windows-host-process", "15:81 windows-host-process"]
    assert messages(text, RULE)[1].startswith('container "a" is a Windows HostProcess')


def test_node_agent_preset_lowers_it_to_info() -> None:
    text = daemonset("securityContext: {windowsOptions: {hostProcess: true}}")
    found = [d.level for d in lint(text, config={"extends": "node-agent"}) if d.name == RULE]
    assert found == ["info"]


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {windowsOptions: true}
        containers: [{name: a, securityContext: {windowsOptions: {hostProcess: "true"}}}]
        """)
    assert findings(text, RULE) == []
