from tests.helpers import findings, messages

RULE = "undeclared-probe-port"


def daemonset(container: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
{container}
"""


PORTS = "          ports:\n            - {name: http, containerPort: 8080}\n"


def test_flags_undeclared_http_port_name_at_its_value() -> None:
    text = daemonset(
        PORTS + "          readinessProbe:\n            httpGet: {path: /, port: health}"
    )
    assert findings(text, RULE) == ["18:38 undeclared-probe-port"]
    assert messages(text, RULE) == [
        'container "agent" readinessProbe uses port "health", which the container does not '
        "declare (it declares 'http'); the kubelet cannot resolve it, so the probe always fails"
    ]


def test_flags_tcp_socket_on_a_container_without_ports() -> None:
    text = daemonset(
        "          livenessProbe:\n            tcpSocket:\n              port: metrics"
    )
    assert findings(text, RULE) == ["17:21 undeclared-probe-port"]
    assert "(it declares no named ports)" in messages(text, RULE)[0]


def test_port_of_another_container_does_not_count() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: agent:1.0
          livenessProbe: {httpGet: {path: /, port: healthz}}
        - name: probe
          image: probe:1.0
          ports: [{name: healthz, containerPort: 9808}]
"""
    assert findings(text, RULE) == ["10:52 undeclared-probe-port"]
    assert 'container "probe" declares it' in messages(text, RULE)[0]


def test_flags_quoted_numbers_and_named_grpc_ports() -> None:
    text = daemonset(
        PORTS + "          livenessProbe: {httpGet: {port: '8080'}}\n"
        "          readinessProbe: {grpc: {port: health}}"
    )
    assert findings(text, RULE) == ["17:43 undeclared-probe-port", "18:41 undeclared-probe-port"]
    quoted, grpc = messages(text, RULE)
    assert quoted.endswith(
        'spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: "8080": '
        "must contain at least one letter (a-z)"
    )
    assert "a gRPC probe port must be a number" in grpc


def test_declared_names_and_numbers_pass() -> None:
    text = daemonset(
        PORTS + "          livenessProbe: {httpGet: {path: /, port: http}}\n"
        "          readinessProbe: {tcpSocket: {port: 8080}}\n"
        "          startupProbe: {grpc: {port: 9090}}"
    )
    assert findings(text, RULE) == []


def test_sidecars_are_checked_and_plain_init_containers_are_not() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers:
        - {name: a, livenessProbe: {tcpSocket: {port: x}}}
        - {name: b, restartPolicy: Always, livenessProbe: {tcpSocket: {port: z}}}
"""
    # (`y` would be the boolean true, as Kubernetes reads YAML.)
    assert findings(text, RULE) == ["9:78 undeclared-probe-port"]
    assert messages(text, RULE)[0].startswith('sidecar "b" livenessProbe uses port "z"')


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset(
        "          ports: 5\n          livenessProbe: {httpGet: [1], tcpSocket: {port: [a]}}\n"
        "          readinessProbe: {httpGet: {port: null}, grpc: 7}"
    )
    assert findings(text, RULE) == []
    text = daemonset(
        "          ports: [5, {name: 7}]\n          livenessProbe: {httpGet: {port: h}}"
    )
    assert findings(text, RULE) == ["16:43 undeclared-probe-port"]
    assert (
        findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: []}}\n", RULE) == []
    )


def test_fix_unquotes_numbers_and_respells_declared_names() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        PORTS
        + "          readinessProbe:\n            httpGet: {path: /, port: HTTP}\n"
        + "          livenessProbe:\n            tcpSocket:\n              port: '8080'\n"
        + '          startupProbe:\n            grpc: {port: "9090"}'
    )
    assert fixed(text, RULE) == text.replace("port: HTTP", "port: http").replace(
        "port: '8080'", "port: 8080"
    ).replace('port: "9090"', "port: 9090")
    no_fix(
        daemonset(PORTS + "          readinessProbe:\n            httpGet: {path: /, port: web}"),
        RULE,
    )
