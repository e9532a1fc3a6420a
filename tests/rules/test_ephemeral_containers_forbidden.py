from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "ephemeral-containers-forbidden"


def test_flags_ephemeral_containers() -> None:
    text = daemonset("""\
        containers: [{name: agent, image: "agent:1"}]
        ephemeralContainers:
          - {name: debug, image: "busybox:1"}
    """)
    assert findings(text, RULE) == ["13:7 ephemeral-containers-forbidden"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.ephemeralContainers: Forbidden: "
        "ephemeral containers not allowed in pod template"
    )


def test_empty_list_passes() -> None:
    text = daemonset("""\
        containers: [{name: agent, image: "agent:1"}]
        ephemeralContainers: []
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("ephemeralContainers: {name: x}\n"), RULE) == []
    assert findings("kind: DaemonSet\nspec: 5\n", RULE) == []
