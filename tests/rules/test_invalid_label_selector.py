from tests.helpers import findings, messages

RULE = "invalid-label-selector"


def daemonset(selector: str) -> str:
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
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


def test_flags_gt_operator_with_a_hint() -> None:
    text = daemonset("    matchExpressions:\n      - {key: version, operator: Gt, values: ['2']}")
    assert findings(text, RULE) == ["8:34 invalid-label-selector"]
    assert messages(text, RULE) == [
        'selector expression on "version" uses operator "Gt" (Gt and Lt work only in node '
        'affinity): spec.selector.matchExpressions[0].operator: Invalid value: "Gt": '
        "not a valid selector operator"
    ]


def test_flags_unknown_and_missing_operators() -> None:
    text = daemonset(
        "    matchExpressions:\n      - {key: app, operator: in, values: [agent]}\n"
        "      - {key: app, values: [agent]}"
    )
    assert findings(text, RULE) == ["8:30 invalid-label-selector", "9:10 invalid-label-selector"]
    assert 'Invalid value: "": not a valid selector operator' in messages(text, RULE)[1]


def test_flags_in_without_values() -> None:
    text = daemonset(
        "    matchExpressions:\n      - {key: app, operator: In}\n"
        "      - {key: app, operator: NotIn, values: []}"
    )
    assert findings(text, RULE) == ["8:30 invalid-label-selector", "9:37 invalid-label-selector"]
    assert messages(text, RULE)[0].endswith(
        "spec.selector.matchExpressions[0].values: Required value: must be specified when "
        "`operator` is 'In' or 'NotIn'"
    )


def test_flags_exists_with_values() -> None:
    text = daemonset("    matchExpressions:\n      - {key: app, operator: Exists, values: [agent]}")
    assert findings(text, RULE) == ["8:38 invalid-label-selector"]
    assert messages(text, RULE)[0].endswith(
        "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when "
        "`operator` is 'Exists' or 'DoesNotExist'"
    )


def test_flags_invalid_keys_and_values() -> None:
    text = daemonset(
        "    matchLabels:\n      app: agent\n      bad key: x\n      tier: -edge\n"
        "    matchExpressions:\n      - {key: 'a/b/c', operator: In, values: ['ok', 'not ok']}"
    )
    assert findings(text, RULE) == [
        "9:16 invalid-label-selector",
        "10:13 invalid-label-selector",
        "12:15 invalid-label-selector",
        "12:53 invalid-label-selector",
    ]
    first, second, third, fourth = messages(text, RULE)
    assert first.startswith('selector label key "bad key" is not a valid label key: ')
    assert 'spec.selector.matchLabels: Invalid value: "bad key": name part must consist' in first
    assert 'spec.selector.matchLabels: Invalid value: "-edge": a valid label must be' in second
    assert "a qualified name must consist" in third
    assert 'spec.selector.matchExpressions[0].values[1]: Invalid value: "not ok"' in fourth


def test_flags_values_that_are_not_strings() -> None:
    text = daemonset("    matchLabels: {app: agent, version: 2, enabled: true}")
    assert findings(text, RULE) == ["7:40 invalid-label-selector", "7:52 invalid-label-selector"]
    assert messages(text, RULE)[0] == (
        'selector label "version" has value 2, which is not a string; label values are '
        "strings, so quote it"
    )


def test_valid_selectors_pass() -> None:
    text = daemonset(
        "    matchLabels: {app.kubernetes.io/name: agent, tier: ''}\n"
        "    matchExpressions:\n      - {key: app, operator: In, values: [agent]}\n"
        "      - {key: env, operator: NotIn, values: [test]}\n"
        "      - {key: zone, operator: Exists}\n      - {key: canary, operator: DoesNotExist}"
    )
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("    matchLabels: [app]\n    matchExpressions: {a: b}"), RULE) == []
    assert findings(daemonset("    matchExpressions: [5, null, [x]]"), RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: {selector: x}\n", RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\n", RULE) == []
