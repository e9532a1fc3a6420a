from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-restart-policy"


def test_flags_pod_restart_policy_other_than_always() -> None:
    text = daemonset("""\
        restartPolicy: OnFailure
        containers: [{name: agent, image: "agent:1"}]
    """)
    assert findings(text, RULE) == ["12:22 invalid-restart-policy"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": '
        'supported values: "Always"'
    )


def test_always_or_empty_pod_policy_passes() -> None:
    for policy in ("Always", '""'):
        text = daemonset(f"""\
            restartPolicy: {policy}
            containers: [{{name: agent, image: "agent:1"}}]
        """)
        assert findings(text, RULE) == []


def test_flags_restart_policy_on_regular_container() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            restartPolicy: Always
    """)
    assert findings(text, RULE) == ["15:26 invalid-restart-policy"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.containers[0].restartPolicy: Forbidden: "
        "may not be set for non-init containers"
    )


def test_flags_init_container_policy_other_than_always() -> None:
    text = daemonset("""\
        initContainers:
          - {name: setup, image: "setup:1", restartPolicy: Never}
          - {name: proxy, image: "proxy:1", restartPolicy: Always}
        containers: [{name: agent, image: "agent:1"}]
    """)
    assert findings(text, RULE) == ["13:58 invalid-restart-policy"]
    assert 'init container "setup"' in messages(text, RULE)[0]
    assert (
        'spec.template.spec.initContainers[0].restartPolicy: Unsupported value: "Never"'
        in messages(text, RULE)[0]
    )


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        restartPolicy: [Always]
        containers: {name: agent}
        initContainers: 5
    """)
    assert findings(text, RULE) == []
    assert findings(
        "kind: DaemonSet\nspec: {template: {spec: {restartPolicy: Never}}}\n", RULE
    ) == ["2:41 invalid-restart-policy"]


def test_the_pod_restart_policy_is_fixed_to_always() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        restartPolicy: 'OnFailure'   # keep
        containers: [{name: a, image: a:1}]
        """
    )
    assert fixed(text, RULE) == text.replace("'OnFailure'", "'Always'")
