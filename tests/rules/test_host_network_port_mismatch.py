from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "host-network-port-mismatch"


def test_flags_host_port_that_differs_on_host_network() -> None:
    text = daemonset("""\
        hostNetwork: true
        containers:
          - name: agent
            image: agent:1
            ports: [{containerPort: 8080, hostPort: 8081}]
    """)
    assert findings(text, RULE) == ["16:51 host-network-port-mismatch"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 8081: "
        "must match `containerPort` when `hostNetwork` is true"
    )


def test_equal_or_unset_host_port_passes() -> None:
    text = daemonset("""\
        hostNetwork: true
        containers:
          - name: agent
            image: agent:1
            ports: [{containerPort: 8080, hostPort: 8080}, {containerPort: 9100}]
    """)
    assert findings(text, RULE) == []


def test_without_host_network_any_host_port_passes() -> None:
    text = daemonset("""\
        containers:
          - {name: agent, image: "a:1", ports: [{containerPort: 8080, hostPort: 8081}]}
    """)
    assert findings(text, RULE) == []


def test_init_containers_are_not_checked_by_the_api_server() -> None:
    text = daemonset("""\
        hostNetwork: true
        initContainers:
          - {name: setup, image: "a:1", ports: [{containerPort: 8080, hostPort: 8081}]}
        containers: []
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        hostNetwork: "true"
        containers: [{name: a, ports: [{containerPort: 1, hostPort: 2}]}]
    """)
    assert findings(text, RULE) == []
    text = daemonset("""\
        hostNetwork: true
        containers: [{name: a, ports: [{containerPort: "1", hostPort: 2}, 3]}, {ports: 4}]
    """)
    assert findings(text, RULE) == []
