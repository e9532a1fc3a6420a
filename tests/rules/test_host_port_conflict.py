from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "host-port-conflict"


def test_flags_same_host_port_in_two_containers() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            ports: [{containerPort: 8080, hostPort: 8080}]
          - name: exporter
            image: exporter:1
            ports: [{containerPort: 9100, hostPort: 8080}]
    """)
    assert findings(text, RULE) == ["18:51 host-port-conflict"]
    assert messages(text, RULE)[0] == (
        'container "exporter" claims host port 8080/TCP that container "agent" already uses; '
        'spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'
    )


def test_flags_repeat_within_one_container_with_host_ip() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            ports:
              - {containerPort: 53, hostPort: 53, protocol: UDP, hostIP: 10.0.0.1}
              - {containerPort: 54, hostPort: 53, protocol: UDP, hostIP: 10.0.0.1}
    """)
    assert findings(text, RULE) == ["17:45 host-port-conflict"]
    assert messages(text, RULE)[0].endswith('Duplicate value: "UDP/10.0.0.1/53"')
    assert "that itself already uses" in messages(text, RULE)[0]


def test_different_protocol_or_host_ip_passes() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            ports:
              - {containerPort: 53, hostPort: 53, protocol: UDP}
              - {containerPort: 53, hostPort: 53}
              - {containerPort: 54, hostPort: 53, hostIP: 127.0.0.1}
              - {containerPort: 80}
              - {containerPort: 81, hostPort: 0}
    """)
    assert findings(text, RULE) == []


def test_init_containers_are_checked_one_by_one() -> None:
    text = daemonset("""\
        initContainers:
          - {name: a, image: "a:1", ports: [{containerPort: 80, hostPort: 80}]}
          - {name: b, image: "b:1", ports: [{containerPort: 80, hostPort: 80}]}
        containers:
          - {name: c, image: "c:1", ports: [{containerPort: 80, hostPort: 80}]}
    """)
    assert findings(text, RULE) == []
    text = daemonset("""\
        initContainers:
          - name: a
            image: a:1
            ports: [{containerPort: 80, hostPort: 80}, {containerPort: 81, hostPort: 80}]
        containers: []
    """)
    assert findings(text, RULE) == ["15:84 host-port-conflict"]


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - {name: a, ports: [{hostPort: "80"}, {hostPort: "80"}, 5]}
          - {name: b, ports: {hostPort: 80}}
          - 7
    """)
    assert findings(text, RULE) == []
