from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "active-deadline-forbidden"


def test_flags_active_deadline() -> None:
    text = daemonset("""\
        activeDeadlineSeconds: 3600
        containers: [{name: agent, image: "agent:1"}]
    """)
    assert findings(text, RULE) == ["12:30 active-deadline-forbidden"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.activeDeadlineSeconds: Forbidden: "
        "activeDeadlineSeconds in DaemonSet is not Supported"
    )
    fix = lint(text, select=RULE)[0].fix
    assert [edit.delete for edit in fix] == [True]


def test_absent_or_null_passes() -> None:
    assert findings(daemonset("containers: []\n"), RULE) == []
    assert findings(daemonset("activeDeadlineSeconds: null\ncontainers: []\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings("kind: DaemonSet\nspec: {template: []}\n", RULE) == []
    text = "kind: DaemonSet\nspec: {template: {spec: {activeDeadlineSeconds: soon}}}\n"
    assert findings(text, RULE) == ["2:49 active-deadline-forbidden"]
