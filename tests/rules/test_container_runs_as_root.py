from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "container-runs-as-root"


def test_flags_explicit_root_settings_on_the_container() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            securityContext:
              runAsUser: 0
              runAsGroup: 0
              runAsNonRoot: false
        """)
    assert findings(text, RULE) == [
        "16:24 container-runs-as-root",
        "17:25 container-runs-as-root",
        "18:27 container-runs-as-root",
    ]
    assert messages(text, RULE)[0] == 'container "agent" sets "runAsUser: 0"'


def test_pod_level_setting_is_reported_once_where_it_is_written() -> None:
    text = daemonset("""\
        securityContext:
          runAsUser: 0
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1}
        """)
    assert findings(text, RULE) == ["13:20 container-runs-as-root"]
    assert 'inherited by container "a"' in messages(text, RULE)[0]


def test_container_overrides_pod() -> None:
    text = daemonset("""\
        securityContext:
          runAsUser: 0
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: 1000}}
        """)
    assert findings(text, RULE) == []


def test_unset_is_reported_only_with_the_option() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1, securityContext: {runAsUser: 1000}}
          - {name: c, image: a:1, securityContext: {runAsNonRoot: true}}
        """)
    assert findings(text, RULE) == []
    config = {"rules": {RULE: {"require-run-as-non-root": True}}}
    assert findings(text, RULE, config=config) == ["13:12 container-runs-as-root"]


def test_pod_level_non_root_satisfies_the_option() -> None:
    text = daemonset("""\
        securityContext: {runAsNonRoot: true}
        initContainers:
          - {name: init, image: a:1}
        containers:
          - {name: a, image: a:1}
        """)
    config = {"rules": {RULE: {"require-run-as-non-root": True}}}
    assert findings(text, RULE, config=config) == []


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {runAsUser: "0", runAsNonRoot: "false"}
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: false, runAsGroup: 0.0}}
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("securityContext: 3\ncontainers: [1]"), RULE) == []


def test_node_agent_preset_turns_it_off() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {runAsUser: 0}}
        """)
    names = [d.name for d in lint(text, config={"extends": "node-agent"})]
    assert RULE not in names
    assert RULE in [d.name for d in lint(text)]
