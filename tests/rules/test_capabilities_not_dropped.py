from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "capabilities-not-dropped"


def test_flags_containers_that_keep_net_raw() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1}
          - name: b
            image: a:1
            securityContext:
              capabilities:
                drop: [CHOWN]
        """)
    assert findings(text, RULE) == [
        "13:12 capabilities-not-dropped",
        "18:15 capabilities-not-dropped",
    ]
    assert '"NET_RAW"' in messages(text, RULE)[0]


def test_dropping_all_or_net_raw_passes() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {capabilities: {drop: [ALL]}}}
          - {name: b, image: a:1, securityContext: {capabilities: {drop: [CAP_NET_RAW]}}}
          - {name: c, image: a:1, securityContext: {privileged: true}}
          - {name: d, image: a:1, securityContext: {capabilities: {add: [NET_RAW]}}}
        """)
    assert findings(text, RULE) == []


def test_require_drop_all_option() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {capabilities: {drop: [NET_RAW]}}}
        """)
    config = {"rules": {RULE: {"require-drop-all": True}}}
    assert findings(text, RULE, config=config) == ["13:66 capabilities-not-dropped"]
    assert '"ALL"' in messages(text, RULE, config=config)[0]


def test_off_by_default() -> None:
    text = daemonset("containers: [{name: a, image: a:1}]")
    assert RULE not in [d.name for d in lint(text)]


def test_odd_shapes() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {capabilities: {drop: ALL}}}
        """)
    assert findings(text, RULE) == ["13:72 capabilities-not-dropped"]
    assert findings(daemonset("containers: {a: 1}"), RULE) == []
