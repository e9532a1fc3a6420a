from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "low-user-id"


def test_flags_low_ids_on_the_container() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            securityContext:
              runAsUser: 1000
              runAsGroup: 101
        """)
    assert findings(text, RULE) == ["16:24 low-user-id", "17:25 low-user-id"]
    assert messages(text, RULE)[0] == (
        'container "agent" sets "runAsUser: 1000", below the minimum id 10000'
    )


def test_pod_level_value_is_reported_once_where_it_is_written() -> None:
    text = daemonset("""\
        securityContext:
          runAsUser: 1001
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1}
        """)
    assert findings(text, RULE) == ["13:20 low-user-id"]
    assert 'inherited by container "a"' in messages(text, RULE)[0]


def test_container_value_overrides_the_pod() -> None:
    text = daemonset("""\
        securityContext: {runAsUser: 1001}
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: 20000}}
        """)
    assert findings(text, RULE) == []


def test_root_and_high_ids_are_not_flagged() -> None:
    text = daemonset("""\
        securityContext: {runAsUser: 0, runAsGroup: 10000}
        containers:
          - {name: a, image: a:1, securityContext: {runAsGroup: 0}}
          - {name: b, image: a:1, securityContext: {runAsUser: 65534}}
        """)
    assert findings(text, RULE) == []


def test_min_id_option() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: 1000, runAsGroup: 999}}
        """)
    config = {"rules": {RULE: {"min-id": 1000}}}
    assert findings(text, RULE, config=config) == ["13:80 low-user-id"]


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {runAsUser: "100", runAsGroup: true}
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: 1.5, runAsGroup: -1}}
          - {name: b, image: a:1, securityContext: 7}
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("securityContext: 3\ncontainers: [1]"), RULE) == []
    assert findings(daemonset("containers: {}"), RULE) == []


def test_off_by_default() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: 1000}}
        """)
    assert RULE not in [d.name for d in lint(text)]
