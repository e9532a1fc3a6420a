from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "duplicate-volume-name"


def test_flags_second_use_of_a_name() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - name: data
            emptyDir: {}
          - name: data
            hostPath: {path: /data}
        """)
    assert findings(text, RULE) == ["16:17 duplicate-volume-name"]
    assert messages(text, RULE) == [
        'volume name "data" is used twice; '
        'spec.template.spec.volumes[1].name: Duplicate value: "data"'
    ]


def test_distinct_names_pass() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes: [{name: data}, {name: logs}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("volumes: {}\n"), RULE) == []
    assert findings(daemonset("volumes: [5, null, {name: 3}, {name: 3}]\n"), RULE) == []
    assert findings("kind: DaemonSet\nspec: 5\n", RULE) == []
