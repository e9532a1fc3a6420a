from tests.helpers import findings, lint
from tests.rules.pod_template import daemonset

RULE = "privileged-port"

TEXT = daemonset("""\
    containers:
      - name: a
        image: a:1
        ports:
          - {containerPort: 53, hostPort: 1053}
          - {containerPort: 8080, hostPort: 443}
    """)


def test_flags_low_container_and_host_ports() -> None:
    assert findings(TEXT, RULE) == ["16:31 privileged-port", "17:47 privileged-port"]


def test_allowed_ports_option() -> None:
    config = {"rules": {RULE: {"allowed-ports": ["53"]}}}
    assert findings(TEXT, RULE, config=config) == ["17:47 privileged-port"]


def test_off_by_default() -> None:
    assert RULE not in [d.name for d in lint(TEXT)]


def test_odd_shapes() -> None:
    text = daemonset(
        "containers: [{name: a, ports: [{containerPort: '80'}, {containerPort: 0}, 7]}]"
    )
    assert findings(text, RULE) == []
