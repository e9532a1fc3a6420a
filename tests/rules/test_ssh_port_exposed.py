from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "ssh-port-exposed"


def test_flags_container_port_and_host_port_22() -> None:
    text = daemonset("""\
        containers:
          - name: sshd
            image: a:1
            ports:
              - containerPort: 22
              - {containerPort: 2222, hostPort: 22}
        """)
    assert findings(text, RULE) == ["16:30 ssh-port-exposed", "17:47 ssh-port-exposed"]
    assert messages(text, RULE)[0] == (
        'container "sshd" exposes the SSH port "containerPort: 22" on every node the DaemonSet '
        "runs on"
    )


def test_one_finding_per_port_entry_at_the_host_port() -> None:
    text = daemonset("""\
        initContainers:
          - {name: s, image: a:1, restartPolicy: Always, ports: [{containerPort: 22, hostPort: 22}]}
        """)
    assert findings(text, RULE) == ["13:94 ssh-port-exposed"]
    assert messages(text, RULE)[0].startswith('sidecar "s" exposes the SSH port "hostPort: 22"')


def test_other_ports_are_not_flagged() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            ports:
              - {name: ssh-like, containerPort: 2222, hostPort: 2222}
              - {containerPort: 9100}
        """)
    assert findings(text, RULE) == []


def test_odd_shapes() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, ports: 5}
          - {name: b, image: a:1, ports: [22, "x", {containerPort: "22"}, {hostPort: 22.0}]}
          - {name: c, image: a:1, ports: [{containerPort: true}]}
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("containers: {}"), RULE) == []
    assert findings("kind: DaemonSet\napiVersion: apps/v1\n", RULE) == []
