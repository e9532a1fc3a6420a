from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "missing-security-context"


def test_flags_each_container_without_one() -> None:
    text = daemonset("""\
        initContainers:
          - {name: setup, image: a:1}
          - {name: proxy, image: a:1, restartPolicy: Always}
        containers:
          - name: agent
            image: a:1
          - name: exporter
            image: a:1
            securityContext: {}
          - name: ok
            image: a:1
            securityContext: {readOnlyRootFilesystem: true}
        """)
    assert findings(text, RULE) == [
        "14:12 missing-security-context",
        "16:11 missing-security-context",
        "18:11 missing-security-context",
    ]
    assert messages(text, RULE)[1] == (
        'container "agent" has no securityContext, and the pod sets none either'
    )
    assert messages(text, RULE)[0].startswith('sidecar "proxy"')


def test_pod_security_context_covers_the_containers() -> None:
    text = daemonset("""\
        securityContext: {runAsNonRoot: true}
        containers:
          - {name: agent, image: a:1}
        """)
    assert findings(text, RULE) == []


def test_empty_pod_security_context_does_not_count() -> None:
    text = daemonset("""\
        securityContext: {}
        containers:
          - {name: agent, image: a:1}
        """)
    assert findings(text, RULE) == ["14:12 missing-security-context"]


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: 3
        containers:
          - {name: a, image: a:1, securityContext: [runAsNonRoot]}
          - 5
        """)
    assert findings(text, RULE) == ["14:12 missing-security-context"]
    assert findings(daemonset("containers: {}"), RULE) == []
    assert findings("kind: DaemonSet\napiVersion: apps/v1\n", RULE) == []


def test_off_by_default() -> None:
    text = daemonset("containers:\n  - {name: a, image: a:1}\n")
    assert RULE not in [d.name for d in lint(text)]
