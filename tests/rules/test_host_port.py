from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "host-port"


def test_flags_host_ports() -> None:
    text = daemonset("""\
        containers:
          - name: a
            image: a:1
            ports:
              - {containerPort: 9100, hostPort: 9100}
              - {containerPort: 8080}
              - {containerPort: 8081, hostPort: 0}
        """)
    assert findings(text, RULE) == ["16:47 host-port"]
    assert messages(text, RULE) == ['container "a" binds hostPort "9100" on every node']


def test_host_network_pods_are_left_to_host_network() -> None:
    text = daemonset("""\
        hostNetwork: true
        containers: [{name: a, ports: [{containerPort: 80, hostPort: 80}]}]
        """)
    assert findings(text, RULE) == []


def test_node_agent_preset_turns_it_off() -> None:
    text = daemonset("containers: [{name: a, ports: [{containerPort: 80, hostPort: 80}]}]")
    assert RULE not in [d.name for d in lint(text, config={"extends": "node-agent"})]


def test_odd_shapes() -> None:
    text = daemonset(
        "containers: [{name: a, ports: [5, {hostPort: '80'}, {hostPort: true}]}, {ports: 3}]"
    )
    assert findings(text, RULE) == []
