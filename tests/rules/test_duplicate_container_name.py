from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "duplicate-container-name"


def test_flags_init_container_that_repeats_a_container_name() -> None:
    text = daemonset("""\
        initContainers:
          - name: agent
            image: agent:1
        containers:
          - name: agent
            image: agent:1
    """)
    assert findings(text, RULE) == ["13:17 duplicate-container-name"]
    assert messages(text, RULE)[0] == (
        'init container "agent" has the same name as container "agent"; '
        'spec.template.spec.initContainers[0].name: Duplicate value: "agent"'
    )


def test_flags_duplicates_among_containers_and_sidecars() -> None:
    text = daemonset("""\
        containers:
          - {name: agent, image: "agent:1"}
          - {name: agent, image: "agent:1"}
        initContainers:
          - {name: proxy, image: "proxy:1", restartPolicy: Always}
          - {name: proxy, image: "proxy:1"}
    """)
    assert findings(text, RULE) == [
        "14:18 duplicate-container-name",
        "17:18 duplicate-container-name",
    ]
    assert messages(text, RULE)[1].startswith(
        'init container "proxy" has the same name as sidecar "proxy"'
    )


def test_unique_names_pass() -> None:
    text = daemonset("""\
        initContainers: [{name: setup, image: "setup:1"}]
        containers: [{name: agent, image: "agent:1"}, {name: exporter, image: "exp:1"}]
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers: [{image: a}, {image: b}, {name: ""}, {name: ""}, 7]
        initContainers: "agent"
    """)
    assert findings(text, RULE) == []
