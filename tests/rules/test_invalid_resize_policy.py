from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-resize-policy"


def test_flags_unknown_resource_and_policy() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            resizePolicy:
              - {resourceName: Memory, restartPolicy: Restart}
    """)
    assert findings(text, RULE) == [
        "16:30 invalid-resize-policy",
        "16:53 invalid-resize-policy",
    ]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].resizePolicy: Unsupported value: "Memory": '
        'supported values: "cpu", "memory"'
    )
    assert 'supported values: "NotRequired", "RestartContainer"' in messages(text, RULE)[1]


def test_flags_duplicates_and_missing_fields() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            resizePolicy:
              - {resourceName: cpu, restartPolicy: NotRequired}
              - {resourceName: cpu}
    """)
    assert findings(text, RULE) == ["17:16 invalid-resize-policy", "17:30 invalid-resize-policy"]
    assert messages(text, RULE)[0].endswith("containers[0].resizePolicy: Required value")
    assert messages(text, RULE)[1].endswith('resizePolicy[1]: Duplicate value: "cpu"')


def test_flags_init_container_but_not_sidecar() -> None:
    text = daemonset("""\
        initContainers:
          - name: setup
            image: setup:1
            resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
          - name: proxy
            image: proxy:1
            restartPolicy: Always
            resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
        containers: []
    """)
    assert findings(text, RULE) == ["15:11 invalid-resize-policy"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.initContainers[0].resizePolicy: Invalid value: "
        '[]core.ContainerResizePolicy{core.ContainerResizePolicy{ResourceName:"cpu", '
        'RestartPolicy:"NotRequired"}}: must not be set for init containers'
    )


def test_quiet_before_kubernetes_1_33() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", resizePolicy: [{resourceName: gpu}]}
    """)
    assert len(findings(text, RULE)) == 2
    assert findings(text, RULE, config={"kubernetes-version": "1.32"}) == []


def test_valid_policies_pass() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            resizePolicy:
              - {resourceName: cpu, restartPolicy: NotRequired}
              - {resourceName: memory, restartPolicy: RestartContainer}
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - {name: a, resizePolicy: {cpu: x}}
          - {name: b, resizePolicy: [5, {resourceName: 5, restartPolicy: [x]}]}
    """)
    assert findings(text, RULE) == []
