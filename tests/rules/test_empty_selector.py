from tests.helpers import findings, messages

RULE = "empty-selector"


def daemonset(selector: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {selector}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


def test_flags_empty_selector_at_its_key() -> None:
    assert findings(daemonset("{}"), RULE) == ["6:3 empty-selector"]
    assert "empty selector is invalid for daemonset" in messages(daemonset("{}"), RULE)[0]


def test_flags_selector_with_only_empty_parts() -> None:
    assert findings(daemonset("{matchLabels: {}, matchExpressions: []}"), RULE) == [
        "6:3 empty-selector"
    ]
    assert findings(daemonset("{matchLabels: null}"), RULE) == ["6:3 empty-selector"]


def test_block_style() -> None:
    text = daemonset("\n    matchLabels: {}")
    assert findings(text, RULE) == ["6:3 empty-selector"]


def test_non_empty_selectors_pass() -> None:
    assert findings(daemonset("{matchLabels: {app: agent}}"), RULE) == []
    assert findings(daemonset("{matchExpressions: [{key: app, operator: Exists}]}"), RULE) == []


def test_missing_and_wrongly_typed_selectors_are_other_rules() -> None:
    assert findings(daemonset("null"), RULE) == []
    assert findings(daemonset("[]"), RULE) == []
    assert findings(daemonset("{matchLabels: [app]}"), RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: 5\n", RULE) == []
