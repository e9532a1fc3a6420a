from tests.helpers import findings, messages

RULE = "selector-does-not-match-labels"


def daemonset(selector: str, labels: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
{selector}
  template:
    metadata:
      labels:
{labels}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


MATCH_APP = "    matchLabels:\n      app: agent"


def test_flags_match_labels_value_that_differs() -> None:
    text = daemonset(MATCH_APP, "        app: log-agent")
    assert findings(text, RULE) == ["8:12 selector-does-not-match-labels"]
    assert messages(text, RULE) == [
        'selector requires label "app: agent" but the pod template has "app: log-agent": '
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"log-agent"}: '
        "`selector` does not match template `labels`"
    ]


def test_flags_match_labels_key_missing_from_template() -> None:
    text = daemonset(MATCH_APP + "\n      tier: node", "        app: agent")
    assert findings(text, RULE) == ["9:13 selector-does-not-match-labels"]
    assert 'has no label "tier"' in messages(text, RULE)[0]


def test_flags_in_and_exists_expressions() -> None:
    selector = """\
    matchExpressions:
      - {key: app, operator: In, values: [agent, collector]}
      - {key: zone, operator: Exists}
      - {key: tier, operator: In, values: [node]}"""
    text = daemonset(selector, "        app: collector\n        tier: edge")
    assert findings(text, RULE) == [
        "9:10 selector-does-not-match-labels",
        "10:10 selector-does-not-match-labels",
    ]
    first, second = messages(text, RULE)
    assert first.startswith('selector requires label "zone" but the pod template has no label')
    assert second.startswith(
        'selector requires "tier" in [node] but the pod template has "tier: edge"'
    )


def test_not_in_and_does_not_exist_point_at_the_template_label() -> None:
    selector = """\
    matchLabels: {app: agent}
    matchExpressions:
      - {key: env, operator: NotIn, values: [test]}
      - {key: canary, operator: DoesNotExist}"""
    labels = "        app: agent\n        env: test\n        canary: 'yes'"
    text = daemonset(selector, labels)
    assert findings(text, RULE) == [
        "15:14 selector-does-not-match-labels",
        "16:17 selector-does-not-match-labels",
    ]
    assert messages(text, RULE)[0].startswith(
        'pod template label "env: test" is excluded by the selector, '
        'which requires "env" not in [test]'
    )


def test_matching_selectors_pass() -> None:
    selector = """\
    matchLabels: {app: agent}
    matchExpressions:
      - {key: tier, operator: In, values: [node, edge]}
      - {key: env, operator: NotIn, values: [test]}
      - {key: app, operator: Exists}
      - {key: canary, operator: DoesNotExist}"""
    assert findings(daemonset(selector, "        app: agent\n        tier: edge"), RULE) == []


def test_missing_labels_flag_every_selector_entry() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent, tier: node}}
  template: {spec: {containers: []}}
"""
    assert findings(text, RULE) == [
        "5:33 selector-does-not-match-labels",
        "5:46 selector-does-not-match-labels",
    ]
    assert "Invalid value: map[string]string(nil)" in messages(text, RULE)[0]


def test_invalid_empty_and_missing_selectors_are_left_to_other_rules() -> None:
    labels = "        app: other"
    assert (
        findings(daemonset("    matchExpressions: [{key: app, operator: Gt}]", labels), RULE) == []
    )
    assert (
        findings(daemonset("    matchExpressions: [{key: app, operator: In}]", labels), RULE) == []
    )
    assert findings(daemonset("    matchLabels: {}", labels), RULE) == []
    assert findings(daemonset("    matchLabels: [app]", labels), RULE) == []
    assert findings(daemonset("    matchExpressions: {key: app}", labels), RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {selector: 5}\n", RULE) == []


def test_list_items() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      selector: {matchLabels: {app: a}}
      template: {metadata: {labels: {app: b}}}
"""
    assert findings(text, RULE) == ["8:37 selector-does-not-match-labels"]
