from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-probe-settings"


def test_flags_negative_timings() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            livenessProbe:
              tcpSocket: {port: 8080}
              initialDelaySeconds: -1
              timeoutSeconds: 0
              periodSeconds: -10
              failureThreshold: -3
        """)
    assert findings(text, RULE) == [
        "17:34 invalid-probe-settings",
        "19:28 invalid-probe-settings",
        "20:31 invalid-probe-settings",
    ]
    found = messages(text, RULE)
    assert found[0] == (
        'container "agent" livenessProbe is invalid; '
        "spec.template.spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: "
        "must be greater than or equal to 0"
    )


def test_flags_probe_grace_period() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            readinessProbe:
              exec: {command: [cat, /ready]}
              terminationGracePeriodSeconds: 10
            livenessProbe:
              exec: {command: [cat, /alive]}
              terminationGracePeriodSeconds: 0
            startupProbe:
              exec: {command: [cat, /started]}
              terminationGracePeriodSeconds: 5
        """)
    assert findings(text, RULE) == ["17:44 invalid-probe-settings", "20:44 invalid-probe-settings"]
    found = messages(text, RULE)
    assert found[0].endswith(
        "readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: "
        "must not be set for readinessProbes"
    )
    assert found[1].endswith(
        "livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0"
    )


def test_flags_handler_settings() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            livenessProbe:
              httpGet:
                port: 70000
                scheme: https
                httpHeaders: [{name: X_Token, value: a}, {name: X-Ok, value: b}]
            readinessProbe:
              grpc: {service: agent}
            startupProbe:
              exec: {command: []}
          - name: sidecar-like
            image: a:1
            livenessProbe:
              tcpSocket: {port: -1}
        """)
    assert findings(text, RULE) == [
        "17:21 invalid-probe-settings",
        "18:23 invalid-probe-settings",
        "19:36 invalid-probe-settings",
        "21:13 invalid-probe-settings",
        "23:20 invalid-probe-settings",
        "27:31 invalid-probe-settings",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        "livenessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive"
    )
    assert found[1].endswith(
        'httpGet.scheme: Unsupported value: "https": supported values: "HTTP", "HTTPS"'
    )
    assert 'httpGet.httpHeaders: Invalid value: "X_Token": a valid HTTP header' in found[2]
    assert found[3].endswith(
        "readinessProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive"
    )
    assert found[4].endswith("startupProbe.exec.command: Required value")


def test_valid_probes_and_named_ports_pass() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            livenessProbe:
              httpGet: {port: metrics, scheme: HTTPS, path: /healthz}
              initialDelaySeconds: 0
              periodSeconds: 10
              terminationGracePeriodSeconds: 30
            readinessProbe:
              tcpSocket: {port: "8080"}
              successThreshold: 3
            startupProbe:
              grpc: {port: 9090, service: agent}
        """)
    assert findings(text, RULE) == []


def test_sidecar_is_checked_plain_init_is_not() -> None:
    text = daemonset("""\
        initContainers:
          - name: side
            image: a:1
            restartPolicy: Always
            readinessProbe: {tcpSocket: {port: 0}}
          - name: init
            image: a:1
            readinessProbe: {tcpSocket: {port: 0}}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["16:46 invalid-probe-settings"]
    assert messages(text, RULE)[0].startswith('sidecar "side" readinessProbe is invalid')


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            livenessProbe: {httpGet: 5, tcpSocket: [], grpc: {port: x}, periodSeconds: "-1"}
            readinessProbe: [1, 2]
            startupProbe: {exec: {command: 5}, httpGet: {httpHeaders: {name: x}}}
          - 5
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("containers: {}\n"), RULE) == []
