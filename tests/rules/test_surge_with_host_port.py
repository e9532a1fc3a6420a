from tests.helpers import findings, messages

RULE = "surge-with-host-port"


def manifest(rolling: str, pod: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress
spec:
  updateStrategy:
    rollingUpdate: {rolling}
  template:
    spec:
{pod}
"""


HOST_PORT = """\
      containers:
        - name: ingress
          image: ingress:1
          ports: [{containerPort: 80, hostPort: 80}]"""

HOST_NETWORK = """\
      hostNetwork: true
      containers:
        - {name: agent, image: "agent:1", ports: [{containerPort: 9100}]}"""


def test_flags_surge_with_host_port() -> None:
    text = manifest("{maxSurge: 1, maxUnavailable: 0}", HOST_PORT)
    assert findings(text, RULE) == ["7:31 surge-with-host-port"]
    assert 'container "ingress" binds host port 80' in messages(text, RULE)[0]


def test_flags_surge_with_host_network_ports() -> None:
    text = manifest('{maxSurge: "10%", maxUnavailable: "0%"}', HOST_NETWORK)
    assert findings(text, RULE) == ["7:31 surge-with-host-port"]
    assert "binds host port 9100" in messages(text, RULE)[0]


def test_no_surge_or_no_host_port_passes() -> None:
    assert findings(manifest("{maxUnavailable: 1}", HOST_PORT), RULE) == []
    assert findings(manifest("{maxSurge: 0, maxUnavailable: 1}", HOST_NETWORK), RULE) == []
    no_ports = '      containers: [{name: a, image: "a:1", ports: [{containerPort: 80}]}]'
    assert findings(manifest("{maxSurge: 1, maxUnavailable: 0}", no_ports), RULE) == []


def test_strategies_the_api_server_rejects_are_left_to_other_rules() -> None:
    assert findings(manifest("{maxSurge: 1}", HOST_PORT), RULE) == []
    text = manifest("{maxSurge: 1, maxUnavailable: 0}", HOST_PORT).replace(
        "  updateStrategy:\n", "  updateStrategy:\n    type: OnDelete\n"
    )
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest("[1]", HOST_PORT), RULE) == []
    assert findings(manifest("{maxSurge: x, maxUnavailable: 0}", HOST_PORT), RULE) == []
    odd = "      containers: [{name: a, ports: 5}, {name: b, ports: [{hostPort: '80'}, 7]}]"
    assert findings(manifest("{maxSurge: 1, maxUnavailable: 0}", odd), RULE) == []
