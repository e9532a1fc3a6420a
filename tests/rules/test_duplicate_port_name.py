from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "duplicate-port-name"


def test_flags_repeated_port_name_in_one_container() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            ports:
              - {name: metrics, containerPort: 9100}
              - {name: metrics, containerPort: 9101}
    """)
    assert findings(text, RULE) == ["17:22 duplicate-port-name"]
    assert messages(text, RULE)[0] == (
        'container "agent" declares port name "metrics" twice; '
        'spec.template.spec.containers[0].ports[1].name: Duplicate value: "metrics"'
    )


def test_same_name_in_different_containers_passes() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", ports: [{name: metrics, containerPort: 9100}]}
          - {name: b, image: "b:1", ports: [{name: metrics, containerPort: 9101}]}
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - {name: a, ports: [{name: ""}, {name: ""}, {name: 5}, {name: 5}, x]}
          - {name: b, ports: {name: x}}
    """)
    assert findings(text, RULE) == []
