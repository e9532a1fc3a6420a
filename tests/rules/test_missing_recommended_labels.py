from tests.helpers import findings, levels, messages

RULE = "missing-recommended-labels"


def daemonset(labels: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
{labels}spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_missing_recommended_labels_at_labels() -> None:
    text = daemonset("    app: agent\n")
    assert findings(text, RULE) == ["5:3 missing-recommended-labels"]
    assert levels(text, RULE) == ["info"]
    assert '"app.kubernetes.io/name", "app.kubernetes.io/instance"' in messages(text, RULE)[0]


def test_recommended_labels_present_pass() -> None:
    text = daemonset("    app.kubernetes.io/name: agent\n    app.kubernetes.io/instance: prod\n")
    assert findings(text, RULE) == []


def test_required_labels_option_is_a_warning() -> None:
    config = {"rules": {RULE: {"required-labels": ["team"], "recommended-labels": []}}}
    text = daemonset("    app: agent\n")
    assert findings(text, RULE, config=config) == ["5:3 missing-recommended-labels"]
    assert levels(text, RULE, config=config) == ["warning"]
    assert '"team"' in messages(text, RULE, config=config)[0]
    assert findings(daemonset("    team: nodes\n"), RULE, config=config) == []


def test_a_required_label_is_not_also_recommended() -> None:
    config = {"rules": {RULE: {"required-labels": ["app.kubernetes.io/name"]}}}
    text = daemonset("    app: agent\n")
    assert sorted(levels(text, RULE, config=config)) == ["info", "warning"]
    recommended = [m for m in messages(text, RULE, config=config) if "recommended" in m]
    assert recommended == [
        'DaemonSet "agent" lacks the recommended label(s) "app.kubernetes.io/instance"'
    ]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("    - a\n"), RULE) == ["5:3 missing-recommended-labels"]
    assert findings("kind: DaemonSet\nmetadata: {name: x}\n", RULE) == [
        "2:1 missing-recommended-labels"
    ]
